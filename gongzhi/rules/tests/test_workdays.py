"""Working-day deadlines: holidays off, 调休 make-up days on, provisional after 2026.

民法典 arts. 201, 203; the State Council holiday schedules via chinese-calendar.
"""

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules.workdays import (
    BUILTIN_YEARS,
    HolidaySchedule,
    YearSchedule,
    add_calendar_days,
    add_working_days,
    day_status,
    is_working_day,
    working_days_between,
)

D = dt.date

# The State Council's 2027 schedule is not public yet: an invented one for the tests.
SCHEDULE_2027 = HolidaySchedule.from_mapping(
    {2027: {"holidays": {D(2027, 1, 1), D(2027, 1, 2), D(2027, 1, 3)}, "workdays": set()}}
)


def test_every_2026_day_matches_chinese_calendar():
    day = D(2026, 1, 1)
    while day.year == 2026:
        assert is_working_day(day) is chinese_calendar.is_workday(day), day
        day += dt.timedelta(days=1)


def test_every_built_in_day_matches_chinese_calendar():
    """The built-in years are read from the library's tables, not through its is_workday:
    the same answer for every day it knows."""
    day = D(BUILTIN_YEARS.start, 1, 1)
    while day.year < BUILTIN_YEARS.stop:
        assert day_status(day).working is chinese_calendar.is_workday(day), day
        assert day_status(day).basis == "state_council"
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("day", [D(2026, 10, d) for d in range(1, 8)])
def test_national_day_2026_is_a_holiday(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [D(2026, 2, d) for d in range(15, 24)])
def test_spring_festival_2026_is_a_holiday(day):
    assert not is_working_day(day)


@pytest.mark.parametrize(
    "day", [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 9, 20), D(2026, 10, 10)]
)
def test_2026_make_up_workdays_are_working_days(day):
    assert day.weekday() >= 5  # a weekend day …
    status = day_status(day)
    assert status.working  # … worked because of 调休
    assert status.basis == "state_council"
    assert not status.provisional


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2026, 9, 30), 1, D(2026, 10, 8)),  # National Day week skipped
        (D(2026, 9, 30), 3, D(2026, 10, 10)),  # Saturday 10-10 is a make-up workday
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Saturday 02-14 is a make-up workday
        (D(2026, 2, 14), 1, D(2026, 2, 24)),  # Spring Festival 02-15..23 skipped
        (D(2026, 2, 14), 0, D(2026, 2, 14)),
        (D(2026, 3, 6), 5, D(2026, 3, 13)),  # an ordinary week: start day not counted
    ],
)
def test_add_working_days_around_2026_holidays(start, days, due):
    deadline = add_working_days(start, days)
    assert deadline.date == due
    assert not deadline.provisional
    assert deadline.unit == "working"
    assert "民法典 art. 201" in deadline.explanation.citation


def test_deadline_into_2027_is_provisional_and_does_not_raise():
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(D(2027, 1, 4))  # the library alone would fail
    deadline = add_working_days(D(2026, 12, 28), 10)
    # Dec 29-31 (3), Fri Jan 1 counted as a weekday (4), Jan 4-8 (9), Jan 11 (10).
    assert deadline.date == D(2027, 1, 11)
    assert deadline.provisional
    assert deadline.unscheduled_years == (2027,)
    text = deadline.explanation.render()
    assert text.startswith("Provisionally due 2027-01-11")
    assert "2027" in deadline.explanation.params_dict["years"]


def test_deadline_into_2027_is_firm_once_the_bureau_enters_the_schedule():
    deadline = add_working_days(D(2026, 12, 28), 10, SCHEDULE_2027)
    # Jan 1 is now a holiday: Dec 29-31 (3), Jan 4-8 (8), Jan 11 (9), Jan 12 (10).
    assert deadline.date == D(2027, 1, 12)
    assert not deadline.provisional
    assert "housing bureau" in deadline.explanation.citation


def test_bureau_entry_takes_precedence_over_builtin_data():
    schedule = HolidaySchedule.from_mapping({2026: {"holidays": {D(2026, 3, 6)}}})
    assert is_working_day(D(2026, 3, 6))
    assert not is_working_day(D(2026, 3, 6), schedule)
    assert is_working_day(D(2026, 10, 1), schedule)  # bureau data replaces the whole year
    assert schedule.covers(2026) and not schedule.covers(2030)


