"""Joint-meeting periods (seed 003 §四(一)) and the talk trigger (seed 002 §四(三))."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.rules.oversight import TalkTrigger, add_months, next_meeting, talk_trigger
from gongzhi.rules.profiles import get_profile

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 15), 6, D(2026, 7, 15)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # shorter month: its last day
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # leap year
        (D(2026, 12, 1), 1, D(2027, 1, 1)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_half_yearly_meeting_due_six_months_after_the_last_seed_003_4_1() -> None:
    # seed 003 §四(一): 每半年定期召开一次联席会议
    last = D(2026, 3, 10)
    on_the_day = next_meeting("half_yearly", last, D(2026, 9, 10))
    assert (on_the_day.due_on, on_the_day.overdue) == (D(2026, 9, 10), False)
    day_after = next_meeting("half_yearly", last, D(2026, 9, 11))
    assert day_after.overdue is True
    assert day_after.explanation.citation == "seed 003 §四(一)"


def test_first_meeting_is_due_at_once() -> None:
    due = next_meeting("quarterly", None, D(2026, 12, 6))
    assert (due.required, due.due_on, due.overdue) == (True, D(2026, 12, 6), True)


def test_no_frequency_is_never_overdue() -> None:
    due = next_meeting(None, None, D(2026, 12, 6))
    assert (due.required, due.due_on, due.overdue) == (False, None, False)


def test_weekly_and_unknown_frequencies() -> None:
    assert next_meeting("weekly", D(2026, 12, 1), D(2026, 12, 8)).overdue is False
    assert next_meeting("weekly", D(2026, 12, 1), D(2026, 12, 9)).overdue is True
    with pytest.raises(ValueError, match="unknown"):
        next_meeting("fortnightly", None, D(2026, 12, 6))


def test_profiles_meeting_frequencies() -> None:
    # only seed 003 fixes a period; the others meet as matters require
    assert get_profile("hunan-ziyang").value("joint_meeting_frequency") == "half_yearly"
    for profile_id in ("national", "hunan-shaoyang", "jiangxi-zhanggong", "henan-draft"):
        assert get_profile(profile_id).value("joint_meeting_frequency") is None


def test_talk_trigger_at_exactly_the_number_seed_002_4_3() -> None:
    # seed 002 §四(三): 投诉集中 → 约谈警告; the profile's number, "at least"
    trigger = TalkTrigger(complaints=3, days=90)
    assert trigger.reached(2) is False
    assert trigger.reached(3) is True
    assert trigger.since(D(2026, 12, 6)) == D(2026, 9, 8)  # 90 days ending today
    assert trigger.explain(4).params_dict == {"count": "4", "days": "90", "limit": "3"}


def test_every_profile_has_a_talk_trigger() -> None:
    for profile_id in (
        "national",
        "hunan-shaoyang",
        "jiangxi-zhanggong",
        "henan-draft",
        "hunan-ziyang",
        "shaanxi-xixian",
    ):
        assert talk_trigger(get_profile(profile_id)) == TalkTrigger(3, 90)
