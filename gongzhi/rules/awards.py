"""Yearly assessment rankings and awards (no Django). Seed 001 §四(二): from the yearly
results the joint meeting names the best units and people; a person receives 1 000–2 000
yuan, a unit or organisation 10 000–20 000 (``assessment_award_person_min_yuan`` … in the
profile; national law sets none); a property company's award counts as a credit bonus
(物业企业获奖的可记入信用加分, the credit catalogue's ``award`` kind).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongzhi.rules.explain import Explanation, gettext_noop
from gongzhi.rules.money import format_fen
from gongzhi.rules.params import ProfileReader

RECIPIENTS = ("person", "unit")
_KEYS = {
    "person": ("assessment_award_person_min_yuan", "assessment_award_person_max_yuan"),
    "unit": ("assessment_award_unit_min_yuan", "assessment_award_unit_max_yuan"),
}


class AwardError(ValueError):
    def __init__(self, reason: Explanation) -> None:
        self.reason = reason
        super().__init__(reason.message)


_NONE = gettext_noop("This jurisdiction's policy sets no assessment awards.")
_RANGE = {
    "person": gettext_noop("An award to a person is from %(min)s to %(max)s."),
    "unit": gettext_noop("An award to a unit or organisation is from %(min)s to %(max)s."),
}


def award_range(profile: ProfileReader, recipient: str) -> tuple[int, int] | None:
    if recipient not in RECIPIENTS:
        raise ValueError(f"recipient must be one of {RECIPIENTS}, got {recipient!r}")
    low_key, high_key = _KEYS[recipient]
    low, high = profile.optional_fen(low_key), profile.optional_fen(high_key)
    return None if low is None or high is None else (low, high)


def award_check(profile: ProfileReader, recipient: str, amount_fen: int) -> Explanation:
    """The amount lies within the profile's range for the recipient (both ends allowed)."""
    bounds = award_range(profile, recipient)
    source = profile.param(_KEYS[recipient][0]).source
    if bounds is None:
        raise AwardError(Explanation.of(_NONE, source))
    why = Explanation.of(
        _RANGE[recipient], source, min=format_fen(bounds[0]), max=format_fen(bounds[1])
    )
    if not bounds[0] <= amount_fen <= bounds[1]:
        raise AwardError(why)
    return why


@dataclass(frozen=True)
class Ranked:
    rank: int
    key: int
    mean: Decimal


def ranking(means: Sequence[tuple[int, Decimal]]) -> list[Ranked]:
    """Rank by mean score, best first; equal means share a rank (1, 2, 2, 4)."""
    ordered = sorted(means, key=lambda pair: (-pair[1], pair[0]))
    out: list[Ranked] = []
    for index, (key, mean) in enumerate(ordered):
        rank = out[-1].rank if out and out[-1].mean == mean else index + 1
        out.append(Ranked(rank, key, mean))
    return out
