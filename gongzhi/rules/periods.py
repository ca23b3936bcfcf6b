"""Assessment periods from the policy profile (no Django).

How often projects (their companies) and owners' committees are assessed is profile data:
``company_assessment_frequency`` (seed 001 §四(二) and seed 003 §五(二)1(7): every quarter;
national default: once a year) and ``committee_assessment_frequency`` (seed 001 §四(一):
年度考核评定; national: no requirement). This module turns a frequency into numbered periods
of a calendar year — months 1–12, quarters 1–4, half-years 1–2 or the year itself (1) —
with their first and last day and a label, so the assessment services, pages, API and the
yearly result all count the same periods.

Daily and weekly frequencies are not scored periods: seed 004's daily community checks
(日常考核) are recorded one by one and feed the exit review instead; the profile check
(``check_assessment_frequencies``) refuses them for the scored assessments.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass

from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.params import ProfileReader

MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
"""Months in one period of each month-based frequency (joint meetings use it too)."""
ASSESSMENT_FREQUENCIES = tuple(MONTHS)
"""Frequencies a scored assessment may have (the others are daily check rhythms)."""


@functools.cache
def per_year(frequency: str) -> int:
    """How many periods of ``frequency`` a calendar year holds (12, 4, 2 or 1)."""
    if frequency not in ASSESSMENT_FREQUENCIES:
        raise ValueError(
            f"{frequency!r} is not an assessment period; use one of "
            + ", ".join(ASSESSMENT_FREQUENCIES)
        )
    return 12 // MONTHS[frequency]


@dataclass(frozen=True, order=True)
class Period:
    """Period ``number`` (1-based) of ``year`` at ``frequency``."""

    year: int
    number: int
    frequency: str

    def __post_init__(self) -> None:
        if not 1 <= self.number <= per_year(self.frequency):
            raise ValueError(
                f"period {self.number} does not exist at {self.frequency} "
                f"(1 to {per_year(self.frequency)})"
            )

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, (self.number - 1) * MONTHS[self.frequency] + 1, 1)

    @property
    def last_day(self) -> dt.date:
        month = self.number * MONTHS[self.frequency]
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        """Compact, language-neutral label: 2026-07, 2026 Q3, 2026 H2 or 2026."""
        if self.frequency == "monthly":
            return f"{self.year}-{self.number:02d}"
        if self.frequency == "quarterly":
            return f"{self.year} Q{self.number}"
        if self.frequency == "half_yearly":
            return f"{self.year} H{self.number}"
        return str(self.year)

    def contains(self, day: dt.date) -> bool:
        return self.first_day <= day <= self.last_day

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.number - 1, self.frequency)
        return Period(self.year - 1, per_year(self.frequency), self.frequency)


def period_of(frequency: str, day: dt.date) -> Period:
    """The period ``day`` falls in."""
    return Period(day.year, (day.month - 1) // MONTHS[frequency] + 1, frequency)


def last_closed(frequency: str, day: dt.date) -> Period:
    """The period before the one ``day`` falls in (the one normally assessed now)."""
    return period_of(frequency, day).previous()


@functools.cache
def numbers(frequency: str) -> tuple[int, ...]:
    """The period numbers of one year: (1, …, per_year)."""
    return tuple(range(1, per_year(frequency) + 1))


@functools.cache
def short_labels(frequency: str) -> tuple[str, ...]:
    """The labels of a year's periods without the year, by number − 1: 01 … 12, Q1 … Q4,
    H1 and H2, or "" for the year itself (``Period.label`` less its ``"YYYY "``)."""
    return tuple(Period(2000, n, frequency).label[5:] for n in numbers(frequency))


@dataclass(frozen=True)
class Schedule:
    """How often a subject is assessed under a profile, and why."""

    frequency: str
    required: bool
    explanation: Explanation


_SCHEDULE = {
    "monthly": gettext_noop("This jurisdiction's policy assesses every month."),
    "quarterly": gettext_noop("This jurisdiction's policy assesses every quarter."),
    "half_yearly": gettext_noop("This jurisdiction's policy assesses every half-year."),
    "yearly": gettext_noop("This jurisdiction's policy assesses once a year."),
}
_NO_SCHEDULE = gettext_noop(
    "This jurisdiction's policy sets no period for assessing owners' committees: a street "
    "may assess a committee once a year."
)


def company_schedule(profile: ProfileReader) -> Schedule:
    """Projects and their companies: the profile's ``company_assessment_frequency``."""
    frequency = profile.text("company_assessment_frequency")
    per_year(frequency)  # refuses daily/weekly (check_assessment_frequency says why)
    source = profile.param("company_assessment_frequency").source
    return Schedule(frequency, True, Explanation.of(_SCHEDULE[frequency], source))


def committee_schedule(profile: ProfileReader) -> Schedule:
    """Owners' and management committees: ``committee_assessment_frequency``; where the
    profile sets none (national), yearly and optional."""
    frequency = profile.optional_text("committee_assessment_frequency")
    source = profile.param("committee_assessment_frequency").source
    if frequency is None:
        return Schedule("yearly", False, Explanation.of(_NO_SCHEDULE, source))
    per_year(frequency)
    return Schedule(frequency, True, Explanation.of(_SCHEDULE[frequency], source))


def check_assessment_frequency(value: object) -> str | None:
    """Why a frequency cannot be a scored assessment period (None if it can)."""
    if value is None or value in ASSESSMENT_FREQUENCIES:
        return None
    return "one of " + ", ".join(ASSESSMENT_FREQUENCIES) + " (daily checks are recorded apart)"
