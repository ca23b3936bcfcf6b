"""Lifecycle pages and /api/v1/lifecycle: each role sees its own rows, other jurisdictions
get 404 on every page and endpoint, bad input is a translated error that changes nothing,
exports are Excel, documents print and come out as PDF."""

from __future__ import annotations

import pytest
from django.utils import translation

from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.lifecycle import services
from gongzhi.lifecycle.models import Exit, ExitItem, Handover
from gongzhi.lifecycle.services.common import STEPS
from gongzhi.lifecycle.tests.conftest import bid, non_renewal, open_handover, preliminary_tender
from gongzhi.rules import lifecycle as rules
from gongzhi.rules.profiles import get_profile

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def rows(city, actor, filed_contract):
    """A handover signed for project A, an exit of company 1 with its handover started."""
    handover = open_handover(actor, city)
    items = rules.handover_preconditions(get_profile("national"))
    services.preconditions_set(
        actor=actor("company_1"), handover_id=handover.pk, met={i.code: True for i in items}
    )
    services.handover_start(actor=actor("company_1"), handover_id=handover.pk)
    services.finding_add(
        actor=actor("company_1"), handover_id=handover.pk, location="大门", result="passed"
    )
    services.handover_sign(
        actor=actor("company_1"),
        handover_id=handover.pk,
        developer_signatory="甲",
        company_signatory="乙",
    )
    exit_ = non_renewal(actor, filed_contract)
    services.exit_start_handover(actor=actor("street_a"), exit_id=exit_.pk)
    return {"handover": Handover.objects.get(pk=handover.pk), "exit": exit_}


PAGES = [
    "/lifecycle/selections/",
    "/lifecycle/handovers/",
    "/lifecycle/exits/",
    "/lifecycle/reselection/",
]


@pytest.mark.parametrize("url", PAGES)
def test_list_pages_render_for_the_street(login, rows, url):
    response = login("street_a").get(url)
    assert response.status_code == 200


def test_detail_pages_and_documents(login, rows):
    client = login("street_a")
    h, e = rows["handover"], rows["exit"]
    for url in (
        f"/lifecycle/handovers/{h.pk}/",
        f"/lifecycle/handovers/{h.pk}/agreement/",
        f"/lifecycle/exits/{e.pk}/",
        f"/lifecycle/exits/{e.pk}/notice/",
        f"/lifecycle/exits/{e.pk}/record/",
        f"/lifecycle/projects/{h.project_id}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/lifecycle/handovers/{h.pk}/").content.decode()
    assert "2026-06-15" in page  # 15 days before delivery (national default, seed 000 §24)


@pytest.mark.parametrize("kind", ["agreement.pdf", "notice.pdf", "record.pdf"])
def test_documents_come_out_as_pdf(login, rows, kind):
    client = login("street_a")
    url = (
        f"/lifecycle/handovers/{rows['handover'].pk}/{kind}"
        if kind == "agreement.pdf"
        else f"/lifecycle/exits/{rows['exit'].pk}/{kind}"
    )
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize("url", ["/lifecycle/handovers/", "/lifecycle/exits/",
                                 "/lifecycle/selections/", "/lifecycle/reselection/"])  # fmt: skip
def test_every_list_exports_to_excel(login, rows, url):
    response = login("bureau").get(url + "?export=1")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX


def test_other_street_and_company_get_404_everywhere(login, rows, city):
    h, e = rows["handover"], rows["exit"]
    item = ExitItem.objects.filter(exit=e).first()
    pages = [
        f"/lifecycle/handovers/{h.pk}/",
        f"/lifecycle/handovers/{h.pk}/agreement/",
        f"/lifecycle/handovers/{h.pk}/agreement.pdf",
        f"/lifecycle/exits/{e.pk}/",
        f"/lifecycle/exits/{e.pk}/notice/",
        f"/lifecycle/exits/{e.pk}/record.pdf",
        f"/lifecycle/projects/{h.project_id}/",
    ]
    api = [
        f"/api/v1/lifecycle/handovers/{h.pk}",
        f"/api/v1/lifecycle/exits/{e.pk}",
    ]
    posts = [
        (f"/lifecycle/handovers/{h.pk}/publish/", {}),
        (f"/lifecycle/exits/{e.pk}/complete/", {}),
        (f"/lifecycle/exit-items/{item.pk}/confirm/", {}),
    ]
    api_posts = [
        (f"/api/v1/lifecycle/handovers/{h.pk}/actions/publish", {}),
        (f"/api/v1/lifecycle/exits/{e.pk}/complete", {}),
        (f"/api/v1/lifecycle/exit-items/{item.pk}/confirm", {}),
        (f"/api/v1/lifecycle/exits/{e.pk}/close", {"committee_opinion": "x"}),
    ]
    for username in ("street_b", "company_2"):
        client = login(username)
        for url in pages + api:
            assert client.get(url).status_code == 404, (username, url)
        for url, data in posts:
            assert client.post(url, data).status_code in (403, 404), (username, url)
        for url, data in api_posts:
            response = client.post(url, data, content_type="application/json")
            assert response.status_code == 404, (username, url, response.content)
    assert Handover.objects.get(pk=h.pk).status == Handover.Status.SIGNED


