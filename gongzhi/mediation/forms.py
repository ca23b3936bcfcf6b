"""Forms of the mediation pages; the rules are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints.models import Complaint
from gongzhi.core.forms import DateInput, DomainErrorsMixin, limit_choices
from gongzhi.registry.models import Owner, Project
from gongzhi.rules.identity import mask_phone


def _owner_label(owner: Owner) -> str:
    return f"{owner.name} {mask_phone(owner.phone) if owner.phone else ''}".strip()


class CaseForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=_("Project"))
    complaint = forms.ModelChoiceField(
        queryset=Complaint.objects.none(), label=_("From complaint"), required=False
    )
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    owners = forms.ModelMultipleChoiceField(
        queryset=Owner.objects.none(),
        label=_("Owners who are parties"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    with_company = forms.BooleanField(label=_("The property company is a party"), required=False)
    with_committee = forms.BooleanField(label=_("The owners' committee is a party"), required=False)
    other_name = forms.CharField(label=_("Other party"), max_length=200, required=False)
    other_phone = forms.CharField(label=_("Other party's phone"), max_length=32, required=False)

    FIELD_MAP = {"project_id": "project", "complaint_id": "complaint"}

    def __init__(
        self,
        *args: Any,
        projects: QuerySet[Project],
        owners: QuerySet[Owner] | None = None,
        complaints: QuerySet[Complaint] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self,
            project=projects,
            owners=owners if owners is not None else Owner.objects.none(),
            complaint=complaints if complaints is not None else Complaint.objects.none(),
        )
        owner_field = self.fields["owners"]
        assert isinstance(owner_field, forms.ModelMultipleChoiceField)
        owner_field.label_from_instance = _owner_label  # type: ignore[method-assign,assignment]

    def parties(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        out: list[dict[str, Any]] = [{"kind": "owner", "owner_id": o.pk} for o in data["owners"]]
        if data["with_company"]:
            out.append({"kind": "company"})
        if data["with_committee"]:
            out.append({"kind": "committee"})
        if data["other_name"].strip():
            out.append({"kind": "other", "name": data["other_name"], "phone": data["other_phone"]})
        return out


class SessionForm(DomainErrorsMixin, forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200)
    mediators = forms.CharField(label=_("Mediators"), max_length=255)
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DocumentForm(forms.Form):
    file = forms.FileField(
        label=_("Signed mediation agreement"), help_text=_("PDF or image (PNG, JPEG, GIF, WebP).")
    )
