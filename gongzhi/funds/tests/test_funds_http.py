"""Funds pages and /api/v1/funds through HTTP: flows for each kind of user, scoping (another
street's official or another project's owner gets 404), errors as {code, message,
fields}, Chinese pages, and the Excel statement."""

from __future__ import annotations

import pytest

from gongzhi.funds.models import Account, FundUseApplication, JournalEntry

JSON = "application/json"


def test_official_overview_and_project_page_in_chinese(funded, login):
    client = login("street_a")
    page = client.get("/funds/")
    assert page.status_code == 200
    assert "幸福家园" in page.content.decode()
    assert "和平花园" not in page.content.decode()
    detail = client.get(f"/funds/projects/{funded.city.project_a.pk}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "专项维修资金" in text
    assert "1-1-101" in text
    assert "¥8,950.00" in text


def test_other_street_gets_404_everywhere(funded, login, actor):
    from gongzhi.funds import services

    app = services.fund_use_apply(
        actor=actor("committee_a"),
        project_id=funded.city.project_a.pk,
        title="t",
        work="w",
        estimate="1",
        part_ids=[funded.city.part_a1.pk],
        emergency="leak",
    )
    client = login("street_b")
    pid = funded.city.project_a.pk
    for url in (
        f"/funds/projects/{pid}/",
        f"/funds/applications/{app.pk}/",
        f"/funds/projects/{pid}/revenue/2025/",
        f"/funds/projects/{pid}/revenue/2025.xlsx",
        f"/api/v1/funds/applications/{app.pk}",
        f"/api/v1/funds/projects/{pid}/parts",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/funds/projects/{pid}/do/interest/", {"amount": "1"}).status_code == 404
    assert client.post(f"/funds/applications/{app.pk}/publish/", {"note": "x"}).status_code == 404


def test_owner_sees_only_own_parts_on_the_phone(funded, login):
    client = login("owner_1")
    assert client.get("/funds/").status_code == 302
    page = client.get("/funds/mine/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "1-1-101" in text and "¥8,950.00" in text
    assert "1-1-102" not in text
    mine = client.get("/api/v1/funds/parts/mine").json()
    assert [row["part_number"] for row in mine] == ["1-1-101"]
    # the project page of officials is not theirs
    assert client.get(f"/funds/projects/{funded.city.project_a.pk}/").status_code == 403


def test_owner_of_another_project_gets_404_for_an_application(funded, login, actor, city):
    from gongzhi.funds import services

    app = services.fund_use_apply(
        actor=actor("committee_a"),
        project_id=city.project_a.pk,
        title="t",
        work="w",
        estimate="1",
        part_ids=[city.part_a2.pk],
        emergency="leak",
    )
    # owner_1 holds a1, which does not share this cost; owner_2 holds a2, which does
    assert login("owner_1").get(f"/funds/applications/{app.pk}/").status_code == 404
    assert login("owner_2").get(f"/funds/applications/{app.pk}/").status_code == 200


def test_application_flow_through_the_pages(funded, login, django_capture_on_commit_callbacks):
    pid = funded.city.project_a.pk
    committee = login("committee_a")
    response = committee.post(
        f"/funds/projects/{pid}/applications/new/",
        {
            "title": "消防泵维修",
            "work": "更换消防泵",
            "estimate": "500",
            "scope": "all",
            "emergency": "fire_system_failure",
        },
    )
    app = FundUseApplication.objects.get()
    assert response.status_code == 302
    assert app.status == "emergency"
    bureau = login("bureau")
    assert bureau.post(f"/funds/applications/{app.pk}/pre_review/").status_code == 302
    assert bureau.post(f"/funds/applications/{app.pk}/disburse/").status_code == 302
    app.refresh_from_db()
    assert app.status == "disbursed"
    page = bureau.get(f"/funds/applications/{app.pk}/").content.decode()
    assert "¥213.35" in page  # 500 × 89.50 / 209.75 = 213.35…
    committee = login("committee_a")
    assert committee.post(f"/funds/applications/{app.pk}/publish/", {"note": ""}).status_code == 400
    assert (
        committee.post(f"/funds/applications/{app.pk}/publish/", {"note": "已公示"}).status_code
        == 302
    )


def test_bad_application_form_shows_errors_and_writes_nothing(funded, login):
    response = login("committee_a").post(
        f"/funds/projects/{funded.city.project_a.pk}/applications/new/",
        {"title": "", "work": "x", "estimate": "-3", "scope": "all"},
    )
    assert response.status_code == 400
    assert not FundUseApplication.objects.exists()


def test_project_action_errors_are_shown(funded, login):
    client = login("bureau")
    before = JournalEntry.objects.count()
    response = client.post(
        f"/funds/projects/{funded.city.project_a.pk}/do/interest/", {"amount": "-1"}
    )
    assert response.status_code == 400
    assert JournalEntry.objects.count() == before


def test_api_flow_and_error_shape(funded, login):
    client = login("committee_a")
    pid = funded.city.project_a.pk
    bad = client.post(
        "/api/v1/funds/applications",
        {
            "project_id": pid,
            "title": "t",
            "work": "w",
            "estimate": "-1",
            "part_ids": [funded.city.part_a1.pk],
        },
        content_type=JSON,
    )
    assert bad.status_code == 400
    assert "estimate" in bad.json()["fields"]
    created = client.post(
        "/api/v1/funds/applications",
        {
            "project_id": pid,
            "title": "t",
            "work": "w",
            "estimate": "100",
            "part_ids": [funded.city.part_a1.pk],
            "emergency": "leak",
        },
        content_type=JSON,
    )
    assert created.status_code == 201
    app_id = created.json()["id"]
    bureau = login("bureau")
    assert (
        bureau.post(f"/api/v1/funds/applications/{app_id}/actions/pre_review", {}, JSON).status_code
        == 200
    )
    body = bureau.post(
        f"/api/v1/funds/applications/{app_id}/actions/disburse", {"amount": "99999"}, JSON
    )
    assert body.status_code == 409
    assert body.json()["code"] == "insufficient_balance"
    done = bureau.post(f"/api/v1/funds/applications/{app_id}/actions/disburse", {}, JSON).json()
    assert done["status"] == "disbursed"
    assert done["shares"] == [
        {"part_id": funded.city.part_a1.pk, "area": "89.50", "amount_fen": 10_000}
    ]
    report = bureau.get("/api/v1/funds/reconciliation").json()
    assert report["ok"] is True


def test_api_bond_and_revenue(funded, login):
    pid = funded.city.project_a.pk
    street = login("street_a")
    bond = street.post(f"/api/v1/funds/projects/{pid}/bonds", {"amount": "1000"}, JSON)
    assert bond.status_code == 201  # the national profile sets no bond: any positive amount
    assert bond.json()["balance_fen"] == 100_000
    committee = login("committee_a")
    assert (
        committee.post(
            f"/api/v1/funds/projects/{pid}/revenue",
            {"category": "parking", "amount": "800", "date": "2025-02-01"},
            JSON,
        ).status_code
        == 201
    )
    published = committee.post(f"/api/v1/funds/projects/{pid}/revenue/2025/publish", {}, JSON)
    assert published.status_code == 201
    again = committee.post(f"/api/v1/funds/projects/{pid}/revenue/2025/publish", {}, JSON)
    assert again.status_code == 409


def test_statement_page_and_excel(funded, login):
    pid = funded.city.project_a.pk
    committee = login("committee_a")
    committee.post(
        f"/funds/projects/{pid}/do/revenue/",
        {"category": "venue", "amount": "300", "date": "2025-04-01"},
    )
    page = committee.get(f"/funds/projects/{pid}/revenue/2025/")
    assert "¥300.00" in page.content.decode()
    assert (
        committee.post(f"/funds/projects/{pid}/do/publish_statement/", {"year": "2025"}).status_code
        == 302
    )
    xlsx = committee.get(f"/funds/projects/{pid}/revenue/2025.xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    # an owner of the project reads the published statement, not the unpublished 2024 one
    owner = login("owner_1")
    assert owner.get(f"/funds/projects/{pid}/revenue/2025/").status_code == 200
    assert owner.get(f"/funds/projects/{pid}/revenue/2024/").status_code == 404


def test_reconcile_page(funded, login):
    page = login("bureau").get("/funds/reconcile/")
    assert page.status_code == 200
    assert "账目平衡" in page.content.decode() or "reconciles" in page.content.decode()


@pytest.mark.parametrize("user", ["company_1", "committee_a", "owner_1"])
def test_reconcile_page_is_for_supervisors(funded, login, user):
    assert login(user).get("/funds/reconcile/").status_code == 403


def test_bond_page_actions(funded, login):
    pid = funded.city.project_a.pk
    street = login("street_a")
    assert (
        street.post(
            f"/funds/projects/{pid}/do/bond/", {"amount": "500", "holder": "street"}
        ).status_code
        == 302
    )
    from gongzhi.funds.models import PerformanceBond

    bond = PerformanceBond.objects.get()
    assert (
        street.post(f"/funds/bond/{bond.pk}/refund/", {"committee_opinion": ""}).status_code == 400
    )
    assert (
        street.post(f"/funds/bond/{bond.pk}/refund/", {"committee_opinion": "同意"}).status_code
        == 302
    )
    assert Account.objects.get(pk=bond.account_id).balance_fen == 0


def test_explanations_are_shown_in_chinese(funded, login):
    page = login("owner_1").get("/funds/mine/").content.decode()
    assert "首期" in page


def test_reconciliation_is_scoped_to_the_officials_subtree(funded, login):
    assert login("street_b").get("/api/v1/funds/reconciliation").json()["accounts"] == 0
    assert login("street_a").get("/api/v1/funds/reconciliation").json()["accounts"] == 3


def test_project_page_query_budget(funded, login, django_assert_max_num_queries):
    client = login("bureau")
    url = f"/funds/projects/{funded.city.project_a.pk}/"
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
