"""法释〔2009〕7号 arts. 8-9 counting, 民法典 arts. 278/1259 thresholds, seed 000 §33-34 and
seed 004 §10, through :func:`count_votes` and the tally scenario: boundary tables, counting
rules, each matter kind and profile, and a hypothesis property against a brute-force recount.
"""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongzhi.rules.counting import (
    DEVELOPER_KEY,
    Ballot,
    CountingError,
    Part,
    Scope,
    count_votes,
    counts_for_developer,
    owner_key,
    voter_key,
)
from gongzhi.rules.decisions import Tally
from gongzhi.rules.tally import ScenarioError, parse_scenario, verdict


def parts_of(*areas, owners=None, building="1", unit="1"):
    """One part per area; owner ``o<i>`` unless ``owners`` says otherwise."""
    owners = owners or [f"o{i}" for i in range(len(areas))]
    return [
        {"id": f"p{i}", "area": area, "owner": owner, "building": building, "unit": unit}
        for i, (area, owner) in enumerate(zip(areas, owners, strict=True))
    ]


def ballots_of(*choices):
    """``choices[i]`` is owner ``o<i>``'s ballot; ``None`` means no ballot."""
    return [{"voter": f"o{i}", "choice": c} for i, c in enumerate(choices) if c is not None]


def run(parts, ballots, matter="ordinary", profile="national", scope=None):
    data = {"profile": profile, "matter": matter, "parts": parts, "ballots": ballots}
    if scope is not None:
        data["scope"] = scope
    return verdict(parse_scenario(data))


# --- 民法典 art. 278 + art. 1259 boundaries (national ordinary: ≥ 2/3 take part, > 1/2 agree)

PARTICIPATION_CASES = [
    # (case, areas, choices, passed, unmet)
    (
        "exactly 2/3 area and owners take part: ge met",
        ("100.00",) * 3,
        ("yes", "yes", None),
        True,
        [],
    ),
    (
        "area one hundredth under 2/3",
        ("100.00", "100.00", "100.01"),
        ("yes", "yes", None),
        False,
        ["participation_area"],
    ),
    (
        "area one hundredth over 2/3",
        ("100.01", "100.00", "99.99"),
        ("yes", "yes", None),
        True,
        [],
    ),
    (
        "headcount under 2/3 though area is enough",
        ("300.00", "1.00", "1.00"),
        ("yes", None, None),
        False,
        ["participation_owners"],
    ),
    (
        "zero participants",
        ("100.00",) * 3,
        (None, None, None),
        False,
        ["participation_area", "participation_owners", "approval_area", "approval_owners"],
    ),
]


@pytest.mark.parametrize(
    ("case", "areas", "choices", "passed", "unmet"),
    PARTICIPATION_CASES,
    ids=[c[0] for c in PARTICIPATION_CASES],
)
def test_civil_code_278_1259_participation_boundaries(case, areas, choices, passed, unmet):
    result = run(parts_of(*areas), ballots_of(*choices))
    assert result["passed"] is passed
    assert result["unmet"] == unmet


APPROVAL_CASES = [
    (
        "exactly 1/2 of area and owners agree: gt not met",
        ("100.00",) * 4,
        ("yes", "yes", "no", "no"),
        False,
        ["approval_area", "approval_owners"],
    ),
    (
        "yes area exactly 1/2 (150.00 of 300.00): gt not met",
        ("50.00", "50.00", "50.00", "100.00", "50.00"),
        ("yes", "yes", "yes", "no", "no"),
        False,
        ["approval_area"],
    ),
    (
        "yes area one hundredth over 1/2",
        ("50.00", "50.00", "50.01", "100.00", "50.00"),
        ("yes", "yes", "yes", "no", "no"),
        True,
        [],
    ),
    (
        "yes area one hundredth under 1/2",
        ("50.00", "50.00", "49.99", "100.00", "50.00"),
        ("yes", "yes", "yes", "no", "no"),
        False,
        ["approval_area"],
    ),
    (
        "abstentions count as participation, not approval",
        ("100.00",) * 3,
        ("yes", "abstain", "abstain"),
        False,
        ["approval_area", "approval_owners"],
    ),
]


@pytest.mark.parametrize(
    ("case", "areas", "choices", "passed", "unmet"),
    APPROVAL_CASES,
    ids=[c[0] for c in APPROVAL_CASES],
)
def test_civil_code_278_1259_approval_boundaries(case, areas, choices, passed, unmet):
    result = run(parts_of(*areas), ballots_of(*choices))
    assert result["passed"] is passed
    assert result["unmet"] == unmet


