"""Owners' decisions: the double test of 民法典 art. 278 on area and headcount.

Owns :class:`DecisionRule` (which thresholds apply, from a policy profile),
:class:`Tally` (the totals the database sums), :func:`decide` and its
:class:`DecisionOutcome`. The law and seeds implemented, with the numbers in the profiles:

- 民法典 art. 278: owners holding ≥ 2/3 of the exclusive area AND ≥ 2/3 of the owners take
  part; ordinary matters pass with > 1/2 of the participating area AND owners; raising the
  maintenance fund, rebuilding, changing the use of common parts or running a business with
  them (¶1 items 6-8) need ≥ 3/4 of the participating area AND owners.
- Seed 000 §33 (using the maintenance fund: the same double 2/3 and double majority).
- Seed 004 §10 (forced exit: ≥ 2/3 of the *total* area and ≥ 2/3 of *all* owners).
- Seed 000 §34 (elevator retrofit: ≥ 2/3 of the building unit's owners).

Counting rules the database must follow before it calls :func:`decide` (最高人民法院
建筑物区分所有权解释 arts. 8-9): area is the exclusive area on the title; each exclusive part
counts as one owner, unsold parts of the developer count as one owner in all, and a buyer
of several parts counts once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal, cast

from gongzhi.rules.exact import format_decimal, format_share, to_fraction
from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.thresholds import Threshold

ApprovalBase = Literal["participating", "total"]
Criterion = Literal[
    "participation_area", "participation_headcount", "approval_area", "approval_headcount"
]

_MESSAGES: dict[tuple[Criterion, ApprovalBase, bool], str] = {
    ("participation_area", "total", True): gettext_noop(
        "Participation by exclusive area: %(part)s of %(whole)s m² (%(share)s); "
        "required %(required)s: met."
    ),
    ("participation_area", "total", False): gettext_noop(
        "Participation by exclusive area: %(part)s of %(whole)s m² (%(share)s); "
        "required %(required)s: not met."
    ),
    ("participation_headcount", "total", True): gettext_noop(
        "Participation by owners: %(part)s of %(whole)s owners (%(share)s); "
        "required %(required)s: met."
    ),
    ("participation_headcount", "total", False): gettext_noop(
        "Participation by owners: %(part)s of %(whole)s owners (%(share)s); "
        "required %(required)s: not met."
    ),
    ("approval_area", "participating", True): gettext_noop(
        "Approval by exclusive area: %(part)s of the %(whole)s m² taking part (%(share)s); "
        "required %(required)s: met."
    ),
    ("approval_area", "participating", False): gettext_noop(
        "Approval by exclusive area: %(part)s of the %(whole)s m² taking part (%(share)s); "
        "required %(required)s: not met."
    ),
    ("approval_headcount", "participating", True): gettext_noop(
        "Approval by owners: %(part)s of the %(whole)s owners taking part (%(share)s); "
        "required %(required)s: met."
    ),
    ("approval_headcount", "participating", False): gettext_noop(
        "Approval by owners: %(part)s of the %(whole)s owners taking part (%(share)s); "
        "required %(required)s: not met."
    ),
    ("approval_area", "total", True): gettext_noop(
        "Approval by exclusive area: %(part)s of all %(whole)s m² (%(share)s); "
        "required %(required)s: met."
    ),
    ("approval_area", "total", False): gettext_noop(
        "Approval by exclusive area: %(part)s of all %(whole)s m² (%(share)s); "
        "required %(required)s: not met."
    ),
    ("approval_headcount", "total", True): gettext_noop(
        "Approval by owners: %(part)s of all %(whole)s owners (%(share)s); "
        "required %(required)s: met."
    ),
    ("approval_headcount", "total", False): gettext_noop(
        "Approval by owners: %(part)s of all %(whole)s owners (%(share)s); "
        "required %(required)s: not met."
    ),
}
_PASSED = gettext_noop("Passed: every participation and approval threshold is met.")
_NO_PARTICIPATION = gettext_noop(
    "Not passed: too few owners took part (participation threshold not met)."
)
_NO_APPROVAL = gettext_noop("Not passed: the approval threshold is not met.")
_RULE_LINES: dict[tuple[Criterion, ApprovalBase], str] = {
    ("participation_area", "total"): gettext_noop(
        "Taking part, by exclusive area of all owners: %(threshold)s"
    ),
    ("participation_headcount", "total"): gettext_noop(
        "Taking part, by number of all owners: %(threshold)s"
    ),
    ("approval_area", "participating"): gettext_noop(
        "Agreeing, by exclusive area of those taking part: %(threshold)s"
    ),
    ("approval_headcount", "participating"): gettext_noop(
        "Agreeing, by number of those taking part: %(threshold)s"
    ),
    ("approval_area", "total"): gettext_noop(
        "Agreeing, by exclusive area of all owners: %(threshold)s"
    ),
    ("approval_headcount", "total"): gettext_noop(
        "Agreeing, by number of all owners: %(threshold)s"
    ),
}


@dataclass(frozen=True)
class DecisionRule:
    """Which thresholds a kind of decision must meet; ``None`` means "not counted".

    Participation is measured against all owners; approval against the participating
    owners or, with ``approval_base="total"``, against all owners (seed 004 §10).
    """

    participation_area: Threshold | None
    participation_headcount: Threshold | None
    approval_area: Threshold | None
    approval_headcount: Threshold | None
    approval_base: ApprovalBase = "participating"
    citation: str = ""

    def __post_init__(self) -> None:
        if self.approval_base not in ("participating", "total"):
            raise ValueError(
                f"approval_base must be 'participating' or 'total', got {self.approval_base!r}"
            )
        if self.approval_area is None and self.approval_headcount is None:
            raise ValueError("a decision rule needs an approval threshold on area or headcount")

    def explain(self) -> tuple[Explanation, ...]:
        """The rule as translatable lines, one per threshold counted, for pages and the
        API (``describe`` is the language-neutral one-liner of the CLI)."""
        lines = []
        for criterion, threshold in (
            ("participation_area", self.participation_area),
            ("participation_headcount", self.participation_headcount),
            ("approval_area", self.approval_area),
            ("approval_headcount", self.approval_headcount),
        ):
            if threshold is None:
                continue
            base: ApprovalBase = (
                "total" if criterion.startswith("participation") else self.approval_base
            )
            message = _RULE_LINES[(cast(Criterion, criterion), base)]
            lines.append(Explanation.of(message, self.citation, threshold=threshold.symbol))
        return tuple(lines)

    def describe(self) -> str:
        """One line with language-neutral symbols, e.g. for ``gongzhi profiles show``.

        ``participation: area ≥ 2/3, owners ≥ 2/3; approval of those taking part:
        area > 1/2, owners > 1/2``.
        """

        def pair(area: Threshold | None, owners: Threshold | None) -> str:
            parts = [f"area {area}" if area else "", f"owners {owners}" if owners else ""]
            return ", ".join(part for part in parts if part)

        base = "all owners" if self.approval_base == "total" else "those taking part"
        approval = f"approval of {base}: {pair(self.approval_area, self.approval_headcount)}"
        participation = pair(self.participation_area, self.participation_headcount)
        return f"participation: {participation}; {approval}" if participation else approval


def _area(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(
            f"{what} must be a Decimal (m²) or an int, not {type(value).__name__}"
            " (floats are never accepted)"
        )
    area = Decimal(value)
    if not area.is_finite():
        raise ValueError(f"{what} must be finite, got {area}")
    if area < 0:
        raise ValueError(f"{what} must not be negative, got {area}")
    return area


def _count(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an int, not {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{what} must not be negative, got {value}")
    return value


@dataclass(frozen=True)
class Tally:
    """The totals of one vote: exclusive area in m² (``Decimal``, exact) and headcounts.

    Participating owners are those who cast any ballot (yes, no or abstain); ``yes_*``
    is the part of them that agreed.
    """

    total_area: Decimal
    total_owners: int
    participating_area: Decimal
    participating_owners: int
    yes_area: Decimal
    yes_owners: int

    def __post_init__(self) -> None:
        for name in ("total_area", "participating_area", "yes_area"):
            object.__setattr__(self, name, _area(getattr(self, name), name))
        for name in ("total_owners", "participating_owners", "yes_owners"):
            _count(getattr(self, name), name)
        if not self.yes_area <= self.participating_area <= self.total_area:
            raise ValueError("areas must satisfy yes ≤ participating ≤ total")
        if not self.yes_owners <= self.participating_owners <= self.total_owners:
            raise ValueError("headcounts must satisfy yes ≤ participating ≤ total")


@dataclass(frozen=True)
class CriterionResult:
    """One of the (up to four) tests of a decision, with its reason."""

    criterion: Criterion
    threshold: Threshold
    part: Decimal | int
    whole: Decimal | int
    met: bool
    explanation: Explanation

    @property
    def share(self) -> Fraction | None:
        """``part / whole`` exactly, ``None`` when the whole is zero."""
        whole = to_fraction(self.whole)
        return to_fraction(self.part) / whole if whole else None


@dataclass(frozen=True)
class DecisionOutcome:
    """The result of :func:`decide`: passed only if participation and approval are met."""

    rule: DecisionRule
    tally: Tally
    participation_met: bool
    approval_met: bool
    passed: bool
    criteria: tuple[CriterionResult, ...]
    explanation: Explanation


def _criterion(
    rule: DecisionRule,
    criterion: Criterion,
    threshold: Threshold,
    part: Decimal | int,
    whole: Decimal | int,
    base: ApprovalBase,
) -> CriterionResult:
    met = threshold.met(part, whole)
    share = to_fraction(part) / to_fraction(whole) if whole else None
    explanation = Explanation.of(
        _MESSAGES[(criterion, base, met)],
        rule.citation,
        part=format_decimal(part),
        whole=format_decimal(whole),
        share="—" if share is None else format_share(share),
        required=threshold.symbol,
    )
    return CriterionResult(criterion, threshold, part, whole, met, explanation)


def decide(rule: DecisionRule, tally: Tally) -> DecisionOutcome:
    """Judge a vote's totals against a decision rule (民法典 art. 278 double test).

    Every configured threshold is evaluated and reported, even after one fails, so the
    explanation lists all of them. Zero owners or zero area never pass.
    """
    results: list[CriterionResult] = []
    if rule.participation_area is not None:
        results.append(
            _criterion(
                rule,
                "participation_area",
                rule.participation_area,
                tally.participating_area,
                tally.total_area,
                "total",
            )
        )
    if rule.participation_headcount is not None:
        results.append(
            _criterion(
                rule,
                "participation_headcount",
                rule.participation_headcount,
                tally.participating_owners,
                tally.total_owners,
                "total",
            )
        )
    by_total = rule.approval_base == "total"
    if rule.approval_area is not None:
        whole_area = tally.total_area if by_total else tally.participating_area
        results.append(
            _criterion(
                rule,
                "approval_area",
                rule.approval_area,
                tally.yes_area,
                whole_area,
                rule.approval_base,
            )
        )
    if rule.approval_headcount is not None:
        whole_owners = tally.total_owners if by_total else tally.participating_owners
        results.append(
            _criterion(
                rule,
                "approval_headcount",
                rule.approval_headcount,
                tally.yes_owners,
                whole_owners,
                rule.approval_base,
            )
        )
    participation_met = all(r.met for r in results if r.criterion.startswith("participation"))
    approval_met = all(r.met for r in results if r.criterion.startswith("approval"))
    if not participation_met:
        message = _NO_PARTICIPATION
    elif not approval_met:
        message = _NO_APPROVAL
    else:
        message = _PASSED
    return DecisionOutcome(
        rule=rule,
        tally=tally,
        participation_met=participation_met,
        approval_met=approval_met,
        passed=participation_met and approval_met,
        criteria=tuple(results),
        explanation=Explanation.of(message, rule.citation),
    )
