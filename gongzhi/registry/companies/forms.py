"""Forms parse the posted values only; the services check the rules and name bad fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.registry.models import CompanyStaff, PropertyCompany

DATE = DateInput()


class CompanyForm(DomainErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    uscc = forms.CharField(
        label=_("Unified social credit code"),
        max_length=40,
        required=False,
        help_text=_("18 characters; the check digit is verified."),
    )
    legal_representative = forms.CharField(
        label=_("Legal representative"), max_length=64, required=False
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=32, required=False)
    address = forms.CharField(label=_("Address"), max_length=255, required=False)
    email = forms.CharField(label=_("E-mail"), max_length=254, required=False)
    established_on = forms.DateField(label=_("Established on"), required=False, widget=DATE)

    def __init__(self, *args: object, editable: frozenset[str] | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if editable is not None:
            for name in list(self.fields):
                if name not in editable:
                    del self.fields[name]

    @classmethod
    def initial_for(cls, company: PropertyCompany) -> dict[str, object]:
        return {name: getattr(company, name) for name in cls.base_fields}


class FilingNoteForm(DomainErrorsMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class QualificationForm(DomainErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Qualification"), max_length=100, required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=64, required=False
    )
    issued_by = forms.CharField(label=_("Issued by"), max_length=100, required=False)
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DATE)
    document = forms.FileField(
        label=_("Scan"), required=False, help_text=_("PDF or image (PNG, JPEG, GIF, WebP).")
    )


class StaffForm(DomainErrorsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=64, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=CompanyStaff.Role.choices)
    specialty = forms.CharField(label=_("Specialty"), max_length=64, required=False)
    certificate_number = forms.CharField(
        label=_("Certificate number"), max_length=64, required=False
    )
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)


class StreetReportForm(DomainErrorsMixin, forms.Form):
    street = forms.TypedChoiceField(label=_("Street"), coerce=int, choices=())
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def __init__(self, *args: object, streets: list[tuple[int, str]] = (), **kwargs: object):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["street"].choices = list(streets)  # type: ignore[attr-defined]
