"""The services and the schedule selector directly: validation that names the line, the
rules core's YearSchedule in force, and a cache that follows every change of the table."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.core.errors import DomainError
from gongzhi.holidays import selectors, services
from gongzhi.holidays.models import HolidayYear
from gongzhi.holidays.parsing import LineError, format_days, parse_lines
from gongzhi.holidays.tests.conftest import SOURCE_2027


def test_parse_lines_reads_dates_and_ranges_and_skips_blank_lines():
    lines = parse_lines("2027-01-01\n\n 2027-02-06..2027-02-08 \n")
    assert [(line.number, len(line.days)) for line in lines] == [(1, 1), (3, 3)]
    assert lines[1].days[-1] == dt.date(2027, 2, 8)


@pytest.mark.parametrize(
    "text",
    ["2027-02-30", "2027-02-06..", "2027-01-01..2027-03-01", "二月六日"],
    ids=["no-such-day", "open-range", "range-too-long", "not-iso"],
)
def test_parse_lines_refuses_with_the_line_number(text):
    with pytest.raises(LineError, match="(Line 2|第2行)"):
        parse_lines(f"2027-01-01\n{text}")


def test_format_days_folds_consecutive_days_into_ranges():
    days = ["2027-02-12", "2027-01-01", "2027-02-06", "2027-02-07", "2027-02-08"]
    assert format_days(days) == "2027-01-01\n2027-02-06..2027-02-08\n2027-02-12"
    assert format_days([]) == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"year": 1999}, "year"),
        ({"year": 2100}, "year"),
        ({"rest_days": ""}, "rest_days"),
        ({"source": "  "}, "source"),
    ],
)
def test_validate_refuses_by_field(changes, field):
    values = {
        "year": 2027,
        "rest_days": "2027-02-06..2027-02-12",
        "workdays": "",
        "source": SOURCE_2027,
    }
    with pytest.raises(DomainError) as raised:
        services.validate(**{**values, **changes})
    assert field in raised.value.fields


def test_make_up_day_on_a_weekend_is_accepted_at_the_boundary():
    """Sat 2027-02-13 and Sun 2027-02-21 pass; Fri 2027-02-19 does not."""
    schedule = services.validate(
        year=2027, rest_days="2027-02-08", workdays="2027-02-13\n2027-02-21", source="x"
    )
    assert schedule.workdays == {dt.date(2027, 2, 13), dt.date(2027, 2, 21)}
    with pytest.raises(DomainError):
        services.validate(year=2027, rest_days="2027-02-08", workdays="2027-02-19", source="x")


@pytest.mark.django_db
def test_schedule_cache_follows_saves_and_deletes(city, actor):
    bureau = actor("bureau")
    empty = selectors.holiday_schedule()
    assert not empty.covers(2027) and selectors.holiday_schedule() is empty
    services.holiday_year_save(
        actor=bureau, year=2027, rest_days="2027-02-08", workdays="", source=SOURCE_2027
    )
    first = selectors.holiday_schedule()
    assert not first.status(dt.date(2027, 2, 8)).working
    assert selectors.holiday_schedule() is first
    services.holiday_year_save(
        actor=bureau, year=2027, rest_days="2027-02-09", workdays="", source=SOURCE_2027
    )
    second = selectors.holiday_schedule()
    assert second.status(dt.date(2027, 2, 8)).working
    assert not second.status(dt.date(2027, 2, 9)).working
    # a write from another process, seen through the table alone
    HolidayYear.objects.filter(year=2027).update(rest_days=["2027-02-10"])
    assert not selectors.holiday_schedule().status(dt.date(2027, 2, 10)).working
    services.holiday_year_delete(actor=bureau, year=2027)
    assert not selectors.holiday_schedule().covers(2027)
