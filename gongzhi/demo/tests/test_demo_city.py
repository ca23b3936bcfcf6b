"""The demo city: exact counts, valid identifiers, exact shares, working logins,
determinism, profile-driven levels and the refusal to overwrite."""

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
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.demo.generator import DEMO_USERNAMES
from gongzhi.demo.generator.layout import SHAPES, building_layout, split
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import (
    CommitteeMember,
    ExclusivePart,
    Owner,
    OwnersCommittee,
    Ownership,
    Project,
    PropertyCompany,
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
    first = owner_fingerprint()
    # when
    build(seed=7, reset=True)
    again = owner_fingerprint()
    build(seed=8, reset=True)
    other = owner_fingerprint()
    # then
    assert first == again
    assert first != other


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