def test_abstain_counts_for_participation_only_issue_4():
    result = run(parts_of("100.00", "100.00", "100.00"), ballots_of("yes", "abstain", None))
    assert result["participating"] == {"area": "200.00", "owners": 2}
    assert result["yes"] == {"area": "100.00", "owners": 1}


# --- 法释〔2009〕7号 arts. 8-9 counting rules


def test_judicial_interpretation_art_9_owner_with_several_parts_counts_once():
    parts = [
        Part("a", Decimal("80.00"), "o1"),
        Part("b", Decimal("70.25"), "o1"),
        Part("c", Decimal("90.00"), "o2"),
    ]
    tally = count_votes(parts, [Ballot("o1", "yes")])
    assert tally == Tally(Decimal("240.25"), 2, Decimal("150.25"), 1, Decimal("150.25"), 1)


def test_judicial_interpretation_art_9_developer_unsold_parts_count_as_one_person():
    parts = [
        Part("a", Decimal("80.00"), "dev", developer_unsold=True),
        Part("b", Decimal("80.00"), "dev", developer_unsold=True),
        Part("c", Decimal("80.00"), "dev-sales", developer_unsold=True),
        Part("d", Decimal("90.00"), "o1"),
    ]
    tally = count_votes(parts, [Ballot("dev", "no"), Ballot("o1", "yes")])
    assert (tally.total_owners, tally.total_area) == (2, Decimal("330.00"))
    # the developer's ballot covers all its unsold parts, whichever id they name
    assert (tally.participating_owners, tally.participating_area) == (2, Decimal("330.00"))
    assert (tally.yes_owners, tally.yes_area) == (1, Decimal("90.00"))


def test_judicial_interpretation_art_8_area_is_each_parts_registered_area():
    tally = count_votes([Part("a", Decimal("0.01"), "o1"), Part("b", Decimal("9999.99"), "o2")], [])
    assert tally.total_area == Decimal("10000.00")
    assert tally.participating_owners == 0


def test_seed_000_s34_elevator_scope_counts_only_the_building_unit():
    parts = [
        Part("3-2-101", Decimal("89.50"), "o1", "3", "2"),
        Part("3-2-102", Decimal("70.00"), "o2", "3", "2"),
        Part("3-1-101", Decimal("89.50"), "o1", "3", "1"),  # o1's part in another unit
        Part("4-2-101", Decimal("100.00"), "o3", "4", "2"),
    ]
    tally = count_votes(parts, [Ballot("o1", "yes")], Scope("3", "2"))
    assert (tally.total_area, tally.total_owners) == (Decimal("159.50"), 2)
    assert (tally.yes_area, tally.yes_owners) == (Decimal("89.50"), 1)
    with pytest.raises(CountingError, match=r"ballots\[1\]: voter 'o3' owns no part in building"):
        count_votes(parts, [Ballot("o1", "yes"), Ballot("o3", "yes")], Scope("3", "2"))
    with pytest.raises(CountingError, match="no exclusive part lies in building '9'"):
        count_votes(parts, [], Scope("9", "1"))


def test_issue_4_later_ballot_stands():
    parts = [Part("a", Decimal("100.00"), "o1"), Part("b", Decimal("100.00"), "o2")]
    changed = count_votes(parts, [Ballot("o1", "no"), Ballot("o2", "yes"), Ballot("o1", "yes")])
    assert (changed.participating_owners, changed.yes_owners) == (2, 2)
    withdrawn = count_votes(parts, [Ballot("o1", "yes"), Ballot("o1", "abstain")])
    assert (withdrawn.participating_owners, withdrawn.yes_owners) == (1, 0)


def test_counting_rejects_duplicate_part_ids_and_bad_parts():
    with pytest.raises(CountingError, match="part id 'a' is listed twice"):
        count_votes([Part("a", Decimal(1), "o1"), Part("a", Decimal(2), "o2")], [])
    with pytest.raises(CountingError, match="area must be more than 0"):
        Part("a", Decimal(0), "o1")
    with pytest.raises(CountingError, match="choice must be yes, no or abstain"):
        Ballot("o1", "maybe")  # type: ignore[arg-type]


# --- each matter kind, national and seed profiles


def test_civil_code_278_major_matter_national_exactly_3_4_passes():
    parts = parts_of(*("100.00",) * 4)
    assert run(parts, ballots_of("yes", "yes", "yes", "no"), "major")["passed"] is True
    under = run(parts, ballots_of("yes", "yes", "abstain", "no"), "major")
    assert under["unmet"] == ["approval_area", "approval_owners"]


