"""The demo city: exact counts, valid identifiers, exact shares, companies' staff and
street reports, formation and committees, contracts that pass the contracts app's own
rules (overdue under a profile with a filing deadline), working logins, determinism,
profile-driven levels, reset and the refusal to overwrite."""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Max, Sum
from django.test import Client
from stdnum.cn import ric, uscc

from gongzhi.accounts.models import Membership, User
from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.contracts import rules as contract_rules
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.selectors import overdue_ids
from gongzhi.demo.generator import DEMO_USERNAMES
from gongzhi.demo.generator.layout import SHAPES, building_layout, split
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.lifecycle.models import Exit
from gongzhi.registry.models import (
    CommitteeMember,
    CompanyQualification,
    CompanyStaff,
    ExclusivePart,
    Occupant,
    Owner,
    OwnersCommittee,
    Ownership,
    Project,
    PropertyCompany,
    StreetReport,
)

HOUSEHOLDS = 400
PASSWORD = "demo-pass-2026"


def build(**options: object) -> str:
    out = StringIO()
    options = {"households": HOUSEHOLDS, "password": PASSWORD, "no_progress": True, **options}
    call_command("demo_city", stdout=out, **options)
    return out.getvalue()


def owner_fingerprint() -> list[tuple[str, str]]:
    return list(Owner.objects.order_by("pk").values_list("name", "id_number"))


def city_fingerprint() -> list[object]:
    """Everything the generator chose, apart from ids and creation timestamps."""
    return [
        owner_fingerprint(),
        list(
            Project.objects.order_by("name", "community__name").values_list(
                "name", "community__name", "company__uscc", "formation", "formation_changed_on"
            )
        ),
        list(
            CompanyStaff.objects.order_by("company__uscc", "role", "name", "phone").values_list(
                "company__uscc", "role", "name", "project__name", "phone"
            )
        ),
        list(
            CompanyQualification.objects.order_by("company__uscc", "name").values_list(
                "company__uscc", "name", "certificate_number", "valid_until"
            )
        ),
        list(
            StreetReport.objects.order_by("company__uscc", "street__name").values_list(
                "company__uscc", "street__name", "reported_at", "acknowledged_at"
            )
        ),
        list(
            ServiceContract.objects.order_by("project__name", "kind").values_list(
                "project__name",
                "company__uscc",
                "kind",
                "status",
                "signed_on",
                "term_start",
                "term_end",
                "fee_per_m2_month",
                "fee_mode",
                "submitted_at",
                "street_reviewed_at",
                "filed_at",
            )
        ),
        list(
            OwnersCommittee.objects.order_by("project__name").values_list(
                "project__name", "seats", "term_start", "filed_at", "office_address"
            )
        ),
        sorted(CommitteeMember.objects.values_list("name", "position", "left_on")),
        list(Occupant.objects.order_by("id_number").values_list("id_number", "name", "moved_in")),
    ]


def row_counts() -> dict[str, int]:
    models = (
        Jurisdiction,
        PropertyCompany,
        Owner,
        Project,
        ExclusivePart,
        Ownership,
        OwnersCommittee,
        CommitteeMember,
        CompanyQualification,
        CompanyStaff,
        StreetReport,
        Occupant,
        ServiceContract,
        User,
        Membership,
        AuditEntry,
    )
    return {m._meta.label: m._base_manager.count() for m in models}


@pytest.fixture
def city(db: None) -> str:
    return build()


@pytest.mark.django_db
def test_the_city_has_exactly_the_households_asked_for(city: str) -> None:
    # then
    assert ExclusivePart.objects.filter(kind=ExclusivePart.Kind.DWELLING).count() == HOUSEHOLDS
    assert "registry.ExclusivePart" in city and "gongzhi-demo" not in city


@pytest.mark.django_db
@pytest.mark.parametrize("households", [200, 1234])
def test_other_sizes_are_exact_too(households: int) -> None:
    # when
    build(households=households, seed=households)
    # then
    assert ExclusivePart.objects.filter(kind=ExclusivePart.Kind.DWELLING).count() == households


