"""Old residential areas, seed 001 §三(三): service mode and "五有" check, the company
subsidy of 0.2–0.3 yuan per m² a month (§三(三)3(2), no yearly cap) from the company's
application through the street's check and the district's approval to the payment, and
the district's yearly company reward of at most 50 000 a company-year (§三(三)3(3))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.core.clock import frozen
from gongzhi.funds.models import JournalEntry, Posting
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.oldprojects.models import CompanyReward, OldProjectService, SubsidyApplication
from gongzhi.registry.models import Project
from gongzhi.rules.profiles import get_profile

S = SubsidyApplication.Status
FIVE = ["cleaning", "security", "greening", "repairs", "parking"]


@pytest.fixture(autouse=True)
def _today():
    with frozen(dt.date(2026, 11, 23)):
        yield


def _old(city, profile_id: str = "jiangxi-zhanggong") -> Project:
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id=profile_id)
    Project.objects.filter(pk__in=[city.project_a.pk, city.project_b.pk]).update(
        category=Project.Category.OLD, total_building_area=Decimal("10000.00")
    )
    return Project.objects.get(pk=city.project_a.pk)


def _counts() -> tuple[int, ...]:
    return (
        OldProjectService.objects.count(),
        SubsidyApplication.objects.count(),
        JournalEntry.objects.count(),
    )


def test_subsidy_journey_from_the_company_to_the_ledger(city, login):
    project = _old(city)
    # the street records the project's service mode with all five basic services
    street = login("street_a")
    answer = street.post(
        f"/oldprojects/projects/{project.pk}/service/",
        {"mode": "company", "basics": FIVE, "checked_on": "2026-11-20"},
    )
    assert answer.status_code == 302
    service = OldProjectService.objects.get()
    assert (service.basics_passed, service.company_id) == (True, city.company_1.pk)
    page = street.get("/oldprojects/").content.decode()
    assert "老旧小区" in page and "5/5" in page
    assert street.get("/oldprojects/?format=xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    # the company applies for Q1 on the phone form
    company = login("company_1")
    answer = company.post(
        "/oldprojects/subsidies/new/",
        {"project": project.pk, "year": 2026, "month_from": 1, "month_to": 3},
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    app = SubsidyApplication.objects.get()
    assert (app.area_m2, app.status) == (Decimal("10000.00"), S.SUBMITTED)
    # overlapping months are refused with a clear error and nothing is written
    before = _counts()
    again = company.post(
        "/oldprojects/subsidies/new/",
        {"project": project.pk, "year": 2026, "month_from": 3, "month_to": 4},
    )
    assert again.status_code == 409 and "月份已申请过" in again.content.decode()
    assert _counts() == before
    # the street checks: four of five services is refused, five passes
    street = login("street_a")
    short = street.post(
        f"/oldprojects/subsidies/{app.pk}/check/", {"basics": FIVE[:4], "note": "缺停车管理"}
    )
    assert short.status_code == 400 and "parking" in short.content.decode()
    app.refresh_from_db()
    assert app.status == S.SUBMITTED
    assert (
        street.post(f"/oldprojects/subsidies/{app.pk}/check/", {"basics": FIVE}).status_code == 302
    )
    # the district approves: a rate outside 0.2–0.3 is refused (seed 001 §三(三)3(2))
    bureau = login("bureau")
    wrong = bureau.post(f"/oldprojects/subsidies/{app.pk}/approve/", {"rate": "0.35"})
    assert wrong.status_code == 400 and "¥0.20" in wrong.content.decode()
    assert (
        bureau.post(f"/oldprojects/subsidies/{app.pk}/approve/", {"rate": "0.25"}).status_code
        == 302
    )
    app.refresh_from_db()
    # 10 000 m² × 0.25 yuan × 3 months = 7 500 yuan
    assert (app.status, app.rate_fen, app.amount_fen) == (S.APPROVED, 25, 750_000)
    # … and pays: one balanced entry in the ledger
    assert bureau.post(f"/oldprojects/subsidies/{app.pk}/pay/", {}).status_code == 302
    app.refresh_from_db()
    assert app.status == S.PAID and app.journal_entry is not None
    postings = Posting.objects.filter(entry=app.journal_entry)
    assert sorted((p.side, p.amount_fen) for p in postings) == [("C", 750_000), ("D", 750_000)]
    assert AuditEntry.objects.filter(action="transition", target_id=str(app.pk)).count() == 3
    detail = bureau.get(f"/oldprojects/subsidies/{app.pk}/").content.decode()
    assert "¥7,500.00" in detail
    export = bureau.get("/oldprojects/subsidies/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_subsidy_is_area_times_rate_times_months_with_no_yearly_cap(city, login):
    """Seed 001 §三(三)3(2): 按管理面积给予物业企业每月每平方米0.2-0.3元的资金扶持 — the
    5万元 of §三(三)3(3) caps the separate reward, not the subsidy."""
    project = _old(city)
    Project.objects.filter(pk=project.pk).update(total_building_area=Decimal("20000"))
    company = login("company_1")
    created = company.post(
        "/api/v1/oldprojects/subsidies",
        {"project_id": project.pk, "year": 2026, "month_from": 1, "month_to": 10},
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    street = login("street_a")
    assert (
        street.post(
            f"/api/v1/oldprojects/subsidies/{pk}/check",
            {"basics": FIVE},
            content_type="application/json",
        ).status_code
        == 200
    )
    approved = login("bureau").post(
        f"/api/v1/oldprojects/subsidies/{pk}/approve",
        {"rate": "0.3"},
        content_type="application/json",
    )
    # 20 000 × 0.30 × 10 = 60 000 yuan, granted in full (more than the reward cap)
    assert approved.status_code == 200
    assert (approved.json()["computed_fen"], approved.json()["amount_fen"]) == (
        6_000_000,
        6_000_000,
    )


def test_bad_input_and_other_profiles_are_refused_and_change_nothing(city, login):
    project = _old(city, "national")  # national law sets no old-project subsidy
    company = login("company_1")
    before = _counts()
    answer = company.post(
        "/api/v1/oldprojects/subsidies",
        {"project_id": project.pk, "year": 2026, "month_from": 1, "month_to": 2},
        content_type="application/json",
    )
    assert answer.status_code == 400 and "project_id" in answer.json()["fields"]
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="jiangxi-zhanggong")
    for body in (
        {"project_id": project.pk, "year": 2026, "month_from": 5, "month_to": 2},
        {"project_id": project.pk, "year": 2026, "month_from": 11, "month_to": 11},  # not ended
        {"project_id": city.project_b.pk, "year": 2026, "month_from": 1, "month_to": 2},
        {"project_id": project.pk, "year": 2026, "month_from": 1, "month_to": 2, "area_m2": "-5"},
    ):
        refused = company.post(
            "/api/v1/oldprojects/subsidies", body, content_type="application/json"
        )
        assert refused.status_code == 400, body
    bad_mode = login("street_a").post(
        "/api/v1/oldprojects/services",
        {"project_id": project.pk, "mode": "robots", "basics": ["laundry"]},
        content_type="application/json",
    )
    assert bad_mode.status_code == 400
    assert set(bad_mode.json()["fields"]) == {"mode", "basics"}
    assert _counts() == before


def test_scoping_other_street_and_company_get_404(city, login):
    project = _old(city)
    app = SubsidyApplication.objects.create(
        project=project,
        company=city.company_1,
        year=2026,
        month_from=1,
        month_to=1,
        area_m2=Decimal(100),
        node_path=project.node_path,
    )
    service = OldProjectService.objects.create(
        project=project,
        mode="company",
        company=city.company_1,
        checked_on=dt.date(2026, 11, 1),
        node_path=project.node_path,
    )
    for user in ("street_b", "company_2"):
        client = login(user)
        assert client.get(f"/oldprojects/subsidies/{app.pk}/").status_code == 404
        assert client.get(f"/api/v1/oldprojects/subsidies/{app.pk}").status_code == 404
        assert client.get(f"/api/v1/oldprojects/services/{service.pk}").status_code == 404
        assert client.get("/api/v1/oldprojects/subsidies").json()["items"] == []
        assert client.get("/api/v1/oldprojects/services").json()["items"] == []
    assert (
        login("street_b")
        .post(f"/oldprojects/subsidies/{app.pk}/check/", {"basics": FIVE})
        .status_code
        == 404
    )
    assert login("street_b").get(f"/oldprojects/projects/{project.pk}/service/").status_code == 404
    # the serving company and the street see it
    assert login("company_1").get(f"/api/v1/oldprojects/subsidies/{app.pk}").status_code == 200
    assert login("street_a").get(f"/oldprojects/subsidies/{app.pk}/").status_code == 200


PROFILES = (
    "national",
    "hunan-shaoyang",
    "jiangxi-zhanggong",
    "henan-draft",
    "hunan-ziyang",
    "shaanxi-xixian",
)


def _served(city, project: Project, basics: list[str] = FIVE) -> OldProjectService:
    return OldProjectService.objects.create(
        project=project,
        mode="company",
        company=city.company_1,
        basics=basics,
        basics_passed=len(basics) == 5,
        checked_on=dt.date(2026, 11, 1),
        node_path=project.node_path,
    )


def _grant(client, company_id: int, amount: str, year: int = 2026):
    return client.post(
        "/api/v1/oldprojects/rewards",
        {"company_id": company_id, "year": year, "amount": amount},
        content_type="application/json",
    )


@pytest.mark.parametrize("profile_id", PROFILES)
def test_the_reward_cap_per_company_year_of_every_profile(city, login, profile_id):
    """Seed 001 §三(三)3(3): 区财政每年配套100万 … 按不超过5万元的标准对入驻老旧小区开展物业
    服务的企业进行奖励 — rewards above the profile's cap are refused, citing the clause."""
    project = _old(city, profile_id)
    _served(city, project)
    bureau = login("bureau")
    cap = get_profile(profile_id).optional_fen("old_project_company_reward_cap_yuan")
    if cap is None:
        refused = _grant(bureau, city.company_1.pk, "100")
        assert refused.status_code == 400 and "company_id" in refused.json()["fields"]
        assert not CompanyReward.objects.exists()
        return
    over = _grant(bureau, city.company_1.pk, f"{cap // 100 + 1}")
    assert over.status_code == 400
    assert "§三(三)3(3)" in over.json()["fields"]["amount"][0]
    assert "每家企业每年最多" in over.json()["fields"]["amount"][0]
    assert not CompanyReward.objects.exists()
    part = _grant(bureau, city.company_1.pk, f"{cap // 100 - 1}")
    assert part.status_code == 201 and part.json()["amount_fen"] == cap - 100
    # the rest of the cap: one yuan more is refused, exactly the rest is granted
    assert _grant(bureau, city.company_1.pk, "1.01").status_code == 400
    assert _grant(bureau, city.company_1.pk, "1").status_code == 201
    # another year starts again; a withdrawn reward frees its part of the cap
    assert _grant(bureau, city.company_1.pk, f"{cap // 100}", year=2025).status_code == 201
    assert (
        bureau.post(
            f"/api/v1/oldprojects/rewards/{part.json()['id']}/withdraw",
            {"note": "重复申报"},
            content_type="application/json",
        ).status_code
        == 200
    )
    assert _grant(bureau, city.company_1.pk, "100").status_code == 201


