"""How a property company comes into a project and how it leaves (no Django).

Owns the pure judgements of the lifecycle capability (``gongzhi.lifecycle``):

* **Selection** (选聘): whether a preliminary-service tender may go ahead or must be a
  negotiated selection approved by the bureau (物业管理条例 art. 24; seed 000 §13; 001
  §(二)1; 002 §二(二)1: fewer bidders than ``tender_min_bidders`` or a small project), the
  parties the evaluation committee must hold (seed 004 §8: 新城、镇街、招标人和物业管理专家),
  the ranking of scored bidders, and the reminder to organise a new selection after
  ``preliminary_service_reselection_years`` of preliminary service without an owners'
  committee (seed 004 §8).
* **Handover inspection** (承接查验): the preconditions checklist (seed 000 §8; 物业承接查验办法
  art. 11), the date by which the inspection must be complete (``handover_inspection_days``
  before delivery: seed 000 §24 fifteen days, seed 004 §12 thirty), the default
  rectification deadline of a finding, the delivery refusal while first maintenance-fund
  deposits are missing (seed 004 §14) and the encouraged warranty extension (seed 004 §11).
* **Exit** (退出): whether a written exit notice came early enough (``exit_notice_days``,
  seed 000 §12, 004 §10; ``owner_dismissal_notice_days`` when the owners dismiss the
  company, 民法典 art. 946) and reached every party the profile names, whether a forced
  exit needs a joint review and by whom (seed 004 §10), and the supervised handover
  checklist (民法典 art. 949; 物业管理条例 art. 38; seed 004 §10).

Every number and list is a policy-profile parameter; every result carries its
:class:`~gongzhi.rules.explain.Explanation` with the parameter's source.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from gongzhi.rules.explain import Explanation, gettext_noop, terms
from gongzhi.rules.params import InvalidValue, ProfileReader, show


class PolicyProfile(ProfileReader, Protocol):
    """The profile accessors the lifecycle rules call (a loaded ``PolicyProfile`` has them)."""

    def value(self, key: str) -> object: ...

    def flag(self, key: str) -> bool: ...


# --- parties ------------------------------------------------------------------------------

PARTIES: dict[str, str] = {
    "new_city": gettext_noop("New city (新城)"),
    "street": gettext_noop("Street / town office"),
    "community": gettext_noop("Community"),
    "bureau": gettext_noop("Housing bureau"),
    "owners_committee": gettext_noop("Owners' committee"),
    "owners_representatives": gettext_noop("Owners' representatives"),
    "tenderer": gettext_noop("Tenderer"),
    "experts": gettext_noop("Property-management experts"),
}
"""Every party a lifecycle profile list may name, with its English msgid."""


def unknown_parties(codes: Sequence[str]) -> list[str]:
    """The codes of ``codes`` that are not parties (for the profile's cross-key check)."""
    return [code for code in codes if code not in PARTIES]


@dataclass(frozen=True)
class PartiesCheck:
    """Whether every required party is present; ``missing`` in the profile's order."""

    ok: bool
    missing: tuple[str, ...]
    explanation: Explanation


_PARTIES_OK = gettext_noop("Every required party is present (%(required)s).")
_PARTIES_MISSING = gettext_noop("Missing: %(missing)s (required: %(required)s).")
_NO_PARTIES = gettext_noop("This jurisdiction's policy names no required parties.")


def parties_check(profile: PolicyProfile, key: str, present: Collection[str]) -> PartiesCheck:
    """Are all parties of the profile list ``key`` among ``present``?

    Used for ``tender_committee_parties`` (seed 004 §8), ``forced_exit_review_parties``
    (seed 004 §10) and ``exit_notice_recipients`` (seed 000 §12; 004 §10). A null list
    requires nobody.
    """
    param = profile.param(key)
    required: tuple[str, ...] = () if profile.value(key) is None else profile.strings(key)
    if not required:
        return PartiesCheck(True, (), Explanation.of(_NO_PARTIES, param.source))
    missing = tuple(code for code in required if code not in set(present))
    return PartiesCheck(
        not missing,
        missing,
        Explanation.of(
            _PARTIES_MISSING if missing else _PARTIES_OK,
            param.source,
            missing=terms(missing, PARTIES),
            required=terms(required, PARTIES),
        ),
    )


def required_parties(profile: PolicyProfile, key: str) -> tuple[str, ...]:
    """The parties of the profile list ``key`` (empty when the profile sets it null)."""
    return () if profile.value(key) is None else profile.strings(key)


# --- checklists (profile tables) ------------------------------------------------------------


@dataclass(frozen=True)
class ChecklistItem:
    """One line of a checklist: a stable code, its Chinese and English label, its clause."""

    code: str
    label_zh: str
    label_en: str
    source: str


CHECKLIST_SHAPE = (
    '{ code = "utilities_metered", label_zh = "水电气暖独立计量", label_en = "Utilities '
    'metered", source = "seed 000 §8" }'
)
_FIELDS = ("code", "label_zh", "label_en", "source")


def parse_checklist(raw: object) -> tuple[object, ...]:
    """A checklist table → :class:`ChecklistItem` values; names the bad entry."""
    if not isinstance(raw, list) or not raw:
        raise InvalidValue("", "a non-empty list of checklist items", show(raw))
    items: list[ChecklistItem] = []
    for index, entry in enumerate(raw):
        where = f"[{index}]"
        if not isinstance(entry, dict):
            raise InvalidValue(where, "a table like " + CHECKLIST_SHAPE, show(entry))
        unknown = sorted(set(entry) - set(_FIELDS))
        if unknown:
            raise InvalidValue(f"{where}.{unknown[0]}", "no such field", show(entry))
        for name in _FIELDS:
            value = entry.get(name)
            if not isinstance(value, str) or not value.strip():
                raise InvalidValue(f"{where}.{name}", "a non-empty string", show(value))
        code = entry["code"]
        if not code.replace("_", "").isalnum() or not code.isascii() or code != code.lower():
            raise InvalidValue(f"{where}.code", "lower-case letters, digits and _", show(code))
        items.append(ChecklistItem(**entry))
    codes = [item.code for item in items]
    duplicate = next((c for c in codes if codes.count(c) > 1), None)
    if duplicate is not None:
        raise InvalidValue(f"[{codes.index(duplicate)}].code", "distinct codes", show(duplicate))
    return tuple(items)


def handover_preconditions(profile: PolicyProfile) -> tuple[ChecklistItem, ...]:
    """What must hold before a handover inspection starts (seed 000 §8; 承接查验办法 art. 11)."""
    return profile.table("handover_preconditions", ChecklistItem)


def exit_handover_items(profile: PolicyProfile) -> tuple[ChecklistItem, ...]:
    """What an outgoing company hands over (民法典 art. 949; 物业管理条例 art. 38; seed 004 §10)."""
    return profile.table("exit_handover_items", ChecklistItem)


@dataclass(frozen=True)
class ChecklistResult:
    ok: bool
    missing: tuple[ChecklistItem, ...]
    explanation: Explanation


_CHECKLIST_OK = gettext_noop("All %(count)s conditions are met.")
_CHECKLIST_MISSING = gettext_noop("%(missing)s of %(count)s conditions are not met: %(codes)s.")


def checklist_check(
    items: Sequence[ChecklistItem], met: Mapping[str, bool], citation: str = ""
) -> ChecklistResult:
    """Every item of ``items`` is ticked in ``met`` (a code not ticked counts as not met)."""
    missing = tuple(item for item in items if not met.get(item.code))
    explanation = Explanation.of(
        _CHECKLIST_MISSING if missing else _CHECKLIST_OK,
        citation,
        count=len(items),
        missing=len(missing),
        codes=", ".join(item.code for item in missing),
    )
    return ChecklistResult(not missing, missing, explanation)


# --- selection (选聘) -------------------------------------------------------------------------


@dataclass(frozen=True)
class SelectionMode:
    """Whether a public tender can go ahead or a negotiated selection may be approved."""

    negotiated_allowed: bool
    grounds: tuple[str, ...]  # "too_few_bidders", "small_project"
    explanation: Explanation


_TENDER = gettext_noop(
    "%(count)s eligible bidders, at least %(minimum)s required: the selection is by public tender."
)
_FEW = gettext_noop(
    "Only %(count)s eligible bidders, fewer than %(minimum)s: a negotiated selection may be "
    "used with the housing bureau's approval."
)
_SMALL = gettext_noop(
    "The project's %(area)s m² is at most %(limit)s m²: a small project may be selected by "
    "negotiation with the housing bureau's approval."
)
_SMALL_CLAIM = gettext_noop(
    "The tenderer says the project is small; this jurisdiction sets no size, so the housing "
    "bureau judges it when approving a negotiated selection."
)


def selection_mode(
    profile: PolicyProfile,
    *,
    eligible_bidders: int,
    total_area_m2: Decimal | None,
    claimed_small: bool = False,
) -> SelectionMode:
    """Tender or negotiation (物业管理条例 art. 24; seed 000 §13; 002 §二(二)1).

    Fewer eligible bidders than ``tender_min_bidders``, or a project no larger than
    ``tender_small_project_max_area_m2`` (where the profile sets a size; where it does not,
    a claim that the bureau judges), allow a negotiated selection — always with the
    bureau's approval.
    """
    if eligible_bidders < 0:
        raise ValueError("eligible_bidders must not be negative")
    minimum = profile.int_value("tender_min_bidders")
    min_source = profile.param("tender_min_bidders").source
    small_param = profile.param("tender_small_project_max_area_m2")
    limit = profile.optional_int("tender_small_project_max_area_m2")
    grounds: list[str] = []
    reasons: list[Explanation] = []
    if eligible_bidders < minimum:
        grounds.append("too_few_bidders")
        reasons.append(Explanation.of(_FEW, min_source, count=eligible_bidders, minimum=minimum))
    if limit is not None and total_area_m2 is not None and total_area_m2 <= limit:
        grounds.append("small_project")
        reasons.append(
            Explanation.of(_SMALL, small_param.source, area=f"{total_area_m2:,}", limit=limit)
        )
    elif limit is None and claimed_small:
        grounds.append("small_project")
        reasons.append(Explanation.of(_SMALL_CLAIM, small_param.source))
    if not grounds:
        return SelectionMode(
            False,
            (),
            Explanation.of(_TENDER, min_source, count=eligible_bidders, minimum=minimum),
        )
    return SelectionMode(True, tuple(grounds), reasons[0])


@dataclass(frozen=True)
class Ranked:
    ref: int
    score: Decimal
    rank: int


def rank_bidders(scores: Mapping[int, Decimal]) -> tuple[Ranked, ...]:
    """Scored bidders best first; equal scores share a rank (1, 1, 3)."""
    ordered = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    out: list[Ranked] = []
    for index, (ref, score) in enumerate(ordered):
        rank = out[-1].rank if out and out[-1].score == score else index + 1
        out.append(Ranked(ref, score, rank))
    return tuple(out)


def unique_winner(ranked: Sequence[Ranked]) -> int | None:
    """The bidder ranked first alone, or None on a tie (the committee must break it)."""
    first = [r for r in ranked if r.rank == 1]
    return first[0].ref if len(first) == 1 else None


@dataclass(frozen=True)
class Reminder:
    due: bool
    due_on: dt.date | None
    explanation: Explanation


_RESELECT_DUE = gettext_noop(
    "Preliminary service began on %(start)s; after %(years)s years without an owners' "
    "committee (from %(due)s) the community organises the owners to sign a new contract or "
    "select a company."
)
_RESELECT_NOT_YET = gettext_noop(
    "Preliminary service began on %(start)s; a new selection is due from %(due)s if no "
    "owners' committee exists by then."
)
_RESELECT_COMMITTEE = gettext_noop("An owners' committee exists: the owners select the company.")
_RESELECT_NONE = gettext_noop(
    "This jurisdiction's policy sets no period after which preliminary service is reselected."
)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def reselection_check(
    profile: PolicyProfile, *, service_start: dt.date, has_committee: bool, today: dt.date
) -> Reminder:
    """Seed 004 §8: 前期物业服务满5年的，尚未成立业委会的小区，由社区组织 … 重新 … 选聘."""
    param = profile.param("preliminary_service_reselection_years")
    years = profile.optional_int("preliminary_service_reselection_years")
    if years is None:
        return Reminder(False, None, Explanation.of(_RESELECT_NONE, param.source))
    due_on = _add_years(service_start, years)
    if has_committee:
        return Reminder(False, due_on, Explanation.of(_RESELECT_COMMITTEE, param.source))
    due = today >= due_on
    explanation = Explanation.of(
        _RESELECT_DUE if due else _RESELECT_NOT_YET,
        param.source,
        start=service_start.isoformat(),
        years=years,
        due=due_on.isoformat(),
    )
    return Reminder(due, due_on, explanation)


# --- handover inspection (承接查验) -----------------------------------------------------------


@dataclass(frozen=True)
class DueDate:
    """A date a step is due, with its reason; ``overdue`` is judged on a given day."""

    due: dt.date
    days: int
    explanation: Explanation

    def overdue(self, *, done_on: dt.date | None, today: dt.date) -> bool:
        if done_on is not None:
            return done_on > self.due
        return today > self.due


_HANDOVER_DUE = gettext_noop(
    "Delivery on %(delivery)s: the handover inspection must be complete %(days)s calendar "
    "days before, by %(due)s."
)


def handover_due(profile: PolicyProfile, delivery_on: dt.date) -> DueDate:
    """``handover_inspection_days`` calendar days before delivery (seed 000 §24: 十五日前;
    seed 004 §12: 前30日)."""
    return _days_from(
        profile, "handover_inspection_days", _HANDOVER_DUE, "delivery", delivery_on, -1
    )


_RECTIFY_DUE = gettext_noop("Found on %(found)s: rectify within %(days)s days, by %(due)s.")


def rectification_due(profile: PolicyProfile, found_on: dt.date) -> DueDate:
    """The default deadline of a finding: ``handover_rectification_days`` after it was found
    (seed 000 §24: 在规定时间内落实整改)."""
    return _days_from(profile, "handover_rectification_days", _RECTIFY_DUE, "found", found_on, 1)


def _days_from(
    profile: PolicyProfile, key: str, message: str, day_name: str, day: dt.date, direction: int
) -> DueDate:
    """The date the profile's ``key`` days after (``direction`` 1) or before (-1) ``day``,
    explained with ``day`` under ``day_name``."""
    days = profile.int_value(key)
    due = day + dt.timedelta(days=direction * days)
    explanation = Explanation.of(
        message,
        profile.param(key).source,
        **{day_name: day.isoformat()},
        days=days,
        due=due.isoformat(),
    )
    return DueDate(due, days, explanation)


@dataclass(frozen=True)
class Check:
    ok: bool
    explanation: Explanation


_DELIVERY_BLOCKED = gettext_noop(
    "%(count)s exclusive parts have no first maintenance-fund deposit: they may not be delivered."
)
_DELIVERY_OK = gettext_noop("Every exclusive part has its first maintenance-fund deposit.")
_DELIVERY_NOT_REQUIRED = gettext_noop(
    "This jurisdiction's policy does not make delivery wait for the first deposit."
)


def delivery_check(profile: PolicyProfile, *, parts_missing_first_deposit: int) -> Check:
    """Seed 004 §14: 未提供维修资金交存票据的，建设单位不得交付房屋
    (``maintenance_fund_first_deposit_before_delivery``)."""
    source = profile.param("maintenance_fund_first_deposit_before_delivery").source
    if not profile.flag("maintenance_fund_first_deposit_before_delivery"):
        return Check(True, Explanation.of(_DELIVERY_NOT_REQUIRED, source))
    if parts_missing_first_deposit > 0:
        return Check(
            False, Explanation.of(_DELIVERY_BLOCKED, source, count=parts_missing_first_deposit)
        )
    return Check(True, Explanation.of(_DELIVERY_OK, source))


_WARRANTY = gettext_noop(
    "The developer is encouraged to extend the warranty of facilities, equipment and "
    "buildings by %(years)s years."
)


def warranty_extension(profile: PolicyProfile) -> Explanation | None:
    """Seed 004 §11: 引导 … 质保期延长2年 (``warranty_extension_years_encouraged``)."""
    years = profile.optional_int("warranty_extension_years_encouraged")
    if years is None:
        return None
    return Explanation.of(
        _WARRANTY, profile.param("warranty_extension_years_encouraged").source, years=years
    )


# --- exit (退出) ----------------------------------------------------------------------------

EXIT_KINDS = ("non_renewal", "early_termination", "owners_dismissal", "forced", "blacklisted")
"""Why a company leaves: it does not renew at term end (民法典 art. 947; seed 000 §12), it
ends early (seed 004 §10), the owners dismiss it (民法典 art. 946), the owners' vote and a
joint review force it out (seed 004 §10), or it is blacklisted (seed 000 §12)."""
NOTICE_KINDS = {
    "non_renewal": "exit_notice_days",
    "early_termination": "exit_notice_days",
    "owners_dismissal": "owner_dismissal_notice_days",
}
"""Exit kinds that start with a written notice, and the profile key of its period."""


@dataclass(frozen=True)
class NoticeCheck:
    timely: bool
    due: dt.date
    days: int
    explanation: Explanation


_NOTICE_OK = gettext_noop(
    "Notice given on %(given)s, at least %(days)s days before the end on %(end)s (due by %(due)s)."
)
_NOTICE_LATE = gettext_noop(
    "Notice given on %(given)s, later than %(days)s days before the end on %(end)s (due by "
    "%(due)s)."
)


def notice_check(
    profile: PolicyProfile, *, kind: str, notice_on: dt.date, end_on: dt.date
) -> NoticeCheck:
    """A written exit notice is timely when given at least the profile's days before the
    service ends (``exit_notice_days``: 民法典 art. 947, seed 000 §12 九十日前, seed 004 §10
    前90日; ``owner_dismissal_notice_days``: 民法典 art. 946)."""
    key = NOTICE_KINDS.get(kind)
    if key is None:
        raise ValueError(f"exit kind {kind!r} has no notice period")
    days = profile.int_value(key)
    due = end_on - dt.timedelta(days=days)
    timely = notice_on <= due
    explanation = Explanation.of(
        _NOTICE_OK if timely else _NOTICE_LATE,
        profile.param(key).source,
        given=notice_on.isoformat(),
        days=days,
        end=end_on.isoformat(),
        due=due.isoformat(),
    )
    return NoticeCheck(timely, due, days, explanation)


_REVIEW_NEEDED = gettext_noop(
    "After the owners' vote, a joint review by %(parties)s decides the forced exit."
)
_REVIEW_NOT_NEEDED = gettext_noop(
    "This jurisdiction's policy needs no joint review: the owners' decision ends the service."
)


def forced_exit_review(profile: PolicyProfile) -> Check:
    """Whether a forced exit needs a joint review after the vote (seed 004 §10: 由新城、
    镇街、社区、业主代表及物业管理专家综合研判后强制退出); ``ok`` = a review is needed."""
    parties = required_parties(profile, "forced_exit_review_parties")
    source = profile.param("forced_exit_review_parties").source
    if not parties:
        return Check(False, Explanation.of(_REVIEW_NOT_NEEDED, source))
    return Check(True, Explanation.of(_REVIEW_NEEDED, source, parties=terms(parties, PARTIES)))
