"""The fund rules beyond ``money``: exact apportioning, first deposits, the old-project
fund, the warranty deposit and the emergency use of the maintenance fund.

Owns:

- :func:`allocate` — split an amount in fen by integer weights (area in hundredths of a
  m², balances in fen) with the largest-remainder method, so the parts always add up to
  the total to the fen; ties go to the earlier weight, so the result is deterministic;
- :func:`first_deposit` — the first maintenance-fund deposit of one exclusive part
  (住宅专项维修资金管理办法 (2007) art. 7: 5 %–8 % of the local construction cost per m² for
  residential buildings, or a per-m² amount the local authority publishes);
- :func:`old_project_fund` — the old-project repair fund per m² by elevator flag with the
  district finance's matching (seed 001 §三(三)2);
- :func:`warranty_deposit` — the developer's quality warranty deposit (seed 000 §7);
- :func:`emergency_use_allowed` — whether a kind of failure may use the fund before the
  owners decide (住宅专项维修资金管理办法 art. 24; the profile lists the kinds).

The performance bond, preparation fund and top-up rules live in ``gongzhi.rules.money``.
Money is integer fen, areas ``Decimal``, rates ``Fraction``; never a float.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from gongzhi.rules.exact import format_decimal, format_percent, round_fraction, to_fraction
from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.money import FundAmount, format_fen

if TYPE_CHECKING:
    from gongzhi.rules.profiles import PolicyProfile


class FundRuleError(ValueError):
    """Input a fund rule cannot work with (a negative weight, a rate above the cap …)."""


def area_weight(area: Decimal) -> int:
    """An area in m² as an integer weight in hundredths of a m² (registered areas have two
    decimals); more decimals are refused rather than rounded."""
    scaled = Decimal(area).scaleb(2)
    if scaled != scaled.to_integral_value() or scaled < 0:
        raise FundRuleError(f"area must be ≥ 0 with at most two decimals: {area}")
    return int(scaled)


def allocate(total_fen: int, weights: Sequence[int]) -> tuple[int, ...]:
    """Split ``total_fen`` in proportion to ``weights``; the shares add up to the total.

    Largest-remainder method (the method of 住宅专项维修资金 apportioning by area): each
    share is first the floor of its exact quota; the fen left over go one each to the
    largest remainders, ties to the earlier weight. A zero weight gets nothing. A
    negative total splits the same way with the sign reversed.
    """
    if isinstance(total_fen, bool) or not isinstance(total_fen, int):
        raise TypeError("total_fen must be an int number of fen")
    if not weights:
        raise FundRuleError("nothing to allocate to")
    if any(isinstance(w, bool) or not isinstance(w, int) or w < 0 for w in weights):
        raise FundRuleError("weights must be non-negative integers")
    whole = sum(weights)
    if whole == 0:
        raise FundRuleError("the weights add up to zero")
    sign, amount = (-1, -total_fen) if total_fen < 0 else (1, total_fen)
    floors = []
    remainders = []
    for index, weight in enumerate(weights):
        share, remainder = divmod(amount * weight, whole)
        floors.append(share)
        remainders.append((-remainder, index))
    left = amount - sum(floors)
    for _remainder, index in sorted(remainders)[:left]:
        floors[index] += 1
    return tuple(sign * share for share in floors)


_FIRST_PER_M2 = gettext_noop(
    "First maintenance-fund deposit: %(area)s m² × %(rate)s per m² = %(amount)s."
)
_FIRST_COST_SHARE = gettext_noop(
    "First maintenance-fund deposit: %(area)s m² × construction cost %(cost)s per m² × "
    "%(percent)s = %(amount)s."
)


def first_deposit(
    profile: PolicyProfile, *, area: Decimal, cost_fen_per_m2: int | None = None
) -> FundAmount:
    """The first deposit of one exclusive part, rounded half up to the fen.

    ``per_m2`` mode: area × the profile's amount per m². ``cost_share`` mode: area × the
    local construction cost per m² of the part's building type × the profile's percentage
    (住宅专项维修资金管理办法 (2007) art. 7: 5 %–8 %)."""
    mode = profile.text("maintenance_fund_first_deposit_mode")
    exact_area = to_fraction(area, "area")
    if exact_area <= 0:
        raise FundRuleError("area must be positive")
    if mode == "per_m2":
        rate = profile.fen("maintenance_fund_first_deposit_yuan_per_m2")
        amount = round_fraction(rate * exact_area)
        return FundAmount(
            amount,
            Explanation.of(
                _FIRST_PER_M2,
                profile.param("maintenance_fund_first_deposit_yuan_per_m2").source,
                area=format_decimal(area),
                rate=format_fen(rate),
                amount=format_fen(amount),
            ),
        )
    if mode == "cost_share":
        if cost_fen_per_m2 is None or cost_fen_per_m2 <= 0:
            raise FundRuleError("cost_share mode needs a positive construction cost per m²")
        percent = profile.fraction("maintenance_fund_first_deposit_percent")
        amount = round_fraction(cost_fen_per_m2 * exact_area * percent)
        return FundAmount(
            amount,
            Explanation.of(
                _FIRST_COST_SHARE,
                profile.param("maintenance_fund_first_deposit_percent").source,
                area=format_decimal(area),
                cost=format_fen(cost_fen_per_m2),
                percent=format_percent(percent),
                amount=format_fen(amount),
            ),
        )
    raise ValueError(f"unknown first-deposit mode {mode!r}")


_OLD_FUND_ELEVATOR = gettext_noop(
    "Old-project fund: %(area)s m² × %(rate)s per m² (at most %(cap)s with an elevator) = "
    "%(owners)s from the owners; the district finance matches %(ratio)s: %(match)s."
)
_OLD_FUND_NO_ELEVATOR = gettext_noop(
    "Old-project fund: %(area)s m² × %(rate)s per m² (at most %(cap)s without an elevator) "
    "= %(owners)s from the owners; the district finance matches %(ratio)s: %(match)s."
)
_OLD_FUND_NONE = gettext_noop("This jurisdiction's policy sets no old-project fund.")


@dataclass(frozen=True)
class OldProjectFund:
    """The owners' deposit and the public matching of one old-project collection."""

    owners_fen: int | None
    match_fen: int | None
    cap_fen_per_m2: int | None
    explanation: Explanation


