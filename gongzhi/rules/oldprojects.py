"""Old residential areas (老旧小区): service modes, the "五有" basic service and the company
subsidy (no Django). Seed 001 §三(三).

* §三(三)1: after renovation each old project gets a service mode chosen with its owners —
  a market company (引进市场化物业管理), owners' self-management (业主自行管理) or
  quasi-management by the residents' committee (准物业管理); §三(四)1 adds public-welfare
  companies (公益性物业企业) — so that the five basic services are covered: cleaning,
  security, greening, repairs and parking (有清扫保洁、有安全防范、有绿化养护、有物业维修、
  有停车管理).
* §三(三)3(2): a company that reaches the "五有" standard receives a monthly subsidy per
  managed m² between ``old_project_service_subsidy_min_yuan_per_m2_month`` and
  ``..._max_...`` (0.2–0.3 yuan): ``area × rate × months``, no yearly cap.
* §三(三)3(3): a separate yearly reward from the district budget (区财政每年配套100万) to a
  company that entered old projects and serves them: at most
  ``old_project_company_reward_cap_yuan`` (50 000 yuan) per company a year. The cap
  bounds the rewards only, never the subsidies of (2).

Money is integer fen; the area is a Decimal in m² (two places); the amount of an
application is ``area × rate × months`` rounded half up to the fen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongzhi.rules.explain import Explanation, gettext_noop, terms
from gongzhi.rules.money import format_fen
from gongzhi.rules.params import ProfileReader

MODES = ("company", "self_managed", "quasi_management", "public_welfare")
BASIC_SERVICES: dict[str, str] = {
    "cleaning": gettext_noop("Cleaning (有清扫保洁)"),
    "security": gettext_noop("Security (有安全防范)"),
    "greening": gettext_noop("Greening (有绿化养护)"),
    "repairs": gettext_noop("Repairs (有物业维修)"),
    "parking": gettext_noop("Parking (有停车管理)"),
}
"""The five basic services with the msgids of their labels (seed 001 §三(三)1)."""
FIVE_BASICS = tuple(BASIC_SERVICES)
"""有清扫保洁、有安全防范、有绿化养护、有物业维修、有停车管理 (seed 001 §三(三)1)."""

MIN_KEY = "old_project_service_subsidy_min_yuan_per_m2_month"
MAX_KEY = "old_project_service_subsidy_max_yuan_per_m2_month"
CAP_KEY = "old_project_company_reward_cap_yuan"


class SubsidyError(ValueError):
    """An application the rule refuses; ``field`` names the input, ``reason`` explains."""

    def __init__(self, field: str, reason: Explanation) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason.message}")


@dataclass(frozen=True)
class BasicsCheck:
    met: tuple[str, ...]
    missing: tuple[str, ...]
    explanation: Explanation

    @property
    def passed(self) -> bool:
        return not self.missing


_BASICS_OK = gettext_noop("All five basic services (五有) are in place.")
_BASICS_MISSING = gettext_noop(
    "%(count)s of the five basic services (五有) are missing: %(missing)s."
)


def basics_check(met: Iterable[str]) -> BasicsCheck:
    """The "五有" standard: every one of :data:`FIVE_BASICS` in place (seed 001 §三(三)1)."""
    given = set(met)
    unknown = given - set(FIVE_BASICS)
    if unknown:
        raise ValueError(f"unknown basic services: {sorted(unknown)}")
    have = tuple(b for b in FIVE_BASICS if b in given)
    missing = tuple(b for b in FIVE_BASICS if b not in given)
    if missing:
        why = Explanation.of(
            _BASICS_MISSING,
            "seed 001 §三(三)1",
            count=len(missing),
            missing=terms(missing, BASIC_SERVICES),
        )
    else:
        why = Explanation.of(_BASICS_OK, "seed 001 §三(三)1")
    return BasicsCheck(have, missing, why)


@dataclass(frozen=True)
class SubsidyRange:
    """The profile's subsidy rate range (fen per m² per month), §三(三)3(2)."""

    min_fen: int
    max_fen: int
    source: str


def subsidy_range(profile: ProfileReader) -> SubsidyRange | None:
    """None where the profile sets no old-project subsidy (national)."""
    low, high = profile.optional_fen(MIN_KEY), profile.optional_fen(MAX_KEY)
    if low is None or high is None:
        return None
    return SubsidyRange(low, high, profile.param(MIN_KEY).source)


@dataclass(frozen=True)
class SubsidyGrant:
    amount_fen: int
    explanation: Explanation


