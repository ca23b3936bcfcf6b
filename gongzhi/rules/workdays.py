"""Working-day (工作日) and calendar-day deadlines.

Owns the day counting behind every deadline in the platform: statutory holidays are days
off, make-up workdays (调休) are working days, per the State Council's yearly schedule.
The start day is not counted (民法典 art. 201); a calendar-day period whose last day is a
rest day may run on to the next working day (民法典 art. 203).

chinese-calendar knows the State Council's schedules up to 2026 only and raises for later
years. The State Council publishes each new year's schedule around November, so the
housing bureau enters it as data (:class:`YearSchedule` inside a :class:`HolidaySchedule`);
bureau data for a year takes precedence over the library. A deadline that reaches a year
with neither does not fail: weekends alone are skipped there and the result is marked
``provisional=True`` with an explanation, until the schedule is entered (requirements
digest §5).
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from gongzhi.rules.explain import Explanation, gettext_noop

# Imported by name: chinese-calendar ships no type information.
_calendar_data = importlib.import_module("chinese_calendar.constants")
BUILTIN_YEARS = range(
    min(day.year for day in _calendar_data.holidays),
    max(day.year for day in _calendar_data.holidays) + 1,
)
BUILTIN_SOURCE = "State Council holiday notice (chinese-calendar data)"
BUREAU_SOURCE = "holiday schedule entered by the housing bureau"

Basis = Literal["bureau", "state_council", "weekends_only"]
_SATURDAY, _SUNDAY = 5, 6

_WORKING_FIRM = gettext_noop(
    "Due %(due)s: %(days)s working days after %(start)s. The start day is not counted; "
    "statutory holidays are skipped and make-up workdays (调休) count."
)
_WORKING_PROVISIONAL = gettext_noop(
    "Provisionally due %(due)s: %(days)s working days after %(start)s. No holiday schedule "
    "has been entered for %(years)s, so only weekends were skipped there; the date is "
    "confirmed once the State Council's schedule is entered."
)
_CALENDAR = gettext_noop(
    "Due %(due)s: %(days)s calendar days after %(start)s; the start day is not counted."
)
_CALENDAR_PROVISIONAL = gettext_noop(
    "Provisionally due %(due)s: %(days)s calendar days after %(start)s. No holiday schedule "
    "has been entered for %(years)s, so whether that day is a rest day is not yet known."
)
_CALENDAR_EXTENDED = gettext_noop(
    "Due %(due)s: %(days)s calendar days after %(start)s end on a rest day (%(end)s), so "
    "the deadline moves to the next working day."
)
_CALENDAR_EXTENDED_PROVISIONAL = gettext_noop(
    "Provisionally due %(due)s: %(days)s calendar days after %(start)s end on a rest day "
    "(%(end)s), so the deadline moves to the next working day. No holiday schedule has been "
    "entered for %(years)s, so only weekends were treated as rest days there."
)
_BETWEEN_FIRM = gettext_noop("%(count)s working days from %(start)s to %(end)s.")
_BETWEEN_PROVISIONAL = gettext_noop(
    "Provisionally %(count)s working days from %(start)s to %(end)s: no holiday schedule has "
    "been entered for %(years)s, so only weekends were skipped there."
)


def _check_date(value: object, what: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(
            f"{what} must be a datetime.date, not {type(value).__name__}"
            " (convert an aware datetime with .date() in the local timezone first)"
        )
    return value


def _check_days(days: object) -> int:
    if isinstance(days, bool) or not isinstance(days, int):
        raise TypeError(f"days must be an int, not {type(days).__name__}")
    if days < 0:
        raise ValueError(f"days must not be negative, got {days}")
    return days


@dataclass(frozen=True)
class YearSchedule:
    """One year's State Council schedule: holiday dates off, make-up workdays on."""

    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date] = frozenset()
    source: str = BUREAU_SOURCE

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", frozenset(self.holidays))
        object.__setattr__(self, "workdays", frozenset(self.workdays))
        for kind, days in (("holiday", self.holidays), ("make-up workday", self.workdays)):
            for day in days:
                _check_date(day, kind)
                if day.year != self.year:
                    raise ValueError(f"{kind} {day} is not in {self.year}")
        for day in self.workdays:
            if day.weekday() not in (_SATURDAY, _SUNDAY):
                raise ValueError(f"make-up workday {day} is not a Saturday or Sunday")
        both = self.holidays & self.workdays
        if both:
            raise ValueError(f"dates both holiday and workday: {sorted(both)}")