@pytest.mark.django_db
def test_all_four_categories_and_old_projects_completed_by_2004(city: str) -> None:
    # then
    assert set(Project.objects.values_list("category", flat=True)) == set(Project.Category.values)
    latest_old = Project.objects.filter(category=Project.Category.OLD).aggregate(
        y=Max("completed_year")
    )["y"]
    assert latest_old <= 2004
    assert not Project.objects.filter(category=Project.Category.NEW, completed_year__lte=2004)


@pytest.mark.django_db
def test_identity_numbers_are_valid_and_unique(city: str) -> None:
    # then
    ids = list(Owner.objects.filter(kind=Owner.Kind.PERSON).values_list("id_number", flat=True))
    assert ids and all(ric.is_valid(n) for n in ids)
    assert len(set(ids)) == len(ids)
    codes = list(PropertyCompany.objects.values_list("uscc", flat=True))
    codes += Owner.objects.filter(kind=Owner.Kind.ORGANISATION).values_list("uscc", flat=True)
    assert codes and all(uscc.is_valid(c) for c in codes)
    phones = Owner.objects.filter(kind=Owner.Kind.PERSON).values_list("phone", flat=True)
    assert all(len(p) == 11 and p[0] == "1" and p[1] in "3456789" for p in phones)


@pytest.mark.django_db
def test_shares_of_every_part_sum_to_exactly_one(city: str) -> None:
    # given
    totals: dict[int, Fraction] = defaultdict(Fraction)
    for part_id, num, den in Ownership.objects.values_list(
        "part_id", "share_numerator", "share_denominator"
    ):
        totals[part_id] += Fraction(num, den)
    # then
    assert set(totals) == set(ExclusivePart.objects.values_list("pk", flat=True))
    assert all(total == 1 for total in totals.values())
    assert Ownership.objects.filter(share_denominator=2).exists()  # some co-owned homes


@pytest.mark.django_db
def test_the_developer_owns_the_unsold_parts(city: str) -> None:
    # given
    unsold = ExclusivePart.objects.filter(delivery=ExclusivePart.Delivery.UNSOLD)
    # then
    assert unsold.filter(kind=ExclusivePart.Kind.DWELLING).exists()
    for part in unsold.select_related("project"):
        [ownership] = part.ownerships.all()
        assert ownership.owner_id == part.project.developer_id
        assert ownership.owner.is_developer
        assert (ownership.share_numerator, ownership.share_denominator) == (1, 1)


@pytest.mark.django_db
def test_areas_are_two_place_decimals_and_add_up_per_project(city: str) -> None:
    # then
    for part_area in ExclusivePart.objects.filter(kind="dwelling").values_list("area", flat=True):
        assert 45 <= part_area <= 180 and part_area == part_area.quantize(Decimal("0.01"))
    for project in Project.objects.annotate(parts_area=Sum("parts__area")):
        assert project.total_building_area == project.parts_area.quantize(
            project.total_building_area
        )


@pytest.mark.django_db
def test_only_filed_companies_serve_and_new_projects_have_a_developer(city: str) -> None:
    # then
    assert not Project.objects.exclude(company=None).exclude(
        company__filing_status=PropertyCompany.FilingStatus.FILED
    )
    assert PropertyCompany.objects.filter(
        filing_status=PropertyCompany.FilingStatus.UNFILED
    ).exists()
    assert not Project.objects.filter(category=Project.Category.NEW, developer=None)
    assert OwnersCommittee.objects.filter(kind=OwnersCommittee.Kind.OWNERS_COMMITTEE).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("username", DEMO_USERNAMES)
def test_every_demo_login_signs_in_over_http(city: str, client: Client, username: str) -> None:
    # when
    response = client.post("/accounts/login/", {"login": username, "password": PASSWORD})
    # then
    assert response.status_code == 302, response.content[:300]
    assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_the_owner_login_owns_a_home_and_signs_in_by_mobile(city: str, client: Client) -> None:
    # given
    user = User.objects.get(username="owner")
    owner = Owner.objects.get(user=user)
    committee = User.objects.get(username="committee").memberships.get().project
    # then
    assert user.mobile == owner.phone
    assert owner.ownerships.filter(part__project=committee).exists()
    assert (
        client.post("/accounts/login/", {"login": user.mobile, "password": PASSWORD}).status_code
        == 302
    )
    assert client.get("/").status_code == 200
    # one hash for all demo users: the password was hashed once
    assert (
        len(
            set(User.objects.filter(username__in=DEMO_USERNAMES).values_list("password", flat=True))
        )
        == 1
    )


