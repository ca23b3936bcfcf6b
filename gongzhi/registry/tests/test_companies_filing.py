"""Company filing (备案) and reports to streets through HTTP (seed 000 §11: a company
files with the housing bureau and reports to each street where it serves; an unfiled
company may not serve)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from gongzhi.audit.models import AuditEntry
from gongzhi.core.errors import DomainError
from gongzhi.registry.companies.services import company_may_serve, require_company_may_serve
from gongzhi.registry.models import CompanyStaff, PropertyCompany, StreetReport
from gongzhi.registry.tests import companies_fixtures
from gongzhi.registry.tests.companies_fixtures import (
    add_required_staff,
)

pytestmark = pytest.mark.django_db
company_3 = companies_fixtures.company_3
S = PropertyCompany.FilingStatus


def _act(client, company_id, action, note=""):
    return client.post(
        f"/api/v1/registry/companies/{company_id}/filing/{action}",
        {"note": note},
        content_type="application/json",
    )


def _status(company) -> str:
    company.refresh_from_db()
    return company.filing_status


def test_submit_needs_a_project_manager_and_an_engineer(company_3, login):
    """Seed 000 §11: qualified engineers and a project manager before filing."""
    # given a company with a complete profile but no staff
    company = company_3.company
    client = login("company_3")
    audits = AuditEntry.objects.count()
    # when
    response = _act(client, company.pk, "submit")
    # then
    assert response.status_code == 400
    with translation.override("zh-hans"):
        assert response.json()["fields"]["staff"] == [
            gettext("Record at least one project manager before filing."),
            gettext("Record at least one engineer before filing."),
        ]
    assert _status(company) == S.UNFILED
    assert AuditEntry.objects.count() == audits
    # a project manager alone is not enough
    CompanyStaff.objects.create(company=company, name="甲", role="project_manager")
    again = _act(client, company.pk, "submit")
    assert again.status_code == 400
    assert len(again.json()["fields"]["staff"]) == 1
    assert _status(company) == S.UNFILED


def test_submit_needs_the_required_profile_fields(company_3, login):
    company = company_3.company
    add_required_staff(company)
    PropertyCompany.objects.filter(pk=company.pk).update(contact_phone="", address="")
    response = _act(login("company_3"), company.pk, "submit")
    assert response.status_code == 400
    assert {"contact_phone", "address"} <= set(response.json()["fields"])
    assert _status(company) == S.UNFILED


def test_page_submit_shows_the_missing_staff(company_3, login):
    client = login("company_3")
    with translation.override("zh-hans"):
        response = client.post(f"/registry/companies/{company_3.company.pk}/filing/submit/")
        expected = gettext("Record at least one engineer before filing.")
    assert response.status_code == 400
    assert expected in response.content.decode()


def test_full_filing_cycle_and_roles(city, company_3, login):
    """submit (company) → return (bureau, note) → submit → file (bureau) → revoke."""
    company = company_3.company
    add_required_staff(company)
    staff, bureau = login("company_3"), None
    # the bureau cannot submit on the company's behalf, the company cannot file itself
    assert _act(login("bureau"), company.pk, "submit").status_code == 403
    staff = login("company_3")
    assert _act(staff, company.pk, "submit").status_code == 200
    assert _status(company) == S.SUBMITTED
    assert _act(staff, company.pk, "file").status_code == 403
    # a street officer sees no unserving company at all; other companies get 404
    assert _act(login("street_a"), company.pk, "file").status_code == 404
    assert _act(login("company_2"), company.pk, "file").status_code == 404
    bureau = login("bureau")
    # return needs a note
    no_note = _act(bureau, company.pk, "return")
    assert no_note.status_code == 400
    assert "note" in no_note.json()["fields"]
    assert _status(company) == S.SUBMITTED
    assert _act(bureau, company.pk, "return", "营业执照扫描件不清晰").status_code == 200
    assert _status(company) == S.REJECTED
    assert company.filing_note == "营业执照扫描件不清晰"
    # resubmitted, then filed
    assert _act(login("company_3"), company.pk, "submit").status_code == 200
    bureau = login("bureau")
    filed = _act(bureau, company.pk, "file")
    assert filed.status_code == 200
    assert filed.json()["filed_at"] == timezone.localdate().isoformat()
    assert filed.json()["may_serve"] is True
    # filing twice is a conflict; revoking needs a note
    assert _act(bureau, company.pk, "file").status_code == 409
    assert _act(bureau, company.pk, "revoke").status_code == 400
    assert _act(bureau, company.pk, "revoke", "严重失信").status_code == 200
    assert _status(company) == S.REVOKED
    transitions = AuditEntry.objects.filter(
        action="transition", target_id=str(company.pk), target_type="registry.PropertyCompany"
    )
    assert [e.after["action"] for e in transitions.order_by("id")] == [
        "submit",
        "return",
        "submit",
        "file",
        "revoke",
    ]


def test_filing_through_the_pages(company_3, login):
    company = company_3.company
    add_required_staff(company)
    assert (
        login("company_3").post(f"/registry/companies/{company.pk}/filing/submit/").status_code
        == 302
    )
    client = login("bureau")
    page = client.get(f"/registry/companies/{company.pk}/").content.decode()
    assert f"/registry/companies/{company.pk}/filing/file/" in page
    assert client.post(f"/registry/companies/{company.pk}/filing/return/").status_code == 400
    assert _status(company) == S.SUBMITTED
    assert client.post(f"/registry/companies/{company.pk}/filing/file/").status_code == 302
    assert _status(company) == S.FILED


def test_unknown_action_is_not_found(company_3, login):
    assert _act(login("bureau"), company_3.company.pk, "approve").status_code == 404


# --- may the company serve? --------------------------------------------------------------


def test_require_company_may_serve_refuses_unfiled_and_blacklisted(city, company_3):
    """Seed 000 §11 (unfiled may not serve); seed 001 §三(二)3 (blacklist)."""
    assert company_may_serve(city.company_1)
    require_company_may_serve(city.company_1)
    assert not company_may_serve(company_3.company)
    with pytest.raises(DomainError) as unfiled:
        require_company_may_serve(company_3.company)
    assert unfiled.value.code == "company_may_not_serve"
    assert "company" in unfiled.value.fields
    PropertyCompany.objects.filter(pk=city.company_2.pk).update(
        blacklisted_since=dt.date(2026, 1, 1)
    )
    city.company_2.refresh_from_db()
    assert not company_may_serve(city.company_2)
    with pytest.raises(DomainError) as blacklisted:
        require_company_may_serve(city.company_2, field="company_id")
    assert "company_id" in blacklisted.value.fields
    with translation.override("zh-hans"):
        assert str(blacklisted.value.message) == gettext(
            "This property company is blacklisted and may not serve."
        )


# --- reports to streets ------------------------------------------------------------------


def _report(client, company_id, street_id, note=""):
    return client.post(
        f"/api/v1/registry/companies/{company_id}/street-reports",
        {"street_id": street_id, "note": note},
        content_type="application/json",
    )


def test_filed_company_reports_to_a_street_and_the_officer_acknowledges(city, login):
    # given
    response = _report(login("company_1"), city.company_1.pk, city.street_a.pk, "进驻幸福家园")
    assert response.status_code == 201
    report = StreetReport.objects.get()
    assert report.node_path == city.street_a.path
    # when street B tries, it cannot see or acknowledge the report
    street_b = login("street_b")
    assert report.pk not in {
        r["id"] for r in street_b.get("/api/v1/registry/street-reports").json()["items"]
    }
    assert report.company.name not in street_b.get("/registry/street-reports/").content.decode()
    assert (
        street_b.post(f"/api/v1/registry/street-reports/{report.pk}/acknowledge").status_code == 404
    )
    assert street_b.post(f"/registry/street-reports/{report.pk}/acknowledge/").status_code == 404
    report.refresh_from_db()
    assert report.acknowledged_at is None
    # then street A sees and acknowledges it
    street_a = login("street_a")
    assert city.company_1.name in street_a.get("/registry/street-reports/").content.decode()
    ok = street_a.post(f"/registry/street-reports/{report.pk}/acknowledge/")
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.acknowledged_at is not None
    again = street_a.post(f"/api/v1/registry/street-reports/{report.pk}/acknowledge")
    assert again.status_code == 409


def test_unfiled_company_cannot_report(company_3, city, login):
    before = StreetReport.objects.count()
    response = _report(login("company_3"), company_3.company.pk, city.street_a.pk)
    assert response.status_code == 400
    assert response.json()["code"] == "company_may_not_serve"
    assert StreetReport.objects.count() == before


def test_report_needs_a_street_below_the_filing_bureau_and_only_once(city, login):
    client = login("company_1")
    assert _report(client, city.company_1.pk, city.community_a.pk).status_code == 400
    assert _report(client, city.company_1.pk, city.street_a.pk).status_code == 201
    duplicate = _report(client, city.company_1.pk, city.street_a.pk)
    assert duplicate.status_code == 409
    assert StreetReport.objects.count() == 1


def test_company_2_cannot_report_for_company_1(city, login):
    response = _report(login("company_2"), city.company_1.pk, city.street_a.pk)
    assert response.status_code == 404
    assert StreetReport.objects.count() == 0


def test_report_through_the_page(city, login):
    client = login("company_1")
    response = client.post(
        f"/registry/companies/{city.company_1.pk}/street-reports/",
        {"street": city.street_b.pk, "note": "拟进驻"},
    )
    assert response.status_code == 302
    assert StreetReport.objects.get().street == city.street_b