@dataclass(frozen=True)
class DayStatus:
    """Whether a day is worked, and on what basis (``weekends_only`` = provisional)."""

    day: dt.date
    working: bool
    basis: Basis

    @property
    def provisional(self) -> bool:
        return self.basis == "weekends_only"


@dataclass(frozen=True)
class HolidaySchedule:
    """The holiday data used for counting: bureau-entered years over the built-in data.

    Immutable; :meth:`with_year` returns a supplemented copy. With ``use_builtin=False``
    only the entered years are known (useful in tests).
    """

    years: Mapping[int, YearSchedule] = field(default_factory=dict)
    use_builtin: bool = True

    def __post_init__(self) -> None:
        for year, schedule in self.years.items():
            if schedule.year != year:
                raise ValueError(f"schedule for {schedule.year} filed under {year}")
        object.__setattr__(self, "years", MappingProxyType(dict(self.years)))

    @classmethod
    def from_mapping(
        cls,
        data: Mapping[int, Mapping[str, Iterable[dt.date]]],
        *,
        source: str = BUREAU_SOURCE,
        use_builtin: bool = True,
    ) -> HolidaySchedule:
        """Build from ``{2027: {"holidays": {...}, "workdays": {...}}}`` (bureau data)."""
        years: dict[int, YearSchedule] = {}
        for year, entry in data.items():
            unknown = set(entry) - {"holidays", "workdays"}
            if unknown:
                raise ValueError(f"{year}: unknown keys {sorted(unknown)}")
            years[year] = YearSchedule(
                year,
                frozenset(entry.get("holidays", ())),
                frozenset(entry.get("workdays", ())),
                source,
            )
        return cls(years, use_builtin)

    def with_year(self, schedule: YearSchedule) -> HolidaySchedule:
        """A copy with ``schedule`` added (or replacing that year's entry)."""
        return HolidaySchedule({**self.years, schedule.year: schedule}, self.use_builtin)

    def covers(self, year: int) -> bool:
        """Whether ``year``'s holidays are known (else counting is provisional)."""
        return year in self.years or (self.use_builtin and year in BUILTIN_YEARS)

    def source_for(self, year: int) -> str:
        if year in self.years:
            return self.years[year].source
        return BUILTIN_SOURCE if self.covers(year) else "weekends only (no schedule)"

    def status(self, day: dt.date) -> DayStatus:
        """Whether ``day`` is a working day and on what basis."""
        _check_date(day, "day")
        entered = self.years.get(day.year)
        if entered is not None:
            if day in entered.workdays:
                return DayStatus(day, True, "bureau")
            working = day.weekday() < _SATURDAY and day not in entered.holidays
            return DayStatus(day, working, "bureau")
        if self.use_builtin and day.year in BUILTIN_YEARS:
            return DayStatus(day, _builtin_working(day), "state_council")
        return DayStatus(day, day.weekday() < _SATURDAY, "weekends_only")


def _builtin_working(day: dt.date) -> bool:
    """chinese-calendar's ``is_workday`` for a day of :data:`BUILTIN_YEARS`, read from its
    tables: the library's function works out the tables' year range again on every call
    (a scan of every holiday), which a deadline's day-by-day count paid some twenty times."""
    if day in _calendar_data.workdays:
        return True
    return day.weekday() < _SATURDAY and day not in _calendar_data.holidays


DEFAULT_SCHEDULE = HolidaySchedule()


@dataclass(frozen=True)
class Deadline:
    """A due date with its counting rule, provisional flag and reason."""

    start: dt.date
    days: int
    unit: Literal["working", "calendar"]
    date: dt.date
    provisional: bool
    unscheduled_years: tuple[int, ...]
    explanation: Explanation


@dataclass(frozen=True)
class WorkingDayCount:
    """Working days in ``(start, end]`` (negative when ``end`` is before ``start``)."""

    start: dt.date
    end: dt.date
    days: int
    provisional: bool
    unscheduled_years: tuple[int, ...]
    explanation: Explanation


def _citation(schedule: HolidaySchedule, years: Iterable[int], law: str) -> str:
    sources = sorted({f"{year}: {schedule.source_for(year)}" for year in years})
    return "; ".join([law, *sources])


def day_status(day: dt.date, schedule: HolidaySchedule | None = None) -> DayStatus:
    """Whether ``day`` is worked, per ``schedule`` (default: built-in data only)."""
    return (schedule or DEFAULT_SCHEDULE).status(day)