@pytest.mark.django_db
def test_bulk_rows_are_audited_once_per_model(city: str) -> None:
    # then
    entry = AuditEntry.objects.get(
        action=AuditAction.BULK_CREATE, target_type="registry.ExclusivePart"
    )
    assert entry.actor is None
    assert entry.after == {"rows": ExclusivePart.objects.count(), "seed": 1}


@pytest.mark.django_db
def test_same_seed_same_city_other_seed_other_city() -> None:
    # given
    build(seed=7)
    first = city_fingerprint()
    # when: the reset deletes the new rows too, or the counts would not match
    build(seed=7, reset=True)
    again = city_fingerprint()
    build(seed=8, reset=True)
    other = city_fingerprint()
    # then
    assert first == again
    assert first != other
    for model in (ServiceContract, StreetReport, CompanyStaff, CompanyQualification, Occupant):
        assert AuditEntry.objects.filter(
            action=AuditAction.DELETE, target_type=model._meta.label
        ).exists(), model


@pytest.mark.django_db
def test_filed_companies_have_qualifications_staff_and_street_reports(city: str) -> None:
    # given
    Filing = PropertyCompany.FilingStatus
    statuses = list(PropertyCompany.objects.values_list("filing_status", flat=True))
    # then: one filing waits for the bureau, others are not filed
    assert statuses.count(Filing.SUBMITTED) == 1 and Filing.UNFILED in statuses
    assert PropertyCompany.objects.get(filing_status=Filing.SUBMITTED).filing_submitted_at
    for company in PropertyCompany.objects.all():
        served = list(company.projects.select_related("community"))
        managers = list(company.staff.filter(role=CompanyStaff.Role.PROJECT_MANAGER))
        engineers = company.staff.filter(role=CompanyStaff.Role.ENGINEER).count()
        reports = company.street_reports.all()
        if not company.is_filed:
            assert not (served or managers or engineers or reports)
            assert not company.qualifications.exists()
            continue
        assert 1 <= company.qualifications.count() <= 3
        assert not company.qualifications.exclude(document="").exists()  # no scans
        assert 1 <= engineers <= 3
        # an exit closed in the lifecycle demo moves a project from one company to another:
        # the outgoing company keeps its manager's record of the project it served, and the
        # incoming one has not named its manager there yet
        closed = Exit.objects.filter(status=Exit.Status.CLOSED)
        left = set(closed.filter(company=company).values_list("project_id", flat=True))
        taken = set(closed.filter(incoming_company=company).values_list("project_id", flat=True))
        assert sorted(m.project_id for m in managers if m.project_id not in left) == sorted(
            p.pk for p in served if p.pk not in taken or p.pk in {m.project_id for m in managers}
        )
        streets = {p.community.parent_id for p in served}
        assert {r.street_id for r in reports} == streets
        assert all(r.node_path == r.street.path for r in reports)
        for report in reports:
            assert report.reported_at.date() > company.filed_at
            if report.acknowledged_at:
                assert report.acknowledged_at > report.reported_at
    assert StreetReport.objects.exclude(acknowledged_at=None).exists()


@pytest.mark.django_db
def test_formation_follows_the_committees(city: str) -> None:
    # given
    F = Project.Formation
    kinds = dict(OwnersCommittee.objects.filter(is_current=True).values_list("project_id", "kind"))
    # then
    for project in Project.objects.all():
        expected = {
            OwnersCommittee.Kind.OWNERS_COMMITTEE: F.COMMITTEE,
            OwnersCommittee.Kind.MANAGEMENT_COMMITTEE: F.MANAGEMENT_COMMITTEE,
        }.get(kinds.get(project.pk))  # type: ignore[call-overload]
        if expected:
            assert project.formation == expected
        else:
            assert project.formation in (F.NONE, F.PREPARATION, F.FIRST_ASSEMBLY)
        assert (project.formation_changed_on is None) == (project.formation == F.NONE)
    formations = set(Project.objects.values_list("formation", flat=True))
    assert {F.COMMITTEE, F.MANAGEMENT_COMMITTEE, F.PREPARATION} <= formations


