"""Money in integer fen, and the fund amounts the seeds fix.

Owns parsing yuan text into integer fen (分), formatting fen as ``¥1,234.56``, taking a
share of an amount with an explicit rounding mode, clamping, and the fund rules whose
numbers live in the policy profile:

- performance bond (履约保证金): seed 000 §16 (≥ 5 % of the year's receivable fees, at most
  300 000 yuan) or seed 001 §三(二)4 (20 000–100 000 yuan a year, from the total floor area);
- first owners' assembly preparation fund (筹备经费): seed 000 §19 (30 yuan per household,
  at most 100 000 yuan);
- maintenance-fund top-up (续交): a household whose balance is below 30 % of its first
  deposit tops up (住宅专项维修资金管理办法 art. 17; seed 000 §33).

Money is never a float: fen are ``int``, rates are ``Fraction``, areas ``Decimal``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction

from gongzhi.rules.exact import format_decimal, format_percent, round_fraction, to_fraction
from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.params import ProfileReader

FEN_PER_YUAN = 100
_YUAN = re.compile(r"(-?)(\d+)(?:\.(\d{1,2}))?")


class MoneyError(ValueError):
    """A money amount that cannot be taken as exact yuan and fen."""


def parse_yuan(value: str | Decimal | int, *, allow_negative: bool = False) -> int:
    """Yuan as text (``"12.34"``, ``"12"``), ``Decimal`` or ``int`` → integer fen.

    More than two decimals (``"1.234"``) is refused rather than rounded, and so are
    negatives unless ``allow_negative``. Floats raise ``TypeError``: they are not exact.
    """
    if isinstance(value, bool) or not isinstance(value, str | Decimal | int):
        raise TypeError(
            f"yuan must be given as str, Decimal or int, not {type(value).__name__}"
            " (floats are never accepted for money)"
        )
    if isinstance(value, str):
        match = _YUAN.fullmatch(value.strip())
        if match is None:
            raise MoneyError(f"not a yuan amount with at most two decimals: {value!r}")
        sign, whole, cents = match.groups()
        fen = int(whole) * FEN_PER_YUAN + int((cents or "0").ljust(2, "0"))
        fen = -fen if sign else fen
    else:
        amount = Decimal(value)
        if not amount.is_finite():
            raise MoneyError(f"not a finite amount: {value}")
        scaled = amount.scaleb(2)
        if scaled != scaled.to_integral_value():
            raise MoneyError(f"more than two decimals (below one fen): {value}")
        fen = int(scaled)
    if fen < 0 and not allow_negative:
        raise MoneyError(f"negative amount not allowed here: {value!r}")
    return fen


def _check_fen(fen: object, what: str = "amount") -> int:
    if isinstance(fen, bool) or not isinstance(fen, int):
        raise TypeError(f"{what} must be an int number of fen, not {type(fen).__name__}")
    return fen


def fen_to_yuan(fen: int) -> Decimal:
    """Integer fen → ``Decimal`` yuan with two places (``1234`` → ``Decimal("12.34")``)."""
    return Decimal(_check_fen(fen)).scaleb(-2)


def format_fen(fen: int, *, symbol: str = "¥") -> str:
    """``123456`` → ``"¥1,234.56"``; negatives as ``"-¥1,234.56"``."""
    _check_fen(fen)
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{symbol}{yuan:,}.{cents:02d}"


def percent_of(amount_fen: int, rate: Fraction, *, rounding: str = ROUND_HALF_UP) -> int:
    """``rate`` (a share: 5 % is ``Fraction(1, 20)``) of ``amount_fen``, rounded to the fen.

    The rounding mode is explicit: ``ROUND_HALF_UP`` (四舍五入) by default; pass
    ``ROUND_CEILING`` for "not less than" amounts.
    """
    return round_fraction(_check_fen(amount_fen) * to_fraction(rate, "rate"), rounding)


def clamp_fen(amount_fen: int, minimum: int | None = None, maximum: int | None = None) -> int:
    """``amount_fen`` raised to ``minimum`` and lowered to ``maximum`` (``None``: no bound)."""
    _check_fen(amount_fen)
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValueError(f"minimum {minimum} exceeds maximum {maximum}")
    if minimum is not None:
        amount_fen = max(amount_fen, minimum)
    if maximum is not None:
        amount_fen = min(amount_fen, maximum)
    return amount_fen


_BOND_NONE = gettext_noop("This jurisdiction's policy requires no performance bond.")
_BOND_PERCENT = gettext_noop(
    "Performance bond: at least %(rate)s of the year's receivable fees (%(fees)s), "
    "at most %(maximum)s, so between %(minimum)s and %(maximum)s."
)
_BOND_PERCENT_UNCAPPED = gettext_noop(
    "Performance bond: at least %(rate)s of the year's receivable fees (%(fees)s), "
    "so at least %(minimum)s."
)
_BOND_BAND = gettext_noop(
    "Performance bond: between %(minimum)s and %(maximum)s a year, agreed from the project's "
    "total floor area (including underground floor area)."
)
_BOND_BAND_RATE = gettext_noop(
    "Performance bond: %(rate)s per m² of %(area)s m² total floor area, kept between "
    "%(low)s and %(high)s: %(amount)s a year."
)


@dataclass(frozen=True)
class BondRequirement:
    """What a property company must deposit as performance bond, with the reason."""

    mode: str
    required: bool
    minimum_fen: int | None
    maximum_fen: int | None
    explanation: Explanation

    def accepts(self, amount_fen: int) -> bool:
        """Whether an agreed bond of ``amount_fen`` satisfies the requirement."""
        _check_fen(amount_fen)
        if self.minimum_fen is not None and amount_fen < self.minimum_fen:
            return False
        return self.maximum_fen is None or amount_fen <= self.maximum_fen


def performance_bond(
    profile: ProfileReader,
    *,
    annual_fees_fen: int | None = None,
    total_floor_area: Decimal | None = None,
) -> BondRequirement:
    """The performance bond (履约保证金) a profile requires.

    ``percent_of_fees`` (seed 000 §16): at least the percentage of the year's receivable
    fees, rounded up to the fen because the seed says "不低于", but never more than the cap;
    when the percentage exceeds the cap, the cap itself is due. ``banded_by_area`` (seed
    001 §三(二)4): between the yearly minimum and maximum; with a per-m² rate in the
    profile the amount follows from ``total_floor_area``. ``none``: nothing required.
    """
    mode = profile.text("performance_bond_mode")
    citation = profile.param("performance_bond_mode").source
    low = profile.optional_fen("performance_bond_min_yuan")
    high = profile.optional_fen("performance_bond_max_yuan")
    if mode == "none":
        return BondRequirement(mode, False, None, None, Explanation.of(_BOND_NONE, citation))
    if mode == "percent_of_fees":
        if annual_fees_fen is None:
            raise ValueError("percent_of_fees bond needs annual_fees_fen")
        rate = profile.fraction("performance_bond_percent_of_fees")
        citation = profile.param("performance_bond_percent_of_fees").source
        least = clamp_fen(percent_of(annual_fees_fen, rate, rounding=ROUND_CEILING), low, high)
        params = {
            "rate": format_percent(rate),
            "fees": format_fen(annual_fees_fen),
            "minimum": format_fen(least),
        }
        if high is None:
            explanation = Explanation.of(_BOND_PERCENT_UNCAPPED, citation, **params)
        else:
            explanation = Explanation.of(
                _BOND_PERCENT, citation, maximum=format_fen(high), **params
            )
        return BondRequirement(mode, True, least, high, explanation)
    if mode == "banded_by_area":
        citation = profile.param("performance_bond_min_yuan").source
        rate_fen = profile.optional_fen("performance_bond_rate_yuan_per_m2")
        if rate_fen is None or total_floor_area is None:
            explanation = Explanation.of(
                _BOND_BAND,
                citation,
                minimum="—" if low is None else format_fen(low),
                maximum="—" if high is None else format_fen(high),
            )
            return BondRequirement(mode, True, low, high, explanation)
        area = to_fraction(total_floor_area, "total_floor_area")
        amount = clamp_fen(round_fraction(rate_fen * area), low, high)
        explanation = Explanation.of(
            _BOND_BAND_RATE,
            citation,
            rate=format_fen(rate_fen),
            area=format_decimal(total_floor_area),
            low="—" if low is None else format_fen(low),
            high="—" if high is None else format_fen(high),
            amount=format_fen(amount),
        )
        return BondRequirement(mode, True, amount, amount, explanation)
    raise ValueError(f"unknown performance bond mode {mode!r}")


_PREP_NONE = gettext_noop("This jurisdiction's policy sets no preparation fund.")
_PREP = gettext_noop(
    "Preparation fund for the first owners' assembly: %(rate)s per household × %(households)s "
    "households = %(product)s; capped at %(cap)s: %(amount)s."
)
_PREP_UNCAPPED = gettext_noop(
    "Preparation fund for the first owners' assembly: %(rate)s per household × "
    "%(households)s households = %(amount)s."
)


@dataclass(frozen=True)
class FundAmount:
    """An amount a rule fixes (``None`` when the profile sets none), with the reason."""

    amount_fen: int | None
    explanation: Explanation


def preparation_fund(profile: ProfileReader, households: int) -> FundAmount:
    """The developer's deposit for the first owners' assembly (seed 000 §19)."""
    if isinstance(households, bool) or not isinstance(households, int) or households < 0:
        raise ValueError(f"households must be a non-negative int, got {households!r}")
    rate = profile.optional_fen("preparation_fund_yuan_per_household")
    citation = profile.param("preparation_fund_yuan_per_household").source
    if rate is None:
        return FundAmount(None, Explanation.of(_PREP_NONE, citation))
    cap = profile.optional_fen("preparation_fund_cap_yuan")
    product = rate * households
    amount = clamp_fen(product, None, cap)
    if cap is None:
        explanation = Explanation.of(
            _PREP_UNCAPPED,
            citation,
            rate=format_fen(rate),
            households=households,
            amount=format_fen(amount),
        )
    else:
        explanation = Explanation.of(
            _PREP,
            citation,
            rate=format_fen(rate),
            households=households,
            product=format_fen(product),
            cap=format_fen(cap),
            amount=format_fen(amount),
        )
    return FundAmount(amount, explanation)


_TOPUP_DUE = gettext_noop(
    "Top-up due: the balance %(balance)s is below %(rate)s of the first deposit %(first)s "
    "(%(threshold)s)."
)
_TOPUP_NOT_DUE = gettext_noop(
    "No top-up due: the balance %(balance)s is not below %(rate)s of the first deposit "
    "%(first)s (%(threshold)s)."
)


@dataclass(frozen=True)
class TopUpCheck:
    """Whether a household's maintenance-fund account must be topped up."""

    due: bool
    explanation: Explanation


def maintenance_fund_topup(
    profile: ProfileReader, *, balance_fen: int, first_deposit_fen: int
) -> TopUpCheck:
    """Top-up is due when the balance is *below* (不足) the profile's share of the first
    deposit; exactly at the share is not below (住宅专项维修资金管理办法 art. 17; seed 000 §33).
    """
    _check_fen(balance_fen, "balance_fen")
    if _check_fen(first_deposit_fen, "first_deposit_fen") <= 0:
        raise ValueError("first_deposit_fen must be positive")
    rate = profile.fraction("maintenance_fund_topup_below_percent")
    due = balance_fen < rate * first_deposit_fen
    threshold = percent_of(first_deposit_fen, rate)
    explanation = Explanation.of(
        _TOPUP_DUE if due else _TOPUP_NOT_DUE,
        profile.param("maintenance_fund_topup_below_percent").source,
        balance=format_fen(balance_fen),
        rate=format_percent(rate),
        first=format_fen(first_deposit_fen),
        threshold=format_fen(threshold),
    )
    return TopUpCheck(due, explanation)