_RATE = gettext_noop("Choose a rate from %(min)s to %(max)s per m² a month.")
_NONE = gettext_noop("This jurisdiction's policy sets no old-project service subsidy.")
_AREA = gettext_noop("Enter the managed area in m², more than 0.")
_MONTHS = gettext_noop("Enter 1 to 12 months.")
_GRANT = gettext_noop(
    "%(area)s m² × %(rate)s per m² a month × %(months)s months = %(computed)s "
    "(rate range %(min)s–%(max)s)."
)


def service_subsidy(
    profile: ProfileReader,
    *,
    area_m2: Decimal,
    months: int,
    rate_fen: int,
) -> SubsidyGrant:
    """The subsidy for ``months`` months of basic service on ``area_m2`` m² at ``rate_fen``
    per m² a month (within the profile's range, inclusive). Seed 001 §三(三)3(2): no yearly
    cap applies here (the cap of §三(三)3(3) bounds the separate reward)."""
    bounds = subsidy_range(profile)
    if bounds is None:
        raise SubsidyError("rate", Explanation.of(_NONE, profile.param(MIN_KEY).source))
    if not isinstance(area_m2, Decimal) or not area_m2.is_finite() or area_m2 <= 0:
        raise SubsidyError("area_m2", Explanation.of(_AREA, bounds.source))
    if isinstance(months, bool) or not isinstance(months, int) or not 1 <= months <= 12:
        raise SubsidyError("months", Explanation.of(_MONTHS, bounds.source))
    if not bounds.min_fen <= rate_fen <= bounds.max_fen:
        raise SubsidyError(
            "rate",
            Explanation.of(
                _RATE,
                bounds.source,
                min=format_fen(bounds.min_fen),
                max=format_fen(bounds.max_fen),
            ),
        )
    computed = int((area_m2 * rate_fen * months).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    params = {
        "area": f"{area_m2:.2f}",
        "rate": format_fen(rate_fen),
        "months": months,
        "computed": format_fen(computed),
        "min": format_fen(bounds.min_fen),
        "max": format_fen(bounds.max_fen),
    }
    return SubsidyGrant(computed, Explanation.of(_GRANT, bounds.source, **params))


class RewardError(ValueError):
    """A reward the rule refuses; ``field`` names the input, ``reason`` explains."""

    def __init__(self, field: str, reason: Explanation) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason.message}")


@dataclass(frozen=True)
class RewardGrant:
    amount_fen: int
    cap_fen: int
    explanation: Explanation


_NO_REWARD = gettext_noop("This jurisdiction's policy sets no reward to old-project companies.")
_NOT_SERVING = gettext_noop(
    "The company serves no old residential area that passed the 五有 check."
)
_REWARD_AMOUNT = gettext_noop("Enter a reward of more than 0.")
_REWARD_OVER = gettext_noop(
    "A company receives at most %(cap)s a year: %(earlier)s already granted this year plus "
    "%(amount)s would be %(total)s."
)
_REWARD = gettext_noop(
    "Reward %(amount)s to a company serving %(projects)s old residential area(s) that "
    "passed the 五有 check; with %(earlier)s earlier this year, %(total)s of the yearly cap "
    "of %(cap)s per company."
)


def reward_cap(profile: ProfileReader) -> int | None:
    """The yearly reward cap per company in fen; None where the profile sets none."""
    return profile.optional_fen(CAP_KEY)


def company_reward(
    profile: ProfileReader,
    *,
    amount_fen: int,
    passed_projects: int,
    rewarded_this_year_fen: int = 0,
) -> RewardGrant:
    """The district's yearly reward to a company that entered old residential areas and
    serves at least one that passed the "五有" check: ``amount_fen`` plus the company's
    earlier rewards of the year must stay within the cap, otherwise it is refused (not
    cut). Seed 001 §三(三)3(3) (按不超过5万元的标准 … 进行奖励)."""
    cap = reward_cap(profile)
    source = profile.param(CAP_KEY).source
    if cap is None:
        raise RewardError("company_id", Explanation.of(_NO_REWARD, source))
    if passed_projects < 1:
        raise RewardError("company_id", Explanation.of(_NOT_SERVING, source))
    if isinstance(amount_fen, bool) or not isinstance(amount_fen, int) or amount_fen <= 0:
        raise RewardError("amount", Explanation.of(_REWARD_AMOUNT, source))
    total = rewarded_this_year_fen + amount_fen
    params = {
        "cap": format_fen(cap),
        "earlier": format_fen(rewarded_this_year_fen),
        "amount": format_fen(amount_fen),
        "total": format_fen(total),
    }
    if total > cap:
        raise RewardError("amount", Explanation.of(_REWARD_OVER, source, **params))
    why = Explanation.of(_REWARD, source, projects=passed_projects, **params)
    return RewardGrant(amount_fen, cap, why)
