"""Reads of holiday schedules: the schedule in force for deadline counting, the page rows.

:func:`holiday_schedule` reads the small table on every call (one query) and reuses the
parsed :class:`~gongzhi.rules.workdays.HolidaySchedule` while the rows are unchanged, so
a year entered in one process is in force in every other at once.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from gongzhi.core import clock
from gongzhi.holidays.models import HolidayYear
from gongzhi.rules.workdays import BUILTIN_YEARS, HolidaySchedule, YearSchedule

_Key = tuple[tuple[int, tuple[str, ...], tuple[str, ...], str], ...]
_lock = threading.Lock()
_cached: tuple[_Key, HolidaySchedule] | None = None


def holiday_schedule() -> HolidaySchedule:
    """The entered years over chinese-calendar's built-in ones (entered years win)."""
    global _cached
    rows = HolidayYear.objects.order_by("year").values_list(
        "year", "rest_days", "workdays", "source"
    )
    key: _Key = tuple((y, tuple(r), tuple(w), s) for y, r, w, s in rows)
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
    schedule = HolidaySchedule(
        {
            year: YearSchedule(
                year,
                frozenset(dt.date.fromisoformat(d) for d in rest),
                frozenset(dt.date.fromisoformat(d) for d in work),
                source,
            )
            for year, rest, work, source in key
        }
    )
    with _lock:
        _cached = (key, schedule)
    return schedule


@dataclass(frozen=True)
class YearRow:
    """One line of the page: a built-in year, or an entered one (``entry``)."""

    year: int
    source: str
    entry: HolidayYear | None

    @property
    def built_in(self) -> bool:
        return self.entry is None


def year_rows(*, last_builtin: int = 3) -> list[YearRow]:
    """Entered years, newest first, then the last few built-in years."""
    entered = list(HolidayYear.objects.select_related("entered_by").order_by("-year"))
    rows = [YearRow(e.year, e.source, e) for e in entered]
    taken = {e.year for e in entered}
    builtin = [y for y in reversed(BUILTIN_YEARS) if y not in taken][:last_builtin]
    rows += [YearRow(y, "", None) for y in builtin]
    return rows


def year_get(year: int) -> HolidayYear | None:
    return HolidayYear.objects.filter(year=year).first()


def missing_next_year(on: dt.date | None = None) -> int | None:
    """Next year, if neither built in nor entered (deadlines reaching it are provisional)."""
    year = (on or clock.today()).year + 1
    return None if holiday_schedule().covers(year) else year
