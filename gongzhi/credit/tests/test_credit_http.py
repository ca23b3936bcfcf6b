"""Credit pages and /api/v1/credit through HTTP: who sees what (scoping), the manual
record form with approval, appeals, the blacklist letters, the draw page, the public
page without personal data, the Excel export and tender eligibility."""

from __future__ import annotations

import importlib.util
import io
import json

import pytest
from openpyxl import load_workbook

from gongzhi.credit.models import Appeal, CreditRecord, InspectionPlan, NotificationLetter
from gongzhi.credit.services import scores
from gongzhi.credit.tests.helpers import active_record, enter, today
from gongzhi.testing import ID_1

pytestmark = pytest.mark.django_db


def test_supervisor_sees_score_and_every_contributing_record(city, login):
    active_record(city)
    client = login("street_a")
    page = client.get(f"/credit/companies/{city.company_1.pk}/").content.decode()
    assert 'data-testid="score-value">90<' in page
    assert "受到行政处罚" in page and "-10" in page  # the record and its points, in Chinese
    assert "信用" in page


@pytest.mark.parametrize("user", ["street_b", "company_2"])
def test_company_credit_of_another_area_or_company_is_404(city, login, user):
    record = active_record(city)
    client = login(user)
    assert client.get(f"/credit/companies/{city.company_1.pk}/").status_code == 404
    assert client.get(f"/credit/records/{record.pk}/").status_code == 404
    assert city.company_1.name not in client.get("/credit/").content.decode()
    assert client.get(f"/api/v1/credit/records/{record.pk}").status_code == 404
    assert client.get(f"/api/v1/credit/companies/{city.company_1.pk}").status_code == 404


@pytest.mark.parametrize("user", ["owner_1", "committee_a", "dept"])
def test_other_roles_may_not_open_the_supervision_pages(city, login, user):
    assert login(user).get("/credit/").status_code == 403


def test_company_staff_sees_only_its_company(city, login):
    client = login("company_1")
    page = client.get("/credit/").content.decode()
    assert city.company_1.name in page and city.company_2.name not in page


def test_record_form_and_second_officer_approval(city, login):
    client = login("street_a")
    url = f"/credit/companies/{city.company_1.pk}/records/new/"
    assert client.get(url).status_code == 200
    # a record without evidence is refused with a Chinese message, nothing written
    response = client.post(url, {"kind_code": "award", "occurred_on": today().isoformat()})
    assert response.status_code == 400 and "证据" in response.content.decode()
    assert CreditRecord.objects.count() == 0
    response = client.post(
        url,
        {"kind_code": "award", "occurred_on": today().isoformat(), "evidence": "区级表彰文件"},
    )
    record = CreditRecord.objects.get()
    assert response.status_code == 302 and record.status == "pending_approval"
    # the same officer may not approve
    response = client.post(f"/credit/records/{record.pk}/approve/")
    assert response.status_code == 403
    assert CreditRecord.objects.get().status == "pending_approval"
    # the bureau approves
    response = login("bureau").post(f"/credit/records/{record.pk}/approve/")
    assert response.status_code == 302
    assert CreditRecord.objects.get().status == "active"


def test_appeal_pages(city, login):
    record = active_record(city)
    client = login("company_1")
    response = client.post(f"/credit/records/{record.pk}/appeal/", {"reason": "处罚已撤销"})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    client = login("street_a")
    assert city.company_1.name in client.get("/credit/appeals/").content.decode()
    response = client.post(f"/credit/appeals/{appeal.pk}/withdraw/", {"note": "核实撤销"})
    assert response.status_code == 302
    assert CreditRecord.objects.get().status == "withdrawn"
    # another street's officer cannot decide (404), another company cannot appeal (404)
    assert (
        login("street_b").post(f"/credit/appeals/{appeal.pk}/uphold/", {"note": "x"}).status_code
        == 404
    )
    assert (
        login("company_2").post(f"/credit/records/{record.pk}/appeal/", {"reason": "x"}).status_code
        == 404
    )


def test_blacklist_letters_print_and_pdf(city, login):
    active_record(city, kind="serious_dishonesty")
    scores.blacklist_evaluate(actor=None)
    letter = NotificationLetter.objects.get(kind="client")
    client = login("bureau")
    assert city.company_1.name in client.get("/credit/blacklist/").content.decode()
    page = client.get(f"/credit/letters/{letter.pk}/").content.decode()
    assert "credit/letter.css" in page and city.company_1.name in page  # print styles
    pdf = client.get(f"/credit/letters/{letter.pk}/pdf/")
    if importlib.util.find_spec("weasyprint") is None:  # the "pdf" extra is not installed
        assert pdf.status_code == 404
    else:
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert login("street_b").get(f"/credit/letters/{letter.pk}/").status_code == 404


