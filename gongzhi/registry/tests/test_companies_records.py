"""Qualifications (with scans) and staff on the company page, and the public company
look-up (seed 000 §11; uploads that are not PDF/image or exceed the size limit are
refused)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext

from gongzhi.audit.models import AuditEntry
from gongzhi.registry.models import CompanyQualification, CompanyStaff, PropertyCompany
from gongzhi.registry.tests import companies_fixtures
from gongzhi.registry.tests.companies_fixtures import (
    PDF,
    PNG,
)

pytestmark = pytest.mark.django_db
company_3 = companies_fixtures.company_3


def _counts() -> tuple[int, int, int]:
    return (
        CompanyQualification.objects.count(),
        CompanyStaff.objects.count(),
        AuditEntry.objects.count(),
    )


def test_company_adds_a_qualification_with_a_pdf_scan(city, login):
    client = login("company_1")
    response = client.post(
        f"/api/v1/registry/companies/{city.company_1.pk}/qualifications",
        {
            "name": "物业服务企业资质",
            "certificate_number": "湘物 2026-001",
            "issued_by": "共治区住建局",
            "valid_until": "2029-12-31",
            "document": SimpleUploadedFile("licence.pdf", PDF, content_type="application/pdf"),
        },
    )
    assert response.status_code == 201, response.content
    url = response.json()["document_url"]
    assert "/media/" not in url  # uploads only through a scoped view (upload safety)
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    listed = client.get(f"/api/v1/registry/companies/{city.company_1.pk}/qualifications").json()
    assert [q["name"] for q in listed] == ["物业服务企业资质"]
    entry = AuditEntry.objects.get(target_type="registry.CompanyQualification")
    assert entry.node_path == city.company_1.node_path
    assert login("company_2").get(url).status_code == 404  # another company's scan


def test_page_upload_of_an_image(city, login):
    client = login("company_1")
    response = client.post(
        f"/registry/companies/{city.company_1.pk}/qualifications/",
        {"name": "营业执照", "document": SimpleUploadedFile("scan.png", PNG)},
    )
    assert response.status_code == 302
    assert CompanyQualification.objects.get().document.name.endswith(".png")


def test_upload_that_is_not_a_pdf_or_image_is_refused(city, login):
    """The file's bytes decide: a renamed executable is refused on the document field."""
    client = login("company_1")
    before = _counts()
    with translation.override("zh-hans"):
        response = client.post(
            f"/registry/companies/{city.company_1.pk}/qualifications/",
            {"name": "资质", "document": SimpleUploadedFile("scan.pdf", b"MZ\x90\x00evil" * 10)},
        )
        expected = gettext("Upload a PDF or an image (PNG, JPEG, GIF or WebP).")
    assert response.status_code == 400
    assert expected in response.content.decode()
    api = client.post(
        f"/api/v1/registry/companies/{city.company_1.pk}/qualifications",
        {"name": "资质", "document": SimpleUploadedFile("a.txt", b"plain text here")},
    )
    assert api.status_code == 400
    assert "document" in api.json()["fields"]
    assert _counts() == before


def test_upload_over_the_size_limit_is_refused(city, login, settings):
    settings.GONGZHI_MAX_UPLOAD_BYTES = 1024
    client = login("company_1")
    before = _counts()
    response = client.post(
        f"/api/v1/registry/companies/{city.company_1.pk}/qualifications",
        {"name": "资质", "document": SimpleUploadedFile("big.pdf", PDF + b"0" * 2048)},
    )
    assert response.status_code == 400
    assert "document" in response.json()["fields"]
    assert _counts() == before


def test_qualification_needs_a_name(city, login):
    client = login("bureau")
    before = _counts()
    response = client.post(
        f"/api/v1/registry/companies/{city.company_1.pk}/qualifications", {"name": " "}
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"name"}
    assert _counts() == before