def test_lists_are_scoped(login, rows):
    assert "幸福家园" in login("street_a").get("/lifecycle/handovers/").content.decode()
    assert "幸福家园" not in login("street_b").get("/lifecycle/handovers/").content.decode()
    data = login("street_b").get("/api/v1/lifecycle/exits").json()
    assert data["count"] == 0
    data = login("company_1").get("/api/v1/lifecycle/exits").json()
    assert data["count"] == 1


def test_owners_see_the_handover_only_once_published(login, rows, actor):
    h = rows["handover"]
    assert login("owner_1").get(f"/lifecycle/handovers/{h.pk}/").status_code == 404
    services.handover_publish(actor=actor("street_a"), handover_id=h.pk)
    assert login("owner_1").get(f"/lifecycle/handovers/{h.pk}/").status_code == 200
    assert login("owner_1").get(f"/lifecycle/exits/{rows['exit'].pk}/").status_code == 403


def test_confirming_twice_on_the_page_is_a_clear_error(login, rows):
    item = ExitItem.objects.filter(exit=rows["exit"]).first()
    login("company_1").post(f"/lifecycle/exit-items/{item.pk}/describe/", {"detail": "已清点"})
    client = login("committee_a")
    assert client.post(f"/lifecycle/exit-items/{item.pk}/confirm/").status_code == 302
    response = client.post(f"/lifecycle/exit-items/{item.pk}/confirm/")
    assert response.status_code == 409
    assert "已确认" in response.content.decode() or "already confirmed" in response.content.decode()


def test_bad_notice_on_the_page_is_refused_and_changes_nothing(login, city, filed_contract):
    client = login("company_1")
    before = Exit.objects.count()
    response = client.post(
        "/lifecycle/exits/new/",
        {
            "way": "notice",
            "contract_id": filed_contract.pk,
            "kind": "non_renewal",
            "notice_on": "2027-01-05",
            "recipients": ["owners_committee"],
        },
    )
    assert response.status_code == 400
    assert 'data-testid="errors"' in response.content.decode()
    assert Exit.objects.count() == before


def test_api_notice_and_errors(login, filed_contract):
    client = login("company_1")
    bad = client.post(
        "/api/v1/lifecycle/exits/notices",
        {
            "contract_id": filed_contract.pk,
            "kind": "non_renewal",
            "notice_on": "2026-03-01",
            "recipients": [],
        },
        content_type="application/json",
    )
    assert bad.status_code == 400
    assert "recipients" in bad.json()["fields"]
    good = client.post(
        "/api/v1/lifecycle/exits/notices",
        {
            "contract_id": filed_contract.pk,
            "kind": "non_renewal",
            "notice_on": "2026-03-01",
            "recipients": ["owners_committee"],
        },
        content_type="application/json",
    )
    assert good.status_code == 201, good.content
    body = good.json()
    assert body["notice_timely"] is True and body["end_on"] == "2026-12-31"