def test_schedule_without_builtin_data_is_provisional_everywhere_else():
    schedule = HolidaySchedule(use_builtin=False)
    status = day_status(D(2026, 10, 1), schedule)
    assert status.working and status.provisional


def test_with_year_supplements_a_schedule():
    schedule = HolidaySchedule().with_year(YearSchedule(2028, frozenset({D(2028, 1, 3)})))
    assert schedule.covers(2028)
    assert not is_working_day(D(2028, 1, 3), schedule)


@pytest.mark.parametrize(
    ("year", "holidays", "workdays", "message"),
    [
        (2027, {D(2026, 12, 31)}, set(), "not in 2027"),
        (2027, set(), {D(2027, 1, 4)}, "not a Saturday or Sunday"),  # a Monday
        (2027, {D(2027, 1, 9)}, {D(2027, 1, 9)}, "both holiday and workday"),
    ],
)
def test_year_schedule_validation(year, holidays, workdays, message):
    with pytest.raises(ValueError, match=message):
        YearSchedule(year, frozenset(holidays), frozenset(workdays))


def test_from_mapping_rejects_unknown_keys():
    with pytest.raises(ValueError, match="unknown keys"):
        HolidaySchedule.from_mapping({2027: {"holiday": set()}})


def test_datetimes_and_bad_day_counts_are_refused():
    with pytest.raises(TypeError, match="datetime.date"):
        add_working_days(dt.datetime(2026, 1, 5, tzinfo=dt.UTC), 1)
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)
    with pytest.raises(TypeError):
        add_working_days(D(2026, 1, 5), True)


def test_working_days_between():
    count = working_days_between(D(2026, 9, 30), D(2026, 10, 10))
    assert count.days == 3  # Oct 8, 9 and the make-up Saturday Oct 10
    assert working_days_between(D(2026, 10, 10), D(2026, 9, 30)).days == -3
    assert working_days_between(D(2026, 10, 1), D(2026, 10, 1)).days == 0
    later = working_days_between(D(2026, 12, 30), D(2027, 1, 5))
    assert later.provisional and later.unscheduled_years == (2027,)


@given(
    st.dates(min_value=D(2025, 1, 1), max_value=D(2026, 11, 30)),
    st.integers(min_value=0, max_value=25),
)
def test_working_days_between_inverts_add_working_days(start, days):
    deadline = add_working_days(start, days)
    assert working_days_between(start, deadline.date).days == days
    assert deadline.date == start or is_working_day(deadline.date)


@pytest.mark.parametrize(
    ("start", "days", "extend", "due", "provisional"),
    [
        # seed 004 §8: contract filed within 15 days of signing (calendar days).
        (D(2026, 9, 16), 15, False, D(2026, 10, 1), False),
        # 民法典 art. 203: a period ending on a holiday runs to the next working day.
        (D(2026, 9, 16), 15, True, D(2026, 10, 8), False),
        (D(2026, 3, 2), 15, True, D(2026, 3, 17), False),  # ends on a Tuesday: unchanged
        (D(2026, 12, 20), 20, True, D(2027, 1, 11), True),  # Jan 9 2027 is a Saturday
        (D(2026, 12, 20), 20, False, D(2027, 1, 9), False),
    ],
)
def test_add_calendar_days(start, days, extend, due, provisional):
    deadline = add_calendar_days(start, days, extend_past_rest_days=extend)
    assert deadline.date == due
    assert deadline.provisional is provisional
    assert deadline.unit == "calendar"


def test_calendar_deadline_on_an_unscheduled_weekday_is_provisional():
    deadline = add_calendar_days(D(2026, 12, 20), 12, extend_past_rest_days=True)
    assert deadline.date == D(2027, 1, 1)
    assert deadline.provisional
    assert "not yet known" in deadline.explanation.render()
    firm = add_calendar_days(D(2026, 12, 20), 12, SCHEDULE_2027, extend_past_rest_days=True)
    assert firm.date == D(2027, 1, 4) and not firm.provisional