@pytest.mark.parametrize("profile", ["national", "hunan-shaoyang"])
def test_seed_000_s33_fund_use_is_an_ordinary_threshold(profile):
    parts = parts_of(*("100.00",) * 4)
    assert run(parts, ballots_of("yes", "yes", "yes", "no"), "fund_use", profile)["passed"]
    tie = run(parts, ballots_of("yes", "yes", "no", "no"), "fund_use", profile)
    assert tie["unmet"] == ["approval_area", "approval_owners"]


def test_ordinary_matter_under_hunan_shaoyang_inherits_national():
    parts = parts_of(*("100.00",) * 3)
    assert run(parts, ballots_of("yes", "yes", None), "ordinary", "hunan-shaoyang")["passed"]


def test_seed_004_s10_forced_exit_counts_against_total_area_and_owners():
    parts = parts_of(*("100.00",) * 3)
    exactly = run(parts, ballots_of("yes", "yes", None), "forced_exit", "shaanxi-xixian")
    assert exactly["passed"] is True
    short = run(parts, ballots_of("yes", "no", "no"), "forced_exit", "shaanxi-xixian")
    assert short["unmet"] == ["approval_area", "approval_owners"]
    # national: 民法典 art. 278 ordinary double majority of those taking part
    assert run(parts, ballots_of("yes", "no", "no"), "forced_exit")["passed"] is False
    assert run(parts, ballots_of("yes", "yes", "no"), "forced_exit")["passed"] is True


def elevator_parts():
    unit = parts_of("90.00", "90.00", "90.00", building="3", unit="2")
    other = [{"id": "x", "area": "500.00", "owner": "z", "building": "3", "unit": "1"}]
    return unit + other


def test_seed_000_s34_elevator_hunan_shaoyang_two_thirds_of_the_units_owners():
    scope = {"building": "3", "unit": "2"}
    ok = run(
        elevator_parts(),
        ballots_of("yes", "yes", None),
        "elevator_retrofit",
        "hunan-shaoyang",
        scope,
    )
    assert ok["passed"] is True
    assert ok["total"] == {"area": "270.00", "owners": 3}
    short = run(
        elevator_parts(),
        ballots_of("yes", "no", "no"),
        "elevator_retrofit",
        "hunan-shaoyang",
        scope,
    )
    assert short == {
        "passed": False,
        "total": {"area": "270.00", "owners": 3},
        "participating": {"area": "270.00", "owners": 3},
        "yes": {"area": "90.00", "owners": 1},
        "unmet": ["approval_owners"],
    }


def test_seed_000_s34_elevator_national_is_a_major_matter_within_the_unit():
    scope = {"building": "3", "unit": "2"}
    two_of_three = run(
        elevator_parts(), ballots_of("yes", "yes", "no"), "elevator_retrofit", "national", scope
    )
    assert two_of_three["unmet"] == ["approval_area", "approval_owners"]
    unanimous = run(
        elevator_parts(), ballots_of("yes", "yes", None), "elevator_retrofit", "national", scope
    )
    assert unanimous["passed"] is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"matter": "rebuild"}, "unknown matter 'rebuild'"),
        ({"profile": "atlantis"}, "unknown profile 'atlantis'"),
        ({"matter": "elevator_retrofit"}, "needs a 'scope'"),
        ({"scope": {"building": "1", "unit": "1"}}, "'scope' applies only to elevator_retrofit"),
        ({"parts": "none"}, "'parts' must be a JSON array"),
        ({"extra": 1}, "unknown key(s) 'extra'"),
    ],
)
def test_issue_4_scenario_errors_name_the_problem(change, message):
    data = {"profile": "national", "matter": "ordinary", "parts": parts_of("1.00"), "ballots": []}
    with pytest.raises(ScenarioError) as raised:
        parse_scenario({**data, **change})
    assert message in str(raised.value)


# --- hypothesis: the tally equals a brute-force recount


def brute_force(parts, ballots, scope):
    """Recount literally: each scoped part's person, then each person's last ballot."""
    scoped = [p for p in parts if scope is None or (p.building, p.unit) == scope]
    developer_ids = {p.owner for p in scoped if p.developer_unsold}

    def person(owner):
        return "the developer" if owner in developer_ids else owner

    people = {person(p.owner) for p in scoped}
    area = {
        who: sum((p.area for p in scoped if person(p.owner) == who), Decimal(0)) for who in people
    }
    last = {}
    for who in people:
        for ballot in reversed(ballots):
            if person(ballot.voter) == who:
                last[who] = ballot.choice
                break
    return Tally(
        sum(area.values(), Decimal(0)),
        len(people),
        sum((area[w] for w in last), Decimal(0)),
        len(last),
        sum((area[w] for w, c in last.items() if c == "yes"), Decimal(0)),
        sum(1 for c in last.values() if c == "yes"),
    )


