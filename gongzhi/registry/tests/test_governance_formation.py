"""Formation of a project's owners' organisation through HTTP: none → preparation group →
first owners' assembly → owners' committee, and the property-management committee when
no committee is elected (seed 000 §19; 003 §五(二)1(1))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.registry.governance.selectors import project_governance
from gongzhi.registry.models import OwnersCommittee, Project
from gongzhi.registry.tests.governance_fixtures import elect_committee, owners_a, today

pytestmark = pytest.mark.django_db

__all__ = ["owners_a"]

API = "/api/v1/registry/projects/{pk}/formation/{action}"


def _step(client, project, action, on=None, committee=None):
    body = {"on": (on or today()).isoformat()}
    if committee is not None:
        body["committee"] = committee
    return client.post(
        API.format(pk=project.pk, action=action), body, content_type="application/json"
    )


def _committee_body(**overrides):
    body = {
        "term_end": (today() + dt.timedelta(days=5 * 365)).isoformat(),
        "seats": 7,
        "office_address": "物业楼201",
        "office_hours": "周六 9:00–11:30",
        "phone": "0739-5201234",
    }
    body.update(overrides)
    return body


def _state(project):
    project.refresh_from_db()
    return project.formation


def _counts():
    return (AuditEntry.objects.count(), OwnersCommittee.objects.count())


def test_street_records_every_step_up_to_an_elected_committee(city, login):
    """Seed 000 §19: the street and community organise the first assembly, which elects
    the committee; each step's date is on the project and in the audit trail."""
    # given the officer of street A and project A without any owners' organisation
    client = login("street_a")
    project = city.project_a
    day1, day2, day3 = (today() - dt.timedelta(days=d) for d in (60, 20, 10))
    # when they record the three steps, the last with the elected committee
    assert _step(client, project, "preparation_formed", day1).status_code == 200
    assert _state(project) == Project.Formation.PREPARATION
    assert _step(client, project, "first_assembly_held", day2).status_code == 200
    assert _state(project) == Project.Formation.FIRST_ASSEMBLY
    response = _step(client, project, "committee_elected", day3, _committee_body())
    # then the project has a current owners' committee whose term starts that day
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["formation"] == "committee"
    assert data["formation_changed_on"] == day3.isoformat()
    assert data["committee"]["kind"] == "owners_committee"
    assert data["committee"]["term_start"] == day3.isoformat()
    assert data["committee"]["seats"] == 7
    # and each transition is audited with its date and the project's jurisdiction path
    entries = AuditEntry.objects.filter(
        action=AuditAction.TRANSITION, target_id=str(project.pk), field="formation"
    ).order_by("id")
    assert [e.after["formation"] for e in entries] == [
        "preparation",
        "first_assembly",
        "committee",
    ]
    assert [e.after["formation_changed_on"] for e in entries] == [
        d.isoformat() for d in (day1, day2, day3)
    ]
    assert all(e.node_path == project.node_path for e in entries)
    created = AuditEntry.objects.get(
        action=AuditAction.CREATE, target_type="registry.OwnersCommittee"
    )
    assert created.node_path == project.node_path


def test_community_officer_records_a_step_through_the_page(city, login):
    """Seed 000 §19: "乡镇（街道）、社区应及时牵头组织" — the community may record too."""
    # given the community officer of project A
    client = login("community_a")
    url = f"/registry/projects/{city.project_a.pk}/formation/preparation_formed/"
    assert client.get(url).status_code == 200
    # when they post the date of the preparation group
    response = client.post(url, {"on": today().isoformat()})
    # then the project is in preparation
    assert response.status_code == 302
    assert _state(city.project_a) == Project.Formation.PREPARATION


@pytest.mark.parametrize(
    ("username", "status"),
    [("bureau", 403), ("company_1", 403), ("owner_1", 403), ("committee_a", 403)],
)
def test_other_roles_cannot_record_formation_steps(city, login, username, status):
    """Only the street/community whose subtree holds the project records the steps."""
    # given a user who sees project A but is not its street or community
    client = login(username)
    before = _counts()
    # when they try to record the preparation group
    response = _step(client, city.project_a, "preparation_formed")
    # then it is refused and nothing is written
    assert response.status_code == status
    assert _state(city.project_a) == Project.Formation.NONE
    assert _counts() == before


