"""The disclosure board: posting items with their history, completeness against the
profile, the derived items, and the scoping of every page and endpoint (seed 000 §14)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditEntry
from gongzhi.core.clock import frozen
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import ANONYMOUS
from gongzhi.disclosure import selectors, services
from gongzhi.disclosure.models import BoardItem, BoardItemRevision
from gongzhi.testing import City

API = "/api/v1/disclosure"
MANAGER = {"name": "李经理", "phone": "0739-5123456", "qualification": "物业管理师"}
PHONES = {"company_phone": "0739-5120000", "hotline": "12345"}


def actor(city: City, name: str):
    return actor_for(city.users[name])


def post(city: City, kind: str, data: dict, user: str = "company_1", **kw):
    return services.board_item_put(
        actor=actor(city, user), project_id=city.project_a.pk, kind=kind, data=data, **kw
    )


# --- services -------------------------------------------------------------------------


def test_posting_keeps_every_version(city):
    # given the company posts the manager, then changes the phone
    with frozen(dt.date(2026, 3, 1)):
        first = post(city, "project_manager", MANAGER)
    with frozen(dt.date(2026, 4, 1)):
        second = post(city, "project_manager", {**MANAGER, "phone": "13900000000"}, note="换号")
    # then one item at version 2 with both versions kept
    assert first.pk == second.pk and second.version == 2
    assert second.as_of == dt.date(2026, 4, 1)
    revisions = list(BoardItemRevision.objects.filter(item=second).order_by("version"))
    assert [r.data["phone"] for r in revisions] == ["0739-5123456", "13900000000"]
    assert revisions[1].note == "换号"
    history = selectors.item_history(
        actor=actor(city, "owner_1"), project_id=city.project_a.pk, kind="project_manager"
    )
    assert [r.version for r in history] == [2, 1]


def test_reposting_the_same_content_later_confirms_it(city):
    with frozen(dt.date(2026, 1, 1)):
        post(city, "complaint_phone", PHONES)
        same_day = post(city, "complaint_phone", PHONES)
    assert same_day.version == 1  # nothing changed: no new version
    with frozen(dt.date(2026, 5, 1)):
        confirmed = post(city, "complaint_phone", PHONES)
    assert confirmed.version == 2 and confirmed.as_of == dt.date(2026, 5, 1)


def test_bad_input_is_refused_and_nothing_is_stored(city):
    audits = AuditEntry.objects.count()
    with pytest.raises(DomainError) as error:
        post(city, "project_manager", {"name": "", "phone": "not a phone"})
    assert set(error.value.fields) == {"name", "phone"}
    assert "必填" in str(error.value.fields["name"][0]) or error.value.fields["name"]
    with pytest.raises(DomainError) as future:
        post(city, "project_manager", MANAGER, as_of=dt.date(2999, 1, 1))
    assert "as_of" in future.value.fields
    with pytest.raises(DomainError):
        post(city, "fee_items", {})  # derived from the fees records, never typed in
    assert not BoardItem.objects.exists() and not BoardItemRevision.objects.exists()
    assert AuditEntry.objects.count() == audits


def test_who_may_post(city):
    with pytest.raises(NotFoundError):  # another company's project is not even visible
        post(city, "project_manager", MANAGER, user="company_2")
    with pytest.raises(PermissionDeniedError):  # the committee reads the board only
        post(city, "project_manager", MANAGER, user="committee_a")
    with pytest.raises(PermissionDeniedError):  # officials post the handover results only
        post(city, "project_manager", MANAGER, user="community_a")
    handover = {"inspected_on": "2026-01-10", "result": "合格", "issues": "2栋消防栓压力不足"}
    item = post(city, "handover_results", handover, user="community_a")
    assert item.data["result"] == "合格"


# --- completeness -------------------------------------------------------------------


def test_completeness_follows_the_national_profile(city):
    # given the national profile (民法典 art. 943): five items
    with frozen(dt.date(2026, 3, 1)):
        post(city, "project_manager", MANAGER)
        post(city, "complaint_phone", PHONES)
        board = selectors.board_for_project(
            actor=actor(city, "street_a"), project_id=city.project_a.pk
        )
    assert (board.status.required, board.status.current, board.status.percent) == (5, 2, 40)
    assert set(board.status.missing) == {"service_standard", "fee_items", "common_revenue"}
    # a year and a day later both items are out of date
    with frozen(dt.date(2027, 3, 2)):
        later = selectors.board_for_project(
            actor=actor(city, "street_a"), project_id=city.project_a.pk
        )
    assert later.status.current == 0
    assert set(later.status.out_of_date) == {"project_manager", "complaint_phone"}


def test_seed_000_profile_requires_more(city):
    city.community_a.profile_id = "hunan-shaoyang"
    city.community_a.save()
    board = selectors.board_for_project(
        actor=actor(city, "company_1"), project_id=city.project_a.pk
    )
    assert board.status.required == 12
    assert "handover_results" in board.status.missing
    assert "committee_annual_report" in board.status.missing


def test_fee_items_come_from_the_published_fee_standard(city):
    from gongzhi.fees.tests.conftest import make_standard

    with frozen(dt.date(2026, 2, 1)):
        make_standard(city)
        board = selectors.board_public(project_id=city.project_a.pk)
    entry = next(e for e in board.entries if e.kind == "fee_items")
    assert entry.derived and entry.status.present and entry.status.as_of is not None
    assert any("物业服务费" in line.label for line in entry.lines)


def test_overview_is_scoped_and_costs_a_fixed_number_of_queries(
    city, django_assert_max_num_queries
):
    post(city, "project_manager", MANAGER)
    street_a = actor(city, "street_a")
    with django_assert_max_num_queries(12):
        rows = selectors.board_overview(actor=street_a)
    assert [r.project for r in rows] == [city.project_a]
    assert rows[0].status.current == 1
    bureau = selectors.board_overview(actor=actor(city, "bureau"))
    assert {r.project for r in bureau} == {city.project_a, city.project_b}
    company_2 = selectors.board_overview(actor=actor(city, "company_2"))
    assert [r.project for r in company_2] == [city.project_b]
    assert selectors.board_overview(actor=ANONYMOUS) == []


def test_an_owner_sees_only_their_projects_board(city):
    owner = actor(city, "owner_1")
    assert selectors.board_for_project(actor=owner, project_id=city.project_a.pk)
    with pytest.raises(NotFoundError):
        selectors.board_for_project(actor=owner, project_id=city.project_b.pk)


# --- pages --------------------------------------------------------------------------


def test_public_board_and_qr_need_no_sign_in(client, city):
    post(city, "project_manager", MANAGER)
    response = client.get(f"/disclosure/p/{city.project_a.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "幸福家园" in text and "李经理" in text and "<svg" in text
    qr = client.get(f"/disclosure/p/{city.project_a.pk}/qr.svg")
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert client.get("/disclosure/p/999999/").status_code == 404
    assert client.get("/disclosure/p/999999/qr.svg").status_code == 404


def test_pages_are_scoped(login, city):
    a, b = city.project_a.pk, city.project_b.pk
    client = login("owner_1")
    assert client.get(f"/disclosure/projects/{a}/").status_code == 200
    assert client.get(f"/disclosure/projects/{b}/").status_code == 404
    assert client.get(f"/disclosure/projects/{a}/items/project_manager/history/").status_code == 200
    assert client.get(f"/disclosure/projects/{b}/items/project_manager/history/").status_code == 404
    assert client.get(f"/disclosure/projects/{a}/items/project_manager/").status_code == 403
    assert client.get("/disclosure/overview/").status_code == 403
    assert client.get("/disclosure/").status_code == 302  # to the owner's one project
    client = login("company_2")
    assert client.get(f"/disclosure/projects/{a}/").status_code == 404
    assert client.get(f"/disclosure/projects/{a}/items/project_manager/").status_code == 404
    client = login("committee_a")
    assert client.get(f"/disclosure/projects/{a}/items/project_manager/").status_code == 403
    client = login("community_a")  # officials post the handover results only
    assert client.get(f"/disclosure/projects/{a}/items/project_manager/").status_code == 200
    assert (
        client.post(f"/disclosure/projects/{a}/items/project_manager/", MANAGER).status_code == 403
    )
    client = login("street_b")
    assert client.get(f"/disclosure/projects/{a}/").status_code == 404


def test_company_posts_through_the_form_and_bad_input_shows_errors(login, city):
    client = login("company_1")
    url = f"/disclosure/projects/{city.project_a.pk}/items/project_manager/"
    bad = client.post(url, {"name": "", "phone": "x"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    assert not BoardItem.objects.exists()
    good = client.post(url, MANAGER)
    assert good.status_code == 302
    assert BoardItem.objects.get().data["name"] == "李经理"


def test_overview_and_export_for_the_street(login, city):
    import io

    from openpyxl import load_workbook

    post(city, "project_manager", MANAGER)
    client = login("street_a")
    page = client.get("/disclosure/overview/")
    assert page.status_code == 200 and "幸福家园" in page.content.decode()
    assert "和平花园" not in page.content.decode()
    export = client.get("/disclosure/overview/export.xlsx")
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == "幸福家园" and rows[1][6] == 20


# --- API ------------------------------------------------------------------------------


def test_api_scoping(login, client, city):
    a, b = city.project_a.pk, city.project_b.pk
    public = client.get(f"{API}/public/{a}")
    assert public.status_code == 200 and public.json()["required"] == 5
    assert client.get(f"{API}/projects/{a}/board").status_code == 401
    owner = login("owner_1")
    assert owner.get(f"{API}/projects/{a}/board").status_code == 200
    assert owner.get(f"{API}/projects/{b}/board").status_code == 404
    assert owner.get(f"{API}/projects/{b}/items/project_manager/history").status_code == 404
    assert owner.get(f"{API}/overview").json() == []
    put = owner.put(
        f"{API}/projects/{a}/items/project_manager",
        {"data": MANAGER},
        content_type="application/json",
    )
    assert put.status_code == 403
    company = login("company_1")
    put = company.put(
        f"{API}/projects/{a}/items/project_manager",
        {"data": MANAGER},
        content_type="application/json",
    )
    assert put.status_code == 200 and put.json()["current"] == 1
    bad = company.put(
        f"{API}/projects/{a}/items/project_manager",
        {"data": {"name": "", "phone": "0739"}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "name" in bad.json()["fields"]
    assert BoardItem.objects.get().version == 1
    other = login("company_2")
    assert (
        other.put(
            f"{API}/projects/{a}/items/project_manager",
            {"data": MANAGER},
            content_type="application/json",
        ).status_code
        == 404
    )
    street = login("street_a")
    assert [r["project_id"] for r in street.get(f"{API}/overview").json()] == [a]
    history = street.get(f"{API}/projects/{a}/items/project_manager/history").json()
    assert [h["version"] for h in history] == [1]
