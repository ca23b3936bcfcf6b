"""The company register through HTTP: creating and editing profiles and refusing
bad input (seed 000 §11), lists, export and edit history."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEntry
from gongzhi.registry.models import PropertyCompany
from gongzhi.registry.tests import companies_fixtures
from gongzhi.registry.tests.companies_fixtures import (
    USCC_3,
    USCC_4,
    USCC_BAD_CHECK,
    complete_profile,
)
from gongzhi.testing import USCC_1

pytestmark = pytest.mark.django_db
company_3 = companies_fixtures.company_3


def _counts() -> tuple[int, int]:
    return PropertyCompany.objects.count(), AuditEntry.objects.count()


def test_bureau_registers_a_company_with_a_normalised_code(city, login):
    """The bureau registers a company; the code is stored upper-case and it files with the
    bureau's own node (seed 000 §11)."""
    # given
    client = login("bureau")
    data = {**complete_profile(), "uscc": USCC_3.lower()}
    # when
    response = client.post("/registry/companies/new/", data)
    # then
    assert response.status_code == 302
    company = PropertyCompany.objects.get(uscc=USCC_3)
    assert company.filed_with == city.district
    assert company.node_path == city.district.path
    assert company.filing_status == PropertyCompany.FilingStatus.UNFILED
    assert AuditEntry.objects.filter(
        target_type="registry.PropertyCompany", target_id=str(company.pk), action="create"
    ).exists()


def test_bad_check_digit_is_rejected_with_a_field_error_and_nothing_written(city, login):
    """A USCC with a wrong check digit is refused on the uscc field."""
    # given
    client = login("bureau")
    before = _counts()
    # when
    with translation.override("zh-hans"):
        response = client.post(
            "/registry/companies/new/", {**complete_profile(), "uscc": USCC_BAD_CHECK}
        )
        expected = gettext("The check digit of the unified social credit code is wrong.")
    # then
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert _counts() == before


def test_api_bad_code_names_the_field_and_writes_nothing(city, login):
    # given
    client = login("bureau")
    before = _counts()
    # when
    response = client.post(
        "/api/v1/registry/companies",
        {**complete_profile(), "uscc": USCC_BAD_CHECK, "email": "not-an-email"},
        content_type="application/json",
    )
    # then
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == {"uscc", "email"}
    assert _counts() == before


