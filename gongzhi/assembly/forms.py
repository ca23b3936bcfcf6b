"""Forms of the assembly pages; the services validate, forms only shape."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.assembly.models import GroupDocument
from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.registry.models import Owner


class GroupForm(DomainErrorsMixin, forms.Form):
    FIELD_MAP = {"members": "owners"}

    formed_on = forms.DateField(label=_("Formed on"), widget=DateInput())
    seats = forms.IntegerField(label=_("Committee seats"), min_value=1, max_value=99, initial=5)
    street_name = forms.CharField(label=_("Street representative (leader)"), max_length=64)
    community_name = forms.CharField(label=_("Residents' committee representative"), max_length=64)
    developer_name = forms.CharField(label=_("Developer representative"), max_length=64)
    owners = forms.ModelMultipleChoiceField(
        label=_("Owners' representatives"),
        queryset=Owner.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owners"].queryset = owners  # type: ignore[attr-defined]

    def members(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [
            {"party": "street", "name": data["street_name"], "is_leader": True},
            {"party": "community", "name": data["community_name"]},
            {"party": "developer", "name": data["developer_name"]},
            *({"party": "owners", "owner_id": o.pk} for o in data["owners"]),
        ]


class DocumentForm(DomainErrorsMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=GroupDocument.Kind.choices)
    file = forms.FileField(label=pgettext_lazy("assembly", "File (PDF or image)"))


class CandidateForm(DomainErrorsMixin, forms.Form):
    FIELD_MAP = {"owner_id": "owner"}

    owner = forms.ModelChoiceField(label=_("Candidate"), queryset=Owner.objects.none())
    statement = forms.CharField(
        label=_("Statement"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class FundForm(DomainErrorsMixin, forms.Form):
    households = forms.IntegerField(label=_("Households"), min_value=1)


class MeetingForm(DomainErrorsMixin, forms.Form):
    held_on = forms.DateField(label=_("Meeting date"), widget=DateInput())
    topic = forms.CharField(label=_("Topic"), max_length=200)
    attendance = forms.IntegerField(label=_("Members present"), min_value=1)
    minutes = forms.CharField(label=_("Meeting minutes"), widget=forms.Textarea(attrs={"rows": 4}))


class SubsidyForm(DomainErrorsMixin, forms.Form):
    member = forms.ChoiceField(label=_("Member"))
    month = forms.DateField(label=_("Month (any day of it)"), widget=DateInput())
    amount = forms.DecimalField(label=_("Amount (yuan)"), min_value=0, decimal_places=2)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]  # type: ignore[attr-defined]


class YearlyForm(DomainErrorsMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class BarForm(DomainErrorsMixin, forms.Form):
    FIELD_MAP = {"owner_id": "owner"}

    owner = forms.ModelChoiceField(label=_("Owner"), queryset=Owner.objects.none())
    reason = forms.CharField(
        label=_("Duties failed after advice"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
