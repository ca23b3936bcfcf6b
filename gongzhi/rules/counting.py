"""Counting owners' votes: who counts as one person, what area each ballot carries.

Owns :class:`Part` (an exclusive part on the roll), :class:`Ballot`, :class:`Scope`,
:class:`CountingError` and :func:`count_votes`, which turns a roll and its ballots into the
:class:`~gongzhi.rules.decisions.Tally` that :func:`~gongzhi.rules.decisions.decide` judges.
It is the pure-Python twin of the database aggregate (and the offline ``gongzhi tally``
check of a paper count). The rules implemented, each with its source:

- 最高人民法院 法释〔2009〕7号 (建筑物区分所有权解释, 2020 amendment) art. 8: the area is
  the registered area of each exclusive part (``Part.area``, exact ``Decimal`` m²).
- Same, art. 9: one person per exclusive part, except that one owner holding several parts
  counts as one person, and the developer's unsold or undelivered parts count as one person
  together. Every owner id that holds a ``developer_unsold`` part in scope is the developer
  (one person together, whatever id a part names); a ballot from any of those ids speaks
  for all of the developer's parts in scope.
- Seed 000 §34 (elevator retrofit, 以一个单元为单位): with a :class:`Scope` only the parts
  of that building and unit are counted, and only their owners may vote.
- Seed 000 §18 and seed 004 §15 (voting on the platform), with Gongzhi defaults where they
  are silent: a voter's ballot covers all the parts they own in scope (area summed,
  headcount 1); a voter listed twice: the later ballot stands; an abstention counts as
  participation, not approval.

:func:`voter_key` and :func:`owner_key` are the same art. 9 rule as the database sees it:
the person key an exclusive part is frozen on the roll with, and the key an owner's
written proxy (委托书) names, so that a proxy names the voter the roll counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from gongzhi.rules.decisions import Tally

Choice = Literal["yes", "no", "abstain"]
CHOICES: tuple[Choice, ...] = ("yes", "no", "abstain")

#: The person key of the developer's unsold or undelivered parts (法释〔2009〕7号 art. 9).
DEVELOPER = "\x00developer"


#: The roll's person key of the developer's unsold or undelivered parts, one person
#: together (法释〔2009〕7号 art. 9); owners are ``o<owner id>``, unowned parts ``p<part id>``.
DEVELOPER_KEY = "developer"


def counts_for_developer(*, delivered: bool, held_by_developer: bool) -> bool:
    """Whether a part counts for the developer (法释〔2009〕7号 art. 9: 建设单位尚未出售和
    虽已出售但尚未交付的部分 count as one person): it is not yet delivered, whoever is
    registered as its buyer, or the developer holds it."""
    return not delivered or held_by_developer


def owner_key(owner_id: int, *, is_developer: bool) -> str:
    """The person an owner counts as (法释〔2009〕7号 art. 9): the developer is one person
    for all its parts; any other owner is one person however many parts they hold."""
    return DEVELOPER_KEY if is_developer else f"o{owner_id}"


def voter_key(
    part_id: int, *, delivered: bool, owner_id: int | None, owner_is_developer: bool
) -> str:
    """The person an exclusive part counts for on the roll (法释〔2009〕7号 art. 9).

    The developer (:data:`DEVELOPER_KEY`) for a part not yet delivered or held by the
    developer (:func:`counts_for_developer`); otherwise its owner (:func:`owner_key`, the
    co-owner who votes for a shared part); a part with no registered owner is a person of
    its own (``p<part id>``). ``owner_is_developer`` is false when ``owner_id`` is None.
    """
    if counts_for_developer(delivered=delivered, held_by_developer=owner_is_developer):
        return DEVELOPER_KEY
    if owner_id is None:
        return f"p{part_id}"
    return owner_key(owner_id, is_developer=False)


class CountingError(ValueError):
    """A roll or ballot list that cannot be counted; the message names the offending item."""


@dataclass(frozen=True)
class Part:
    """An exclusive part (专有部分) on the frozen roll."""

    id: str
    area: Decimal
    owner: str
    building: str = ""
    unit: str = ""
    developer_unsold: bool = False

    def __post_init__(self) -> None:
        if isinstance(self.area, bool) or not isinstance(self.area, Decimal):
            raise CountingError(
                f"part {self.id!r}: area must be a Decimal, not {type(self.area).__name__}"
            )
        if not self.area.is_finite() or self.area <= 0:
            raise CountingError(f"part {self.id!r}: area must be more than 0, got {self.area}")
        if not self.owner:
            raise CountingError(f"part {self.id!r}: owner must not be empty")


@dataclass(frozen=True)
class Ballot:
    """One ballot: the voter's owner id and the choice."""

    voter: str
    choice: Choice

    def __post_init__(self) -> None:
        if self.choice not in CHOICES:
            raise CountingError(
                f"ballot of {self.voter!r}: choice must be yes, no or abstain, got {self.choice!r}"
            )