def test_draw_page_records_and_reproduces_a_plan(city, login):
    client = login("street_a")
    data = {"node": city.street_a.pk, "seed": "2026-Q4", "year": today().year, "per_project": 1}
    first = client.post("/credit/inspections/", data)
    second = client.post("/credit/inspections/", data)
    assert first.status_code == second.status_code == 302
    one, two = InspectionPlan.objects.order_by("id")
    assert [i.project_id for i in one.items.all()] == [i.project_id for i in two.items.all()]
    assert "2026-Q4" in client.get(f"/credit/inspections/{one.pk}/").content.decode()
    assert login("street_b").get(f"/credit/inspections/{one.pk}/").status_code == 404


def test_public_page_needs_no_login_and_shows_no_personal_data(city, client):
    active_record(city, manager_name="王项目经理", manager_id_number=ID_1, evidence="内部证据材料")
    scores.scores_recompute(actor=None, year=today().year)
    page = client.get("/credit/public/").content.decode()
    assert city.company_1.name in page and "受到行政处罚" in page
    assert "物业服务企业信用信息" in page  # the page is in Chinese
    for private in ("王项目经理", ID_1, ID_1[-4:], "内部证据材料"):
        assert private not in page
    api = client.get("/api/v1/credit/public").json()
    assert ID_1 not in json.dumps(api, ensure_ascii=False)
    assert "内部证据材料" not in json.dumps(api, ensure_ascii=False)


def test_non_public_kinds_stay_off_the_public_page(city, client):
    active_record(city, kind="manual_bad", evidence="其他")
    assert "其他不良行为" not in client.get("/credit/public/").content.decode()


def test_excel_export(city, login):
    active_record(city)
    scores.scores_recompute(actor=None, year=today().year)
    response = login("street_a").get("/credit/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert any(r[0] == city.company_1.name and r[3] == 90 for r in rows[1:])
    assert all(r[0] != city.company_2.name for r in rows[1:])


def test_api_record_entry_errors_and_tender_eligibility(city, login):
    client = login("street_a")
    response = client.post(
        "/api/v1/credit/records",
        data={
            "company_id": city.company_1.pk,
            "kind_code": "award",
            "occurred_on": today().isoformat(),
            "evidence": "x",
            "points": 50,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid" and "points" in response.json()["fields"]
    assert CreditRecord.objects.count() == 0
    response = client.get(f"/api/v1/credit/companies/{city.company_1.pk}/tender-eligibility")
    assert response.status_code == 200 and response.json()["ok"] is True
    assert (
        login("street_b")
        .get(f"/api/v1/credit/companies/{city.company_1.pk}/tender-eligibility")
        .status_code
        == 404
    )


def test_api_approval_and_appeal_flow(city, login):
    record = enter(city)
    client = login("street_a")
    assert client.post(f"/api/v1/credit/records/{record.pk}/actions/approve").status_code == 403
    bureau = login("bureau")
    assert (
        bureau.post(f"/api/v1/credit/records/{record.pk}/actions/approve").json()["status"]
        == "active"
    )
    company = login("company_1")
    appeal = company.post(
        f"/api/v1/credit/records/{record.pk}/appeals",
        data={"reason": "不服"},
        content_type="application/json",
    )
    assert appeal.status_code == 201
    decided = login("bureau").post(
        f"/api/v1/credit/appeals/{appeal.json()['id']}/uphold",
        data={"note": "维持"},
        content_type="application/json",
    )
    assert decided.json()["status"] == "upheld"


def test_api_company_list_is_scoped_and_carries_scores(city, login):
    active_record(city)
    rows = login("street_a").get("/api/v1/credit/companies").json()["items"]
    assert [(r["company_name"], r["score"], r["grade"]) for r in rows] == [
        (city.company_1.name, 90, "A")
    ]
    public = login("street_a").get("/api/v1/credit/public").json()["items"]
    assert {r["company_name"] for r in public} == {city.company_1.name, city.company_2.name}


def test_company_pages_query_budget(city, login, django_assert_max_num_queries):
    for _ in range(3):
        active_record(city)
    scores.scores_recompute(actor=None, year=today().year)
    client = login("bureau")
    with django_assert_max_num_queries(14):
        assert client.get("/credit/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/credit/companies/{city.company_1.pk}/").status_code == 200