@pytest.mark.django_db
def test_committees_have_seats_offices_and_one_is_short_of_members(city: str) -> None:
    # given
    committees = list(OwnersCommittee.objects.prefetch_related("members"))
    acting = []
    # then
    for committee in committees:
        members = list(committee.members.all())
        active = [m for m in members if m.left_on is None]
        assert committee.seats in (5, 7) and len(members) <= committee.seats
        assert committee.office_address and committee.office_hours
        assert committee.project.formation_changed_on == committee.term_start
        assert sum(m.position == CommitteeMember.Position.CHAIR for m in active) == 1
        for member in members:
            if member.left_on:
                assert committee.term_start < member.left_on < committee.term_end
        if 2 * len(active) < committee.seats:  # the residents' committee acts (000 §21)
            acting.append(committee)
    assert 1 <= len(acting) <= 2
    committee_project = User.objects.get(username="committee").memberships.get().project
    assert all(c.project_id != committee_project.pk for c in acting)
    assert any(c.filed_at for c in committees)


@pytest.mark.django_db
@pytest.mark.parametrize("households", [400, 12_000])
def test_contracts_follow_the_contract_rules(households: int) -> None:
    # given
    build(households=households, seed=households)
    S = ServiceContract.Status
    contracts = list(ServiceContract.objects.select_related("project", "company"))
    committees = {c.project_id: c for c in OwnersCommittee.objects.filter(is_current=True)}
    # then: every served project has one regular contract with its company
    served = Project.objects.exclude(company=None)
    regular = [c for c in contracts if c.kind == ServiceContract.Kind.REGULAR]
    assert sorted(c.project_id for c in regular) == sorted(served.values_list("pk", flat=True))
    exited = set(
        Exit.objects.filter(status=Exit.Status.CLOSED).values_list("project_id", "company_id")
    )
    for contract in contracts:
        project = contract.project
        if contract.status == S.ENDED or (project.pk, contract.company_id) in exited:
            continue  # the outgoing company's contracts (an exit in the lifecycle demo)
        assert contract.company_id == project.company_id
        assert contract.node_path == project.node_path
        assert contract_rules.filing_rule_errors(contract) == {}, contract
        committee = committees.get(project.pk)
        if committee is not None:  # seed 000 §16
            assert committee.term_start <= contract.term_start < contract.term_end
            assert contract.term_end <= committee.term_end
            assert committee.term_start <= contract.signed_on
        assert contract.signed_on <= contract.term_start
        fee = contract.fee_per_m2_month
        assert Decimal("0.40") <= fee <= Decimal("3.50") and fee == fee.quantize(Decimal("0.01"))
        assert contract.fee_mode in ServiceContract.FeeMode.values
        stamps = [contract.submitted_at, contract.street_reviewed_at, contract.filed_at]
        done = {S.DRAFT: 0, S.SUBMITTED: 1, S.STREET_REVIEWED: 2, S.FILED: 3}[contract.status]
        assert all(stamps[:done]) and not any(stamps[done:])
        assert stamps[:done] == sorted(stamps[:done])  # type: ignore[type-var]
        if contract.filed_at:
            assert contract.signed_on < contract.filed_at.date()
    statuses = [c.status for c in regular]
    # an ended contract (an exit in the lifecycle demo) was filed before it ended
    assert statuses.count(S.FILED) + statuses.count(S.ENDED) > len(statuses) / 2
    assert set(statuses) - {S.FILED}
    for project_id in {c.project_id for c in contracts if c.kind == "preliminary"}:
        [before] = [c for c in contracts if c.project_id == project_id and c.kind == "preliminary"]
        [after] = [c for c in regular if c.project_id == project_id]
        assert before.status == S.FILED and before.term_end < after.term_start
        assert project_id not in committees
    if households > HOUSEHOLDS:
        assert any(c.kind == ServiceContract.Kind.PRELIMINARY for c in contracts)
        assert {S.SUBMITTED, S.STREET_REVIEWED, S.DRAFT} <= set(statuses)
        formations = set(Project.objects.values_list("formation", flat=True))
        assert Project.Formation.FIRST_ASSEMBLY in formations
    assert not ServiceContract.objects.filter(attachments__isnull=False).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("profile", "overdue"), [("shaanxi-xixian", True), ("national", False)])
