"""Holiday schedules entered by the housing bureau: models.

One row per year of the State Council's holiday notice (国务院办公厅关于…年部分节假日安排的
通知): the rest days and the make-up workdays (调休) as sorted ISO date strings. The data is
national, not scoped to a jurisdiction: every signed-in user may read it; only the bureau
(or the platform administrator) writes it, through ``services``. The rules core's
:class:`~gongzhi.rules.workdays.YearSchedule` validates the dates.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key

FIRST_YEAR, LAST_YEAR = 2000, 2099


class HolidayYear(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    rest_days = models.JSONField(_("rest days"), default=list)
    workdays = models.JSONField(_("make-up workdays"), default=list)
    source = models.CharField(_("source"), max_length=300)
    entered_by = foreign_key(settings.AUTH_USER_MODEL, _("entered by"))
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("holiday schedule")
        verbose_name_plural = _("holiday schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR) & Q(year__lte=LAST_YEAR),
                name="holidays_year_in_range",
            ),
            models.CheckConstraint(condition=~Q(source=""), name="holidays_source_required"),
        ]

    def __str__(self) -> str:
        return str(self.year)
