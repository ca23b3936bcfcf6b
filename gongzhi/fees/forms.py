"""Forms of the fee pages; the rules themselves are checked by the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.fees.models import FeeItem, FeeStandard, PartKind, Payment
from gongzhi.fees.services.providers import MANUAL_METHODS

ITEM_ROWS = 4


class StandardForm(DomainErrorsMixin, forms.Form):
    project = forms.TypedChoiceField(label=_("Project"), coerce=int)
    service_grade = forms.ChoiceField(label=_("Service grade"), choices=FeeStandard.Grade.choices)
    mode = forms.ChoiceField(label=_("Fee mode"), choices=FeeStandard.Mode.choices)
    effective_from = forms.DateField(label=_("Effective from"), widget=DateInput())
    effective_to = forms.DateField(label=_("Effective until"), widget=DateInput(), required=False)
    unrenovated_reduction = forms.BooleanField(
        label=_("Reduced fee for unrenovated parts agreed (where the local policy allows it)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args: Any, projects: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.pk, p.name) for p in projects]  # type: ignore[attr-defined]
        for i in range(1, ITEM_ROWS + 1):
            self.fields[f"item_{i}_name"] = forms.CharField(
                label=_("Item %(n)s") % {"n": i}, required=False, max_length=64
            )
            self.fields[f"item_{i}_part_kind"] = forms.ChoiceField(
                label=_("Part kind"), choices=PartKind.choices, required=False
            )
            self.fields[f"item_{i}_basis"] = forms.ChoiceField(
                label=_("Basis"), choices=FeeItem.Basis.choices, required=False
            )
            self.fields[f"item_{i}_price"] = forms.CharField(
                label=_("Monthly price (yuan)"), required=False, max_length=20
            )

    def items(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {
                "name": data[f"item_{i}_name"],
                "part_kind": data[f"item_{i}_part_kind"],
                "basis": data[f"item_{i}_basis"],
                "price": data[f"item_{i}_price"],
            }
            for i in range(1, ITEM_ROWS + 1)
            if data.get(f"item_{i}_name")
        ]


class RunForm(DomainErrorsMixin, forms.Form):
    project = forms.TypedChoiceField(label=_("Project"), coerce=int)
    period_start = forms.DateField(label=_("Period from (month)"), widget=DateInput())
    period_end = forms.DateField(label=_("Period to (month)"), widget=DateInput())
    due_on = forms.DateField(label=_("Due on"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, projects: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.pk, p.name) for p in projects]  # type: ignore[attr-defined]


class PaymentForm(DomainErrorsMixin, forms.Form):
    amount = forms.CharField(label=_("Amount (yuan)"), max_length=20)
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[(m, label) for m, label in Payment.Method.choices if m in MANUAL_METHODS],
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput(), required=False)
    reference = forms.CharField(label=_("Reference"), max_length=128, required=False)


class CancelForm(DomainErrorsMixin, forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=255)


class StatementForm(DomainErrorsMixin, forms.Form):
    project = forms.TypedChoiceField(label=_("Project"), coerce=int)
    file = forms.FileField(label=_("Bank statement (CSV)"))

    def __init__(self, *args: Any, projects: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.pk, p.name) for p in projects]  # type: ignore[attr-defined]


class PublicationForm(DomainErrorsMixin, forms.Form):
    project = forms.TypedChoiceField(label=_("Project"), coerce=int)
    period_start = forms.DateField(label=_("Period from"), widget=DateInput())
    period_end = forms.DateField(label=_("Period to"), widget=DateInput())

    def __init__(self, *args: Any, projects: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["project"].choices = [(p.pk, p.name) for p in projects]  # type: ignore[attr-defined]
