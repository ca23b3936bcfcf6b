"""The form of one year's holiday notice: the dates as typed, one date or range a line."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from gongzhi.core.forms import DomainErrorsMixin
from gongzhi.holidays.models import FIRST_YEAR, LAST_YEAR

_LINES_HELP = _("One date or range a line: 2027-02-06 or 2027-02-06..2027-02-12.")


class HolidayYearForm(DomainErrorsMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    source = forms.CharField(
        label=_("Notice"),
        max_length=300,
        help_text=_("The State Council notice, e.g. 国务院办公厅关于2027年部分节假日安排的通知."),
    )
    rest_days = forms.CharField(
        label=_("Rest days"), widget=forms.Textarea(attrs={"rows": 8}), help_text=_LINES_HELP
    )
    workdays = forms.CharField(
        label=_("Make-up workdays (调休)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Weekend days worked in exchange; one date or range a line."),
    )
