"""Forms of the governance pages. They only parse input; the rules live in services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.forms import DateInput, DomainErrorsMixin
from gongzhi.registry.governance.services import CommitteeInput
from gongzhi.registry.models import CommitteeMember, OwnersCommittee

DATE = DateInput()


class CommitteeForm(DomainErrorsMixin, forms.Form):
    term_start = forms.DateField(label=_("Term start"), widget=DATE)
    term_end = forms.DateField(label=_("Term end"), widget=DATE)
    seats = forms.IntegerField(label=_("Seats"), min_value=1, initial=5)
    office_address = forms.CharField(label=_("Office address"), max_length=200, required=False)
    office_hours = forms.CharField(
        label=_("Office hours"),
        max_length=100,
        required=False,
        help_text=_("e.g. Tuesday and Saturday 9:00–11:30"),
    )
    phone = forms.CharField(label=_("Office phone"), max_length=32, required=False)

    def to_input(self) -> CommitteeInput:
        d = self.cleaned_data
        return CommitteeInput(
            term_start=d.get("term_start"),
            term_end=d.get("term_end"),
            seats=d.get("seats"),
            office_address=d.get("office_address") or "",
            office_hours=d.get("office_hours") or "",
            phone=d.get("phone") or "",
        )


class CommitteeCreateForm(CommitteeForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=OwnersCommittee.Kind.choices)

    field_order = ["kind"]


class FormationForm(DomainErrorsMixin, forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE, initial=clock.today)


class FormationCommitteeForm(FormationForm, CommitteeForm):
    """A formation step that records the elected (or management) committee with it."""

    term_start = forms.DateField(
        label=_("Term start"),
        widget=DATE,
        required=False,
        help_text=_("Leave empty to start the term on the date above."),
    )

    field_order = ["on"]


class MemberForm(DomainErrorsMixin, forms.Form):
    # a plain number with a select widget: whether the owner may sit on this committee is
    # the service's rule (must own a part in the project), not the form's
    owner = forms.IntegerField(label=_("Owner"), widget=forms.Select())
    position = forms.ChoiceField(label=_("Position"), choices=CommitteeMember.Position.choices)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=32,
        required=False,
        help_text=_("Leave empty to use the owner's phone on record."),
    )
    party_member = forms.BooleanField(label=_("Party member"), required=False)

    def __init__(self, *args: Any, owners: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget: Any = self.fields["owner"].widget
        widget.choices = [("", "—")] + [(o.pk, o.name) for o in owners]


class LeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DATE, initial=clock.today)


class FileForm(forms.Form):
    filed_on = forms.DateField(label=_("Filed on"), widget=DATE, initial=clock.today)