def test_another_street_gets_not_found(city, login):
    """Street B neither sees nor changes street A's project (absent = forbidden = 404)."""
    client = login("street_b")
    before = _counts()
    response = _step(client, city.project_a, "preparation_formed")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert _state(city.project_a) == Project.Formation.NONE
    assert _counts() == before
    page = client.post(
        f"/registry/projects/{city.project_a.pk}/formation/preparation_formed/",
        {"on": today().isoformat()},
    )
    assert page.status_code == 404


@pytest.mark.parametrize(
    ("action", "committee"),
    [
        ("first_assembly_held", None),
        ("committee_elected", _committee_body()),
        ("management_committee_formed", _committee_body()),
    ],
)
def test_wrong_state_steps_are_refused_and_nothing_is_written(city, login, action, committee):
    """Seed 000 §19 order: no assembly before a preparation group, no committee before
    the first assembly, no management committee without a preparation group."""
    # given project A without any owners' organisation
    client = login("street_a")
    before = _counts()
    # when street A records a later step
    response = _step(client, city.project_a, action, committee=committee)
    # then it is a conflict, and neither the project, a committee nor the log changed
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert _state(city.project_a) == Project.Formation.NONE
    assert _counts() == before


def test_wrong_state_message_is_translated(city, login):
    client = login("street_a")
    response = client.post(
        API.format(pk=city.project_a.pk, action="first_assembly_held"),
        {"on": today().isoformat()},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    with translation.override("zh-hans"):
        expected = gettext("“%(action)s” is not possible while the status is “%(state)s”.") % {
            "action": gettext("First owners' assembly held"),
            "state": gettext("No owners' organisation"),
        }
    assert response.json()["message"] == expected


def test_electing_without_a_committee_on_record_is_refused(city, login):
    """The elected committee must be recorded in the same call or already be current."""
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed")
    _step(client, city.project_a, "first_assembly_held")
    before = _counts()
    response = _step(client, city.project_a, "committee_elected")
    assert response.status_code == 409
    assert "committee" in response.json()["fields"]
    assert _state(city.project_a) == Project.Formation.FIRST_ASSEMBLY
    assert _counts() == before


def test_electing_with_a_committee_already_on_record(city, login):
    """A committee put on record after the first assembly is then marked elected."""
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed")
    _step(client, city.project_a, "first_assembly_held")
    created = client.post(
        "/api/v1/registry/committees",
        {"project_id": city.project_a.pk, "term_start": today().isoformat(), **_committee_body()},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    response = _step(client, city.project_a, "committee_elected")
    assert response.status_code == 200
    assert response.json()["committee"]["id"] == created.json()["id"]
    assert _state(city.project_a) == Project.Formation.COMMITTEE


@pytest.mark.parametrize("from_assembly", [False, True])
def test_preparation_group_becomes_a_management_committee(city, login, from_assembly):
    """Seed 000 §19: "业主大会成立但未能选举产生业主委员会的，筹备组改设为物业管理委员会"."""
    # given project A with a preparation group (and maybe a first assembly)
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed")
    if from_assembly:
        _step(client, city.project_a, "first_assembly_held")
    # when no committee is elected and street A records the fallback
    response = _step(
        client, city.project_a, "management_committee_formed", committee=_committee_body()
    )
    # then the project is run by a current property-management committee
    assert response.status_code == 200, response.content
    assert _state(city.project_a) == Project.Formation.MANAGEMENT_COMMITTEE
    committee = OwnersCommittee.objects.get(project=city.project_a, is_current=True)
    assert committee.kind == OwnersCommittee.Kind.MANAGEMENT_COMMITTEE
    assert committee.term_start == today()


def test_management_committee_needs_its_details(city, login):
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed")
    before = _counts()
    response = _step(client, city.project_a, "management_committee_formed")
    assert response.status_code == 400
    assert "committee" in response.json()["fields"]
    assert _state(city.project_a) == Project.Formation.PREPARATION
    assert _counts() == before


def test_a_later_election_replaces_the_management_committee(city, login):
    """Seed 000 §19: the management committee serves "直至选举产生业主委员会"."""
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed")
    _step(client, city.project_a, "management_committee_formed", committee=_committee_body())
    interim = OwnersCommittee.objects.get(project=city.project_a, is_current=True)
    response = _step(client, city.project_a, "committee_elected", committee=_committee_body())
    assert response.status_code == 200, response.content
    interim.refresh_from_db()
    assert interim.is_current is False
    current = OwnersCommittee.objects.get(project=city.project_a, is_current=True)
    assert current.kind == OwnersCommittee.Kind.OWNERS_COMMITTEE
    assert _state(city.project_a) == Project.Formation.COMMITTEE


@pytest.mark.parametrize(
    ("on", "field"),
    [(dt.timedelta(days=1), "on"), (None, "on")],
)
def test_bad_dates_are_refused(city, login, on, field):
    client = login("street_a")
    before = _counts()
    body = {} if on is None else {"on": (today() + on).isoformat()}
    response = client.post(
        API.format(pk=city.project_a.pk, action="preparation_formed"),
        body,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert _state(city.project_a) == Project.Formation.NONE
    assert _counts() == before


def test_a_step_cannot_be_dated_before_the_previous_one(city, login):
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed", today() - dt.timedelta(days=5))
    response = _step(client, city.project_a, "first_assembly_held", today() - dt.timedelta(days=6))
    assert response.status_code == 400
    assert "on" in response.json()["fields"]
    assert _state(city.project_a) == Project.Formation.PREPARATION


def test_committee_in_the_elect_form_with_bad_term_is_refused(city, login):
    """A committee's term must end after it starts; nothing written."""
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed")
    _step(client, city.project_a, "first_assembly_held")
    before = _counts()
    response = _step(
        client,
        city.project_a,
        "committee_elected",
        committee=_committee_body(term_end=(today() - dt.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert "term_end" in response.json()["fields"]
    assert _state(city.project_a) == Project.Formation.FIRST_ASSEMBLY
    assert _counts() == before


def test_project_section_partial_shows_state_committee_and_actions(city, owners_a):
    """The partial the project page includes: state, committee, masked member phones."""
    # given project A with an elected committee of 5 seats and 2 members (acting)
    elect_committee(city, seats=5, members=owners_a[:2])
    project = Project.objects.get(pk=city.project_a.pk)
    # when street A's section is rendered
    gov = project_governance(actor=actor_for(city.users["street_a"]), project=project)
    html = render_to_string("registry/governance/_project_section.html", {"governance": gov})
    # then it shows the committee, the acting flag and masked phones only
    assert gov.committee is not None and gov.committee.acting
    assert gov.can_edit and gov.can_file
    assert city.owner_1.name in html
    assert city.owner_1.phone not in html
    assert "138****0001" in html
    # and an owner sees no actions
    owner_gov = project_governance(actor=actor_for(city.users["owner_1"]), project=project)
    assert owner_gov.actions == [] and not owner_gov.can_edit


def test_formation_page_buttons_for_the_street(city, login):
    client = login("street_a")
    response = client.get(f"/api/v1/registry/projects/{city.project_a.pk}/formation")
    assert response.json()["actions"] == ["preparation_formed"]
    owner = login("owner_1").get(f"/api/v1/registry/projects/{city.project_a.pk}/formation")
    assert owner.json()["actions"] == []
    other = login("street_b").get(f"/api/v1/registry/projects/{city.project_a.pk}/formation")
    assert other.status_code == 404


def test_pages_record_election_with_the_committee_and_then_a_member(city, login):
    """The form of "committee elected" records the committee with the step (000 §19)."""
    # given project A after its first assembly
    client = login("street_a")
    _step(client, city.project_a, "preparation_formed")
    _step(client, city.project_a, "first_assembly_held")
    url = f"/registry/projects/{city.project_a.pk}/formation/committee_elected/"
    assert 'name="seats"' in client.get(url).content.decode()
    # when a bad term is posted, the page shows the field error and writes nothing
    before = _counts()
    bad = client.post(url, {"on": today().isoformat(), "term_end": today().isoformat(), "seats": 5})
    assert bad.status_code == 200 and "term_end" in bad.context["form"].errors
    assert _counts() == before
    # when the good form is posted
    response = client.post(
        url,
        {
            "on": today().isoformat(),
            "term_end": (today() + dt.timedelta(days=1825)).isoformat(),
            "seats": 5,
            "office_hours": "周六上午",
        },
    )
    # then the committee is current and a member can be added through its page
    assert response.status_code == 302
    committee = OwnersCommittee.objects.get(project=city.project_a, is_current=True)
    add = f"/registry/committees/{committee.pk}/members/add/"
    assert city.owner_1.name in client.get(add).content.decode()
    added = client.post(add, {"owner": city.owner_1.pk, "position": "chair", "party_member": "on"})
    assert added.status_code == 302
    assert committee.members.get().party_member is True