@dataclass(frozen=True)
class Scope:
    """One building unit (单元), the scope of an elevator retrofit (seed 000 §34)."""

    building: str
    unit: str

    def contains(self, part: Part) -> bool:
        return part.building == self.building and part.unit == self.unit


def parts_in_scope(parts: Iterable[Part], scope: Scope | None) -> tuple[Part, ...]:
    """The parts that count: all of them, or those of the scope's building unit."""
    return tuple(p for p in parts if scope is None or scope.contains(p))


def person_of(parts: Sequence[Part]) -> dict[str, str]:
    """Map each owner id in ``parts`` to the person it counts as (法释〔2009〕7号 art. 9).

    An owner is their own person, so several parts of one owner count once; every owner id
    holding a developer-unsold part maps to :data:`DEVELOPER`, so those parts (and any
    other part of the same ids) count as one person together.
    """
    developer_ids = {p.owner for p in parts if p.developer_unsold}
    return {p.owner: DEVELOPER if p.owner in developer_ids else p.owner for p in parts}


def describe_scope(scope: Scope | None) -> str:
    if scope is None:
        return "the project"
    return f"building {scope.building!r} unit {scope.unit!r}"


def area_per_person(
    parts: Sequence[Part], scope: Scope | None
) -> tuple[dict[str, str], dict[str, Decimal]]:
    """Who each owner id of the parts in ``scope`` counts as (:func:`person_of`) and each
    person's exclusive area; raises :class:`CountingError` when no part lies in ``scope``."""
    counted = parts_in_scope(parts, scope)
    if not counted:
        raise CountingError(f"no exclusive part lies in {describe_scope(scope)}")
    person = person_of(counted)
    area: dict[str, Decimal] = {}
    for part in counted:
        key = person[part.owner]
        area[key] = area.get(key, Decimal(0)) + part.area
    return person, area


def count_votes(
    parts: Sequence[Part], ballots: Sequence[Ballot], scope: Scope | None = None
) -> Tally:
    """The totals of a vote, counted per 法释〔2009〕7号 arts. 8-9 (see the module docstring).

    Raises :class:`CountingError` for a duplicate part id, a scope without parts, or a
    ballot (named by its index) from a voter who owns no part in scope.
    """
    seen: set[str] = set()
    for part in parts:
        if part.id in seen:
            raise CountingError(f"part id {part.id!r} is listed twice")
        seen.add(part.id)
    person, area = area_per_person(parts, scope)
    final: dict[str, Choice] = {}
    for index, ballot in enumerate(ballots):
        voter = person.get(ballot.voter)
        if voter is None:
            raise CountingError(
                f"ballots[{index}]: voter {ballot.voter!r} owns no part in {describe_scope(scope)}"
            )
        final[voter] = ballot.choice  # the later ballot stands
    participating = list(final)
    yes = [key for key, choice in final.items() if choice == "yes"]
    return Tally(
        total_area=sum(area.values(), Decimal(0)),
        total_owners=len(area),
        participating_area=sum((area[key] for key in participating), Decimal(0)),
        participating_owners=len(participating),
        yes_area=sum((area[key] for key in yes), Decimal(0)),
        yes_owners=len(yes),
    )
