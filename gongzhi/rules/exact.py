"""Exact numbers: the only way shares, ratios and percentages enter the rules core.

Owns the conversions every rule uses: :func:`to_fraction` (ints, ``Fraction`` and finite
``Decimal`` in, ``float`` refused with ``TypeError``), ratio and percentage parsing for
policy profiles (``"2/3"``, ``"5%"``), rounding a ``Fraction`` to an integer with an explicit
``decimal`` rounding mode, and display helpers. No floats, no ``//`` on shares: a share is a
``Fraction`` compared exactly, as 民法典 art. 278's thresholds require.
"""

from __future__ import annotations

import math
import re
from decimal import (
    ROUND_CEILING,
    ROUND_DOWN,
    ROUND_FLOOR,
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Decimal,
)
from fractions import Fraction

Exact = int | Fraction | Decimal

ROUNDING_MODES = (ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_CEILING, ROUND_FLOOR, ROUND_DOWN, ROUND_UP)

_RATIO = re.compile(r"(\d+)(?:\s*/\s*(\d+))?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_HALF = Fraction(1, 2)


def to_fraction(value: object, what: str = "value") -> Fraction:
    """``value`` as an exact ``Fraction``; ``float`` and ``bool`` raise ``TypeError``."""
    if isinstance(value, bool) or not isinstance(value, int | Fraction | Decimal):
        raise TypeError(
            f"{what} must be an int, Fraction or Decimal, not {type(value).__name__}"
            " (floats are never accepted: shares and money are exact)"
        )
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"{what} must be finite, got {value}")
    return Fraction(value)


def parse_ratio(text: str) -> Fraction:
    """Parse ``"2/3"`` or ``"1"`` into a ``Fraction``; anything else raises ``ValueError``."""
    match = _RATIO.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a ratio like '2/3': {text!r}")
    numerator, denominator = match.group(1), match.group(2) or "1"
    if int(denominator) == 0:
        raise ValueError(f"ratio with zero denominator: {text!r}")
    return Fraction(int(numerator), int(denominator))


def parse_percent(text: str) -> Fraction:
    """Parse ``"5%"`` or ``"2.5%"`` into the share it denotes (``Fraction(1, 20)``)."""
    match = _PERCENT.fullmatch(text.strip()) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"not a percentage like '5%': {text!r}")
    return Fraction(Decimal(match.group(1))) / 100


def round_fraction(value: Fraction, rounding: str = ROUND_HALF_UP) -> int:
    """Round ``value`` to an integer exactly, with a ``decimal`` rounding mode.

    ``ROUND_HALF_UP`` rounds ties away from zero, as Chinese financial practice (四舍五入)
    does; ``ROUND_CEILING`` suits "not less than" amounts.
    """
    if rounding not in ROUNDING_MODES:
        raise ValueError(f"unsupported rounding mode {rounding!r}")
    floor = math.floor(value)
    remainder = value - floor
    if remainder == 0:
        return floor
    ceiling = floor + 1
    if rounding == ROUND_FLOOR:
        return floor
    if rounding == ROUND_CEILING:
        return ceiling
    if rounding == ROUND_DOWN:
        return floor if value > 0 else ceiling
    if rounding == ROUND_UP:
        return ceiling if value > 0 else floor
    if remainder != _HALF:
        return ceiling if remainder > _HALF else floor
    if rounding == ROUND_HALF_UP:
        return ceiling if value > 0 else floor
    return floor if floor % 2 == 0 else ceiling  # ROUND_HALF_EVEN


def format_percent(value: Fraction) -> str:
    """The share as a percentage: ``"5%"``, ``"2.5%"``; non-terminating ones as ``"100/3%"``."""
    percent = value * 100
    denominator = percent.denominator
    for prime in (2, 5):
        while denominator % prime == 0:
            denominator, _ = divmod(denominator, prime)
    if denominator != 1:
        return f"{percent}%"
    text = format(Decimal(percent.numerator) / Decimal(percent.denominator), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def format_decimal(value: Decimal | int) -> str:
    """A plain (non-scientific) rendering of an exact number, e.g. ``"1234.50"``."""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def format_share(value: Fraction) -> str:
    """A share for explanations: exact (``"50%"``) when short, else ``"≈66.67%"``.

    Display only: verdicts are always taken on the exact ``Fraction``.
    """
    exact = format_percent(value)
    if "/" not in exact and len(exact.partition(".")[2]) <= 3:  # up to 2 decimals plus "%"
        return exact
    hundredths = round_fraction(value * 10000, ROUND_HALF_UP)
    return f"≈{Decimal(hundredths).scaleb(-2):f}%"
