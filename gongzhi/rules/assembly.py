"""The owners' assembly and committee: when a project must form one, how its preparation
group is composed, how long its papers are published, the committee's term and
re-election, and when the residents' committee takes over.

* Formation due (业主大会和业主委员会指导规则 (2009) art. 9; seed 000 §19 对达到成立业主大会
  条件的 … 应及时牵头组织成立业主大会): the delivered share of the exclusive area reaches
  ``assembly_formation_delivered_share``, or ``assembly_formation_years_since_first_delivery``
  years have passed since the first delivery.
* The preparation group (筹备组, 指导规则: 业主、建设单位代表、街道办事处、乡镇人民政府代表
  和居民委员会代表组成 … 单数 … 业主代表人数不低于筹备组总人数的一半; seed 000 §20): the
  parties of ``preparation_group_parties``, an odd size where ``preparation_group_odd_size``,
  owners' representatives at ``preparation_group_owner_share``.
* Publication before the first assembly (指导规则: 首次业主大会会议召开15日前公告):
  ``assembly_publication_days``.
* A committee below ``committee_min_members_share`` of its seats is replaced by the
  residents' committee until a new one is elected (seed 000 §21: 委员人数不足总数的二分之一的
  … 由居民委员会代行).
* Term (``committee_term_years``) and the re-election reminder
  (``committee_reelection_notice_days`` before the term ends).
* Where no committee is elected, or the owners are unwilling, ``assembly_fallback_body``
  says who acts: a property-management committee (seed 000 §19; 001 §三(四)3) or the
  residents' committee (seed 004 §19).

Pure functions over plain values; every result carries its explanation and citation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from gongzhi.rules.exact import format_percent
from gongzhi.rules.explain import Explanation, gettext_noop, terms

if TYPE_CHECKING:
    from gongzhi.rules.profiles import PolicyProfile

#: The parties a preparation group may draw its members from (指导规则; seed 000 §20), with
#: the msgids of their labels (the assembly app's ``GroupMember.Party`` labels).
GROUP_PARTIES: dict[str, str] = {
    "street": gettext_noop("Street / town"),
    "community": gettext_noop("Residents' committee"),
    "developer": gettext_noop("Developer"),
    "owners": gettext_noop("Owners' representative"),
}
PARTIES = tuple(GROUP_PARTIES)
#: Who acts for the owners where no committee is elected: ``assembly_fallback_body``.
FALLBACK_BODIES = ("management_committee", "residents_committee")


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class FormationDue:
    """Whether a project meets the conditions to form its owners' assembly."""

    due: bool
    delivered_share: Fraction
    years_since_first_delivery: int | None
    explanation: Explanation


def formation_due(
    profile: PolicyProfile,
    *,
    delivered_area: Decimal,
    total_area: Decimal,
    first_delivery: dt.date | None,
    today: dt.date,
) -> FormationDue:
    """Formation is due when the delivered share of the exclusive area meets
    ``assembly_formation_delivered_share`` or ``assembly_formation_years_since_first_delivery``
    whole years have passed since the first delivery (指导规则 art. 9; seed 000 §19)."""
    threshold = profile.threshold("assembly_formation_delivered_share")
    share_source = profile.param("assembly_formation_delivered_share").source
    share = Fraction(delivered_area) / Fraction(total_area) if total_area > 0 else Fraction(0)
    years_needed = profile.optional_int("assembly_formation_years_since_first_delivery")
    years: int | None = None
    if first_delivery is not None and first_delivery <= today:
        years = today.year - first_delivery.year
        if (today.month, today.day) < (first_delivery.month, first_delivery.day):
            years -= 1
    if total_area > 0 and threshold.met(share, 1):
        return FormationDue(
            True,
            share,
            years,
            Explanation.of(
                gettext_noop(
                    "%(share)s of the exclusive area is delivered (the profile forms the "
                    "assembly from %(limit)s)."
                ),
                share_source,
                share=format_percent(share),
                limit=threshold.symbol,
            ),
        )
    if years_needed is not None and years is not None and years >= years_needed:
        return FormationDue(
            True,
            share,
            years,
            Explanation.of(
                gettext_noop(
                    "The first part was delivered on %(day)s, %(years)s years ago (the "
                    "profile forms the assembly after %(limit)s years)."
                ),
                profile.param("assembly_formation_years_since_first_delivery").source,
                day=first_delivery.isoformat() if first_delivery else "",
                years=years,
                limit=years_needed,
            ),
        )
    return FormationDue(
        False,
        share,
        years,
        Explanation.of(
            gettext_noop(
                "%(share)s of the exclusive area is delivered; the conditions to form the "
                "owners' assembly are not met yet."
            ),
            share_source,
            share=format_percent(share),
        ),
    )


@dataclass(frozen=True)
class Composition:
    """A preparation group's composition judged against the profile."""

    ok: bool
    problems: tuple[Explanation, ...]


