"""What the profile schema and the domain rule modules share about parameter values.

The schema (``profiles/schema.py``) imports the domain rule modules that parse their own
"table" parameters (``credit``, ``assessments``, ``complaints``, ``disclosure``) and the
money helpers, and those modules read a loaded profile. So that nothing in the rules core
imports in a circle, the pieces both sides need live here, below both:

* :class:`InvalidValue` and :func:`show` — how a parser reports a raw TOML value that does
  not fit (``[3].points: expected …, got …``);
* :class:`GradeBand` — the value of the "bands" kind (seed 001 §三(二) grades);
* :class:`ProfileReader` — the typed accessors a rule calls on a loaded profile.
  :class:`gongzhi.rules.profiles.PolicyProfile` is the one implementation; mypy checks it
  against this protocol wherever an app passes a profile to a rule.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol, TypeVar

T = TypeVar("T")


class InvalidValue(Exception):
    """A raw value that does not fit its spec; ``where`` is the sub-key path (may be "")."""

    def __init__(self, where: str, expected: str, got: str) -> None:
        self.where, self.expected, self.got = where, expected, got
        super().__init__(f"{where}: expected {expected}, got {got}")


def show(raw: object) -> str:
    """A raw TOML value as the message shows it: JSON-like, Chinese left readable."""
    try:
        return json.dumps(raw, ensure_ascii=False)
    except TypeError:
        return repr(raw)


@dataclass(frozen=True)
class GradeBand:
    """A grade and the lowest score that earns it."""

    grade: str
    min_score: int


class Cited(Protocol):
    """A parameter as a rule cites it: the source its profile gives for the value."""

    @property
    def source(self) -> str: ...


class ProfileReader(Protocol):
    """The accessors of a loaded policy profile that rule functions call."""

    def param(self, key: str) -> Cited: ...

    def int_value(self, key: str) -> int: ...

    def optional_int(self, key: str) -> int | None: ...

    def optional_fen(self, key: str) -> int | None: ...

    def fraction(self, key: str) -> Fraction: ...

    def text(self, key: str) -> str: ...

    def optional_text(self, key: str) -> str | None: ...

    def strings(self, key: str) -> tuple[str, ...]: ...

    def grade_bands(self, key: str = ...) -> tuple[GradeBand, ...]: ...

    def table(self, key: str, item_type: type[T]) -> tuple[T, ...]: ...
