"""Repair pages and /api/v1/repairs: the owner's phone form, the company's queue and
actions, exports, and scoping of every page and endpoint (an owner sees only their own
requests; a company only its own; officials their subtree)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from gongzhi.complaints.models import Complaint
from gongzhi.repairs import services
from gongzhi.repairs.models import RepairRequest
from gongzhi.repairs.tests.conftest import png

S = RepairRequest.Status


def test_owner_asks_on_the_page_and_sees_only_their_own(city, login, request_repair):
    client = login("owner_1")
    page = client.get("/repairs/new/")
    assert page.status_code == 200 and "1-1-101" in page.content.decode()
    response = client.post(
        "/repairs/new/",
        {
            "place": "home",
            "part": city.part_a1.pk,
            "category": "plumbing",
            "description": "马桶漏水",
            "photos": [png()],
        },
    )
    assert response.status_code == 302
    repair = RepairRequest.objects.get()
    assert response["Location"] == f"/repairs/{repair.pk}/"
    assert "马桶漏水" in client.get(response["Location"]).content.decode()
    assert repair.number in client.get("/repairs/mine/").content.decode()
    photo = repair.photos.get()
    assert client.get(f"/repairs/photos/{photo.pk}/")["Content-Type"] == "image/png"
    # another owner: not found, for the page, the photo and the API
    other = login("owner_2")
    assert other.get(f"/repairs/{repair.pk}/").status_code == 404
    assert other.get(f"/repairs/photos/{photo.pk}/").status_code == 404
    assert other.get(f"/api/v1/repairs/{repair.pk}").status_code == 404
    assert other.get("/api/v1/repairs").json()["items"] == []
    assert repair.number not in other.get("/repairs/mine/").content.decode()


def test_bad_input_on_the_page_is_shown_in_chinese_and_nothing_is_saved(city, login):
    client = login("owner_1")
    response = client.post(
        "/repairs/new/", {"place": "common", "category": "plumbing", "description": "x"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "请选择您拥有房屋的" in body  # the message, in Chinese, next to the field
    assert RepairRequest.objects.count() == 0


def test_company_staff_dispatch_and_finish_on_the_pages(city, login, worker, request_repair):
    repair = request_repair()
    client = login("company_1")
    listing = client.get("/repairs/").content.decode()
    assert repair.number in listing
    detail = client.get(f"/repairs/{repair.pk}/").content.decode()
    assert 'data-testid="dispatch-form"' in detail
    assert client.post(f"/repairs/{repair.pk}/dispatch/", {"worker": worker.pk}).status_code == 302
    bad = client.post(f"/repairs/{repair.pk}/complete/", {"note": ""})
    assert bad.status_code == 400 and "请说明" in bad.content.decode()
    done = client.post(f"/repairs/{repair.pk}/complete/", {"note": "已疏通", "photos": [png()]})
    assert done.status_code == 302
    repair.refresh_from_db()
    assert repair.status == S.COMPLETED and repair.photos.count() == 1
    # the other company and the other street see nothing
    assert login("company_2").get(f"/repairs/{repair.pk}/").status_code == 404
    assert repair.number not in login("company_2").get("/repairs/").content.decode()
    assert login("street_b").get(f"/repairs/{repair.pk}/").status_code == 404
    assert login("street_a").get(f"/repairs/{repair.pk}/").status_code == 200
    # an owner cannot open the company's queue, nor act as the company
    owner = login("owner_1")
    assert owner.get("/repairs/").status_code == 403
    assert owner.post(f"/repairs/{repair.pk}/start/").status_code in (403, 409)


def test_the_staff_list_exports_to_excel_scoped(city, login, request_repair):
    mine = request_repair()
    theirs = services.repair_submit(
        actor=__import__("gongzhi.accounts.selectors", fromlist=["actor_for"]).actor_for(
            city.users["owner_2"]
        ),
        place="home",
        part_id=city.part_a2.pk,
        category="electrical",
        description="跳闸",
    )
    response = login("company_1").get("/repairs/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    numbers = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers == {mine.number, theirs.number}
    empty = load_workbook(io.BytesIO(login("company_2").get("/repairs/export.xlsx").content))
    assert empty.active.max_row == 1
    times = login("bureau").get("/repairs/times/?format=xlsx")
    assert times.status_code == 200
    assert "湘安物业" in login("bureau").get("/repairs/times/").content.decode()


def test_the_api_flow_and_its_scoping(city, login, worker):
    owner = login("owner_1")
    response = owner.post(
        "/api/v1/repairs",
        {
            "place": "home",
            "part_id": city.part_a1.pk,
            "category": "plumbing",
            "description": "漏水",
        },
        "application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["actions"] == ["cancel", "escalate"]
    bad = owner.post(
        "/api/v1/repairs",
        {"place": "home", "part_id": city.part_b1.pk, "category": "plumbing", "description": "x"},
        "application/json",
    )
    assert bad.status_code == 400 and "part" in bad.json()["fields"]
    assert login("company_2").get("/api/v1/repairs").json()["count"] == 0
    assert login("company_2").get(f"/api/v1/repairs/{pk}").status_code == 404
    company = login("company_1")
    assert company.get("/api/v1/repairs").json()["count"] == 1
    r = company.post(
        f"/api/v1/repairs/{pk}/actions/dispatch", {"worker_id": worker.pk}, "application/json"
    )
    assert r.status_code == 200 and r.json()["worker_name"] == "刘师傅"
    r = company.post(f"/api/v1/repairs/{pk}/actions/complete", {"note": "好了"}, "application/json")
    assert r.json()["status"] == "completed"
    conflict = company.post(f"/api/v1/repairs/{pk}/actions/start", {}, "application/json")
    assert conflict.status_code == 409
    owner = login("owner_1")
    r = owner.post(f"/api/v1/repairs/{pk}/actions/rate", {"rating": 2}, "application/json")
    assert r.json()["rating"] == 2 and "escalate" in r.json()["actions"]
    r = owner.post(
        f"/api/v1/repairs/{pk}/actions/escalate", {"reason": "没修好"}, "application/json"
    )
    assert (
        r.json()["status"] == "escalated" and r.json()["complaint_id"] == Complaint.objects.get().pk
    )
    times = login("bureau").get("/api/v1/repairs/times").json()
    assert times[0]["company_id"] == city.company_1.pk and times[0]["escalated"] == 1
    assert login("company_2").get("/api/v1/repairs/times").json() == []


@pytest.mark.parametrize("username", ["owner_2", "company_2", "street_b", "committee_a", "dept"])
def test_no_one_outside_reaches_a_request(city, login, request_repair, username):
    repair = request_repair()
    client = login(username)
    assert client.get(f"/repairs/{repair.pk}/").status_code in (403, 404)
    assert client.get(f"/api/v1/repairs/{repair.pk}").status_code == 404
    assert client.post(f"/repairs/{repair.pk}/cancel/").status_code in (403, 404)
    assert RepairRequest.objects.get().status == S.SUBMITTED
