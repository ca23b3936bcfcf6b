"""Elections of the owners' committee (民法典 art. 278 ¶1 item 2, ¶2; seed 000 §18): each winner
needs the double majority, seats go in order of votes, a tie for the last seat is a run-off."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules.counting import CountingError, Part
from gongzhi.rules.decisions import Tally
from gongzhi.rules.elections import ElectionBallot, count_election, elect
from gongzhi.rules.profiles import get_profile

RULE = get_profile("national").decision_rule("decision_election")


def _tally(yes: int, participating: int = 6, total: int = 6) -> Tally:
    return Tally(
        total_area=Decimal(total * 100),
        total_owners=total,
        participating_area=Decimal(participating * 100),
        participating_owners=participating,
        yes_area=Decimal(yes * 100),
        yes_owners=yes,
    )


def test_civil_code_278_candidate_with_exactly_half_is_not_elected():
    # art. 1259: 过半数 excludes the half itself
    outcome = elect(RULE, 2, {"a": _tally(4), "b": _tally(3)})
    assert outcome.elected == ("a",)
    assert outcome.seats_left == 1 and outcome.runoff == ()


def test_seats_go_in_order_of_votes():
    outcome = elect(RULE, 2, {"a": _tally(4), "b": _tally(6), "c": _tally(5)})
    assert outcome.elected == ("b", "c")


def test_tie_for_the_last_seat_is_reported_for_a_runoff():
    outcome = elect(RULE, 2, {"a": _tally(6), "b": _tally(5), "c": _tally(5)})
    assert outcome.elected == ("a",)
    assert outcome.runoff == ("b", "c")


def test_tie_that_fits_the_seats_elects_both():
    outcome = elect(RULE, 3, {"a": _tally(6), "b": _tally(5), "c": _tally(5)})
    assert outcome.elected == ("a", "b", "c") and outcome.runoff == ()


def test_without_two_thirds_participation_nobody_is_elected():
    outcome = elect(RULE, 1, {"a": _tally(3, participating=3, total=6)})
    assert outcome.elected == () and not outcome.candidates[0].passed


def test_exactly_two_thirds_participation_suffices():
    outcome = elect(RULE, 1, {"a": _tally(3, participating=4, total=6)})
    assert outcome.elected == ("a",)


def test_count_election_counts_owner_once_and_later_ballot_stands():
    parts = [
        Part("1", Decimal("50"), "o1"),
        Part("2", Decimal("50"), "o1"),
        Part("3", Decimal("80"), "o2"),
    ]
    ballots = [
        ElectionBallot("o1", frozenset({"a"})),
        ElectionBallot("o2", frozenset({"a"})),
        ElectionBallot("o2", frozenset({"b"})),
    ]
    tallies = count_election(parts, ballots, ["a", "b"], seats=1)
    assert (tallies["a"].yes_owners, tallies["a"].yes_area) == (1, Decimal("100"))
    assert (tallies["b"].yes_owners, tallies["b"].total_owners) == (1, 2)


def test_count_election_refuses_too_many_candidates_and_unknown_ones():
    parts = [Part("1", Decimal("50"), "o1")]
    with pytest.raises(CountingError, match="more candidates"):
        count_election(parts, [ElectionBallot("o1", frozenset({"a", "b"}))], ["a", "b"], 1)
    with pytest.raises(CountingError, match="unknown candidate"):
        count_election(parts, [ElectionBallot("o1", frozenset({"z"}))], ["a"], 1)


@given(
    votes=st.dictionaries(st.sampled_from("abcdef"), st.integers(4, 6), min_size=1),
    seats=st.integers(1, 4),
)
def test_elected_never_exceed_seats_and_always_outvote_the_rest(votes, seats):
    outcome = elect(RULE, seats, {name: _tally(v) for name, v in votes.items()})
    assert len(outcome.elected) <= seats
    seated = [votes[c] for c in outcome.elected]
    others = [v for c, v in votes.items() if c not in outcome.elected]
    if seated and others:
        assert min(seated) > max(others)  # a tie is seated whole or not at all
    if outcome.runoff:
        assert len({votes[c] for c in outcome.runoff}) == 1
        assert len(outcome.elected) + len(outcome.runoff) > seats
