"""Forms of the complaint pages; the rules themselves are checked by the services."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import RegexValidator
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints.models import Channel, Party
from gongzhi.core.forms import DateInput, DomainErrorsMixin, limit_choices
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.registry.models import Project
from gongzhi.rules.complaints import Responsibility


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several photos in one input; each is checked by the service (images, size)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)] if data else []


def _categories(items: tuple[Responsibility, ...], language: str) -> list[tuple[str, str]]:
    return [(item.code, item.label(language)) for item in items]


class OwnerComplaintForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=_("Project"))
    place = forms.CharField(
        label=_("Where exactly"),
        max_length=200,
        required=False,
        help_text=_("Building, unit, floor or spot, e.g. 1栋1单元电梯"),
    )
    category = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(
        label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    photos = MultipleFileField(
        label=_("Photos"), required=False, help_text=_("Up to 9 photos, 5 MB each.")
    )
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)

    def __init__(
        self,
        *args: Any,
        projects: QuerySet[Project],
        categories: tuple[Responsibility, ...],
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, project=projects, category=_categories(categories, language))


class StaffComplaintForm(DomainErrorsMixin, forms.Form):
    """A 12345 work order or a patrol finding entered by an official."""

    FIELD_MAP = {"node": "node"}

    channel = forms.ChoiceField(
        label=_("Source"),
        choices=[(Channel.HOTLINE, Channel.HOTLINE.label), (Channel.PATROL, Channel.PATROL.label)],
    )
    hotline_number = forms.CharField(
        label=_("12345 work-order number"), max_length=32, required=False
    )
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(), label=_("Project"), required=False
    )
    node = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.none(),
        label=_("Street or community (when no project)"),
        required=False,
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    category = forms.ChoiceField(label=_("Category"))
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000
    )
    contact_name = forms.CharField(label=_("Caller"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("Call-back phone"), max_length=20, required=False)
    photos = MultipleFileField(label=_("Photos"), required=False)

    def __init__(
        self,
        *args: Any,
        projects: QuerySet[Project],
        nodes: QuerySet[Jurisdiction],
        categories: tuple[Responsibility, ...],
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(
            self, project=projects, node=nodes, category=_categories(categories, language)
        )


class NoteForm(forms.Form):
    public_note = forms.CharField(
        label=_("Note to the complainant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    internal_note = forms.CharField(
        label=_("Internal note (officials only)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResolveForm(NoteForm):
    substantiated = forms.TypedChoiceField(
        label=_("Complaint against the company"),
        required=False,
        choices=[("", "—"), ("1", _("Substantiated")), ("0", _("Not substantiated"))],
        coerce=lambda v: v == "1",
        empty_value=None,
    )


class ConfirmForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Satisfaction"),
        choices=[(str(n), str(n)) for n in range(5, 0, -1)],
        coerce=int,
    )
    public_note = forms.CharField(label=_("Comment"), required=False, max_length=500)


class TransferForm(DomainErrorsMixin, forms.Form):
    party = forms.ChoiceField(label=_("Transfer to"), choices=Party.choices)
    department = forms.ModelChoiceField(
        queryset=Department.objects.none(), label=_("Department"), required=False
    )
    tier_node = forms.ModelChoiceField(
        queryset=Jurisdiction.objects.none(), label=_("Tier"), required=False
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(
        self,
        *args: Any,
        departments: QuerySet[Department],
        tiers: QuerySet[Jurisdiction],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        limit_choices(self, department=departments, tier_node=tiers)


class SuperviseForm(forms.Form):
    note = forms.CharField(label=_("Supervision note"), widget=forms.Textarea(attrs={"rows": 2}))
    due = forms.DateField(label=_("New deadline"), widget=DateInput())


BLANK: list[tuple[str, Any]] = [("", "---------")]


class ResponsibilityRowForm(forms.Form):
    """One category of the responsibility list (seed 003 §五): who handles it and why.

    The code of an existing row is shown but not editable (complaints already filed
    carry it); a new row takes a code. The department kind is required exactly when the
    party is a functional department, as the parser (``rules.complaints``) demands.
    """

    code = forms.CharField(
        label=_("Code"),
        max_length=48,
        validators=[
            RegexValidator(
                r"^[a-z][a-z0-9_]{1,47}$",
                _("Use 2–48 lower-case letters, digits or _, starting with a letter."),
            )
        ],
    )
    label_zh = forms.CharField(label=_("Chinese label"), max_length=64)
    label_en = forms.CharField(label=_("English label"), max_length=100)
    party = forms.ChoiceField(label=_("Responsible party"), choices=[*BLANK, *Party.choices])
    department_kind = forms.ChoiceField(
        label=_("Department kind"),
        choices=[*BLANK, *Department.Kind.choices],
        required=False,
        help_text=_("Only when the party is a functional department."),
    )
    source = forms.CharField(label=_("Source"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An existing row keeps its code: a disabled field takes its initial value.
        self.fields["code"].disabled = bool(self.initial.get("code"))
        self.fields["party"].widget.attrs["data-party"] = "1"

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("party") == Party.DEPARTMENT:
            if not data.get("department_kind"):
                self.add_error(
                    "department_kind",
                    _("Choose the kind of functional department that handles this category."),
                )
        else:
            data["department_kind"] = ""
        return data

    def entry(self) -> dict[str, str]:
        """The row as an entry of the list the parser reads."""
        data = self.cleaned_data
        entry = {key: data[key] for key in ("code", "label_zh", "label_en", "party", "source")}
        if data.get("department_kind"):
            entry["department_kind"] = data["department_kind"]
        return entry


class BaseResponsibilityFormSet(forms.BaseFormSet):
    """The whole list: codes unique, at least one row left after removals."""

    def kept(self) -> list[ResponsibilityRowForm]:
        """The rows that stay (not marked for removal, not left blank), in order."""
        return [
            cast(ResponsibilityRowForm, form)
            for form in self.forms
            if form.has_changed() or form.initial
            if not (self.can_delete and form.cleaned_data.get(forms.formsets.DELETION_FIELD_NAME))
        ]

    def clean(self) -> None:
        seen: set[str] = set()
        for form in self.kept():
            code = form.cleaned_data.get("code")
            if code and code in seen:
                form.add_error("code", _("This code is already used by another row."))
            elif code:
                seen.add(code)
        if not self.kept():
            raise forms.ValidationError(_("The list needs at least one category."))

    def entries(self) -> list[dict[str, str]]:
        return [form.entry() for form in self.kept()]


_RowsFormSet = forms.formset_factory(
    ResponsibilityRowForm, formset=BaseResponsibilityFormSet, extra=0, can_delete=True
)


def responsibility_formset(
    data: Any = None, *, initial: list[dict[str, str]], prefix: str
) -> BaseResponsibilityFormSet:
    """The table editor's formset: one row per entry of ``initial`` (the list in force)."""
    return cast(BaseResponsibilityFormSet, _RowsFormSet(data, initial=initial, prefix=prefix))
