"""Owners' committees through HTTP: one current committee per project, term order,
members who own a part in the project, the residents' committee acting at fewer than half
the seats (seed 000 §21), term expiry, and filing by the street (003 §五(二)1(1))."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.registry.models import OwnersCommittee
from gongzhi.registry.tests.governance_fixtures import add_member as _add_member
from gongzhi.registry.tests.governance_fixtures import counts as _counts
from gongzhi.registry.tests.governance_fixtures import (
    elect_committee,
    owner_3,
    owners_a,
    record_committee,
    today,
)
from gongzhi.registry.tests.governance_fixtures import post_json as _post

pytestmark = pytest.mark.django_db

__all__ = ["owner_3", "owners_a"]


# --- one current committee; term order --------------------------------------------


def test_only_one_current_committee_per_project(city, login):
    """Seed 000 §19-21: a project has one owners' committee in office at a time."""
    # given project A with an elected committee
    elect_committee(city)
    client = login("street_a")
    before = _counts()
    # when street A records another one
    response = record_committee(client, city.project_a)
    # then it is refused and nothing is written
    assert response.status_code == 409
    assert "project" in response.json()["fields"]
    assert _counts() == before


def test_after_ending_the_term_a_new_committee_can_be_recorded(city, login):
    committee = elect_committee(city)
    client = login("street_a")
    assert (
        _post(client, f"/api/v1/registry/committees/{committee.pk}/close", {}).json()["is_current"]
        is False
    )
    response = record_committee(client, city.project_a, seats=7)
    assert response.status_code == 201, response.content
    assert OwnersCommittee.objects.filter(project=city.project_a, is_current=True).count() == 1


