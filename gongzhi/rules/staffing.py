"""Dedicated property officers per community (no Django).

Seed 003 §五(二)2(2): each community names a person as the property officer of its
projects (指定专人作为小区物业管理工作的物管员); seed 004 §3 and its annex: each community has
two or more community property officers (配备2名以上社区物业专干). The minimum is the profile's
``community_property_officers_min``; national law sets none.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.params import ProfileReader


@dataclass(frozen=True)
class StaffingCheck:
    """Whether a community has the officers its profile requires."""

    required: int | None
    staffed: int
    short: bool
    explanation: Explanation


_NONE = gettext_noop("This jurisdiction's policy sets no minimum of community property officers.")
_OK = gettext_noop("%(staffed)s property officers; the policy requires at least %(required)s.")
_SHORT = gettext_noop(
    "Only %(staffed)s property officers; the policy requires at least %(required)s."
)


def officers_check(profile: ProfileReader, staffed: int) -> StaffingCheck:
    """``staffed`` officers against the profile's minimum (inclusive: 以上)."""
    if staffed < 0:
        raise ValueError(f"staffed must not be negative, got {staffed}")
    required = profile.optional_int("community_property_officers_min")
    source = profile.param("community_property_officers_min").source
    if required is None:
        return StaffingCheck(None, staffed, False, Explanation.of(_NONE, source))
    short = staffed < required
    return StaffingCheck(
        required,
        staffed,
        short,
        Explanation.of(_SHORT if short else _OK, source, staffed=staffed, required=required),
    )
