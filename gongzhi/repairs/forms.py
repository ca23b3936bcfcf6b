"""Forms of the repair pages; the rules themselves are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DomainErrorsMixin, limit_choices
from gongzhi.registry.models import CompanyStaff, ExclusivePart, Project
from gongzhi.repairs.models import Category, Place


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos in one input (a phone's camera or album); the service checks each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos"))
        kwargs.setdefault("help_text", _("Up to 9 photos, 5 MB each."))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(PhotosField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


class DateTimeLocalInput(forms.DateTimeInput):
    """A phone's native date-and-time picker."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("format", "%Y-%m-%dT%H:%M")
        super().__init__(**kwargs)


class HomeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.project.name} {obj.number}"


class RepairForm(DomainErrorsMixin, forms.Form):
    place = forms.ChoiceField(
        label=_("Where"), choices=Place.choices, widget=forms.RadioSelect, initial=Place.HOME
    )
    part = HomeChoiceField(
        queryset=ExclusivePart.objects.none(), label=_("My home"), required=False
    )
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(), label=_("Project"), required=False
    )
    location = forms.CharField(
        label=_("Where exactly"),
        max_length=200,
        required=False,
        help_text=_("For a common part: building, unit, floor or spot, e.g. 3栋2单元电梯"),
    )
    category = forms.ChoiceField(label=_("What needs repairing"), choices=Category.choices)
    description = forms.CharField(
        label=_("Describe the problem"), widget=forms.Textarea(attrs={"rows": 3})
    )
    appointment_at = forms.DateTimeField(
        label=_("Preferred time for the visit"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    photos = PhotosField()

    def __init__(
        self, *args: Any, parts: QuerySet[ExclusivePart], projects: QuerySet[Project], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        part = self.fields["part"]
        project = self.fields["project"]
        assert isinstance(part, forms.ModelChoiceField)
        assert isinstance(project, forms.ModelChoiceField)
        part.queryset = parts
        project.queryset = projects
        if parts.count() == 1:
            part.initial = parts.first()
        if projects.count() == 1:
            project.initial = projects.first()


class DispatchForm(DomainErrorsMixin, forms.Form):
    worker = forms.ModelChoiceField(queryset=CompanyStaff.objects.none(), label=_("Worker"))
    appointment_at = forms.DateTimeField(
        label=_("Appointment"),
        required=False,
        widget=DateTimeLocalInput(),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    note = forms.CharField(label=_("Note to the owner"), max_length=500, required=False)

    def __init__(self, *args: Any, workers: QuerySet[CompanyStaff], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, worker=workers)


class CompleteForm(DomainErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    photos = PhotosField(label=_("Photos of the finished work"))


class RateForm(DomainErrorsMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Your rating"),
        coerce=int,
        choices=[(n, "★" * n) for n in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)


class ReasonForm(DomainErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why are you not satisfied?"), widget=forms.Textarea(attrs={"rows": 2})
    )