def is_working_day(day: dt.date, schedule: HolidaySchedule | None = None) -> bool:
    """Whether ``day`` is a working day (weekends only for years without a schedule)."""
    return day_status(day, schedule).working


def add_working_days(
    start: dt.date, days: int, schedule: HolidaySchedule | None = None
) -> Deadline:
    """The date on which the ``days``-th working day after ``start`` falls.

    The start day is not counted (民法典 art. 201); holidays are skipped and make-up
    workdays count. Never raises for years without a schedule: those count weekends only
    and the deadline is ``provisional``.
    """
    _check_date(start, "start")
    _check_days(days)
    schedule = schedule or DEFAULT_SCHEDULE
    day, counted, unscheduled, seen_years = start, 0, set(), {start.year}
    while counted < days:
        day += dt.timedelta(days=1)
        status = schedule.status(day)
        seen_years.add(day.year)
        if status.provisional:
            unscheduled.add(day.year)
        if status.working:
            counted += 1
    years = tuple(sorted(unscheduled))
    explanation = Explanation.of(
        _WORKING_PROVISIONAL if years else _WORKING_FIRM,
        _citation(schedule, seen_years, "民法典 art. 201"),
        due=day.isoformat(),
        days=days,
        start=start.isoformat(),
        years=", ".join(map(str, years)),
    )
    return Deadline(start, days, "working", day, bool(years), years, explanation)


def working_days_between(
    start: dt.date, end: dt.date, schedule: HolidaySchedule | None = None
) -> WorkingDayCount:
    """Working days after ``start`` up to and including ``end``.

    The inverse of :func:`add_working_days`: ``working_days_between(s,
    add_working_days(s, n).date).days == n``. Negative when ``end`` precedes ``start``.
    """
    _check_date(start, "start")
    _check_date(end, "end")
    schedule = schedule or DEFAULT_SCHEDULE
    low, high, sign = (start, end, 1) if end >= start else (end, start, -1)
    day, count, unscheduled = low, 0, set()
    while day < high:
        day += dt.timedelta(days=1)
        status = schedule.status(day)
        if status.provisional:
            unscheduled.add(day.year)
        if status.working:
            count += 1
    years = tuple(sorted(unscheduled))
    explanation = Explanation.of(
        _BETWEEN_PROVISIONAL if years else _BETWEEN_FIRM,
        _citation(schedule, range(low.year, high.year + 1), "民法典 art. 201"),
        count=sign * count,
        start=start.isoformat(),
        end=end.isoformat(),
        years=", ".join(map(str, years)),
    )
    return WorkingDayCount(start, end, sign * count, bool(years), years, explanation)


def add_calendar_days(
    start: dt.date,
    days: int,
    schedule: HolidaySchedule | None = None,
    *,
    extend_past_rest_days: bool = False,
) -> Deadline:
    """``start`` plus ``days`` calendar days (the start day is not counted, 民法典 art. 201).

    With ``extend_past_rest_days`` a period whose last day is a rest day (weekend or
    statutory holiday, not a make-up workday) ends on the next working day instead
    (民法典 art. 203); only then does the holiday schedule matter.
    """
    _check_date(start, "start")
    _check_days(days)
    end = start + dt.timedelta(days=days)
    if not extend_past_rest_days:
        explanation = Explanation.of(
            _CALENDAR, "民法典 art. 201", due=end.isoformat(), days=days, start=start.isoformat()
        )
        return Deadline(start, days, "calendar", end, False, (), explanation)
    schedule = schedule or DEFAULT_SCHEDULE
    due, unscheduled = end, set()
    status = schedule.status(due)
    while not status.working:
        if status.provisional:
            unscheduled.add(due.year)
        due += dt.timedelta(days=1)
        status = schedule.status(due)
    if status.provisional:
        unscheduled.add(due.year)
    years = tuple(sorted(unscheduled))
    if due == end:
        message = _CALENDAR_PROVISIONAL if years else _CALENDAR
    else:
        message = _CALENDAR_EXTENDED_PROVISIONAL if years else _CALENDAR_EXTENDED
    explanation = Explanation.of(
        message,
        _citation(schedule, {end.year, due.year}, "民法典 arts. 201, 203"),
        due=due.isoformat(),
        days=days,
        start=start.isoformat(),
        end=end.isoformat(),
        years=", ".join(map(str, years)),
    )
    return Deadline(start, days, "calendar", due, bool(years), years, explanation)
