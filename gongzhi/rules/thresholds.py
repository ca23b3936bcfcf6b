"""Thresholds: "at least" (以上, ``ge``) and "more than" (过半数/超过, ``gt``) shares.

Owns :class:`Threshold`, the exact test behind every vote count in the platform.
民法典 art. 1259: "以上" includes the number itself, "超过" does not, so a profile states
the comparator as data (``{ ratio = "2/3", comparator = "ge" }``) and never as ``0.67``.
Used for 民法典 art. 278 (participation 2/3 以上, approval 过半数 or 3/4 以上), seed 000 §33-34
and seed 004 §10.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, cast

from gongzhi.rules.exact import parse_ratio, to_fraction

Comparator = Literal["ge", "gt"]
COMPARATORS: tuple[Comparator, ...] = ("ge", "gt")


@dataclass(frozen=True)
class Threshold:
    """A share of a whole that must be reached: ``ge`` (以上, inclusive) or ``gt`` (exclusive)."""

    ratio: Fraction
    comparator: Comparator

    def __post_init__(self) -> None:
        if not isinstance(self.ratio, Fraction):
            raise TypeError(f"ratio must be a Fraction, not {type(self.ratio).__name__}")
        if self.comparator not in COMPARATORS:
            raise ValueError(f"comparator must be 'ge' or 'gt', got {self.comparator!r}")
        if not 0 < self.ratio <= 1:
            raise ValueError(f"ratio must lie in (0, 1], got {self.ratio}")
        if self.comparator == "gt" and self.ratio == 1:
            raise ValueError("a share can never be more than 1: 'gt' with ratio 1 is never met")

    @classmethod
    def parse(cls, ratio: str, comparator: str) -> Threshold:
        """Build from profile text: ``Threshold.parse("2/3", "ge")``."""
        if comparator not in COMPARATORS:
            raise ValueError(f"comparator must be 'ge' or 'gt', got {comparator!r}")
        return cls(parse_ratio(ratio), cast(Comparator, comparator))

    def met(self, part: object, whole: object) -> bool:
        """Whether ``part`` of ``whole`` reaches the threshold, compared exactly.

        ``part`` and ``whole`` are ints, ``Decimal`` or ``Fraction`` (floats raise
        ``TypeError``). A zero ``whole`` never meets a threshold: nobody cannot decide.
        """
        part_value = to_fraction(part, "part")
        whole_value = to_fraction(whole, "whole")
        if part_value < 0 or whole_value < 0:
            raise ValueError("part and whole must not be negative")
        if part_value > whole_value:
            raise ValueError(f"part {part_value} exceeds whole {whole_value}")
        if whole_value == 0:
            return False
        share = part_value / whole_value
        return share >= self.ratio if self.comparator == "ge" else share > self.ratio

    def minimum_count(self, whole: int) -> int | None:
        """The smallest whole number of units out of ``whole`` that meets the threshold.

        ``None`` when ``whole`` is 0 (never met). E.g. ≥ 2/3 of 100 owners → 67;
        > 1/2 of 10 → 6.
        """
        if isinstance(whole, bool) or not isinstance(whole, int) or whole < 0:
            raise ValueError(f"whole must be a non-negative int, got {whole!r}")
        if whole == 0:
            return None
        exact = self.ratio * whole
        return math.ceil(exact) if self.comparator == "ge" else math.floor(exact) + 1

    @property
    def symbol(self) -> str:
        """Language-neutral form for explanations: ``"≥ 2/3"`` or ``"> 1/2"``."""
        return f"{'≥' if self.comparator == 'ge' else '>'} {self.ratio}"

    def __str__(self) -> str:
        return self.symbol