def test_unfiled_contracts_are_overdue_under_a_filing_deadline(profile: str, overdue: bool) -> None:
    # given
    build(profile=profile)
    actor = actor_for(User.objects.get(username="bureau"))
    # when
    ids = overdue_ids(actor=actor)
    # then
    assert bool(ids) is overdue
    unfiled = ServiceContract.objects.exclude(status=ServiceContract.Status.FILED)
    assert set(ids) <= set(unfiled.values_list("pk", flat=True))


@pytest.mark.django_db
def test_a_few_dwellings_have_tenants(city: str) -> None:
    # then
    occupants = Occupant.objects.select_related("part")
    assert occupants.exists()
    assert occupants.count() < HOUSEHOLDS * 0.06
    for occupant in occupants:
        assert occupant.kind == Occupant.Kind.TENANT and ric.is_valid(occupant.id_number)
        assert occupant.part.kind == ExclusivePart.Kind.DWELLING
        assert occupant.part.delivery == ExclusivePart.Delivery.DELIVERED
        assert not occupant.part.vacant_unrenovated


@pytest.mark.django_db
@pytest.mark.parametrize(("profile", "depth"), [("national", 2), ("shaanxi-xixian", 3)])
def test_the_profile_decides_the_levels(profile: str, depth: int) -> None:
    # when
    build(profile=profile)
    # then
    root = Jurisdiction.objects.get(depth=0)
    assert root.profile_id == profile
    communities = Jurisdiction.objects.filter(level="community")
    assert set(communities.values_list("depth", flat=True)) == {depth}
    assert Jurisdiction.objects.aggregate(d=Max("depth"))["d"] == depth
    assert all(len(c) == 12 for c in communities.values_list("division_code", flat=True))
    if depth == 3:
        assert Jurisdiction.objects.filter(level="new_city", depth=1).count() == 2


@pytest.mark.django_db
def test_an_existing_city_is_refused_without_reset_and_nothing_changes(city: str) -> None:
    # given
    before = row_counts()
    # when
    with pytest.raises(CommandError, match="--reset"):
        build(seed=2)
    # then
    assert row_counts() == before


@pytest.mark.django_db
def test_unknown_profile_is_refused() -> None:
    with pytest.raises(CommandError, match="unknown profile"):
        build(profile="atlantis")
    assert not Jurisdiction.objects.exists()


@pytest.mark.parametrize("category", list(SHAPES))
def test_building_layout_places_exactly_the_dwellings(category: str) -> None:
    # given
    rng = random.Random(0)
    shape = SHAPES[category]
    low, high = shape.storeys
    for dwellings in [*range(2 * low, 2 * low + 40), 527, 528, 529, 1500, 4321]:
        # when
        layout = building_layout(rng, dwellings, shape.storeys)
        # then
        assert sum(sum(floors) for units in layout for floors in units) == dwellings
        for units in layout:
            assert 1 <= len(units) <= 4
            assert all(low <= len(floors) <= high for floors in units)
            assert len({len(floors) for floors in units}) == 1
            assert all(2 <= rooms <= 4 for floors in units for rooms in floors)


def test_split_is_exact_and_respects_the_minimum() -> None:
    rng = random.Random(3)
    for total, count in [(200, 4), (400, 4), (100_000, 111), (12_345, 14)]:
        sizes = split(rng, total, count, 40)
        assert sum(sizes) == total and min(sizes) >= 40 and len(sizes) == count
