"""The database tally against the rules: counting (法释〔2009〕7号 arts. 8-9), the frozen roll,
every threshold at its boundary (民法典 arts. 278, 1259), each matter kind in each profile,
and a hypothesis property that the DB aggregate equals the brute-force count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.decisions import selectors, services
from gongzhi.decisions.models import Ballot, Matter, Result, RollEntry
from gongzhi.decisions.tests.conftest import actor, add_part, publish_and_open
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import ExclusivePart, Owner, Ownership
from gongzhi.rules.counting import Ballot as RuleBallot
from gongzhi.rules.counting import Part, count_votes
from gongzhi.testing import build_city

pytestmark = pytest.mark.django_db


def _owners(n: int) -> list[Owner]:
    return [Owner.objects.create(kind=Owner.Kind.PERSON, name=f"业主{i}") for i in range(n)]


def _vote(matter: Matter, key: str, choice: str) -> None:
    Ballot.objects.create(
        matter=matter,
        voter_key=key,
        choice=choice,
        channel="online",
        receipt=f"R{matter.pk}{key}"[:16],
        cast_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC),
    )


def test_owner_of_several_parts_counts_once_and_developer_unsold_parts_once_together(city, voting):
    # given owner_1 with a second part, and three unsold parts of the developer
    add_part(city, "1-1-201", "50.00", city.owner_1)
    for n in ("301", "302", "303"):
        add_part(city, f"1-1-{n}", "100.00", None, delivery=ExclusivePart.Delivery.UNSOLD)
    matter = voting()
    # then the roll has 6 parts but only 3 persons: owner_1, owner_2, the developer
    assert RollEntry.objects.filter(matter=matter).count() == 6
    tally = selectors.db_tally(matter)
    assert (tally.total_owners, tally.total_area) == (3, Decimal("559.75"))
    services.ballot_cast(actor=actor(city, "owner_1"), matter=matter, choice="yes")
    tally = selectors.db_tally(matter)
    assert (tally.yes_owners, tally.yes_area) == (1, Decimal("139.50"))


def test_co_owned_part_is_one_person_voted_by_the_largest_share(city, voting):
    part = add_part(city, "1-1-202", "60.00", city.owner_1)
    Ownership.objects.filter(part=part).update(share_numerator=1, share_denominator=3)
    Ownership.objects.create(part=part, owner=city.owner_2, share_numerator=2, share_denominator=3)
    matter = voting()
    entry = RollEntry.objects.get(matter=matter, part_number="1-1-202")
    assert entry.voter_key == f"o{city.owner_2.pk}"
    assert selectors.db_tally(matter).total_owners == 2


def test_roll_is_frozen_when_voting_opens(city, voting):
    matter = voting()
    # when the register changes after voting opened
    ExclusivePart.objects.filter(pk=city.part_a1.pk).update(area=Decimal("500.00"))
    add_part(city, "1-1-999", "70.00", city.owner_2)
    Ownership.objects.filter(part=city.part_a2).update(owner=city.owner_1)
    # then the tally still uses the roll as it was
    tally = selectors.db_tally(matter)
    assert (tally.total_area, tally.total_owners) == (Decimal("209.75"), 2)
    assert RollEntry.objects.get(matter=matter, part_number="1-1-102").voter_key == (
        f"o{city.owner_2.pk}"
    )


def test_elevator_retrofit_roll_holds_only_the_units_parts(city, voting):
    other_unit = city.part_a1.building_unit.building.units.create(
        project=city.project_a, name="2单元", storeys=6
    )
    ExclusivePart.objects.create(
        project=city.project_a, building_unit=other_unit, number="1-2-101", area=Decimal("80")
    )
    matter = voting(kind="elevator_retrofit", building_unit=city.part_a1.building_unit)
    numbers = set(RollEntry.objects.filter(matter=matter).values_list("part_number", flat=True))
    assert numbers == {"1-1-101", "1-1-102"}


def test_fund_use_over_an_explicit_set_of_parts(city, voting):
    matter = voting(kind="fund_use", part_ids=[city.part_a2.pk], source_ref="funds.fund_use:12")
    assert list(RollEntry.objects.filter(matter=matter).values_list("part_number", flat=True)) == [
        "1-1-102"
    ]
    assert matter.source_ref == "funds.fund_use:12"


def _six_equal_owners(city, voting, kind="ordinary", **kwargs) -> tuple[Matter, list[str]]:
    """Project A with six parts of 100 m², one owner each (the fixture's two are resized)."""
    ExclusivePart.objects.filter(project=city.project_a).update(area=Decimal("100.00"))
    for i, owner in enumerate(_owners(4)):
        add_part(city, f"1-1-50{i}", "100.00", owner)
    matter = voting(kind=kind, **kwargs)
    keys = sorted(set(RollEntry.objects.filter(matter=matter).values_list("voter_key", flat=True)))
    assert len(keys) == 6
    return matter, keys


@pytest.mark.parametrize(
    ("yes", "no", "passed", "unmet"),
    [
        # art. 1259: exactly 2/3 participation (4 of 6) suffices …
        (3, 1, True, []),
        # … one person fewer (3 of 6) does not
        (2, 1, False, ["participation_area", "participation_owners"]),
        # exactly 1/2 approval (2 of 4 taking part) is not 过半数
        (2, 2, False, ["approval_area", "approval_owners"]),
        (4, 0, True, []),
    ],
)
def test_civil_code_278_and_1259_boundaries_in_the_database(
    city, clock, voting, yes, no, passed, unmet
):
    matter, keys = _six_equal_owners(city, voting)
    for key in keys[:yes]:
        _vote(matter, key, "yes")
    for key in keys[yes : yes + no]:
        _vote(matter, key, "no")
    clock.day = matter.voting_ends_on + dt.timedelta(days=1)
    services.matter_close(actor=actor(city, "committee_a"), matter=matter)
    result = Result.objects.get(matter=matter)
    assert (result.passed, result.unmet) == (passed, unmet)


def test_abstentions_take_part_but_do_not_approve(city, clock, voting):
    matter, keys = _six_equal_owners(city, voting)
    _vote(matter, keys[0], "yes")
    _vote(matter, keys[1], "yes")
    _vote(matter, keys[2], "abstain")
    _vote(matter, keys[3], "abstain")
    tally = selectors.db_tally(matter)
    assert (tally.participating_owners, tally.yes_owners) == (4, 2)
    assert not selectors.progress(matter).passed


@pytest.mark.parametrize(
    ("yes", "no", "abstain", "passed"),
    [(3, 1, 0, True), (2, 1, 1, False), (4, 0, 0, True)],
)
def test_civil_code_278_major_matter_three_quarters_of_those_taking_part(
    city, voting, yes, no, abstain, passed
):
    # 3 of 4 taking part is exactly 3/4, and 以上 includes it (art. 1259); 2 of 4 is not
    matter, keys = _six_equal_owners(city, voting, kind="major")
    choices = ["yes"] * yes + ["no"] * no + ["abstain"] * abstain
    for key, choice in zip(keys, choices, strict=False):
        _vote(matter, key, choice)
    assert selectors.progress(matter).passed is passed


KINDS_BY_PROFILE = [
    ("national", "ordinary", "decision_ordinary"),
    ("national", "major", "decision_major"),
    ("national", "fund_use", "decision_maintenance_fund_use"),
    ("national", "forced_exit", "decision_forced_exit"),
    ("national", "elevator_retrofit", "decision_elevator_retrofit"),
    ("national", "election", "decision_election"),
    ("hunan-shaoyang", "fund_use", "decision_maintenance_fund_use"),
    ("hunan-shaoyang", "elevator_retrofit", "decision_elevator_retrofit"),
    ("shaanxi-xixian", "forced_exit", "decision_forced_exit"),
    ("shaanxi-xixian", "ordinary", "decision_ordinary"),
]


@pytest.mark.parametrize(("profile", "kind", "key"), KINDS_BY_PROFILE)
def test_each_kind_uses_its_profile_rule(db, profile, kind, key):
    from gongzhi.rules.profiles import get_profile

    city = _city_with_profile(profile)
    unit = city.part_a1.building_unit
    matter = services.matter_create(
        actor=actor(city, "committee_a"),
        project=city.project_a,
        kind=kind,
        title="t",
        body="",
        building_unit=unit if kind == "elevator_retrofit" else None,
        seats=1 if kind == "election" else None,
    )
    assert selectors.rule_of(matter) == get_profile(profile).decision_rule(key)


def _city_with_profile(profile: str):
    """The test city with ``profile`` on its district (the levels stay the national ones)."""
    city = build_city()
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id=profile)
    return city