def group_composition(profile: PolicyProfile, parties: list[str]) -> Composition:
    """``parties`` holds one entry per member (``street``, ``community``, ``developer``,
    ``owners``). Every party the profile names is present; the size is odd where the
    profile says so; owners' representatives reach ``preparation_group_owner_share``
    (指导规则: 单数 … 业主代表人数不低于筹备组总人数的一半; seed 000 §20)."""
    problems: list[Explanation] = []
    required = profile.strings("preparation_group_parties")
    missing = [p for p in required if p not in parties]
    if missing:
        problems.append(
            Explanation.of(
                gettext_noop("The group has no member from: %(parties)s."),
                profile.param("preparation_group_parties").source,
                parties=terms(missing, GROUP_PARTIES),
            )
        )
    if profile.flag("preparation_group_odd_size") and len(parties) % 2 == 0:
        problems.append(
            Explanation.of(
                gettext_noop("The group has %(count)s members; it must have an odd number."),
                profile.param("preparation_group_odd_size").source,
                count=len(parties),
            )
        )
    threshold = profile.threshold("preparation_group_owner_share")
    owners = parties.count("owners")
    if not threshold.met(owners, len(parties)):
        problems.append(
            Explanation.of(
                gettext_noop(
                    "%(owners)s of %(count)s members represent the owners; at least %(limit)s must."
                ),
                profile.param("preparation_group_owner_share").source,
                owners=owners,
                count=len(parties),
                limit=threshold.symbol,
            )
        )
    return Composition(not problems, tuple(problems))


@dataclass(frozen=True)
class Window:
    """The publication window before the first assembly's vote may open."""

    starts_on: dt.date
    ends_on: dt.date
    explanation: Explanation


def publication_window(profile: PolicyProfile, published_on: dt.date) -> Window:
    """The group's papers stay published ``assembly_publication_days`` days before the
    first assembly votes (指导规则: 首次业主大会会议召开15日前 … 公告)."""
    days = profile.int_value("assembly_publication_days")
    ends = published_on + dt.timedelta(days=days)
    return Window(
        published_on,
        ends,
        Explanation.of(
            gettext_noop("Published %(days)s days before the first assembly, until %(day)s."),
            profile.param("assembly_publication_days").source,
            days=days,
            day=ends.isoformat(),
        ),
    )


def term_end(profile: PolicyProfile, start: dt.date) -> dt.date:
    """The last day of a committee term that starts on ``start`` (``committee_term_years``)."""
    return _add_years(start, profile.int_value("committee_term_years")) - dt.timedelta(days=1)


@dataclass(frozen=True)
class Reelection:
    """Whether the committee's re-election is due to be prepared."""

    due: bool
    remind_from: dt.date
    explanation: Explanation


def reelection(profile: PolicyProfile, term_end_on: dt.date, today: dt.date) -> Reelection:
    """Re-election is prepared from ``committee_reelection_notice_days`` before the term
    ends (指导规则: 任期届满前3个月 … 换届选举)."""
    days = profile.int_value("committee_reelection_notice_days")
    remind = term_end_on - dt.timedelta(days=days)
    return Reelection(
        today >= remind,
        remind,
        Explanation.of(
            gettext_noop(
                "The term ends on %(end)s: prepare the re-election from %(day)s "
                "(%(days)s days before)."
            ),
            profile.param("committee_reelection_notice_days").source,
            end=term_end_on.isoformat(),
            day=remind.isoformat(),
            days=days,
        ),
    )


@dataclass(frozen=True)
class Strength:
    """Whether a committee keeps enough members to act."""

    enough: bool
    explanation: Explanation


def committee_strength(profile: PolicyProfile, *, active: int, seats: int) -> Strength:
    """A committee whose active members fall below ``committee_min_members_share`` of its
    seats is replaced by the residents' committee until a new one is elected (seed 000
    §21: 委员人数不足总数的二分之一的 … 由居民委员会 … 代行)."""
    threshold = profile.threshold("committee_min_members_share")
    enough = seats > 0 and threshold.met(active, seats)
    message = (
        gettext_noop("%(active)s of %(seats)s seats are filled (at least %(limit)s needed).")
        if enough
        else gettext_noop(
            "Only %(active)s of %(seats)s seats are filled (below %(limit)s): the "
            "residents' committee acts until a new committee is elected."
        )
    )
    return Strength(
        enough,
        Explanation.of(
            message,
            profile.param("committee_min_members_share").source,
            active=active,
            seats=seats,
            limit=threshold.symbol,
        ),
    )


def fallback_body(profile: PolicyProfile) -> str:
    """Who acts where no owners' committee is elected or the owners are unwilling:
    ``management_committee`` (seed 000 §19; 001 §三(四)3) or ``residents_committee``
    (seed 004 §19)."""
    body = profile.text("assembly_fallback_body")
    if body not in FALLBACK_BODIES:
        raise ValueError(f"unknown fallback body {body!r}")
    return body
