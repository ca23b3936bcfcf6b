"""Forms of the contract pages; the rules themselves are checked by the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.contracts.models import ContractAttachment, ServiceContract
from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.registry.models import Project


def _project_label(project: Project) -> str:
    return f"{project.name} · {project.community.name}"


class ContractForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=_("Project"))
    kind = forms.ChoiceField(label=_("Contract kind"), choices=ServiceContract.Kind.choices)
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    term_start = forms.DateField(label=_("Term start"), widget=DateInput())
    term_end = forms.DateField(label=_("Term end"), widget=DateInput())
    service_grade = forms.ChoiceField(
        label=_("Service grade"), choices=ServiceContract.Grade.choices
    )
    fee_per_m2_month = forms.DecimalField(
        label=_("Fee standard (yuan per m² per month)"),
        max_digits=8,
        decimal_places=2,
        min_value=Decimal("0.01"),
    )
    fee_mode = forms.ChoiceField(label=_("Fee mode"), choices=ServiceContract.FeeMode.choices)

    # service field name → form field name
    FIELD_MAP = {"project_id": "project", "company": "__all__", "attachments": "__all__"}

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = projects
        field.label_from_instance = _project_label  # type: ignore[method-assign,assignment]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("term_start"), data.get("term_end")
        if start and end and end <= start:
            self.add_error("term_end", _("The term must end after it starts."))
        return data

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["project_id"] = data.pop("project").pk
        return data


class AttachmentForm(DomainErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document kind"), choices=ContractAttachment.Kind.choices)
    file = forms.FileField(label=_("File"), help_text=_("PDF or image (PNG, JPEG, GIF, WebP)."))


class ReturnForm(forms.Form):
    note = forms.CharField(label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 2}))