def test_api_selection_bidder_not_filed(login, city, new_project):
    from gongzhi.registry.models import PropertyCompany

    client = login("street_a")
    created = client.post(
        "/api/v1/lifecycle/selections",
        {
            "project_id": new_project.pk,
            "kind": "preliminary",
            "title": "招标",
            "announced_on": "2026-03-01",
            "bid_deadline": "2026-03-20",
            "presale_permit_on": "2026-05-01",
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    PropertyCompany.objects.filter(pk=city.company_2.pk).update(
        filing_status=PropertyCompany.FilingStatus.REVOKED
    )
    response = client.post(
        f"/api/v1/lifecycle/selections/{created.json()['id']}/bidders",
        {"company_id": city.company_2.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["company_id"]
    assert (
        login("street_b").get(f"/api/v1/lifecycle/selections/{created.json()['id']}").status_code
        == 404
    )


def test_api_handover_flow(login, city):
    client = login("company_1")
    created = client.post(
        "/api/v1/lifecycle/handovers",
        {"project_id": city.project_a.pk, "company_id": city.company_1.pk,
         "delivery_on": "2026-06-30", "developer_name": "幸福置业"},
        content_type="application/json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["due"] == "2026-06-15"
    refused = client.post(
        f"/api/v1/lifecycle/handovers/{body['id']}/actions/start", content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["fields"]["preconditions"]


@pytest.fixture
def selection(city, actor, new_project):
    street = actor("street_a")
    found = preliminary_tender(street, new_project, title="新城花园前期物业招标")
    bid(street, found, [city.company_1])
    return found


def test_selection_pages_and_endpoints_are_scoped(login, selection, city):
    pages = [f"/lifecycle/selections/{selection.pk}/"]
    api = [f"/api/v1/lifecycle/selections/{selection.pk}"]
    steps = ["publish", "evaluate", "committee", "bidder", "negotiation", "contract"]
    api_posts = [
        (f"/api/v1/lifecycle/selections/{selection.pk}/publish", {}),
        (f"/api/v1/lifecycle/selections/{selection.pk}/bidders", {"company_id": 1}),
        (f"/api/v1/lifecycle/selections/{selection.pk}/evaluation", {"scores": {}}),
        (f"/api/v1/lifecycle/selections/{selection.pk}/contract", {"contract_id": 1}),
    ]
    # the bidder (company 1) and the street see it; street B and company 2 do not
    assert login("company_1").get(pages[0]).status_code == 200
    assert login("street_a").get(api[0]).status_code == 200
    for username in ("street_b", "company_2", "committee_a"):
        client = login(username)
        for url in pages + api:
            assert client.get(url).status_code in (403, 404), (username, url)
        for step in steps:
            url = f"/lifecycle/selections/{selection.pk}/{step}/"
            assert client.post(url, {}).status_code in (403, 404), (username, url)
        for url, data in api_posts:
            response = client.post(url, data, content_type="application/json")
            assert response.status_code == 404, (username, url, response.content)
    assert login("owner_1").get(pages[0]).status_code == 404  # not published yet


def test_a_bidder_not_filed_on_the_page_is_a_translated_error(login, selection, city):
    from gongzhi.registry.models import PropertyCompany

    PropertyCompany.objects.filter(pk=city.company_2.pk).update(
        filing_status=PropertyCompany.FilingStatus.UNFILED
    )
    response = login("street_a").post(
        f"/lifecycle/selections/{selection.pk}/bidder/", {"company_id": city.company_2.pk}
    )
    assert response.status_code == 400
    assert (
        "未在住房城乡建设部门备案" in response.content.decode()
        or "备案" in response.content.decode()
    )
    assert selection.bidders.count() == 1


def test_the_edit_history_shows_labels_not_stored_values(login, rows):
    """The handover's history (shared renderer, gongzhi.audit.display): states by their
    label, the preconditions named by the profile's checklist (seed 000 §8) with 是/否,
    the company by its name; no stored codes, dicts or booleans."""
    # given the handover of ``rows``: preconditions ticked, inspection started, signed
    handover = rows["handover"]
    # when the street official opens it
    page = login("street_a").get(f"/lifecycle/handovers/{handover.pk}/").content.decode()
    history = page.split('data-testid="edit-history"', 1)[1].split("</section>", 1)[0]
    # then
    with translation.override("zh-hans"):
        preparing = str(Handover.Status.PREPARING.label)
        inspecting = str(Handover.Status.INSPECTING.label)
        status = str(Handover._meta.get_field("status").verbose_name)
        met = str(Handover._meta.get_field("preconditions").verbose_name)
    first = rules.handover_preconditions(get_profile("national"))[0]
    assert f"<b>{status}</b>: {preparing} → {inspecting}" in history
    assert f"<b>{met}</b>:" in history and f"<li>{first.label_zh}: 是</li>" in history
    assert handover.company.name in history
    for raw in ("preparing", "inspecting", first.code, "{", "True", "False"):
        assert raw not in history


def test_profile_sources_read_in_chinese_on_pages_and_documents(login, rows):
    """The national profile's English sources (a Gongzhi default where the law is silent:
    物业承接查验办法 sets no lead time, 15 days as in seed 000 §24; 民法典 art. 949 for
    the exit's items) show translated on the handover page, its agreement document and
    the exit page."""
    client = login("street_a")
    handover, exit_ = rows["handover"], rows["exit"]
    # when
    page = client.get(f"/lifecycle/handovers/{handover.pk}/").content.decode()
    agreement = client.get(f"/lifecycle/handovers/{handover.pk}/agreement/").content.decode()
    exit_page = client.get(f"/lifecycle/exits/{exit_.pk}/").content.decode()
    # then
    for html in (page, agreement):
        assert "[共治平台默认：物业承接查验办法未规定提前期限；按 seed 000 §24 取15日]" in html
    assert "民法典 art. 949；共治平台默认：退出时结清账目" in exit_page
    for html in (page, agreement, exit_page):
        assert "Gongzhi default" not in html


def test_the_project_history_names_each_step(login, rows, city):
    """The project's lifecycle history (seed 000 §24, §12: the steps are on record) through
    the shared renderer: each step by its label, never its stored code."""
    # when the street official opens project A's lifecycle page
    page = login("street_a").get(f"/lifecycle/projects/{city.project_a.pk}/").content.decode()
    history = page.split('data-testid="project-history"', 1)[1].split("</section>", 1)[0]
    # then
    with translation.override("zh-hans"):
        labels = {code: str(label) for code, label in STEPS.items()}
    for code in ("handover_opened", "handover_started", "handover_signed", "exit_notice"):
        assert labels[code] in history
        assert code not in history


def test_every_recorded_step_has_a_label():
    import ast
    from pathlib import Path

    from gongzhi.lifecycle import services as lifecycle_services

    recorded = set()
    for path in Path(lifecycle_services.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "history"
                and len(node.args) >= 3
                and isinstance(node.args[2], ast.Constant)
            ):
                recorded.add(node.args[2].value)
    assert len(recorded) > 20
    assert recorded <= set(STEPS), recorded - set(STEPS)


def test_the_edit_history_costs_no_query_per_entry(login, rows, actor, city):
    """Related names and the checklist labels are read once a page, however long the
    history (STYLE: query budgets)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("street_a")
    url = f"/lifecycle/exits/{rows['exit'].pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    # given more audited changes of the exit, each naming users, a project and a company
    for incoming in [city.company_2.pk, None] * 4:
        services.exit_set_incoming(
            actor=actor("street_a"), exit_id=rows["exit"].pk, incoming_company_id=incoming
        )
    # when the page is read again
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    # then the history is longer, the queries the same
    assert page.count(city.company_2.name) >= 4
    assert len(after.captured_queries) == len(before.captured_queries)


def _committee_check(page: str) -> str:
    """The text of the evaluation committee's check on the selection page."""
    section = page.split('data-testid="committee"', 1)[1]
    return section.split('<p class="muted">', 1)[1].split("</p>", 1)[0]


def test_committee_check_names_missing_parties_by_label_seed_004_s8(login, actor, city, selection):
    # seed 004 §8: 评标委员会由新城、镇街、招标人和物业管理专家组成 (shaanxi-xixian)
    Jurisdiction.objects.filter(pk=city.community_a.pk).update(profile_id="shaanxi-xixian")
    services.committee_set(
        actor=actor("street_a"),
        selection_id=selection.pk,
        members=[{"party": "new_city", "name": "甲"}, {"party": "street", "name": "乙"}],
    )
    client = login("street_a")
    url = f"/lifecycle/selections/{selection.pk}/"
    chinese = _committee_check(client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").text)
    assert chinese.startswith("缺少：招标人、物业管理专家（应有：新城、")
    for code in ("tenderer", "experts", "new_city", ", "):
        assert code not in chinese
    english = _committee_check(client.get(url, HTTP_ACCEPT_LANGUAGE="en").text)
    assert english.startswith("Missing: Tenderer, Property-management experts (required: New city")


def test_a_selection_history_names_its_title_as_a_heading(login, actor, new_project):
    """A selection's title is its heading (标题) in the edit history, not a person's job
    title (职务), which the same English word means on a staff record."""
    # given a preliminary tender announced by the street (seed 000 §13)
    selection = preliminary_tender(actor("street_a"), new_project, title="前期物业招标")
    # when the street official opens it
    page = login("street_a").get(f"/lifecycle/selections/{selection.pk}/").content.decode()
    history = page.split('data-testid="edit-history"', 1)[1].split("</section>", 1)[0]
    # then
    assert "<b>标题</b>: — → 前期物业招标" in history
    assert "职务" not in history
