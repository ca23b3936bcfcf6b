"""The old-project repair fund part by part (seed 001 §三(三)2).

以小区为单位…交存标准根据建筑面积，按电梯房不高于75元/m²、非电梯房不高于55元/m²计算，区财政
根据各小区交存金额等额配套。老旧小区住宅维修资金归全体业主所有: each exclusive part is
credited with its own area × the rate of its building unit (elevator or not) and the
district's matching of it, in one balanced entry; the owner sees their own part only."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.core.errors import ConflictError, DomainError
from gongzhi.funds import accounts, selectors, services
from gongzhi.funds.ledger import reconcile
from gongzhi.funds.models import Account, Fund, JournalEntry, Posting, Side
from gongzhi.funds.services._base import profile_of
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Project
from gongzhi.rules.profiles import list_profiles
from gongzhi.testing import City

pytestmark = pytest.mark.django_db

PROFILES = [p.id for p in list_profiles()]


def _under(city: City, profile_id: str) -> None:
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id=profile_id)


@pytest.fixture
def old(city: City) -> ExclusivePart:
    """Project A as an old project with, besides a1 (89.50 m²) and a2 (120.25 m²) in a
    unit with an elevator, a3 (60.33 m²) in a unit without one; returns a3."""
    Project.objects.filter(pk=city.project_a.pk).update(category=Project.Category.OLD)
    city.project_a.refresh_from_db()
    building = Building.objects.create(project=city.project_a, name="2栋", storeys=6)
    unit = BuildingUnit.objects.create(
        building=building, project=city.project_a, name="1单元", storeys=6, has_elevator=False
    )
    return ExclusivePart.objects.create(
        project=city.project_a, building_unit=unit, number="2-1-301", area=Decimal("60.33")
    )


def _balances(part: ExclusivePart) -> tuple[int, int]:
    by_category = dict(
        Account.objects.filter(part=part, fund=Fund.OLD_PROJECT).values_list(
            "category", "balance_fen"
        )
    )
    return by_category[accounts.OLD_FUND_OWNERS], by_category[accounts.OLD_FUND_MATCH]


def test_each_part_is_credited_its_area_times_its_rate_seed_001(city, actor, old):
    _under(city, "jiangxi-zhanggong")
    entry = services.old_fund_collect(actor=actor("street_a"), project_id=city.project_a.pk)
    # 001 §三(三)2: elevator 75 yuan/m², none 55 yuan/m², matched 1:1 (等额配套)
    assert _balances(city.part_a1) == (671_250, 671_250)  # 89.50 × 75 = 6 712.50
    assert _balances(city.part_a2) == (901_875, 901_875)  # 120.25 × 75 = 9 018.75
    assert _balances(old) == (331_815, 331_815)  # 60.33 × 55 = 3 318.15
    owners = 671_250 + 901_875 + 331_815
    bank = accounts.old_fund_bank(city.project_a)
    assert bank.holder == Account.Holder.FINANCE
    assert bank.balance_fen == 2 * owners
    # one balanced entry: the bank's debit and two credits per part, all to the parts
    assert JournalEntry.objects.filter(fund=Fund.OLD_PROJECT).count() == 1
    postings = Posting.objects.filter(entry=entry).select_related("account")
    assert postings.count() == 1 + 2 * 3
    credits = [p for p in postings if p.side == Side.CREDIT]
    assert {p.account.holder for p in credits} == {Account.Holder.PART}
    assert sum(p.amount_fen for p in credits) == 2 * owners
    assert "75" in entry.memo and "55" in entry.memo  # the explanation of both rates
    # the officials' project total is the sum of the parts
    totals = selectors.fund_totals(actor=actor("street_a"), project_ids=[city.project_a.pk])
    assert totals[city.project_a.pk][Fund.OLD_PROJECT] == 2 * owners
    parts = selectors.old_fund_parts(actor=actor("street_a"), project=city.project_a)
    assert sum(p.balance_fen for p in parts) == 2 * owners
    assert reconcile().ok


def test_a_lower_rate_is_rounded_per_part_to_the_fen_and_a_higher_one_refused(city, actor, old):
    _under(city, "jiangxi-zhanggong")
    street = actor("street_a")
    with pytest.raises(DomainError) as caught:
        services.old_fund_collect(
            actor=street, project_id=city.project_a.pk, rate_yuan_per_m2_plain="55.01"
        )
    assert "rate_yuan_per_m2_plain" in caught.value.fields
    assert not Posting.objects.exists()
    services.old_fund_collect(
        actor=street,
        project_id=city.project_a.pk,
        rate_yuan_per_m2_elevator="74.99",
        rate_yuan_per_m2_plain="50",
    )
    # 89.50 × 74.99 = 6 711.605 → 6 711.61 (四舍五入); 120.25 × 74.99 = 9 017.5475 → 9 017.55
    assert _balances(city.part_a1) == (671_161, 671_161)
    assert _balances(city.part_a2) == (901_755, 901_755)
    assert _balances(old) == (301_650, 301_650)  # 60.33 × 50
    assert reconcile().ok


@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_profile_s_caps_and_matching(city, actor, old, profile_id):
    _under(city, profile_id)
    profile = profile_of(city.project_a)
    elevator = profile.optional_fen("old_project_fund_elevator_yuan_per_m2")
    plain = profile.optional_fen("old_project_fund_no_elevator_yuan_per_m2")
    street = actor("street_a")
    if elevator is None or plain is None:
        with pytest.raises(ConflictError):
            services.old_fund_collect(actor=street, project_id=city.project_a.pk)
        assert not Account.objects.filter(fund=Fund.OLD_PROJECT, holder="part").exists()
        return
    ratio = profile.optional_fraction("old_project_fund_match_ratio") or 0
    services.old_fund_collect(actor=street, project_id=city.project_a.pk)
    for part, rate in ((city.part_a1, elevator), (city.part_a2, elevator), (old, plain)):
        own = rate * part.area  # whole yuan × 2 decimals: whole fen
        assert own == int(own)
        assert _balances(part) == (int(own), int(int(own) * ratio))
    assert reconcile().ok


def test_the_owner_sees_only_their_own_part(city, actor, old, login):
    _under(city, "jiangxi-zhanggong")
    services.old_fund_collect(actor=actor("street_a"), project_id=city.project_a.pk)
    client = login("owner_1")  # holds a1 only
    page = client.get("/funds/mine/").content.decode()
    assert 'data-testid="old-fund"' in page
    assert city.part_a1.number in page and "6,712.50" in page
    assert city.part_a2.number not in page and "9,018.75" not in page
    mine = client.get("/api/v1/funds/old-fund/mine").json()
    assert [(r["part_id"], r["owners_fen"], r["match_fen"], r["balance_fen"]) for r in mine] == [
        (city.part_a1.pk, 671_250, 671_250, 1_342_500)
    ]
    # through the project's list too, only their own part
    rows = client.get(f"/api/v1/funds/projects/{city.project_a.pk}/old-fund")
    if rows.status_code == 200:
        assert [r["part_id"] for r in rows.json()] == [city.part_a1.pk]
    else:
        assert rows.status_code == 404
    assert selectors.my_old_fund_parts(actor=actor("owner_2"))[0].part == city.part_a2


def test_scoping_of_the_collection_and_the_parts(city, actor, old, login):
    _under(city, "jiangxi-zhanggong")
    pid = city.project_a.pk
    client = login("street_b")  # another street: the project does not exist for it
    assert (
        client.post(
            f"/api/v1/funds/projects/{pid}/old-fund", {}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get(f"/api/v1/funds/projects/{pid}/old-fund").status_code == 404
    assert not Posting.objects.exists()
    client = login("committee_a")  # the committee records the collection (001 §三(三)2)
    assert (
        client.post(
            f"/api/v1/funds/projects/{pid}/old-fund", {}, content_type="application/json"
        ).status_code
        == 201
    )
    for user in ("street_a", "bureau", "committee_a"):
        rows = login(user).get(f"/api/v1/funds/projects/{pid}/old-fund").json()
        assert {r["part_id"] for r in rows} == {city.part_a1.pk, city.part_a2.pk, old.pk}
    page = login("street_a").get(f"/funds/projects/{pid}/").content.decode()
    assert 'data-testid="old-fund-parts"' in page and old.number in page
    assert login("street_b").get("/api/v1/funds/old-fund/mine").json() == []
    assert selectors.old_fund_parts(actor=actor("street_b")) == []


def _old_project(city: City, name: str, parts: int) -> Project:
    project = Project.objects.create(
        name=name,
        community=city.community_a,
        node_path=city.community_a.path,
        category=Project.Category.OLD,
        company=city.company_1,
        completed_year=1998,
    )
    building = Building.objects.create(project=project, name="1栋", storeys=6)
    lift = BuildingUnit.objects.create(
        building=building, project=project, name="1单元", storeys=6, has_elevator=True
    )
    stairs = BuildingUnit.objects.create(
        building=building, project=project, name="2单元", storeys=6, has_elevator=False
    )
    ExclusivePart.objects.bulk_create(
        ExclusivePart(
            project=project,
            building_unit=lift if i % 2 else stairs,
            number=f"1-{i % 2 + 1}-{i:03d}",
            area=Decimal(6000 + i * 37).scaleb(-2),
        )
        for i in range(parts)
    )
    return project


def _collect_queries(actor, project: Project) -> int:
    with CaptureQueriesContext(connection) as captured:
        services.old_fund_collect(actor=actor("street_a"), project_id=project.pk)
    return len(captured.captured_queries)


def test_a_collection_runs_the_same_queries_for_2_or_14_parts(city, actor, old):
    _under(city, "jiangxi-zhanggong")
    services.old_fund_collect(actor=actor("street_a"), project_id=city.project_a.pk)  # warm
    few = _collect_queries(actor, _old_project(city, "老街小区", 2))
    lots = _collect_queries(actor, _old_project(city, "新村小区", 14))
    assert few == lots
    assert Account.objects.filter(fund=Fund.OLD_PROJECT, holder="part").count() == 2 * (3 + 16)
    assert reconcile().ok
