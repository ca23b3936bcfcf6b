"""Forms of the old-project pages; the rules run in the services (one place)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import pgettext_lazy

from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.oldprojects.models import BASIC_LABELS, ServiceMode
from gongzhi.registry.models import Project


def _p(text: str) -> Any:
    return pgettext_lazy("oldprojects", text)


def _basics_field(label: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=list(BASIC_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ServiceForm(DomainErrorsMixin, forms.Form):
    mode = forms.ChoiceField(label=_p("service mode"), choices=ServiceMode.choices)
    basics = _basics_field(_p("Basic services in place (五有)"))
    checked_on = forms.DateField(label=_p("checked on"), widget=DateInput)
    note = forms.CharField(
        label=_p("remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SubsidyForm(DomainErrorsMixin, forms.Form):
    project = forms.ModelChoiceField(queryset=Project.objects.none(), label=_p("project"))
    year = forms.IntegerField(label=_p("year"), min_value=2000, max_value=2100)
    month_from = forms.IntegerField(label=_p("first month"), min_value=1, max_value=12)
    month_to = forms.IntegerField(label=_p("last month"), min_value=1, max_value=12)
    area_m2 = forms.DecimalField(
        label=_p("managed area (m²)"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_p("Leave empty to use the project's registered building area."),
    )
    note = forms.CharField(
        label=_p("company's remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2})
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
    basics = _basics_field(_p("Basic services found on site (五有)"))
    note = forms.CharField(
        label=_p("street's findings"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ApproveForm(forms.Form):
    rate = forms.CharField(
        label=_p("rate in yuan per m² a month"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class PayForm(forms.Form):
    paid_on = forms.DateField(label=_p("paid on"), widget=DateInput, required=False)


class RejectForm(forms.Form):
    note = forms.CharField(
        label=_p("reason for rejection"), widget=forms.Textarea(attrs={"rows": 2})
    )
