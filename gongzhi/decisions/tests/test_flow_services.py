"""The service flow: draft → publish → open (roll frozen) → cast → close → publish result."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.decisions import selectors, services
from gongzhi.decisions.models import Ballot, Candidate, Matter, Result, RollEntry
from gongzhi.decisions.tests.conftest import actor, add_part
from gongzhi.events.models import DomainEvent
from gongzhi.registry.models import Owner

pytestmark = pytest.mark.django_db


def test_whole_flow_passes_with_both_owners_agreeing(city, clock, voting):
    # given a matter open for voting on project A (two parts, two owners)
    matter = voting()
    assert RollEntry.objects.filter(matter=matter).count() == 2
    # when both owners agree and the organiser closes the day after the window
    services.ballot_cast(actor=actor(city, "owner_1"), matter=matter, choice="yes")
    services.ballot_cast(actor=actor(city, "owner_2"), matter=matter, choice="yes")
    clock.day = matter.voting_ends_on + dt.timedelta(days=1)
    services.matter_close(actor=actor(city, "committee_a"), matter=matter)
    # then the result is stored and the event emitted with the agreed data
    result = Result.objects.get(matter=matter)
    assert result.passed is True
    assert result.total_area == Decimal("209.75")
    assert result.unmet == []
    event = DomainEvent.objects.get(kind="decisions.matter_closed")
    assert event.data == {
        "matter_id": matter.pk,
        "kind": "ordinary",
        "passed": True,
        "project_id": city.project_a.pk,
        "source_ref": "",
        "closed_on": clock.day.isoformat(),
        "unmet": [],
    }
    services.result_publish(actor=actor(city, "committee_a"), matter=matter)
    matter.refresh_from_db()
    assert matter.status == Matter.Status.RESULT_PUBLISHED
    assert matter.result_until == clock.day + dt.timedelta(days=30)


def test_bad_draft_is_refused_and_writes_nothing(city):
    committee = actor(city, "committee_a")
    with pytest.raises(DomainError) as error:
        services.matter_create(
            actor=committee, project=city.project_a, kind="elevator_retrofit", title="", body=""
        )
    assert set(error.value.fields) == {"title", "building_unit"}
    with pytest.raises(DomainError) as error:
        services.matter_create(
            actor=committee,
            project=city.project_a,
            kind="fund_use",
            title="t",
            body="",
            part_ids=[city.part_b1.pk],
        )
    assert "part_ids" in error.value.fields
    assert not Matter.objects.exists()


def test_street_drafts_only_where_there_is_no_committee(city):
    from gongzhi.registry.models import OwnersCommittee

    street = actor(city, "street_a")
    services.matter_create(
        actor=street, project=city.project_a, kind="ordinary", title="t", body=""
    )
    OwnersCommittee.objects.create(
        project=city.project_a,
        kind=OwnersCommittee.Kind.OWNERS_COMMITTEE,
        term_start=dt.date(2025, 1, 1),
        term_end=dt.date(2030, 1, 1),
    )
    with pytest.raises(PermissionDeniedError):
        services.matter_create(
            actor=street, project=city.project_a, kind="ordinary", title="u", body=""
        )
    with pytest.raises(NotFoundError):  # another street's official does not see the project
        services.matter_create(
            actor=actor(city, "street_b"),
            project=city.project_a,
            kind="ordinary",
            title="v",
            body="",
        )
    assert Matter.objects.count() == 1


def test_no_vote_before_opening_or_after_the_window(city, clock, voting):
    published = voting(state="published")
    with pytest.raises(ConflictError):
        services.ballot_cast(actor=actor(city, "owner_1"), matter=published, choice="yes")
    with pytest.raises(ConflictError):  # nor opening before the notice period ends
        services.voting_open(actor=actor(city, "committee_a"), matter=published)
    matter = voting(title="另一事项")
    clock.day = matter.voting_ends_on + dt.timedelta(days=1)
    with pytest.raises(ConflictError):
        services.ballot_cast(actor=actor(city, "owner_1"), matter=matter, choice="yes")
    assert not Ballot.objects.exists()


def test_close_is_refused_during_the_window(city, clock, voting):
    matter = voting()
    clock.day = matter.voting_ends_on
    with pytest.raises(ConflictError):
        services.matter_close(actor=actor(city, "committee_a"), matter=matter)
    assert not Result.objects.exists()


def test_owner_not_on_a_unit_roll_cannot_vote(city, voting):
    from gongzhi.registry.models import ExclusivePart

    unit = city.part_a1.building_unit.building.units.create(
        project=city.project_a, name="2单元", storeys=6
    )
    ExclusivePart.objects.filter(pk=city.part_a2.pk).update(building_unit=unit)
    matter = voting(kind="elevator_retrofit", building_unit=city.part_a1.building_unit)
    with pytest.raises(PermissionDeniedError):
        services.ballot_cast(actor=actor(city, "owner_2"), matter=matter, choice="yes")
    assert not Ballot.objects.exists()


def test_fund_use_close_event_carries_source_ref_and_unmet(city, clock, voting):
    matter = voting(
        kind="fund_use", part_ids=[city.part_a1.pk, city.part_a2.pk], source_ref="funds.fund_use:12"
    )
    services.ballot_cast(actor=actor(city, "owner_1"), matter=matter, choice="no")
    clock.day = matter.voting_ends_on + dt.timedelta(days=1)
    services.matter_close(actor=actor(city, "committee_a"), matter=matter)
    data = DomainEvent.objects.get(kind="decisions.matter_closed").data
    assert data["source_ref"] == "funds.fund_use:12" and data["kind"] == "fund_use"
    assert data["passed"] is False
    assert data["unmet"] == [
        "participation_area",
        "participation_owners",
        "approval_area",
        "approval_owners",
    ]


def test_election_candidate_with_exactly_half_of_the_voters_is_not_elected(city, clock, voting):
    from gongzhi.decisions.models import Candidate

    matter = voting(kind="election", seats=1)
    first, second = Candidate.objects.filter(matter=matter).order_by("pk")
    services.ballot_cast(actor=actor(city, "owner_1"), matter=matter, choice=[first.pk])
    services.ballot_cast(actor=actor(city, "owner_2"), matter=matter, choice=[second.pk])
    clock.day = matter.voting_ends_on + dt.timedelta(days=1)
    services.matter_close(actor=actor(city, "committee_a"), matter=matter)
    result = Result.objects.get(matter=matter)
    # each has 1 of 2 owners: exactly half is not 过半数 (art. 1259), so nobody passes
    assert result.election["elected"] == [] and result.passed is False


def _election_of_three_owners(city, voting):
    """A third owner (孙三, no login) of a new part in project A, and an open election of
    two seats among 甲, 乙 and 丙."""
    extra = Owner.objects.create(kind=Owner.Kind.PERSON, name="孙三")
    add_part(city, "1-1-301", "100.00", extra)
    return extra, voting(kind="election", seats=2, candidates=("甲", "乙", "丙"))


def _paper_ballot(matter, owner, receipt, candidates):
    """A confirmed paper ballot of ``owner`` for ``candidates``."""
    Ballot.objects.create(
        matter=matter,
        voter_key=f"o{owner.pk}",
        choice="yes",
        channel="paper",
        receipt=receipt,
        cast_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC),
    ).candidates.set(candidates)


def test_election_tie_for_the_last_seats_is_reported_for_a_runoff(city, clock, voting):
    extra, matter = _election_of_three_owners(city, voting)
    a, b, c = Candidate.objects.filter(matter=matter).order_by("pk")
    services.ballot_cast(actor=actor(city, "owner_1"), matter=matter, choice=[a.pk, b.pk])
    services.ballot_cast(actor=actor(city, "owner_2"), matter=matter, choice=[a.pk, c.pk])
    # the third owner has no login: a confirmed paper ballot speaks for them
    _paper_ballot(matter, extra, "PAPERTEST0001", [b, c])
    clock.day = matter.voting_ends_on + dt.timedelta(days=1)
    services.matter_close(actor=actor(city, "committee_a"), matter=matter)
    election = Result.objects.get(matter=matter).election
    # all three have 2 of 3 owners (each passes); three tie for two seats: run-off
    assert election["elected"] == []
    assert election["runoff"] == [a.pk, b.pk, c.pk]


def test_election_seats_go_in_order_of_votes(city, clock, voting):
    extra, matter = _election_of_three_owners(city, voting)
    a, b, c = Candidate.objects.filter(matter=matter).order_by("pk")
    services.ballot_cast(actor=actor(city, "owner_1"), matter=matter, choice=[a.pk, b.pk])
    services.ballot_cast(actor=actor(city, "owner_2"), matter=matter, choice=[a.pk, b.pk])
    _paper_ballot(matter, extra, "PAPERTEST0002", [a, c])
    outcome = selectors.election_outcome(matter)
    # 甲 3 votes, 乙 2 (both > 1/2 of 3 owners and of the area), 丙 1 (fails)
    assert outcome.elected == (str(a.pk), str(b.pk)) and outcome.runoff == ()


def test_judicial_interpretation_art_9_a_proxy_names_the_voter_the_frozen_roll_counts(
    city, clock, voting
):
    # 法释〔2009〕7号 art. 9: parts sold but not yet delivered count for the developer, one
    # person with its unsold parts; so their buyer is no voter the roll counts, and a
    # written proxy from the buyer during the notice period must be refused, as it is
    # once voting is open, rather than name a voter the frozen roll will not have.
    from gongzhi.decisions.models import Proxy
    from gongzhi.decisions.tests.conftest import pdf
    from gongzhi.registry.models import ExclusivePart

    buyer = Owner.objects.create(kind=Owner.Kind.PERSON, name="钱买受")
    developer = Owner.objects.create(
        kind=Owner.Kind.ORGANISATION, name="开发公司", is_developer=True
    )
    add_part(city, "1-1-301", "90.00", buyer, delivery=ExclusivePart.Delivery.SOLD_UNDELIVERED)
    add_part(city, "1-1-302", "80.00", developer, delivery=ExclusivePart.Delivery.UNSOLD)
    matter = voting(state="published")
    committee = actor(city, "committee_a")

    def proxy(owner: Owner) -> Proxy:
        return services.proxy_record(
            actor=committee,
            matter=matter,
            owner_id=owner.pk,
            agent_mobile="13800000001",
            document=pdf("proxy.pdf"),
        )

    with pytest.raises(DomainError) as error:
        proxy(buyer)
    assert "owner_id" in error.value.fields
    assert proxy(city.owner_2).voter_key == f"o{city.owner_2.pk}"
    assert proxy(developer).voter_key == RollEntry.DEVELOPER_KEY
    # when the vote opens, the roll counts the voters the proxies name, and not the buyer
    clock.day = matter.voting_starts_on
    services.voting_open(actor=committee, matter=matter)
    keys = set(RollEntry.objects.filter(matter=matter).values_list("voter_key", flat=True))
    assert set(Proxy.objects.filter(matter=matter).values_list("voter_key", flat=True)) <= keys
    assert f"o{buyer.pk}" not in keys
    assert RollEntry.objects.get(matter=matter, part_number="1-1-301").voter_key == "developer"
    with pytest.raises(DomainError) as error:
        proxy(buyer)
    assert "owner_id" in error.value.fields
