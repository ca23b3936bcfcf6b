"""民法典 art. 278 double test, seed 000 §33-34 and seed 004 §10: boundary tables and properties."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongzhi.rules.decisions import DecisionRule, Tally, decide
from gongzhi.rules.profiles import get_profile

NATIONAL = get_profile("national")
ORDINARY = NATIONAL.decision_rule("decision_ordinary")
MAJOR = NATIONAL.decision_rule("decision_major")
FORCED_EXIT_004 = get_profile("shaanxi-xixian").decision_rule("decision_forced_exit")
ELEVATOR_000 = get_profile("hunan-shaoyang").decision_rule("decision_elevator_retrofit")
FUND_USE_000 = get_profile("hunan-shaoyang").decision_rule("decision_maintenance_fund_use")


def tally(total_area, total, part_area, part, yes_area, yes):
    return Tally(Decimal(total_area), total, Decimal(part_area), part, Decimal(yes_area), yes)


# Totals: 300.00 m² and 300 owners. 2/3 participation = 200.00 m² and 200 owners.
@pytest.mark.parametrize(
    ("case", "votes", "participation_met", "passed"),
    [
        ("exactly 2/3 participation, clear majority", ("200.00", 200, "150.00", 150), True, True),
        ("area one hundredth under 2/3", ("199.99", 200, "150.00", 150), False, False),
        ("headcount one under 2/3", ("200.00", 199, "150.00", 150), False, False),
        ("area one hundredth over 2/3", ("200.01", 201, "150.00", 150), True, True),
        ("approval tie at 1/2 of area", ("200.00", 200, "100.00", 150), True, False),
        ("approval tie at 1/2 of headcount", ("200.00", 200, "150.00", 100), True, False),
        ("approval one over 1/2", ("200.00", 200, "100.01", 101), True, True),
        ("area majority but headcount minority", ("200.00", 200, "190.00", 90), True, False),
        ("zero participants", ("0", 0, "0", 0), False, False),
    ],
)
def test_civil_code_278_ordinary_decision_boundaries(case, votes, participation_met, passed):
    part_area, part, yes_area, yes = votes
    outcome = decide(ORDINARY, tally("300.00", 300, part_area, part, yes_area, yes))
    assert outcome.participation_met is participation_met, case
    assert outcome.passed is passed, case
    assert outcome.explanation.citation == "民法典 art. 278"


@pytest.mark.parametrize(
    ("yes_area", "yes", "passed"),
    [
        ("150.00", 150, True),  # exactly 3/4 of the 200 participating
        ("149.99", 150, False),
        ("150.00", 149, False),
        ("150.01", 151, True),
    ],
)
def test_civil_code_278_major_decision_needs_three_quarters(yes_area, yes, passed):
    outcome = decide(MAJOR, tally("300.00", 300, "200.00", 200, yes_area, yes))
    assert outcome.passed is passed


@pytest.mark.parametrize(
    ("yes_area", "yes", "passed"),
    [
        ("200.00", 200, True),  # 2/3 of the total area and of all owners
        ("199.99", 200, False),
        ("200.00", 199, False),
    ],
)
def test_seed_004_s10_forced_exit_counts_against_all_owners(yes_area, yes, passed):
    # Everybody votes yes who takes part: approval is measured against the totals.
    outcome = decide(FORCED_EXIT_004, tally("300.00", 300, yes_area, yes, yes_area, yes))
    assert outcome.passed is passed
    assert "seed 004 §10" in outcome.explanation.citation


def test_seed_004_s10_forced_exit_is_stricter_than_a_participating_majority():
    # 210 of 300 take part and all 210 agree... but 180 of 300 agreeing is not enough.
    outcome = decide(FORCED_EXIT_004, tally("300.00", 300, "210.00", 210, "180.00", 180))
    assert outcome.participation_met
    assert not outcome.passed
    assert decide(ORDINARY, tally("300.00", 300, "210.00", 210, "180.00", 180)).passed


@pytest.mark.parametrize(("yes", "passed"), [(8, True), (7, False), (12, True), (0, False)])
def test_seed_000_s34_elevator_retrofit_needs_two_thirds_of_unit_owners(yes, passed):
    # A building unit of 12 households: 三分之二以上 = 8.
    outcome = decide(ELEVATOR_000, tally("1200.00", 12, "1200.00", 12, "100.00", yes))
    assert outcome.passed is passed
    assert [c.criterion for c in outcome.criteria] == ["approval_headcount"]


def test_seed_000_s33_maintenance_fund_use_matches_civil_code():
    assert FUND_USE_000.citation.startswith("seed 000 §33")
    for votes in [("200.00", 200, "100.01", 101), ("200.00", 200, "100.00", 100)]:
        t = tally("300.00", 300, *votes)
        assert decide(FUND_USE_000, t).passed is decide(ORDINARY, t).passed


def test_outcome_reports_every_criterion_with_reasons():
    outcome = decide(ORDINARY, tally("300.00", 300, "199.99", 200, "150.00", 150))
    assert [c.criterion for c in outcome.criteria] == [
        "participation_area",
        "participation_headcount",
        "approval_area",
        "approval_headcount",
    ]
    area = outcome.criteria[0]
    assert not area.met
    assert area.explanation.params_dict["required"] == "≥ 2/3"
    assert area.explanation.render().endswith("not met.")
    assert "too few owners" in outcome.explanation.render()
    assert outcome.criteria[1].share == Fraction(2, 3)


def test_zero_participants_never_pass_and_share_is_undefined():
    outcome = decide(ORDINARY, tally("300.00", 300, "0", 0, "0", 0))
    assert not outcome.passed
    assert outcome.criteria[2].share is None
    assert outcome.criteria[2].explanation.params_dict["share"] == "—"


def test_tally_validation():
    with pytest.raises(TypeError, match="float"):
        Tally(300.0, 3, Decimal(2), 2, Decimal(1), 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="yes ≤ participating ≤ total"):
        tally("300", 3, "301", 2, "1", 1)
    with pytest.raises(ValueError, match="headcounts"):
        tally("300", 3, "200", 2, "100", 3)
    with pytest.raises(ValueError, match="negative"):
        tally("300", -1, "0", 0, "0", 0)
    assert Tally(300, 3, 200, 2, 100, 1).total_area == Decimal(300)


def test_rule_needs_an_approval_criterion():
    with pytest.raises(ValueError):
        DecisionRule(None, None, None, None)


# Property: decide() agrees with a brute-force count over individual owners.

VOTES = ("absent", "yes", "no", "abstain")
owners = st.lists(st.tuples(st.integers(1, 20000), st.sampled_from(VOTES)), min_size=0, max_size=30)


def brute_force(rule, ballots):
    """Count owner by owner in integer hundredths and compare by cross-multiplication."""
    total_area = total = part_area = part = yes_area = yes = 0
    for hundredths, vote in ballots:
        total_area += hundredths
        total += 1
        if vote != "absent":
            part_area += hundredths
            part += 1
        if vote == "yes":
            yes_area += hundredths
            yes += 1

    def reaches(threshold, got, whole):
        if threshold is None:
            return True
        if whole == 0:
            return False
        p, q = threshold.ratio.numerator, threshold.ratio.denominator
        return got * q >= p * whole if threshold.comparator == "ge" else got * q > p * whole

    by_total = rule.approval_base == "total"
    participation = reaches(rule.participation_area, part_area, total_area) and reaches(
        rule.participation_headcount, part, total
    )
    approval = reaches(
        rule.approval_area, yes_area, total_area if by_total else part_area
    ) and reaches(rule.approval_headcount, yes, total if by_total else part)
    counted = Tally(
        Decimal(total_area).scaleb(-2),
        total,
        Decimal(part_area).scaleb(-2),
        part,
        Decimal(yes_area).scaleb(-2),
        yes,
    )
    return counted, participation, approval


@settings(max_examples=300)
@given(st.sampled_from([ORDINARY, MAJOR, FORCED_EXIT_004, ELEVATOR_000, FUND_USE_000]), owners)
def test_decide_agrees_with_brute_force_count(rule, ballots):
    counted, participation, approval = brute_force(rule, ballots)
    outcome = decide(rule, counted)
    assert outcome.participation_met is participation
    assert outcome.approval_met is approval
    assert outcome.passed is (participation and approval)


@given(owners)
def test_more_yes_votes_never_turn_a_pass_into_a_fail(ballots):
    counted, _, _ = brute_force(ORDINARY, ballots)
    flipped = [(area, "yes" if vote == "no" else vote) for area, vote in ballots]
    recounted, _, _ = brute_force(ORDINARY, flipped)
    if decide(ORDINARY, counted).passed:
        assert decide(ORDINARY, recounted).passed


def test_the_rule_explains_itself_in_translatable_lines():
    from gongzhi.rules.decisions import DecisionRule
    from gongzhi.rules.thresholds import Threshold

    rule = DecisionRule(
        participation_area=Threshold.parse("2/3", "ge"),
        participation_headcount=Threshold.parse("2/3", "ge"),
        approval_area=Threshold.parse("1/2", "gt"),
        approval_headcount=None,
        citation="民法典 art. 278",
    )
    lines = rule.explain()
    assert [line.params_dict["threshold"] for line in lines] == ["≥ 2/3", "≥ 2/3", "> 1/2"]
    assert lines[2].message.startswith("Agreeing, by exclusive area of those taking part")
    assert all(line.citation == "民法典 art. 278" for line in lines)
