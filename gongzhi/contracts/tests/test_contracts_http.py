# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures
"""Property-service contracts through HTTP: drafting, the filing workflow, its rules, the
roles of each transition and row scoping (seed 000 §11,16; seed 001 §三(二)3; 004 §8)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.contracts.models import ContractAttachment, ServiceContract
from gongzhi.contracts.tests.contracts_fixtures import (  # noqa: F401 - fixtures
    _media,
    advance,
    api_data,
    draft,
    filed,
    frozen,
    pdf,
)
from gongzhi.registry.models import OwnersCommittee, PropertyCompany

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

S = ServiceContract.Status


def _counts() -> tuple[int, int, int]:
    return (
        ServiceContract.objects.count(),
        ContractAttachment.objects.count(),
        AuditEntry.objects.count(),
    )


def _form(project, **overrides):
    data = api_data(project, **overrides)
    data["project"] = data.pop("project_id")
    return data


# --- drafting ------------------------------------------------------------------------------


def test_company_drafts_a_contract_through_the_form(city, login):
    # given company 1's staff member
    client = login("company_1")
    # when they fill in the form for the project their company serves
    response = client.post("/contracts/new/", _form(city.project_a))
    # then a draft exists, scoped to the project's community, and its creation is audited
    assert response.status_code == 302
    contract = ServiceContract.objects.get()
    assert contract.status == S.DRAFT
    assert contract.company == city.company_1
    assert contract.node_path == city.project_a.node_path
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, target_id=str(contract.pk)).exists()


def test_unfiled_company_is_refused_and_nothing_is_written(city, login):
    """Seed 000 §11: 未备案的物业服务企业不得 … 从事物业服务."""
    # given company 1 whose filing was revoked
    PropertyCompany.objects.filter(pk=city.company_1.pk).update(filing_status="revoked")
    client = login("company_1")
    before = _counts()
    # when it drafts a contract, through the page and through the API
    page = client.post("/contracts/new/", _form(city.project_a))
    api = client.post(
        "/api/v1/contracts", api_data(city.project_a), content_type="application/json"
    )
    # then both are refused, naming the company, and nothing was written
    assert page.status_code == 400
    assert api.status_code == 400
    assert "company" in api.json()["fields"]
    assert _counts() == before


def test_blacklisted_company_is_refused(city, login):
    """Seed 001 §三(二)3: a blacklisted company may not be given a contract."""
    PropertyCompany.objects.filter(pk=city.company_1.pk).update(
        blacklisted_since=dt.date(2026, 1, 5)
    )
    client = login("company_1")
    before = _counts()
    with translation.override("zh-hans"):
        response = client.post(
            "/api/v1/contracts",
            api_data(city.project_a),
            content_type="application/json",
            headers={"accept-language": "zh-hans"},
        )
        body = response.json()
        assert response.status_code == 400
        assert body["message"] == gettext("Please correct the errors below.")
    assert list(body["fields"]) == ["company"]
    assert _counts() == before


def test_company_blacklisted_after_drafting_cannot_submit(city, login):
    contract = draft(city.users["company_1"], city.project_a)
    PropertyCompany.objects.filter(pk=city.company_1.pk).update(
        blacklisted_since=dt.date(2026, 11, 20)
    )
    client = login("company_1")
    response = client.post(
        f"/api/v1/contracts/{contract.pk}/actions/submit", {}, "application/json"
    )
    assert response.status_code == 400
    assert "company" in response.json()["fields"]
    contract.refresh_from_db()
    assert contract.status == S.DRAFT


def test_term_outside_the_committee_term_is_refused(city, login):
    """Seed 000 §16: 物业服务合同期限应当在业主委员会的任期内."""
    # given project A's owners' committee in office 2025-01-01 … 2029-06-30
    OwnersCommittee.objects.create(
        project=city.project_a,
        kind=OwnersCommittee.Kind.OWNERS_COMMITTEE,
        term_start=dt.date(2025, 1, 1),
        term_end=dt.date(2029, 6, 30),
    )
    client = login("company_1")
    before = _counts()
    # when the company drafts a contract running to the end of 2029
    response = client.post(
        "/api/v1/contracts", api_data(city.project_a), content_type="application/json"
    )
    # then the term end is refused and nothing is written
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["term_end"]
    assert _counts() == before
    # and a term inside the committee's is accepted
    ok = client.post(
        "/api/v1/contracts",
        api_data(city.project_a, term_end=dt.date(2029, 6, 30)),
        content_type="application/json",
    )
    assert ok.status_code == 201


def test_term_ending_before_it_starts_is_refused_with_nothing_written(city, login):
    """Bad input: a contract term that ends before it starts."""
    client = login("company_1")
    before = _counts()
    bad = {"term_start": dt.date(2027, 1, 1), "term_end": dt.date(2026, 12, 31)}
    page = client.post("/contracts/new/", _form(city.project_a, **bad))
    api = client.post(
        "/api/v1/contracts", api_data(city.project_a, **bad), content_type="application/json"
    )
    assert page.status_code == 400
    with translation.override("zh-hans"):
        assert gettext("The term must end after it starts.") in page.content.decode()
    assert api.status_code == 400
    assert list(api.json()["fields"]) == ["term_end"]
    assert _counts() == before


@pytest.mark.parametrize("fee", ["0", "-1.00", "1.234"])
def test_fee_standard_must_be_positive_with_two_decimals(city, login, fee):
    client = login("company_1")
    before = _counts()
    response = client.post(
        "/api/v1/contracts",
        {**api_data(city.project_a), "fee_per_m2_month": fee},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["fee_per_m2_month"]
    assert _counts() == before


def test_company_cannot_draft_for_another_companys_project(city, login):
    client = login("company_1")
    response = client.post(
        "/api/v1/contracts", api_data(city.project_b), content_type="application/json"
    )
    assert response.status_code == 400
    assert "project_id" in response.json()["fields"]
    assert ServiceContract.objects.count() == 0


def test_officials_cannot_draft(city, login):
    assert login("street_a").get("/contracts/new/").status_code == 403
    response = login("bureau").post(
        "/api/v1/contracts", api_data(city.project_a), content_type="application/json"
    )
    assert response.status_code == 403


def test_update_only_while_draft(city, login):
    contract = draft(city.users["company_1"], city.project_a)
    client = login("company_1")
    ok = client.patch(
        f"/api/v1/contracts/{contract.pk}", {"service_grade": "1"}, "application/json"
    )
    assert ok.status_code == 200 and ok.json()["service_grade"] == "1"
    advance(contract, (city.users["company_1"], "submit"))
    refused = client.patch(
        f"/api/v1/contracts/{contract.pk}", {"service_grade": "3"}, "application/json"
    )
    assert refused.status_code == 409
    contract.refresh_from_db()
    assert contract.service_grade == "1"


# --- the filing workflow -------------------------------------------------------------------


def test_submit_needs_the_contract_text(city, login):
    """Seed 004 §8: the contract (and provisional rules) are what is filed."""
    contract = draft(city.users["company_1"], city.project_a, attach=False)
    client = login("company_1")
    response = client.post(f"/contracts/{contract.pk}/submit/")
    assert response.status_code == 400
    contract.refresh_from_db()
    assert contract.status == S.DRAFT
    api = client.post(f"/api/v1/contracts/{contract.pk}/actions/submit", {}, "application/json")
    assert list(api.json()["fields"]) == ["attachments"]


def test_company_submits_street_reviews_bureau_files(city, login):
    """Seed 000 §11: 合同报乡镇街道办事处、市住建局."""
    contract = draft(city.users["company_1"], city.project_a)
    # company submits through the page
    assert login("company_1").post(f"/contracts/{contract.pk}/submit/").status_code == 302
    contract.refresh_from_db()
    assert contract.status == S.SUBMITTED and contract.submitted_at is not None
    # the street of the project reviews
    page = login("street_a").get(f"/contracts/{contract.pk}/").content.decode()
    assert 'data-testid="action-review"' in page
    assert login("street_a").post(f"/contracts/{contract.pk}/review/").status_code == 302
    contract.refresh_from_db()
    assert contract.status == S.STREET_REVIEWED
    assert contract.street_reviewed_by == city.users["street_a"]
    # the bureau files
    response = login("bureau").post(f"/api/v1/contracts/{contract.pk}/actions/file")
    assert response.status_code == 200
    assert response.json()["status"] == S.FILED
    contract.refresh_from_db()
    assert contract.filed_at is not None and contract.filed_by == city.users["bureau"]
    transitions = AuditEntry.objects.filter(
        action=AuditAction.TRANSITION, target_id=str(contract.pk)
    )
    assert transitions.count() == 3
    # and the street official sees the edit history on the page
    assert (
        'data-testid="edit-history"'
        in login("street_a").get(f"/contracts/{contract.pk}/").content.decode()
    )


@pytest.mark.parametrize(
    ("state_steps", "username", "action", "status"),
    [
        # submit: only the company's own staff
        ([], "street_a", "submit", 403),
        ([], "bureau", "submit", 403),
        ([], "committee_a", "submit", 403),
        ([], "community_a", "submit", 403),
        # review: only the street officer
        (["submit"], "company_1", "review", 403),
        (["submit"], "bureau", "review", 403),
        (["submit"], "community_a", "review", 403),
        # file: only the bureau
        (["submit", "review"], "street_a", "file", 403),
        (["submit", "review"], "company_1", "file", 403),
        # wrong state
        (["submit"], "bureau", "file", 409),
        ([], "street_a", "review", 409),
    ],
)
def test_roles_of_each_transition(city, login, state_steps, username, action, status):
    contract = draft(city.users["company_1"], city.project_a)
    actors = {"submit": "company_1", "review": "street_a"}
    advance(contract, *[(city.users[actors[s]], s) for s in state_steps])
    before = ServiceContract.objects.get(pk=contract.pk).status
    response = login(username).post(f"/contracts/{contract.pk}/{action}/")
    assert response.status_code == status
    assert ServiceContract.objects.get(pk=contract.pk).status == before


def test_street_b_cannot_review_street_as_contract(city, login):
    contract = draft(city.users["company_1"], city.project_a)
    advance(contract, (city.users["company_1"], "submit"))
    client = login("street_b")
    assert client.post(f"/contracts/{contract.pk}/review/").status_code == 404
    api = client.post(f"/api/v1/contracts/{contract.pk}/actions/review")
    assert api.status_code == 404
    assert client.get(f"/contracts/{contract.pk}/").status_code == 404
    contract.refresh_from_db()
    assert contract.status == S.SUBMITTED


def test_return_needs_a_note_and_the_company_resubmits(city, login):
    contract = draft(city.users["company_1"], city.project_a)
    advance(contract, (city.users["company_1"], "submit"))
    client = login("street_a")
    # no note: refused
    response = client.post(
        f"/api/v1/contracts/{contract.pk}/actions/return", {"note": " "}, "application/json"
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["note"]
    assert ServiceContract.objects.get(pk=contract.pk).status == S.SUBMITTED
    # with a note: returned, the note kept
    assert (
        client.post(f"/contracts/{contract.pk}/return/", {"note": "缺少签章页"}).status_code == 302
    )
    contract.refresh_from_db()
    assert contract.status == S.RETURNED and contract.return_note == "缺少签章页"
    # the company corrects and resubmits
    company = login("company_1")
    assert (
        company.post(
            f"/contracts/{contract.pk}/edit/",
            {
                "project": city.project_a.pk,
                "kind": "regular",
                "signed_on": "2026-11-02",
                "term_start": "2027-01-01",
                "term_end": "2029-12-31",
                "service_grade": "1",
                "fee_per_m2_month": "2.00",
                "fee_mode": "remuneration",
            },
        ).status_code
        == 302
    )
    assert company.post(f"/contracts/{contract.pk}/submit/").status_code == 302
    contract.refresh_from_db()
    assert contract.status == S.SUBMITTED and contract.fee_mode == "remuneration"


def test_bureau_returns_a_reviewed_contract(city, login):
    contract = draft(city.users["company_1"], city.project_a)
    advance(contract, (city.users["company_1"], "submit"), (city.users["street_a"], "review"))
    assert (
        login("street_a").post(f"/contracts/{contract.pk}/return/", {"note": "x"}).status_code
        == 403
    )
    assert (
        login("bureau").post(f"/contracts/{contract.pk}/return/", {"note": "x"}).status_code == 302
    )
    assert ServiceContract.objects.get(pk=contract.pk).status == S.RETURNED


def test_one_filed_regular_contract_per_project_at_a_time(city, login):
    # given a filed regular contract for 2027–2029
    filed(city)
    # when the company submits a second contract whose term overlaps it
    second = draft(
        city.users["company_1"],
        city.project_a,
        term_start=dt.date(2029, 1, 1),
        term_end=dt.date(2031, 12, 31),
    )
    response = login("company_1").post(f"/api/v1/contracts/{second.pk}/actions/submit")
    # then it is refused, naming the term
    assert response.status_code == 400
    assert "term_start" in response.json()["fields"]
    # and a renewal starting after the first ends is accepted
    third = draft(
        city.users["company_1"],
        city.project_a,
        term_start=dt.date(2030, 1, 1),
        term_end=dt.date(2032, 12, 31),
    )
    advance(
        third,
        (city.users["company_1"], "submit"),
        (city.users["street_a"], "review"),
        (city.users["bureau"], "file"),
    )
    assert ServiceContract.objects.filter(status=S.FILED).count() == 2


# --- scoping -------------------------------------------------------------------------------


def test_company_2_cannot_see_or_touch_company_1s_contracts(city, login):
    contract = draft(city.users["company_1"], city.project_a)
    attachment = contract.attachments.get()
    client = login("company_2")
    assert city.project_a.name not in client.get("/contracts/").content.decode()
    assert client.get("/api/v1/contracts").json()["items"] == []
    for url in (
        f"/contracts/{contract.pk}/",
        f"/contracts/{contract.pk}/edit/",
        f"/api/v1/contracts/{contract.pk}",
        f"/contracts/attachments/{attachment.pk}/download/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/contracts/{contract.pk}/submit/").status_code == 404
    upload = client.post(f"/contracts/{contract.pk}/attachments/", {"kind": "other", "file": pdf()})
    assert upload.status_code == 404
    patch = client.patch(
        f"/api/v1/contracts/{contract.pk}", {"service_grade": "5"}, "application/json"
    )
    assert patch.status_code == 404
    assert ContractAttachment.objects.count() == 1


def test_owner_sees_only_filed_contracts_of_their_project(city, login):
    # given a filed contract and a draft for project A, a filed one for project B
    public = filed(city)
    draft(city.users["company_1"], city.project_a, kind="preliminary")
    other = draft(city.users["company_2"], city.project_b)
    advance(
        other,
        (city.users["company_2"], "submit"),
        (city.users["street_b"], "review"),
        (city.users["bureau"], "file"),
    )
    # when owner 1 (a part in project A) lists contracts
    client = login("owner_1")
    ids = [c["id"] for c in client.get("/api/v1/contracts").json()["items"]]
    # then they see only the filed contract of their project, and may read its text
    assert ids == [public.pk]
    assert client.get(f"/contracts/{public.pk}/").status_code == 200
    assert client.get(f"/contracts/{other.pk}/").status_code == 404
    doc = public.attachments.get()
    assert client.get(f"/contracts/attachments/{doc.pk}/download/").status_code == 200
    # no workflow buttons and no edit history for owners
    page = client.get(f"/contracts/{public.pk}/").content.decode()
    assert 'data-testid="actions"' not in page and 'data-testid="edit-history"' not in page


def test_street_lists_only_its_contracts_and_committee_its_project(city, login):
    a = draft(city.users["company_1"], city.project_a)
    b = draft(city.users["company_2"], city.project_b)
    assert [c["id"] for c in login("street_a").get("/api/v1/contracts").json()["items"]] == [a.pk]
    assert [c["id"] for c in login("street_b").get("/api/v1/contracts").json()["items"]] == [b.pk]
    assert [c["id"] for c in login("committee_a").get("/api/v1/contracts").json()["items"]] == [
        a.pk
    ]
    assert {c["id"] for c in login("bureau").get("/api/v1/contracts").json()["items"]} == {
        a.pk,
        b.pk,
    }


# --- attachments ---------------------------------------------------------------------------


def test_upload_that_is_not_a_pdf_or_image_is_refused(city, login):
    """Bad input: uploads that are not PDF/image."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    contract = draft(city.users["company_1"], city.project_a, attach=False)
    client = login("company_1")
    before = _counts()
    fake = SimpleUploadedFile(
        "contract.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
    )
    page = client.post(
        f"/contracts/{contract.pk}/attachments/", {"kind": "contract_text", "file": fake}
    )
    assert page.status_code == 400
    fake.seek(0)
    api = client.post(
        f"/api/v1/contracts/{contract.pk}/attachments", {"kind": "contract_text", "file": fake}
    )
    assert api.status_code == 400 and list(api.json()["fields"]) == ["file"]
    assert _counts() == before


