"""Register journeys in a real Chromium: Excel import (desktop and phone), company filing
(company staff then bureau), the public company look-up on a phone, and an owner's phone
navigation to the owners' organisation of their project.

Assertions name URLs, test ids, counts and database rows; any expected Chinese text is
read through Django (``translation.override("zh-hans")``), never hard-coded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from gongzhi.accounts.models import Membership, Role
from gongzhi.accounts.selectors import actor_for
from gongzhi.core.excel import XLSX_TYPE
from gongzhi.registry.companies import services as company_services
from gongzhi.registry.importing.workbook import COLUMNS
from gongzhi.registry.models import CompanyStaff, ExclusivePart, PropertyCompany
from gongzhi.registry.tests.companies_fixtures import USCC_3, complete_profile
from gongzhi.registry.tests.importing_fixtures import db_state, resident_id, row, xlsx
from gongzhi.testing import City
from gongzhi.web.tests.browser.test_journeys import NewPage, sign_in, tap_nav

pytestmark = pytest.mark.browser


def assert_no_horizontal_overflow(page: Page) -> None:
    window = page.evaluate(
        "() => ({width: innerWidth, scrollWidth: document.documentElement.scrollWidth,"
        " bodyScrollWidth: document.body.scrollWidth})"
    )
    assert window["scrollWidth"] <= window["width"] + 1, f"horizontal overflow: {window}"
    assert window["bodyScrollWidth"] <= window["width"] + 1, f"horizontal overflow: {window}"


def status_label(status: str) -> str:
    with translation.override("zh-hans"):
        return str(PropertyCompany.FilingStatus(status).label)


# --- 1. Excel import ---------------------------------------------------------------------

BAD_ROWS = [
    row(),  # Excel row 3: valid
    row(part_number="9-1-102", owner_id=resident_id(2), owner_name="孙二", area="-5"),  # row 4
]
GOOD_ROWS = [
    row(),
    row(part_number="9-1-102", owner_id=resident_id(2), owner_name="孙二", phone="13900000012"),
]


def upload_and_check(page: Page, path: Path) -> None:
    form = page.get_by_test_id("import-form")
    form.locator("input[type=file][name=file]").set_input_files(path)
    form.locator("button").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_street_officer_imports_the_register_from_excel(
    viewport: str, city: City, live_server, new_page: NewPage, tmp_path: Path, settings
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # the dry run keeps the upload there
    project = city.project_a
    detail_url = live_server.url + reverse("registry:project_detail", args=[project.pk])
    import_path = reverse("registry:project_import", args=[project.pk])
    bad_file = tmp_path / "bad-register.xlsx"
    bad_file.write_bytes(xlsx(BAD_ROWS))
    good_file = tmp_path / "register.xlsx"
    good_file.write_bytes(xlsx(GOOD_ROWS))
    page = new_page(viewport)
    sign_in(page, live_server.url, "street_a")  # audited: count what the import touches after

    page.goto(detail_url)
    page.locator(f'main a[href="{import_path}"]').click()
    expect(page).to_have_url(live_server.url + import_path)
    template = page.get_by_test_id("template-link")
    expect(template).to_be_visible()
    expect(template).to_have_attribute("href", reverse("registry:import_template"))
    download = page.request.get(live_server.url + reverse("registry:import_template"))
    assert download.ok and download.headers["content-type"] == XLSX_TYPE
    before = db_state()

    # A file with one bad row: the dry run names the row and the column, saves nothing.
    upload_and_check(page, bad_file)
    expect(page).to_have_url(live_server.url + import_path)
    errors = page.get_by_test_id("import-errors").locator("tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first.locator("td").nth(0)).to_have_text("4")
    # the column is named by the header the official sees in the file, not a code key
    area_header = next(c.header for c in COLUMNS if c.key == "area")
    expect(errors.first.locator("td").nth(1)).to_have_text(area_header)
    expect(page.get_by_test_id("import-confirm")).to_have_count(0)
    page.screenshot(path=tmp_path / f"import-errors-{viewport}.png", full_page=True)
    if viewport == "phone":
        assert_no_horizontal_overflow(page)
    assert db_state() == before

    # The corrected file: counts, still nothing saved, then the real import.
    upload_and_check(page, good_file)
    expect(page.get_by_test_id("import-errors")).to_have_count(0)
    counts = page.get_by_test_id("import-counts").locator("tbody tr")
    expect(counts).to_have_count(5)  # buildings, units, parts, owners, ownerships
    expect(counts.nth(2).locator("td").first).to_have_text("2")  # parts created
    page.screenshot(path=tmp_path / f"import-dry-run-{viewport}.png", full_page=True)
    if viewport == "phone":
        assert_no_horizontal_overflow(page)
    assert db_state() == before

    page.get_by_test_id("import-confirm").click()
    expect(page).to_have_url(detail_url)
    parts = ExclusivePart.objects.filter(project=project, number__in=["9-1-101", "9-1-102"])
    assert parts.count() == 2
    for part in parts:
        expect(
            page.locator(f'main a[href="{reverse("registry:part_detail", args=[part.pk])}"]')
        ).to_have_text(part.number)
    expect(page.locator("main .messages li.msg-success")).to_have_count(1)
    page.screenshot(path=tmp_path / f"import-done-{viewport}.png", full_page=True)
    if viewport == "phone":
        assert_no_horizontal_overflow(page)


# --- 2. Company filing -------------------------------------------------------------------


@pytest.fixture
def unfiled_company(city: City) -> PropertyCompany:
    """A company registered by the bureau, not filed; ``company_1`` now works for it."""
    company = company_services.company_create(
        actor=actor_for(city.users["bureau"]), **complete_profile()
    )
    assert company.filing_status == PropertyCompany.FilingStatus.UNFILED
    moved = Membership.objects.filter(user=city.users["company_1"], role=Role.COMPANY_STAFF).update(
        company=company
    )
    assert moved == 1
    return company


def add_staff(page: Page, company: PropertyCompany, name: str, role: str) -> None:
    form = page.locator(
        f'form[action="{reverse("registry:company_staff_add", args=[company.pk])}"]'
    )
    form.locator("input[name=name]").fill(name)
    form.locator("select[name=role]").select_option(role)
    form.locator("input[name=phone]").fill("13700000001")
    form.locator("button").click()
    page.wait_for_load_state()


def filing_form(page: Page, company: PropertyCompany, action: str):
    return page.locator(
        f'form[action="{reverse("registry:company_filing", args=[company.pk, action])}"]'
    )


def test_company_files_and_the_bureau_accepts(
    unfiled_company: PropertyCompany, city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    company = unfiled_company
    detail_url = live_server.url + reverse("registry:company_detail", args=[company.pk])
    page = new_page("desktop")
    sign_in(page, live_server.url, "company_1")

    page.locator(f'nav a[href="{reverse("registry:my_company")}"]').click()
    expect(page).to_have_url(detail_url)
    expect(page.get_by_test_id("filing-status")).to_have_text(status_label("unfiled"))

    add_staff(page, company, "钱经理", CompanyStaff.Role.PROJECT_MANAGER)
    expect(page).to_have_url(detail_url)
    add_staff(page, company, "孙工", CompanyStaff.Role.ENGINEER)
    expect(page.get_by_test_id("company-staff").locator("tbody tr")).to_have_count(2)
    assert set(company.staff.values_list("role", flat=True)) == {"project_manager", "engineer"}
    page.screenshot(path=tmp_path / "company-staff-desktop.png", full_page=True)

    filing_form(page, company, "submit").locator("button").click()
    expect(page).to_have_url(detail_url)
    expect(page.get_by_test_id("filing-status")).to_have_text(status_label("submitted"))
    expect(filing_form(page, company, "submit")).to_have_count(0)
    company.refresh_from_db()
    assert company.filing_status == PropertyCompany.FilingStatus.SUBMITTED

    bureau = new_page("desktop")
    sign_in(bureau, live_server.url, "bureau")
    bureau.locator(f'nav a[href="{reverse("registry:company_pending")}"]').click()
    expect(bureau).to_have_url(live_server.url + reverse("registry:company_pending"))
    bureau.locator(
        f'main a[href="{reverse("registry:company_detail", args=[company.pk])}"]'
    ).click()
    expect(bureau).to_have_url(detail_url)
    file_form = filing_form(bureau, company, "file")
    file_form.locator("textarea[name=note]").fill("材料齐全")
    file_form.locator("button").click()
    expect(bureau).to_have_url(detail_url)
    expect(bureau.get_by_test_id("filing-status")).to_have_text(status_label("filed"))
    expect(filing_form(bureau, company, "file")).to_have_count(0)
    expect(filing_form(bureau, company, "revoke")).to_have_count(1)
    company.refresh_from_db()
    assert company.filing_status == PropertyCompany.FilingStatus.FILED
    assert company.filed_at is not None
    bureau.screenshot(path=tmp_path / "company-filed-desktop.png", full_page=True)

    page.reload()  # the company's own staff see the decision too
    expect(page.get_by_test_id("filing-status")).to_have_text(status_label("filed"))
    expect(page.get_by_test_id("filing-note")).to_have_text("材料齐全")


# --- 3. Public company look-up -----------------------------------------------------------


def test_public_looks_up_a_company_on_a_phone(
    city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    company = city.company_1
    company.contact_name = "刘联系"
    company.contact_phone = "0739-5550000"
    company.save(update_fields=["contact_name", "contact_phone"])
    district = city.district
    PropertyCompany.objects.create(  # same name prefix, not filed: never public
        name="湘安物业二公司",
        uscc=USCC_3,
        legal_representative="周五",
        contact_name="吴六",
        filed_with=district,
        node_path=district.path,
        filing_status=PropertyCompany.FilingStatus.UNFILED,
    )
    page = new_page("phone")

    page.goto(live_server.url + reverse("registry:company_public"))
    expect(page.get_by_test_id("main-nav")).to_have_count(0)
    search = page.locator("main form.filters")
    search.locator("input[name=q]").fill("湘安")
    search.locator("button").click()
    page.wait_for_load_state()

    assert "q=" in page.url
    cards = page.get_by_test_id("public-company")
    expect(cards).to_have_count(1)
    expect(cards.first.locator("h2")).to_contain_text(company.name)
    expect(cards.first.locator("h2 .badge")).to_have_text(status_label("filed"))
    expect(cards.first).to_contain_text(company.uscc)
    text = page.locator("body").inner_text()
    for personal in (
        company.legal_representative,
        company.contact_name,
        "周五",
        "吴六",
        city.owner_1.name,
    ):
        assert personal not in text, f"personal data {personal!r} on the public page"
    page.screenshot(path=tmp_path / "company-lookup-phone.png", full_page=True)
    assert_no_horizontal_overflow(page)


# --- 4. Owner on a phone -----------------------------------------------------------------


def test_owner_reaches_the_owners_organisation_from_the_phone_navigation(
    city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    project_path = reverse("registry:project_detail", args=[city.project_a.pk])
    page = new_page("phone")
    sign_in(page, live_server.url, "owner_1")

    nav = page.get_by_test_id("main-nav")
    tap_nav(page, "registry:my_homes")  # on the phone: 更多, then 我的房屋
    expect(page).to_have_url(live_server.url + reverse("registry:my_homes"))
    expect(page.locator(f'main a[href="{project_path}"]')).to_have_count(1)
    page.locator(f'main a[href="{project_path}"]').click()

    expect(page).to_have_url(live_server.url + project_path)
    expect(page.get_by_test_id("governance")).to_be_visible()
    hrefs = nav.get_by_test_id("nav-link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    assert hrefs, "no navigation links"
    supervision = [h for h in hrefs if h.startswith(("/contracts/", "/registry/companies/"))]
    assert not supervision, f"owner sees supervision items: {hrefs}"
    page.screenshot(path=tmp_path / "owner-project-phone.png", full_page=True)
    page.get_by_test_id("governance").evaluate("el => el.scrollIntoView()")
    page.screenshot(path=tmp_path / "owner-governance-phone.png")  # what the phone shows
    assert_no_horizontal_overflow(page)