OWNERS = ("o1", "o2", "o3", "o4", "dev")
part_rows = st.lists(
    st.tuples(
        st.integers(1, 20000),  # area in hundredths of a m²
        st.sampled_from(OWNERS),
        st.sampled_from(("1", "2")),
        st.booleans(),
    ),
    min_size=1,
    max_size=10,
)
ballot_rows = st.lists(
    st.tuples(st.sampled_from(OWNERS), st.sampled_from(("yes", "no", "abstain"))), max_size=12
)


@settings(max_examples=300, deadline=None)
@given(part_rows, ballot_rows, st.sampled_from([None, ("1", "1"), ("2", "1")]))
def test_judicial_interpretation_arts_8_9_tally_equals_brute_force_recount(rows, votes, scope):
    parts = [
        Part(
            f"p{i}", Decimal(hundredths).scaleb(-2), owner, building, "1", unsold and owner == "dev"
        )
        for i, (hundredths, owner, building, unsold) in enumerate(rows)
    ]
    scoped_owners = {p.owner for p in parts if scope is None or (p.building, p.unit) == scope}
    ballots = [Ballot(v, c) for v, c in votes if v in scoped_owners]
    if not scoped_owners:
        with pytest.raises(CountingError):
            count_votes(parts, ballots, None if scope is None else Scope(*scope))
        return
    tally = count_votes(parts, ballots, None if scope is None else Scope(*scope))
    assert tally == brute_force(parts, ballots, scope)
    # and the national ordinary verdict equals the art. 278 inequalities in integers
    data = {
        "profile": "national",
        "matter": "ordinary",
        "parts": [
            {
                "id": p.id,
                "area": f"{p.area:f}",
                "owner": p.owner,
                "building": p.building,
                "unit": p.unit,
                "developer_unsold": p.developer_unsold,
            }
            for p in parts
        ],
        "ballots": [{"voter": b.voter, "choice": b.choice} for b in ballots],
    }
    if scope is None:
        result = verdict(parse_scenario(data))
        t = tally
        expected = (
            3 * t.participating_area >= 2 * t.total_area
            and 3 * t.participating_owners >= 2 * t.total_owners
            and 2 * t.yes_area > t.participating_area
            and 2 * t.yes_owners > t.participating_owners
        )
        assert result["passed"] is expected


@pytest.mark.parametrize(
    ("delivered", "owner_id", "owner_is_developer", "key"),
    [
        # 法释〔2009〕7号 art. 9: a delivered part counts for its owner …
        (True, 7, False, "o7"),
        # … the developer's unsold parts count as one person together …
        (False, None, False, DEVELOPER_KEY),
        (False, 9, True, DEVELOPER_KEY),
        # … and so do the parts sold but not yet delivered, whoever bought them …
        (False, 7, False, DEVELOPER_KEY),
        # … and a delivered part the developer still holds
        (True, 9, True, DEVELOPER_KEY),
        # a delivered part with no registered owner is a person of its own
        (True, None, False, "p3"),
    ],
)
def test_judicial_interpretation_art_9_voter_key_of_a_part(
    delivered, owner_id, owner_is_developer, key
):
    assert (
        voter_key(3, delivered=delivered, owner_id=owner_id, owner_is_developer=owner_is_developer)
        == key
    )
    assert counts_for_developer(delivered=delivered, held_by_developer=owner_is_developer) is (
        key == DEVELOPER_KEY
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.booleans(), st.none() | st.integers(1, 4), st.booleans()),
        min_size=1,
        max_size=12,
    )
)
def test_judicial_interpretation_art_9_roll_persons_and_proxies_agree(rows):
    # the register: (delivered, owner id or none, owner is the developer) per part
    register = [(d, o, bool(o is not None and dev)) for d, o, dev in rows]
    keys = [
        voter_key(i, delivered=d, owner_id=o, owner_is_developer=dev)
        for i, (d, o, dev) in enumerate(register)
    ]
    # art. 9 by brute force: one person per owner of a delivered part, one per unowned
    # delivered part, and one for everything of the developer's or not yet delivered
    owners = {o for d, o, dev in register if d and o is not None and not dev}
    unowned = [i for i, (d, o, _) in enumerate(register) if d and o is None]
    developer = any(not d or dev for d, _, dev in register)
    assert len(set(keys)) == len(owners) + len(unowned) + int(developer)
    # a proxy names the person the roll counts each of the owner's parts for
    for (d, o, dev), key in zip(register, keys, strict=True):
        if o is not None and (d or dev):
            assert owner_key(o, is_developer=dev) == key
