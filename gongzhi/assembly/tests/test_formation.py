"""Formation end to end through a real vote: scan → group → drafts and candidates →
publish (two decisions matters) → ballots → close → the committee registered through
registry → filed by the street (seed 000 §19-21; 指导规则; 民法典 art. 278)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from gongzhi.accounts.selectors import actor_for
from gongzhi.assembly import services
from gongzhi.assembly.models import ActingBody, GroupMember, PreparationGroup, Reminder
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.decisions import services as decisions
from gongzhi.decisions.models import Matter
from gongzhi.registry.models import CommitteeMember, OwnersCommittee, Project
from gongzhi.rules.assembly import GROUP_PARTIES

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
START = dt.date(2026, 3, 2)


def act(city, name):
    return actor_for(city.users[name])


def no_committee(city):
    """The fixture city's project A starts with no owners' organisation."""
    OwnersCommittee.objects.filter(project=city.project_a).delete()
    Project.objects.filter(pk=city.project_a.pk).update(formation=Project.Formation.NONE)


def more_owners(city):
    """Two more owners of project A, each with an account, so that four can sit in the
    group (指导规则: owners at least half of an odd-sized group)."""
    from decimal import Decimal

    from gongzhi.accounts.models import Role
    from gongzhi.accounts.services import user_create
    from gongzhi.registry.models import ExclusivePart, Owner, Ownership
    from gongzhi.testing import PASSWORD

    found = []
    for n in (3, 4):
        user = user_create(
            actor=None, username=f"owner_{n}", password=PASSWORD, mobile=f"1380000000{n}",
            role=Role.OWNER,
        )  # fmt: skip
        city.users[f"owner_{n}"] = user
        owner = Owner.objects.create(kind=Owner.Kind.PERSON, name=f"业主{n}", user=user)
        part = ExclusivePart.objects.create(
            project=city.project_a, building_unit=city.part_a1.building_unit,
            number=f"1-1-10{n}", area=Decimal("90.00"),
        )  # fmt: skip
        Ownership.objects.create(part=part, owner=owner)
        found.append(owner)
    return found


def members(city):
    extra = more_owners(city) if "owner_3" not in city.users else []
    owners = [city.owner_1.pk, city.owner_2.pk] + [o.pk for o in extra]
    return [
        {"party": "street", "name": "街道代表", "is_leader": True},
        {"party": "community", "name": "社区代表"},
        {"party": "developer", "name": "开发商代表"},
        *({"party": "owners", "owner_id": pk} for pk in owners),
    ]


def ready_group(city, stop_clock):
    stop_clock(START)
    no_committee(city)
    street = act(city, "street_a")
    group = services.group_create(
        actor=street, project_id=city.project_a.pk, formed_on=START, seats=1,
        members=members(city),
    )  # fmt: skip
    for kind in ("rules_of_procedure", "management_statute"):
        services.document_upload(
            actor=street,
            group_id=group.pk,
            kind=kind,
            upload=SimpleUploadedFile(f"{kind}.pdf", PDF, content_type="application/pdf"),
        )
    return street, group


def test_scan_puts_a_due_project_on_the_todo_list_once(city, stop_clock):
    # given project A, all parts delivered, no owners' organisation (指导规则 art. 9 > 1/2)
    stop_clock(START)
    no_committee(city)
    # when the scan runs twice
    first = services.formation_scan()
    again = services.formation_scan()
    # then one reminder, in street A's area only
    assert [r.project_id for r in first] == [city.project_a.pk] or city.project_a.pk in [
        r.project_id for r in first
    ]
    assert again == []
    assert Reminder.objects.filter(project=city.project_a).count() == 1
    assert (
        not Reminder.objects.visible_to(act(city, "street_b"))
        .filter(project=city.project_a)
        .exists()
    )


def test_formation_end_to_end_through_a_real_vote(
    city, stop_clock, django_capture_on_commit_callbacks
):
    clock = stop_clock(START)
    street, group = ready_group(city, stop_clock)
    services.candidate_add(actor=street, group_id=group.pk, owner_id=city.owner_1.pk)
    # the project's formation moved through registry's service
    assert Project.objects.get(pk=city.project_a.pk).formation == Project.Formation.PREPARATION
    # when the papers are published: two real decisions matters, voting after 15 days
    group = services.group_publish(actor=street, group_id=group.pk)
    assert group.status == PreparationGroup.Status.PUBLISHED
    assert group.publication_ends_on == START + dt.timedelta(days=15)
    assert group.roll_owners == 4
    rules_matter = Matter.objects.get(pk=group.rules_matter_id)
    election = Matter.objects.get(pk=group.election_matter_id)
    assert election.kind == "election" and election.seats == 1
    assert election.voting_starts_on == START + dt.timedelta(days=15)
    # the owners vote through the decisions app
    clock.move_to(election.voting_starts_on)
    for matter in (rules_matter, election):
        decisions.voting_open(actor=street, matter=matter)
    candidate = election.candidates.get()
    for owner in ("owner_1", "owner_2", "owner_3", "owner_4"):
        decisions.ballot_cast(actor=act(city, owner), matter=rules_matter, choice="yes")
        decisions.ballot_cast(actor=act(city, owner), matter=election, choice=[candidate.pk])
    clock.move_to(election.voting_ends_on + dt.timedelta(days=1))
    with django_capture_on_commit_callbacks(execute=True):
        decisions.matter_close(actor=street, matter=rules_matter)
    assert PreparationGroup.objects.get(pk=group.pk).status == "published"  # one still open
    with django_capture_on_commit_callbacks(execute=True):
        decisions.matter_close(actor=street, matter=election)
    # then the result came back: the committee is registered with the elected owner
    group.refresh_from_db()
    assert group.status == PreparationGroup.Status.COMMITTEE_ELECTED
    assert group.rules_adopted is True
    committee = OwnersCommittee.objects.get(pk=group.committee_id)
    assert committee.is_current and committee.kind == "owners_committee"
    assert committee.term_end == dt.date(2031, 3, 23)  # 5 years (指导规则), from the close
    assert list(CommitteeMember.objects.filter(committee=committee).values_list(
        "owner_id", flat=True)) == [city.owner_1.pk]  # fmt: skip
    assert Project.objects.get(pk=city.project_a.pk).formation == Project.Formation.COMMITTEE
    # another street cannot file it (not found); street A files it through registry
    with pytest.raises(NotFoundError):
        services.group_file(actor=act(city, "street_b"), group_id=group.pk)
    group = services.group_file(actor=street, group_id=group.pk)
    assert group.status == PreparationGroup.Status.FILED
    assert OwnersCommittee.objects.get(pk=committee.pk).filed_at == clock.day


def test_no_committee_elected_the_group_becomes_the_management_committee(
    city, stop_clock, django_capture_on_commit_callbacks
):
    # national profile: 物业管理委员会 (seed 000 §19 wording, 建房规〔2020〕10号)
    clock = stop_clock(START)
    street, group = ready_group(city, stop_clock)
    services.candidate_add(actor=street, group_id=group.pk, owner_id=city.owner_2.pk)
    group = services.group_publish(actor=street, group_id=group.pk)
    clock.move_to(START + dt.timedelta(days=15))
    matters = Matter.objects.filter(pk__in=[group.rules_matter_id, group.election_matter_id])
    for matter in matters:
        decisions.voting_open(actor=street, matter=matter)
    clock.move_to(START + dt.timedelta(days=30))
    with django_capture_on_commit_callbacks(execute=True):
        for matter in matters:
            decisions.matter_close(actor=street, matter=matter)  # nobody voted
    group.refresh_from_db()
    assert group.status == PreparationGroup.Status.MANAGEMENT_COMMITTEE
    committee = OwnersCommittee.objects.get(pk=group.committee_id)
    assert committee.kind == "management_committee"
    assert committee.members.count() == 4  # the owners' representatives


def test_owners_unwilling_residents_committee_acts_seed_004_s19(city, stop_clock):
    from gongzhi.jurisdictions.models import Jurisdiction

    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="shaanxi-xixian")
    street, group = ready_group(city, stop_clock)
    group = services.group_owners_unwilling(actor=street, group_id=group.pk, on=START)
    assert group.status == PreparationGroup.Status.RESIDENTS_COMMITTEE
    acting = ActingBody.objects.get(project=city.project_a)
    assert acting.reason == "unwilling" and "004 §19" in acting.basis["citation"]


def test_bad_input_and_wrong_people_change_nothing(city, stop_clock):
    stop_clock(START)
    no_committee(city)
    with pytest.raises(DomainError) as error:
        services.group_create(
            actor=act(city, "street_a"), project_id=city.project_a.pk, formed_on=None,
            seats=0, members=[{"party": "owners", "owner_id": city.owner_b.pk}],
        )  # fmt: skip
    assert {"formed_on", "seats", "members[0].owner_id"} <= set(error.value.fields)
    with pytest.raises(NotFoundError):
        services.group_create(
            actor=act(city, "street_b"), project_id=city.project_a.pk, formed_on=START,
            seats=5, members=members(city),
        )  # fmt: skip
    with pytest.raises((PermissionDeniedError, NotFoundError)):
        services.group_create(
            actor=act(city, "owner_1"), project_id=city.project_a.pk, formed_on=START,
            seats=5, members=members(city),
        )  # fmt: skip
    assert not PreparationGroup.objects.exists()
    assert Project.objects.get(pk=city.project_a.pk).formation == Project.Formation.NONE


def test_publish_refused_until_composition_drafts_and_candidates(city, stop_clock):
    stop_clock(START)
    no_committee(city)
    street = act(city, "street_a")
    group = services.group_create(
        actor=street, project_id=city.project_a.pk, formed_on=START, seats=3,
        members=members(city)[:4],  # four members: even, and only one owner of four
    )  # fmt: skip
    with pytest.raises(ConflictError) as error, translation.override("en"):
        services.group_publish(actor=street, group_id=group.pk)
    problems = " ".join(str(p) for p in error.value.fields["group"])
    assert "odd" in problems and "represent the owners" in problems
    assert "candidates" in problems
    assert not Matter.objects.exists()
    assert PreparationGroup.objects.get(pk=group.pk).status == "forming"


def test_a_missing_party_is_named_by_its_label_seed_000_s20(city, stop_clock):
    # seed 000 §20 (指导规则): the group draws on the street, the residents' committee, the
    # developer and the owners; the refusal names the missing party as pages name it
    stop_clock(START)
    no_committee(city)
    street = act(city, "street_a")
    without_developer = [m for m in members(city) if m["party"] != "developer"]
    group = services.group_create(
        actor=street, project_id=city.project_a.pk, formed_on=START, seats=3,
        members=without_developer,
    )  # fmt: skip
    with pytest.raises(ConflictError) as error, translation.override("zh-hans"):
        services.group_publish(actor=street, group_id=group.pk)
    problems = [str(p) for p in error.value.fields["group"]]
    assert any(p.startswith("筹备组缺少以下方面的成员：建设单位。") for p in problems), problems
    assert not any("developer" in p for p in problems)
    with translation.override("en"):
        assert GROUP_PARTIES == {p.value: str(p.label) for p in GroupMember.Party}


def test_barred_owner_cannot_stand_seed_000_s23(city, stop_clock):
    street, group = ready_group(city, stop_clock)
    services.bar_publish(
        actor=street, project_id=city.project_a.pk, owner_id=city.owner_2.pk,
        reason="多次催交仍拒不交纳物业费", on=START,
    )  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.candidate_add(actor=street, group_id=group.pk, owner_id=city.owner_2.pk)
    assert "owner_id" in error.value.fields
    assert not group.candidates.exists()
