"""Electing the owners' committee: several seats, each winner needs the double majority.

Owns :class:`ElectionBallot`, :func:`count_election` (the pure twin of the database
aggregate), :func:`elect` and its :class:`ElectionOutcome`. The rules, with their sources:

- 民法典 art. 278 ¶1 item 2 and ¶2: electing the owners' committee is decided by the owners;
  owners holding ≥ 2/3 of the area and ≥ 2/3 of the owners take part, and a candidate is
  elected with the consent of > 1/2 of the participating area AND > 1/2 of the
  participating owners (the profile's ``decision_election`` rule, judged by
  :func:`~gongzhi.rules.decisions.decide` once per candidate).
- Seed 000 §18 (投票选举 on the platform), with Gongzhi defaults where it is silent: a
  ballot names at most as many candidates as there are seats; an empty ballot is
  an abstention (it takes part, approves nobody). Seats go to the candidates who pass, in
  order of votes (headcount, one per person as counted by 法释〔2009〕7号 art. 9); when
  candidates with equal votes compete for the last seat(s), none of them is seated and the
  tie is reported for a run-off.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from gongzhi.rules.counting import CountingError, Part, Scope, area_per_person
from gongzhi.rules.decisions import DecisionOutcome, DecisionRule, Tally, decide


@dataclass(frozen=True)
class ElectionBallot:
    """One election ballot: the voter's owner id and the candidates they vote for."""

    voter: str
    candidates: frozenset[str]


@dataclass(frozen=True)
class CandidateResult:
    """One candidate's count and whether they pass the double majority on their own."""

    candidate: str
    outcome: DecisionOutcome

    @property
    def votes(self) -> int:
        return self.outcome.tally.yes_owners

    @property
    def passed(self) -> bool:
        return self.outcome.passed


@dataclass(frozen=True)
class ElectionOutcome:
    """Who is elected, who ties for the remaining seat(s), every candidate's result."""

    seats: int
    elected: tuple[str, ...]
    runoff: tuple[str, ...]
    candidates: tuple[CandidateResult, ...]

    @property
    def seats_left(self) -> int:
        return self.seats - len(self.elected)


def count_election(
    parts: Sequence[Part],
    ballots: Sequence[ElectionBallot],
    candidates: Sequence[str],
    seats: int,
    scope: Scope | None = None,
) -> dict[str, Tally]:
    """Each candidate's :class:`Tally` (yes = the people who voted for them).

    Counting follows :func:`gongzhi.rules.counting.count_votes`: one person per owner id
    (the developer's unsold parts together), the later ballot of a voter stands. Raises
    :class:`CountingError` for a ballot naming an unknown candidate or more than ``seats``.
    """
    person, area = area_per_person(parts, scope)
    known = set(candidates)
    final: dict[str, frozenset[str]] = {}
    for index, ballot in enumerate(ballots):
        voter = person.get(ballot.voter)
        if voter is None:
            raise CountingError(f"ballots[{index}]: voter {ballot.voter!r} owns no part in scope")
        unknown = sorted(ballot.candidates - known)
        if unknown:
            raise CountingError(f"ballots[{index}]: unknown candidate(s) {', '.join(unknown)}")
        if len(ballot.candidates) > seats:
            raise CountingError(f"ballots[{index}]: names more candidates than the {seats} seats")
        final[voter] = ballot.candidates
    total_area = sum(area.values(), Decimal(0))
    participating_area = sum((area[key] for key in final), Decimal(0))
    tallies: dict[str, Tally] = {}
    for candidate in candidates:
        yes = [key for key, chosen in final.items() if candidate in chosen]
        tallies[candidate] = Tally(
            total_area=total_area,
            total_owners=len(area),
            participating_area=participating_area,
            participating_owners=len(final),
            yes_area=sum((area[key] for key in yes), Decimal(0)),
            yes_owners=len(yes),
        )
    return tallies


def elect(rule: DecisionRule, seats: int, tallies: Mapping[str, Tally]) -> ElectionOutcome:
    """Seat the candidates who pass ``rule``, most votes first; report a tie for the last seat.

    Candidates are judged one by one (民法典 art. 278 ¶2 per candidate). Those who pass are
    ranked by votes (headcount); if the candidates with the vote count at the seat line are
    more than the seats left, they are all sent to a run-off and none of them is seated.
    """
    if seats < 1:
        raise ValueError(f"an election needs at least one seat, got {seats}")
    results = tuple(CandidateResult(name, decide(rule, tally)) for name, tally in tallies.items())
    passing = sorted((r for r in results if r.passed), key=lambda r: (-r.votes, r.candidate))
    elected: list[str] = []
    runoff: list[str] = []
    position = 0
    while position < len(passing) and len(elected) < seats:
        votes = passing[position].votes
        group = [r.candidate for r in passing[position:] if r.votes == votes]
        if len(elected) + len(group) <= seats:
            elected.extend(group)
        else:
            runoff.extend(group)
            break
        position += len(group)
    return ElectionOutcome(seats, tuple(elected), tuple(runoff), results)