def old_project_fund(
    profile: PolicyProfile, *, area: Decimal, elevator: bool, rate_fen_per_m2: int | None = None
) -> OldProjectFund:
    """The old-project repair fund of ``area`` m² (seed 001 §三(三)2).

    The standard is at most the profile's amount per m² for buildings with (不高于75元/m²)
    or without (不高于55元/m²) an elevator; the collection may set a lower rate, never a
    higher one. The district finance adds ``old_project_fund_match_ratio`` of it (等额配套
    = 1/1), rounded half up to the fen."""
    key = (
        "old_project_fund_elevator_yuan_per_m2"
        if elevator
        else "old_project_fund_no_elevator_yuan_per_m2"
    )
    cap = profile.optional_fen(key)
    ratio = profile.optional_fraction("old_project_fund_match_ratio")
    if cap is None:
        explanation = Explanation.of(_OLD_FUND_NONE, profile.param(key).source)
        return OldProjectFund(None, None, None, explanation)
    rate = cap if rate_fen_per_m2 is None else rate_fen_per_m2
    if rate <= 0:
        raise FundRuleError("the rate per m² must be positive")
    if rate > cap:
        raise FundRuleError(f"rate {format_fen(rate)} exceeds the cap {format_fen(cap)} per m²")
    exact_area = to_fraction(area, "area")
    if exact_area <= 0:
        raise FundRuleError("area must be positive")
    owners = round_fraction(rate * exact_area)
    match = round_fraction(owners * (ratio or Fraction(0)))
    explanation = Explanation.of(
        _OLD_FUND_ELEVATOR if elevator else _OLD_FUND_NO_ELEVATOR,
        profile.param(key).source,
        area=format_decimal(area),
        rate=format_fen(rate),
        cap=format_fen(cap),
        ratio="—" if ratio is None else f"{ratio.numerator}:{ratio.denominator}",
        owners=format_fen(owners),
        match=format_fen(match),
    )
    return OldProjectFund(owners, match, cap, explanation)


_WARRANTY = gettext_noop(
    "Quality warranty deposit: %(percent)s of the construction cost %(cost)s = %(amount)s."
)
_WARRANTY_NONE = gettext_noop("This jurisdiction's policy sets no quality warranty deposit.")


def warranty_deposit(profile: PolicyProfile, *, construction_cost_fen: int) -> FundAmount:
    """The developer's quality warranty deposit: the profile's share of the construction
    (建安) cost, rounded half up to the fen (seed 000 §7: 按建安造价的3%存储质量保修金)."""
    if construction_cost_fen <= 0:
        raise FundRuleError("construction cost must be positive")
    percent = profile.optional_fraction("quality_warranty_deposit_percent")
    citation = profile.param("quality_warranty_deposit_percent").source
    if percent is None:
        return FundAmount(None, Explanation.of(_WARRANTY_NONE, citation))
    amount = round_fraction(construction_cost_fen * percent)
    return FundAmount(
        amount,
        Explanation.of(
            _WARRANTY,
            citation,
            percent=format_percent(percent),
            cost=format_fen(construction_cost_fen),
            amount=format_fen(amount),
        ),
    )


def emergency_use_allowed(profile: PolicyProfile, kind: str) -> bool:
    """Whether a failure of ``kind`` may use the fund before the owners decide, with
    publication afterwards; an empty list in the profile allows no emergency use."""
    return kind in profile.strings("maintenance_fund_emergency_kinds")