@pytest.mark.parametrize("days", [0, -1])
def test_committee_term_ending_before_or_when_it_starts_is_refused(city, login, days):
    """A term must end after it starts (page and API); nothing is written."""
    committee = elect_committee(city)
    client = login("street_a")
    before = _counts()
    start = today()
    response = client.patch(
        f"/api/v1/registry/committees/{committee.pk}",
        {"term_start": start.isoformat(), "term_end": (start + dt.timedelta(days)).isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "term_end" in response.json()["fields"]
    page = client.post(
        f"/registry/committees/{committee.pk}/edit/",
        {
            "term_start": start.isoformat(),
            "term_end": (start + dt.timedelta(days)).isoformat(),
            "seats": 5,
        },
    )
    assert page.status_code == 200
    assert "term_end" in page.context["form"].errors
    assert _counts() == before


def test_seats_must_be_positive(city, login):
    committee = elect_committee(city)
    client = login("street_a")
    before = _counts()
    response = client.patch(
        f"/api/v1/registry/committees/{committee.pk}",
        {"seats": 0},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "seats" in response.json()["fields"]
    assert _counts() == before


def test_committee_cannot_be_recorded_before_the_first_assembly(city, login):
    """Seed 000 §19: the committee is elected by the owners' assembly."""
    client = login("street_a")
    before = _counts()
    response = record_committee(client, city.project_a)
    assert response.status_code == 409
    assert _counts() == before


def test_committee_update_is_audited_and_shown_in_the_history(city, login):
    committee = elect_committee(city)
    client = login("street_a")
    response = client.post(
        f"/registry/committees/{committee.pk}/edit/",
        {
            "term_start": committee.term_start.isoformat(),
            "term_end": committee.term_end.isoformat(),
            "seats": 7,
            "office_hours": "周三 14:00–17:00",
        },
    )
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.seats == 7
    page = client.get(f"/registry/committees/{committee.pk}/").content.decode()
    assert 'data-testid="edit-history"' in page
    assert "周三 14:00–17:00" in page
    # an owner of the project sees the committee but not its edit history
    owner_page = login("owner_1").get(f"/registry/committees/{committee.pk}/").content.decode()
    assert 'data-testid="edit-history"' not in owner_page


# --- members -----------------------------------------------------------------------


def test_member_must_own_a_part_in_the_project(city, login, owner_3):
    """A committee is elected from the project's owners: owner_3 owns only in project B."""
    committee = elect_committee(city)
    client = login("street_a")
    before = _counts()
    response = _add_member(client, committee, owner_3)
    assert response.status_code == 400
    assert "owner" in response.json()["fields"]
    page = client.post(
        f"/registry/committees/{committee.pk}/members/add/",
        {"owner": owner_3.pk, "position": "member"},
    )
    assert page.status_code == 200
    assert "owner" in page.context["form"].errors
    assert _counts() == before


def test_member_added_with_masked_phone_and_party_membership(city, login):
    """Seed 000 §20-21: party members are encouraged; phones are masked on display."""
    committee = elect_committee(city)
    client = login("street_a")
    response = _add_member(client, committee, city.owner_1, "chair", party_member=True)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["name"] == city.owner_1.name
    assert data["phone"] == "138****0001"
    assert data["party_member"] is True
    detail = client.get(f"/api/v1/registry/committees/{committee.pk}").json()
    assert detail["party_members"] == 1
    assert detail["members"][0]["phone"] == "138****0001"
    page = client.get(f"/registry/committees/{committee.pk}/").content.decode()
    assert "13800000001" not in page and "138****0001" in page


def test_member_rules_duplicate_second_chair_and_full_seats(city, login, owners_a):
    committee = elect_committee(city, seats=3, members=owners_a[:2])  # chair + member
    client = login("street_a")
    before = _counts()
    assert "owner" in _add_member(client, committee, owners_a[0]).json()["fields"]
    assert "position" in _add_member(client, committee, owners_a[2], "chair").json()["fields"]
    assert _counts() == before
    assert _add_member(client, committee, owners_a[2]).status_code == 201
    full = _add_member(client, committee, owners_a[3])
    assert full.status_code == 400 and "owner" in full.json()["fields"]


def test_member_leaves_with_a_date(city, login, owners_a):
    committee = elect_committee(city, seats=5, members=owners_a[:3])
    member = committee.members.get(owner=owners_a[2])
    client = login("street_a")
    too_early = _post(
        client,
        f"/api/v1/registry/committees/{committee.pk}/members/{member.pk}/leave",
        {"left_on": (committee.term_start - dt.timedelta(days=1)).isoformat()},
    )
    assert too_early.status_code == 400 and "left_on" in too_early.json()["fields"]
    response = client.post(
        f"/registry/committee-members/{member.pk}/leave/", {"left_on": today().isoformat()}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.left_on == today()
    again = _post(
        client,
        f"/api/v1/registry/committees/{committee.pk}/members/{member.pk}/leave",
        {"left_on": today().isoformat()},
    )
    assert again.status_code == 409


# --- residents' committee acting (seed 000 §21) -------------------------------------


@pytest.mark.parametrize(
    ("seats", "active", "acting"),
    [(5, 3, False), (5, 2, True), (6, 3, False), (6, 2, True), (1, 1, False), (1, 0, True)],
)
def test_residents_committee_acts_when_fewer_than_half_the_seats_are_filled(
    city, login, owners_a, seats, active, acting
):
    """Seed 000 §21: "业主委员会委员人数不足总数的二分之一的 … 由居民委员会 … 代行" —
    exactly half is not "fewer than half"."""
    # given a committee with ``seats`` seats and one more member than ``active`` who left
    committee = elect_committee(city, seats=seats, members=owners_a[: min(active + 1, seats)])
    client = login("street_a")
    if active + 1 <= seats:
        leaver = committee.members.order_by("-id").first()
        _post(
            client,
            f"/api/v1/registry/committees/{committee.pk}/members/{leaver.pk}/leave",
            {"left_on": today().isoformat()},
        )
    # when street A reads the committee and the "acting" list
    detail = client.get(f"/api/v1/registry/committees/{committee.pk}").json()
    listed = client.get("/api/v1/registry/committees?acting=true").json()["items"]
    page = client.get("/registry/committees/?acting=1").content.decode()
    # then the flag follows 2 × active < seats, computed, not stored
    assert detail["active_members"] == active
    assert detail["residents_committee_acting"] is acting
    assert ([c["id"] for c in listed] == [committee.pk]) is acting
    assert (city.project_a.name in page) is acting


# --- term expiry -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "state"),
    [(-1, "ended"), (0, "ending"), (90, "ending"), (91, "")],
)
def test_committees_with_term_ending_within_90_days_are_flagged(city, login, days_left, state):
    start = today() - dt.timedelta(days=1000)
    committee = elect_committee(
        city, term_start=start, term_end=today() + dt.timedelta(days=days_left)
    )
    client = login("street_a")
    detail = client.get(f"/api/v1/registry/committees/{committee.pk}").json()
    assert detail["term_state"] == state
    ids = [c["id"] for c in client.get("/api/v1/registry/committees?expiring=true").json()["items"]]
    assert (committee.pk in ids) is bool(state)
