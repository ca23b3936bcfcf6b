"""Old residential areas, seed 001 §三(三): service mode and "五有" check, and the company
subsidy of 0.2–0.3 yuan per m² a month (capped 50 000 a company-year) from the company's
application through the street's check and the district's approval to the payment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.core.clock import frozen
from gongzhi.funds.models import JournalEntry, Posting
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.oldprojects.models import OldProjectService, SubsidyApplication
from gongzhi.registry.models import Project

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


def test_the_yearly_cap_limits_what_a_company_is_granted(city, login):
    """Seed 001 §三(三)3(3): 按不超过5万元的标准 per company a year."""
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
    # 20 000 × 0.30 × 10 = 60 000 yuan, capped at 50 000
    assert approved.status_code == 200
    assert (approved.json()["computed_fen"], approved.json()["amount_fen"]) == (
        6_000_000,
        5_000_000,
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
