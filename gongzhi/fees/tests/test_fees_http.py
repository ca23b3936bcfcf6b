"""HTTP flows and scoping of the fee pages and /api/v1/fees."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.fees import services
from gongzhi.fees.models import BankStatementImport, Bill, FeeStandard, Payment
from gongzhi.fees.tests.conftest import actor

API = "/api/v1/fees"


def test_staff_creates_publishes_and_bills_through_the_pages(city, login):
    client = login("company_1")
    response = client.post(
        "/fees/standards/new/",
        {
            "project": city.project_a.pk,
            "service_grade": "2",
            "mode": "lump_sum",
            "effective_from": "2025-01-01",
            "unrenovated_reduction": "on",
            "item_1_name": "物业服务费",
            "item_1_part_kind": "dwelling",
            "item_1_basis": "area",
            "item_1_price": "1.80",
        },
    )
    assert response.status_code == 302
    standard = FeeStandard.objects.get()
    assert client.post(f"/fees/standards/{standard.pk}/publish/").status_code == 302
    standard.refresh_from_db()
    assert standard.status == "published"
    response = client.post(
        "/fees/runs/",
        {"project": city.project_a.pk, "period_start": "2025-01-01", "period_end": "2025-03-31"},
    )
    assert response.status_code == 302
    assert Bill.objects.count() == 2
    page = client.get("/fees/bills/")
    assert "1-1-101" in page.content.decode()
    assert "账单" in page.content.decode()  # pages are Chinese by default


def test_negative_price_form_shows_error_and_saves_nothing(city, login):
    client = login("company_1")
    response = client.post(
        "/fees/standards/new/",
        {
            "project": city.project_a.pk,
            "service_grade": "2",
            "mode": "lump_sum",
            "effective_from": "2025-01-01",
            "item_1_name": "物业服务费",
            "item_1_part_kind": "dwelling",
            "item_1_basis": "area",
            "item_1_price": "-1",
        },
    )
    assert response.status_code == 400
    assert not FeeStandard.objects.exists()


def test_record_payment_and_print_receipt(city, fees, login):
    client = login("company_1")
    response = client.post(
        f"/fees/bills/{fees.bill_1.pk}/pay/", {"amount": "100.00", "method": "cash"}
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    receipt = client.get(f"/fees/receipts/{payment.pk}/")
    assert receipt.status_code == 200 and payment.receipt_number in receipt.content.decode()


def test_overpayment_through_the_page_is_refused(city, fees, login):
    client = login("company_1")
    response = client.post(
        f"/fees/bills/{fees.bill_1.pk}/pay/", {"amount": "99999.00", "method": "cash"}
    )
    assert response.status_code == 400
    assert not Payment.objects.exists()


def test_statement_upload_lists_unmatched_rows(city, fees, login):
    client = login("company_1")
    data = (
        "交易日期,贷方金额,对方户名,摘要\n2025-02-01,10.00,王小明,1-1-101\n2025-02-02,7.00,某人,?\n"
    )
    upload = SimpleUploadedFile("s.csv", data.encode("gbk"), content_type="text/csv")
    response = client.post("/fees/statements/", {"project": city.project_a.pk, "file": upload})
    assert response.status_code == 302
    statement = BankStatementImport.objects.get()
    page = client.get(f"/fees/statements/{statement.pk}/").content.decode()
    assert "某人" in page
    # match the unmatched row by the bill reference
    row = statement.rows.get(payment__isnull=True)
    client.post(f"/fees/statements/rows/{row.pk}/match/", {"bill": fees.bill_2.reference})
    assert Bill.objects.get(pk=fees.bill_2.pk).paid_fen == 700


def test_duplicate_statement_upload_is_refused(city, fees, login):
    client = login("company_1")
    data = "交易日期,贷方金额\n2025-02-01,10.00\n".encode()
    for expected in (302, 409):
        upload = SimpleUploadedFile("s.csv", data, content_type="text/csv")
        response = client.post("/fees/statements/", {"project": city.project_a.pk, "file": upload})
        assert response.status_code == expected
    assert BankStatementImport.objects.count() == 1


def test_arrears_list_and_excel_export(city, fees, login):
    client = login("company_1")
    page = client.get("/fees/arrears/")
    assert page.status_code == 200 and "1-1-102" in page.content.decode()
    export = client.get("/fees/arrears/export.xlsx")
    assert export.status_code == 200 and export.content[:2] == b"PK"


def test_reminders_page_sends(city, fees, login):
    client = login("company_1")
    assert client.post("/fees/reminders/", {"project": city.project_a.pk}).status_code == 302
    assert "1-1-101" in client.get("/fees/reminders/").content.decode()


def test_owner_sees_only_own_bills(city, fees, login):
    client = login("owner_1")
    page = client.get("/fees/mine/").content.decode()
    assert "1-1-101" in page and "1-1-102" not in page
    assert client.get(f"/fees/bills/{fees.bill_1.pk}/").status_code == 200
    assert client.get(f"/fees/bills/{fees.bill_2.pk}/").status_code == 404
    assert client.get("/fees/bills/").status_code == 403


def test_owner_sees_own_receipt_only(city, fees, login):
    staff = actor(city, "company_1")
    mine = services.payment_record(actor=staff, bill_id=fees.bill_1.pk, amount="1", method="cash")
    other = services.payment_record(actor=staff, bill_id=fees.bill_2.pk, amount="1", method="cash")
    client = login("owner_1")
    assert client.get(f"/fees/receipts/{mine.pk}/").status_code == 200
    assert client.get(f"/fees/receipts/{other.pk}/").status_code == 404


def test_other_street_official_gets_404(city, fees, login):
    assert login("street_a").get(f"/fees/bills/{fees.bill_1.pk}/").status_code == 200
    assert login("street_b").get(f"/fees/bills/{fees.bill_1.pk}/").status_code == 404
    assert login("street_b").get(f"/fees/standards/{fees.standard.pk}/").status_code == 404


def test_other_company_staff_see_nothing_of_project_a(city, fees, login):
    client = login("company_2")
    assert client.get(f"/fees/bills/{fees.bill_1.pk}/").status_code == 404
    assert "1-1-101" not in client.get("/fees/bills/").content.decode()
    response = client.post(
        f"/fees/bills/{fees.bill_1.pk}/pay/", {"amount": "1.00", "method": "cash"}
    )
    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_committee_sees_publication_and_overview_without_names(city, fees, login):
    services.publication_create(
        actor=actor(city, "company_1"),
        project_id=city.project_a.pk,
        period_start="2025-01-01",
        period_end="2025-12-31",
    )
    client = login("committee_a")
    overview = client.get("/fees/overview/").content.decode()
    assert "幸福家园" in overview and "和平花园" not in overview
    published = client.get("/fees/published/").content.decode()
    assert "物业服务费" in published
    publication = client.get(client_url := "/fees/publications/").content.decode()
    assert client_url and "幸福家园" in publication
    assert client.get(f"/fees/bills/{fees.bill_1.pk}/").status_code == 403


def test_street_overview_is_scoped(city, fees, login):
    assert "幸福家园" in login("street_a").get("/fees/overview/").content.decode()
    assert "幸福家园" not in login("street_b").get("/fees/overview/").content.decode()


# --- API ---------------------------------------------------------------------------------


def test_api_standard_publish_run_and_pay(city, login):
    client = login("company_1")
    response = client.post(
        f"{API}/standards",
        {
            "project_id": city.project_a.pk,
            "service_grade": "2",
            "mode": "remuneration",
            "effective_from": "2025-01-01",
            "items": [
                {"name": "物业服务费", "part_kind": "dwelling", "basis": "area", "price": "2.00"}
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    standard_id = response.json()["id"]
    assert client.post(f"{API}/standards/{standard_id}/publish").json()["status"] == "published"
    response = client.post(
        f"{API}/runs",
        {"project_id": city.project_a.pk, "period_start": "2025-01-01", "period_end": "2025-01-31"},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["bill_count"] == 2
    bills = client.get(f"{API}/bills").json()["items"]
    bill = next(b for b in bills if b["part_number"] == "1-1-101")
    assert bill["total_fen"] == 17900  # 89.50 × 2.00
    response = client.post(
        f"{API}/bills/{bill['id']}/payments",
        {"amount": "179.00", "method": "bank_transfer"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert client.get(f"{API}/bills/{bill['id']}").json()["status"] == "paid"


def test_api_outside_published_list_is_refused(city, fees, login):
    response = login("company_1").post(
        f"{API}/runs",
        {
            "project_id": city.project_a.pk,
            "period_start": "2026-01-01",
            "period_end": "2026-01-31",
            "items": ["停车费"],
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "items" in response.json()["fields"]
    assert Bill.objects.count() == 2


def test_api_overpayment_is_refused_with_field(city, fees, login):
    response = login("company_1").post(
        f"{API}/bills/{fees.bill_1.pk}/payments",
        {"amount": "5000.00", "method": "cash"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "amount" in response.json()["fields"]


def test_api_statement_import_and_duplicate(city, fees, login):
    client = login("company_1")
    data = "date,amount,counterparty,memo\n2025-02-01,10.00,x,1-1-101\n".encode("utf-8-sig")
    for expected in (201, 409):
        upload = SimpleUploadedFile("s.csv", data, content_type="text/csv")
        response = client.post(
            f"{API}/statements", {"project_id": city.project_a.pk, "file": upload}
        )
        assert response.status_code == expected, response.content


def test_api_owner_sees_own_bills_and_not_others(city, fees, login):
    client = login("owner_2")
    mine = client.get(f"{API}/bills/mine").json()
    assert [b["part_number"] for b in mine] == ["1-1-102"]
    assert client.get(f"{API}/bills/{fees.bill_1.pk}").status_code == 404


def test_api_other_street_gets_404(city, fees, login):
    assert login("street_b").get(f"{API}/bills/{fees.bill_1.pk}").status_code == 404


def test_bill_detail_shows_explained_lines_in_chinese(city, fees, login):
    page = login("company_1").get(f"/fees/bills/{fees.bill_1.pk}/").content.decode()
    assert "89.50 平方米 × 每平方米每月 ¥1.80 = 每月 ¥161.10" in page


def test_run_page_states_the_reserve_subsidy_under_seed_004(city, login):
    from gongzhi.registry.models import ExclusivePart

    city.district.profile_id = "shaanxi-xixian"
    city.district.save()
    ExclusivePart.objects.filter(pk=city.part_a2.pk).update(delivery="unsold")
    page = login("company_1").get("/fees/runs/").content.decode()
    assert "不少于 2 个月的储备费补贴" in page and "004 §7" in page
    assert "不少于" not in login("company_2").get("/fees/runs/").content.decode()
