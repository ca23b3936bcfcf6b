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
  ``..._max_...`` (0.2–0.3 yuan); §三(三)3(3): at most ``old_project_company_reward_cap_yuan``
  (50 000 yuan) per company a year. The issue this implements applies the cap to the sum of
  the subsidies a company is granted in a year.

Money is integer fen; the area is a Decimal in m² (two places); the amount of an
application is ``area × rate × months`` rounded half up to the fen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.money import format_fen
from gongzhi.rules.params import ProfileReader

MODES = ("company", "self_managed", "quasi_management", "public_welfare")
FIVE_BASICS = ("cleaning", "security", "greening", "repairs", "parking")
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
            _BASICS_MISSING, "seed 001 §三(三)1", count=len(missing), missing=", ".join(missing)
        )
    else:
        why = Explanation.of(_BASICS_OK, "seed 001 §三(三)1")
    return BasicsCheck(have, missing, why)


@dataclass(frozen=True)
class SubsidyRange:
    """The profile's rate range (fen per m² per month) and yearly cap per company (fen)."""

    min_fen: int
    max_fen: int
    cap_fen: int | None
    source: str


def subsidy_range(profile: ProfileReader) -> SubsidyRange | None:
    """None where the profile sets no old-project subsidy (national)."""
    low, high = profile.optional_fen(MIN_KEY), profile.optional_fen(MAX_KEY)
    if low is None or high is None:
        return None
    return SubsidyRange(low, high, profile.optional_fen(CAP_KEY), profile.param(MIN_KEY).source)


@dataclass(frozen=True)
class SubsidyGrant:
    computed_fen: int
    granted_fen: int
    capped: bool
    explanation: Explanation


_RATE = gettext_noop("Choose a rate from %(min)s to %(max)s per m² a month.")
_NONE = gettext_noop("This jurisdiction's policy sets no old-project service subsidy.")
_AREA = gettext_noop("Enter the managed area in m², more than 0.")
_MONTHS = gettext_noop("Enter 1 to 12 months.")
_CAP_REACHED = gettext_noop(
    "The company has already been granted %(granted)s this year, the yearly cap of %(cap)s."
)
_GRANT = gettext_noop(
    "%(area)s m² × %(rate)s per m² a month × %(months)s months = %(computed)s "
    "(rate range %(min)s–%(max)s)."
)
_GRANT_CAPPED = gettext_noop(
    "%(area)s m² × %(rate)s per m² a month × %(months)s months = %(computed)s; granted "
    "%(granted)s, what is left of the yearly cap of %(cap)s per company."
)


def service_subsidy(
    profile: ProfileReader,
    *,
    area_m2: Decimal,
    months: int,
    rate_fen: int,
    granted_this_year_fen: int = 0,
) -> SubsidyGrant:
    """The subsidy for ``months`` months of basic service on ``area_m2`` m² at ``rate_fen``
    per m² a month (within the profile's range, inclusive), capped so that the company's
    grants of the year stay within the yearly cap. Seed 001 §三(三)3(2)-(3)."""
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
    cap = bounds.cap_fen
    cap_source = profile.param(CAP_KEY).source
    if cap is not None and granted_this_year_fen >= cap:
        raise SubsidyError(
            "rate",
            Explanation.of(
                _CAP_REACHED,
                cap_source,
                granted=format_fen(granted_this_year_fen),
                cap=format_fen(cap),
            ),
        )
    granted = computed if cap is None else min(computed, cap - granted_this_year_fen)
    params = {
        "area": f"{area_m2:.2f}",
        "rate": format_fen(rate_fen),
        "months": months,
        "computed": format_fen(computed),
        "min": format_fen(bounds.min_fen),
        "max": format_fen(bounds.max_fen),
    }
    if granted < computed:
        assert cap is not None
        why = Explanation.of(
            _GRANT_CAPPED, cap_source, granted=format_fen(granted), cap=format_fen(cap), **params
        )
    else:
        why = Explanation.of(_GRANT, bounds.source, **params)
    return SubsidyGrant(computed, granted, granted < computed, why)