def test_reward_journey_on_the_page_to_the_ledger(city, login):
    """The district grants on the page a company serving an old area that passed the 五有
    check, pays it as one balanced ledger entry, and exports the list (§三(三)3(3))."""
    project = _old(city)
    service = _served(city, project, FIVE[:4])
    bureau = login("bureau")
    page = bureau.get("/oldprojects/rewards/")
    assert page.status_code == 200 and city.company_1.name in page.content.decode()
    # no old area of the company passed the 五有 check yet: refused, nothing written
    before = (CompanyReward.objects.count(), JournalEntry.objects.count())
    refused = bureau.post(
        "/oldprojects/rewards/", {"company": city.company_1.pk, "year": 2026, "amount": "20000"}
    )
    assert refused.status_code == 400 and "五有" in refused.content.decode()
    OldProjectService.objects.filter(pk=service.pk).update(basics=FIVE, basics_passed=True)
    over = bureau.post(
        "/oldprojects/rewards/", {"company": city.company_1.pk, "year": 2026, "amount": "50000.01"}
    )
    assert over.status_code == 400 and "§三(三)3(3)" in over.content.decode()
    assert (CompanyReward.objects.count(), JournalEntry.objects.count()) == before
    granted = bureau.post(
        "/oldprojects/rewards/", {"company": city.company_1.pk, "year": 2026, "amount": "20000"}
    )
    assert granted.status_code == 302
    reward = CompanyReward.objects.get()
    assert (reward.amount_fen, reward.passed_projects, reward.status) == (2_000_000, 1, "granted")
    assert bureau.post(f"/oldprojects/rewards/{reward.pk}/pay/").status_code == 302
    reward.refresh_from_db()
    assert reward.status == "paid" and reward.journal_entry is not None
    postings = Posting.objects.filter(entry=reward.journal_entry)
    assert sorted((p.side, p.amount_fen) for p in postings) == [("C", 2_000_000), ("D", 2_000_000)]
    assert AuditEntry.objects.filter(target_id=str(reward.pk), action="create").exists()
    assert AuditEntry.objects.filter(action="transition", target_id=str(reward.pk)).count() == 1
    listing = login("company_1").get("/oldprojects/rewards/").content.decode()
    assert "¥20,000.00" in listing
    export = bureau.get("/oldprojects/rewards/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    # the company may read but not grant
    assert (
        login("company_1")
        .post("/oldprojects/rewards/", {"company": city.company_1.pk, "year": 2026, "amount": "1"})
        .status_code
        == 403
    )


def test_reward_scoping_other_street_and_company_get_404(city, login):
    project = _old(city)
    reward = CompanyReward.objects.create(
        company=city.company_1,
        year=2026,
        amount_fen=100,
        passed_projects=1,
        node_path=city.district.path,
    )
    for user in ("street_b", "company_2"):
        client = login(user)
        assert client.get(f"/api/v1/oldprojects/rewards/{reward.pk}").status_code == 404
        assert client.get("/api/v1/oldprojects/rewards").json()["items"] == []
        assert reward.company.name not in client.get("/oldprojects/rewards/").content.decode()
        pay = client.post(
            f"/api/v1/oldprojects/rewards/{reward.pk}/pay", {}, content_type="application/json"
        )
        assert pay.status_code == 404
    # company_2 serves nothing the bureau oversees: cannot be granted
    _served(city, project)
    assert _grant(login("bureau"), city.company_2.pk, "100").status_code == 400
    assert login("company_1").get(f"/api/v1/oldprojects/rewards/{reward.pk}").status_code == 200
    assert login("bureau").get(f"/api/v1/oldprojects/rewards/{reward.pk}").status_code == 200


def test_the_service_page_exists_for_old_projects_only(city, login):
    # given project_b is an old residential area (seed 001 §三(三)) and project_a is new
    _old(city)
    Project.objects.filter(pk=city.project_a.pk).update(category=Project.Category.NEW)
    # when each project's street opens its service page
    old_page = login("street_b").get(f"/oldprojects/projects/{city.project_b.pk}/service/")
    new_page = login("street_a").get(f"/oldprojects/projects/{city.project_a.pk}/service/")
    # then only the old project has one; the new one is not found
    assert old_page.status_code == 200
    assert new_page.status_code == 404
