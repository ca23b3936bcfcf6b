"""Forms of the old-project pages; the rules run in the services (one place)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import pgettext_lazy

from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.oldprojects.models import BASIC_LABELS, ServiceMode
from gongzhi.registry.models import Project, PropertyCompany


def _basics_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=list(BASIC_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ServiceForm(DomainErrorsMixin, forms.Form):
    mode = forms.ChoiceField(
        label=pgettext_lazy("oldprojects", "service mode"), choices=ServiceMode.choices
    )
    basics = _basics_field(pgettext_lazy("oldprojects", "Basic services in place (五有)"))
    checked_on = forms.DateField(label=pgettext_lazy("oldprojects", "checked on"), widget=DateInput)
    note = forms.CharField(
        label=pgettext_lazy("oldprojects", "remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class SubsidyForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(
        queryset=Project.objects.none(), label=pgettext_lazy("oldprojects", "project")
    )
    year = forms.IntegerField(
        label=pgettext_lazy("oldprojects", "year"), min_value=2000, max_value=2100
    )
    month_from = forms.IntegerField(
        label=pgettext_lazy("oldprojects", "first month"), min_value=1, max_value=12
    )
    month_to = forms.IntegerField(
        label=pgettext_lazy("oldprojects", "last month"), min_value=1, max_value=12
    )
    area_m2 = forms.DecimalField(
        label=pgettext_lazy("oldprojects", "managed area (m²)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=pgettext_lazy(
            "oldprojects", "Leave empty to use the project's registered building area."
        ),
    )
    note = forms.CharField(
        label=pgettext_lazy("oldprojects", "company's remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, projects: QuerySet[Project], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["project"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = projects

    def add_domain_errors(self, fields: Any, message: Any = None) -> None:
        placed = {("project" if k == "project_id" else k): v for k, v in fields.items()}
        super().add_domain_errors(placed, message)


class CheckForm(forms.Form):
    basics = _basics_field(pgettext_lazy("oldprojects", "Basic services found on site (五有)"))
    note = forms.CharField(
        label=pgettext_lazy("oldprojects", "street's findings"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ApproveForm(forms.Form):
    rate = forms.CharField(
        label=pgettext_lazy("oldprojects", "rate in yuan per m² a month"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class PayForm(forms.Form):
    paid_on = forms.DateField(
        label=pgettext_lazy("oldprojects", "paid on"), widget=DateInput, required=False
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label=pgettext_lazy("oldprojects", "reason for rejection"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RewardForm(DomainErrorsMixin, forms.Form):
    company = forms.ModelChoiceField(
        queryset=PropertyCompany.objects.none(), label=pgettext_lazy("oldprojects", "company")
    )
    year = forms.IntegerField(
        label=pgettext_lazy("oldprojects", "year"), min_value=2000, max_value=2100
    )
    amount = forms.CharField(
        label=pgettext_lazy("oldprojects reward", "reward in yuan"),
        max_length=14,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    note = forms.CharField(
        label=pgettext_lazy("oldprojects", "remarks"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    FIELD_MAP = {"company_id": "company"}

    def __init__(self, *args: Any, companies: QuerySet[PropertyCompany], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["company"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = companies