@pytest.mark.parametrize("value", ["91430500MA4L0CQX1", "91430500MA4L0CQXI4", ""])
def test_api_short_malformed_or_missing_code_is_rejected(city, login, value):
    client = login("bureau")
    before = _counts()
    response = client.post(
        "/api/v1/registry/companies",
        {**complete_profile(), "uscc": value},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "uscc" in response.json()["fields"]
    assert _counts() == before


def test_duplicate_code_is_rejected(city, login):
    """A code is unique across the register (also when typed in lower case)."""
    client = login("bureau")
    before = _counts()
    response = client.post(
        "/api/v1/registry/companies",
        {**complete_profile(), "uscc": USCC_1.lower()},
        content_type="application/json",
    )
    assert response.status_code == 400
    with translation.override("zh-hans"):
        assert response.json()["fields"]["uscc"] == [
            gettext("A company with this unified social credit code is already registered.")
        ]
    assert _counts() == before


@pytest.mark.parametrize("username", ["street_a", "company_1", "owner_1"])
def test_only_the_bureau_registers_companies(city, login, username):
    client = login(username)
    before = _counts()
    page = client.post("/registry/companies/new/", complete_profile())
    api = client.post(
        "/api/v1/registry/companies", complete_profile(), content_type="application/json"
    )
    assert page.status_code == 403
    assert api.status_code == 403
    assert _counts() == before


def test_bureau_edits_with_audit_and_history_shown_to_officials(city, login):
    """Edits are audited with before/after and shown as edit history to the bureau."""
    # given
    client = login("bureau")
    # when
    response = client.patch(
        f"/api/v1/registry/companies/{city.company_1.pk}",
        {"address": "新地址 8 号", "uscc": USCC_4},
        content_type="application/json",
    )
    # then
    assert response.status_code == 200
    city.company_1.refresh_from_db()
    assert city.company_1.uscc == USCC_4
    entry = AuditEntry.objects.get(target_type="registry.PropertyCompany", action="update")
    assert entry.before == {"address": "", "uscc": USCC_1}
    assert entry.after == {"address": "新地址 8 号", "uscc": USCC_4}
    page = client.get(f"/registry/companies/{city.company_1.pk}/")
    assert 'data-testid="edit-history"' in page.content.decode()
    assert "新地址 8 号" in page.content.decode()


def test_company_staff_edit_contacts_but_not_the_code_once_filed(city, login):
    """A filed company's own staff keep contacts and address up to date; the code and
    name are locked once filed (only the bureau changes them)."""
    client = login("company_1")
    ok = client.post(
        f"/registry/companies/{city.company_1.pk}/edit/",
        {"contact_name": "客服", "contact_phone": "0739-1234567", "address": "a", "email": ""},
    )
    assert ok.status_code == 302
    city.company_1.refresh_from_db()
    assert city.company_1.contact_phone == "0739-1234567"
    before = AuditEntry.objects.count()
    denied = client.patch(
        f"/api/v1/registry/companies/{city.company_1.pk}",
        {"uscc": USCC_4},
        content_type="application/json",
    )
    assert denied.status_code == 400
    assert "uscc" in denied.json()["fields"]
    city.company_1.refresh_from_db()
    assert city.company_1.uscc == USCC_1
    assert AuditEntry.objects.count() == before


def test_company_staff_may_change_the_code_before_filing(company_3, login):
    client = login("company_3")
    response = client.patch(
        f"/api/v1/registry/companies/{company_3.company.pk}",
        {"uscc": USCC_4},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["uscc"] == USCC_4


def test_company_2_cannot_edit_company_1(city, login):
    """A company can't touch another company's rows: absent = forbidden = 404."""
    client = login("company_2")
    before = _counts()
    page = client.post(
        f"/registry/companies/{city.company_1.pk}/edit/", {"contact_phone": "0739-1"}
    )
    api = client.patch(
        f"/api/v1/registry/companies/{city.company_1.pk}",
        {"contact_phone": "0739-1111111"},
        content_type="application/json",
    )
    assert page.status_code == 404
    assert api.status_code == 404
    city.company_1.refresh_from_db()
    assert city.company_1.contact_phone == ""
    assert _counts() == before


def test_street_officer_sees_but_cannot_edit(city, login):
    client = login("street_a")
    assert client.get(f"/registry/companies/{city.company_1.pk}/").status_code == 200
    response = client.patch(
        f"/api/v1/registry/companies/{city.company_1.pk}",
        {"contact_phone": "0739-1111111"},
        content_type="application/json",
    )
    assert response.status_code == 403


def test_edit_history_is_not_shown_to_company_staff(city, login):
    login("bureau").patch(
        f"/api/v1/registry/companies/{city.company_1.pk}",
        {"address": "改过的地址"},
        content_type="application/json",
    )
    page = login("company_1").get(f"/registry/companies/{city.company_1.pk}/")
    assert 'data-testid="edit-history"' not in page.content.decode()


def test_list_filters_search_and_pagination(city, login, company_3):
    client = login("bureau")
    unfiled = client.get("/registry/companies/?status=unfiled").content.decode()
    assert company_3.company.name in unfiled
    assert city.company_1.name not in unfiled
    by_code = client.get(f"/registry/companies/?q={USCC_1.lower()}").content.decode()
    assert city.company_1.name in by_code and city.company_2.name not in by_code
    api = client.get("/api/v1/registry/companies?status=filed").json()
    assert {row["id"] for row in api["items"]} == {city.company_1.pk, city.company_2.pk}


def test_company_list_query_budget(city, login, django_assert_max_num_queries):
    """The list page costs a constant number of queries, whatever the page size."""
    from gongzhi.registry.models import PropertyCompany as PC

    for n in range(30):
        PC.objects.create(
            name=f"物业{n:02d}",
            uscc=f"X{n:017d}",
            legal_representative="某",
            filed_with=city.district,
            node_path=city.district.path,
        )
    client = login("bureau")
    with django_assert_max_num_queries(12):
        response = client.get("/registry/companies/")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/api/v1/registry/companies").status_code == 200


def test_excel_export_holds_only_visible_rows(city, login):
    client = login("street_a")
    response = client.get("/registry/companies/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [city.company_1.name]
    assert login("company_1").get("/registry/companies/export.xlsx").status_code == 403


def test_pending_filings_and_my_company(city, login, company_3):
    from gongzhi.registry.tests.companies_fixtures import add_required_staff

    add_required_staff(company_3.company)
    login("company_3").post(f"/registry/companies/{company_3.company.pk}/filing/submit/")
    client = login("bureau")
    assert company_3.company.name in client.get("/registry/companies/pending/").content.decode()
    assert login("street_a").get("/registry/companies/pending/").status_code == 403
    mine = login("company_1").get("/registry/companies/mine/")
    assert mine.status_code == 302
    assert mine["Location"] == f"/registry/companies/{city.company_1.pk}/"