def _scenario_city(profile: str, owners_total: int):
    city = _city_with_profile(profile)
    unit = city.part_a1.building_unit
    for i, owner in enumerate(_owners(owners_total - 2)):
        add_part(city, f"1-1-60{i}", "100.00", owner)
    ExclusivePart.objects.filter(project=city.project_a).update(area=Decimal("100.00"))
    return city, unit


@pytest.mark.parametrize(("yes", "passed"), [(4, True), (3, False)])
def test_seed_000_s34_shaoyang_elevator_retrofit_two_thirds_of_the_units_owners(
    db, clock, yes, passed
):
    # 6 owners in the unit: 4 agreeing is exactly 2/3 (以上 includes it); 3 is not enough,
    # and in this profile there is no separate participation threshold.
    city, unit = _scenario_city("hunan-shaoyang", 6)
    committee = actor(city, "committee_a")
    matter = services.matter_create(
        actor=committee,
        project=city.project_a,
        kind="elevator_retrofit",
        title="加装电梯",
        body="",
        building_unit=unit,
    )
    publish_and_open(clock, committee, matter)
    keys = sorted(set(RollEntry.objects.filter(matter=matter).values_list("voter_key", flat=True)))
    for key in keys[:yes]:
        _vote(matter, key, "yes")
    assert selectors.progress(matter).passed is passed