def test_staff_add_list_and_remove(city, login):
    client = login("company_1")
    created = client.post(
        f"/api/v1/registry/companies/{city.company_1.pk}/staff",
        {"name": "刘工", "role": "engineer", "specialty": "电梯", "phone": "13712345678"},
        content_type="application/json",
    )
    assert created.status_code == 201
    staff_id = created.json()["id"]
    own = client.get(f"/api/v1/registry/companies/{city.company_1.pk}/staff").json()
    assert own[0]["phone"] == "13712345678"
    # officials see the staff phone masked
    officer = login("street_a").get(f"/api/v1/registry/companies/{city.company_1.pk}/staff")
    assert officer.json()[0]["phone"] != "13712345678"
    page = login("company_1").get(f"/registry/companies/{city.company_1.pk}/").content.decode()
    assert "刘工" in page
    removed = client.post(f"/registry/companies/{city.company_1.pk}/staff/{staff_id}/remove/")
    assert removed.status_code == 302
    assert not CompanyStaff.objects.exists()
    assert (
        AuditEntry.objects.filter(
            target_type="registry.CompanyStaff", action__in=["create", "delete"]
        ).count()
        == 2
    )


def test_staff_bad_input_names_each_field(city, login):
    client = login("company_1")
    before = _counts()
    response = client.post(
        f"/api/v1/registry/companies/{city.company_1.pk}/staff",
        {"name": "", "role": "boss", "phone": "call me", "project_id": city.project_b.pk},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"name", "role", "phone", "project"}
    assert _counts() == before


def test_company_2_cannot_touch_company_1_records(city, login):
    member = CompanyStaff.objects.create(company=city.company_1, name="甲", role="engineer")
    client = login("company_2")
    before = _counts()
    assert (
        client.post(
            f"/api/v1/registry/companies/{city.company_1.pk}/staff",
            {"name": "乙", "role": "engineer"},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert (
        client.delete(
            f"/api/v1/registry/companies/{city.company_1.pk}/staff/{member.pk}"
        ).status_code
        == 404
    )
    # another company's staff id through one's own company is not found either
    assert (
        client.delete(
            f"/api/v1/registry/companies/{city.company_2.pk}/staff/{member.pk}"
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/registry/companies/{city.company_1.pk}/qualifications/",
            {"name": "x", "document": SimpleUploadedFile("a.pdf", PDF)},
        ).status_code
        == 404
    )
    assert _counts() == before


# --- public look-up ----------------------------------------------------------------------


def test_public_lookup_needs_no_login_and_shows_no_personal_data(city, client, company_3):
    """Public look-up: filing status, projects served, company phone."""
    # given personal data on record
    PropertyCompany.objects.filter(pk=city.company_1.pk).update(
        contact_name="陈联系人", contact_phone="0739-5550000", address="人民路 9 号"
    )
    CompanyStaff.objects.create(
        company=city.company_1, name="孙经理", role="project_manager", phone="13611112222"
    )
    # when an anonymous visitor looks companies up
    page = client.get("/registry/companies/lookup/?q=湘安")
    api = client.get("/api/v1/registry/public/companies", {"q": city.company_1.uscc.lower()})
    # then
    assert page.status_code == 200
    html = page.content.decode()
    assert city.company_1.name in html and "0739-5550000" in html
    assert city.project_a.name in html and city.community_a.name in html
    for personal in ("陈联系人", "孙经理", "13611112222", city.company_1.legal_representative):
        assert personal not in html
    assert api.status_code == 200
    [row] = api.json()["items"]
    assert row["company_phone"] == "0739-5550000"
    assert row["projects"] == [{"name": city.project_a.name, "community": city.community_a.name}]
    assert set(row) == {
        "id",
        "name",
        "uscc",
        "filing_status",
        "filed_at",
        "company_phone",
        "address",
        "projects",
    }


def test_public_lookup_lists_only_filed_or_revoked_companies(city, client, company_3):
    names = {row["name"] for row in client.get("/api/v1/registry/public/companies").json()["items"]}
    assert names == {city.company_1.name, city.company_2.name}
    assert company_3.company.name not in client.get("/registry/companies/lookup/").content.decode()


def test_public_lookup_query_budget(city, client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        assert client.get("/api/v1/registry/public/companies").status_code == 200
