"""Project categories that follow from policy numbers: the "old project" (老旧小区) cutoff.

Owns :func:`old_project_check`: a project completed on or before the end of the profile's
cutoff year is an old project. Nationally the cutoff is the end of 2000 (国办发〔2020〕23号);
seed 001's closing definition moves it to the end of 2004 (2004年底以前建成).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gongzhi.rules.explain import Explanation, gettext_noop

if TYPE_CHECKING:
    from gongzhi.rules.profiles import PolicyProfile

_OLD = gettext_noop("An old project: completed in %(year)s, no later than the end of %(cutoff)s.")
_NOT_OLD = gettext_noop("Not an old project: completed in %(year)s, after the end of %(cutoff)s.")


@dataclass(frozen=True)
class OldProjectCheck:
    old: bool
    explanation: Explanation


def old_project_check(profile: PolicyProfile, completed: dt.date | int) -> OldProjectCheck:
    """Whether a project completed on ``completed`` (a date or a year) is an old project."""
    if isinstance(completed, dt.datetime) or isinstance(completed, bool):
        raise TypeError("completed must be a datetime.date or a year (int)")
    year = completed.year if isinstance(completed, dt.date) else completed
    if not isinstance(year, int):
        raise TypeError("completed must be a datetime.date or a year (int)")
    cutoff = profile.int_value("old_project_completed_by_year_end")
    old = year <= cutoff
    explanation = Explanation.of(
        _OLD if old else _NOT_OLD,
        profile.param("old_project_completed_by_year_end").source,
        year=year,
        cutoff=cutoff,
    )
    return OldProjectCheck(old, explanation)