@pytest.mark.parametrize(("yes", "passed"), [(4, True), (3, False)])
def test_seed_004_s10_xixian_forced_exit_two_thirds_of_all_owners_and_area(db, clock, yes, passed):
    city, _unit = _scenario_city("shaanxi-xixian", 6)
    committee = actor(city, "committee_a")
    matter = services.matter_create(
        actor=committee, project=city.project_a, kind="forced_exit", title="解聘物业", body=""
    )
    publish_and_open(clock, committee, matter)
    keys = sorted(set(RollEntry.objects.filter(matter=matter).values_list("voter_key", flat=True)))
    for key in keys[:yes]:
        _vote(matter, key, "yes")
    for key in keys[yes:]:
        _vote(matter, key, "no")  # everybody took part: only approval of ALL owners decides
    assert selectors.progress(matter).passed is passed


part_rows = st.lists(
    st.tuples(
        st.integers(0, 5),  # owner index
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("300"), places=2),
        st.booleans(),  # developer unsold
    ),
    min_size=1,
    max_size=12,
)
ballot_rows = st.lists(
    st.tuples(st.integers(0, 5), st.sampled_from(["yes", "no", "abstain"])), max_size=12
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=part_rows, votes=ballot_rows)
def test_db_tally_equals_brute_force_count(city, rows, votes):
    # given a roll written straight into the database and the same roll as rule Parts
    matter = Matter.objects.create(
        project=city.project_a, node_path=city.project_a.node_path, kind="ordinary", title="h"
    )
    parts = []
    entries = []
    for i, (owner, area, unsold) in enumerate(rows):
        key = "developer" if unsold else f"o{owner}"
        parts.append(Part(str(i), area, "dev" if unsold else f"o{owner}", developer_unsold=unsold))
        entries.append(
            RollEntry(
                matter=matter, part_number=str(i), area=area, voter_key=key, developer_unsold=unsold
            )
        )
    RollEntry.objects.bulk_create(entries)
    # the later ballot of a person stands: keep only each person's last ballot in the DB
    person = {e.voter_key for e in entries}
    final: dict[str, str] = {}
    rule_ballots = []
    for owner, choice in votes:
        voter = f"o{owner}"
        if voter in person:
            final[voter] = choice
            rule_ballots.append(RuleBallot(voter, choice))
    for key, choice in final.items():
        _vote(matter, key, choice)
    # then the aggregate equals the brute-force count
    assert selectors.db_tally(matter) == count_votes(parts, rule_ballots)
