"""Joint meetings and warning talks: when the next meeting is due, and which companies'
complaints concentrate enough to call them in for a talk.

* The property-management joint meeting (联席会议) meets at the profile's
  ``joint_meeting_frequency`` (seed 003 §四(一): 每半年定期召开一次; seeds 000 §3, 001
  §三(一)1, 002 §二(一)1(1) and 004 §1 set up the meeting without a fixed period).
* A company whose complaints concentrate is called in for a talk, a warning, credit
  deductions or a market ban (seed 002 §四(三): 对投诉集中、整改不到位的物业服务企业，依法
  采取约谈警告、信用扣分、市场禁入等措施). The seed gives no number; the profile's
  ``talk_trigger_complaints`` substantiated complaints within ``talk_trigger_days`` does.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.periods import MONTHS

if TYPE_CHECKING:
    from gongzhi.rules.profiles import PolicyProfile

DAYS = {"daily": 1, "weekly": 7}


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    years, month0 = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month0 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class MeetingDue:
    """When the next regular meeting is due, and whether it is overdue on ``today``."""

    required: bool
    due_on: dt.date | None
    overdue: bool
    explanation: Explanation


def next_meeting(frequency: str | None, last_held: dt.date | None, today: dt.date) -> MeetingDue:
    """The next regular joint meeting after ``last_held`` at the profile's ``frequency``.

    No frequency: meetings are held as needed, never overdue. No meeting yet: due now.
    Seed 003 §四(一) (每半年定期召开一次联席会议，遇到突发情况可随时召开)."""
    if not frequency:
        return MeetingDue(
            False,
            None,
            False,
            Explanation.of(
                gettext_noop("The profile sets no regular period: meet as matters require."),
                "seed 000 §3; seed 002 §二(一)1(1)",
            ),
        )
    if frequency in MONTHS:
        due = add_months(last_held, MONTHS[frequency]) if last_held else today
    elif frequency in DAYS:
        due = last_held + dt.timedelta(days=DAYS[frequency]) if last_held else today
    else:
        raise ValueError(f"unknown meeting frequency {frequency!r}")
    if last_held is None:
        message = gettext_noop("No regular meeting has been recorded yet: one is due now.")
        return MeetingDue(True, due, True, Explanation.of(message, "seed 003 §四(一)"))
    overdue = today > due
    message = (
        gettext_noop("The next regular meeting was due on %(due)s.")
        if overdue
        else gettext_noop("The next regular meeting is due by %(due)s.")
    )
    return MeetingDue(
        True, due, overdue, Explanation.of(message, "seed 003 §四(一)", due=due.isoformat())
    )


@dataclass(frozen=True)
class TalkTrigger:
    """``complaints`` substantiated complaints within ``days`` days make a talk candidate."""

    complaints: int
    days: int

    def since(self, today: dt.date) -> dt.date:
        """The first day of the window that ends today."""
        return today - dt.timedelta(days=self.days - 1)

    def reached(self, substantiated: int) -> bool:
        """Seed 002 §四(三): 投诉集中 — at least the profile's number in the window."""
        return substantiated >= self.complaints

    def explain(self, substantiated: int) -> Explanation:
        return Explanation.of(
            gettext_noop(
                "%(count)s substantiated complaints in the last %(days)s days "
                "(the profile calls a talk from %(limit)s)."
            ),
            "seed 002 §四(三)",
            count=substantiated,
            days=self.days,
            limit=self.complaints,
        )


def talk_trigger(profile: PolicyProfile) -> TalkTrigger | None:
    """The profile's trigger, or None where it sets none."""
    count = profile.optional_int("talk_trigger_complaints")
    if count is None:
        return None
    return TalkTrigger(count, profile.int_value("talk_trigger_days"))


def meeting_frequency(profile: PolicyProfile) -> str | None:
    """The joint meeting's regular period (``joint_meeting_frequency``), None = as needed."""
    return profile.optional_text("joint_meeting_frequency")