def test_upload_over_the_size_limit_is_refused(city, login, settings):
    settings.GONGZHI_MAX_UPLOAD_BYTES = 10
    contract = draft(city.users["company_1"], city.project_a, attach=False)
    client = login("company_1")
    before = _counts()
    api = client.post(
        f"/api/v1/contracts/{contract.pk}/attachments", {"kind": "contract_text", "file": pdf()}
    )
    assert api.status_code == 400 and list(api.json()["fields"]) == ["file"]
    assert _counts() == before


def test_upload_and_download_a_pdf(city, login):
    contract = draft(city.users["company_1"], city.project_a, attach=False)
    client = login("company_1")
    response = client.post(
        f"/api/v1/contracts/{contract.pk}/attachments",
        {"kind": "provisional_rules", "file": pdf("rules.pdf")},
    )
    assert response.status_code == 201
    doc = ContractAttachment.objects.get()
    download = login("street_a").get(f"/contracts/attachments/{doc.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


# --- list, export --------------------------------------------------------------------------


def test_list_filters_search_and_query_budget(city, login, django_assert_max_num_queries):
    for _ in range(6):
        draft(city.users["company_1"], city.project_a, attach=False, kind="preliminary")
    filed(city)
    client = login("bureau")
    with django_assert_max_num_queries(14):
        page = client.get("/contracts/")
    assert page.status_code == 200
    html = client.get("/contracts/?status=filed").content.decode()
    assert html.count('class="badge ok"') == 1
    assert client.get("/api/v1/contracts?kind=preliminary").json()["count"] == 6
    assert client.get("/api/v1/contracts?q=湘安").json()["count"] == 7
    assert client.get("/api/v1/contracts?q=和平").json()["count"] == 0


def test_export_to_excel(city, login):
    draft(city.users["company_1"], city.project_a)
    draft(city.users["company_2"], city.project_b)
    response = login("street_a").get("/contracts/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == city.project_a.name


def test_forms_render_for_company_staff(city, login):
    contract = draft(city.users["company_1"], city.project_a)
    client = login("company_1")
    new = client.get("/contracts/new/")
    assert new.status_code == 200 and city.project_a.name in new.content.decode()
    assert city.project_b.name not in new.content.decode()
    assert client.get(f"/contracts/{contract.pk}/edit/").status_code == 200
    detail = client.get(f"/contracts/{contract.pk}/").content.decode()
    assert 'data-testid="upload-form"' in detail and 'data-testid="action-submit"' in detail
