"""Monthly reports end to end: asked for on the page, built by the task (immediate backend),
progress to 100 %, a PDF and an Excel file of the street's figures only; the other street
never sees it; built again on request; built from the command line."""

from __future__ import annotations

import io
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditEntry
from gongzhi.complaints.services import complaint_submit
from gongzhi.core import clock
from gongzhi.dashboards.models import MonthlyReport
from gongzhi.testing import City

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def complaints(city: City) -> None:
    complaint_submit(
        actor=actor_for(city.users["owner_1"]),
        channel="owner",
        category="service_quality",
        description="电梯坏了三天无人维修",
        project=city.project_a,
        place="1栋",
    )
    complaint_submit(
        actor=actor_for(city.users["street_b"]),
        channel="patrol",
        category="service_quality",
        description="和平花园的投诉",
        project=city.project_b,
        place="1栋",
    )


def _cells(data: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(data))
    return [str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row]


def test_a_street_builds_its_monthly_report_and_only_it_sees_it(
    city: City, complaints: None, login, django_capture_on_commit_callbacks
) -> None:
    client = login("street_a")
    month = clock.today().strftime("%Y-%m")
    # when the street officer asks for this month's report (the task runs after commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/dashboards/reports/", {"node": city.street_a.pk, "month": month})
    assert response.status_code == 302
    report = MonthlyReport.objects.get()
    # then it was built, with its progress at 100 % and both files
    assert report.status == "done" and report.progress == 100
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="report-pdf"' in page and "hx-trigger" not in page
    pdf = client.get(f"/dashboards/reports/{report.pk}/pdf/")
    assert pdf.status_code == 200
    body = b"".join(pdf.streaming_content)
    assert body.startswith(b"%PDF")
    xlsx = b"".join(client.get(f"/dashboards/reports/{report.pk}/xlsx/").streaming_content)
    cells = _cells(xlsx)
    assert city.project_a.name in cells
    assert not any(city.project_b.name in c or city.company_2.name in c for c in cells)
    # the month's changes count the street's one complaint
    book = load_workbook(io.BytesIO(xlsx))
    changes = {row[0].value: row[1].value for row in book.worksheets[0].iter_rows(min_row=2)}
    assert changes["接收投诉"] == 1  # the workbook is in Chinese, like the PDF
    # every step of the report is in the audit log
    actions = list(
        AuditEntry.objects.filter(target_type__icontains="monthly").values_list("action", flat=True)
    )
    assert actions.count("transition") == 2 and "create" in actions
    # the other street sees neither the report nor its files nor it in the archive
    other = login("street_b")
    assert other.get(f"/dashboards/reports/{report.pk}/").status_code == 404
    assert other.get(f"/dashboards/reports/{report.pk}/pdf/").status_code == 404
    assert (
        f"/dashboards/reports/{report.pk}/"
        not in other.get("/dashboards/reports/").content.decode()
    )
    # and may not ask for a report of street A
    refused = other.post("/dashboards/reports/", {"node": city.street_a.pk, "month": month})
    assert refused.status_code == 400
    # the bureau sees it in its archive and builds it again
    bureau = login("bureau")
    assert (
        f"/dashboards/reports/{report.pk}/" in bureau.get("/dashboards/reports/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        again = bureau.post("/dashboards/reports/", {"node": city.street_a.pk, "month": month})
    assert again.status_code == 302
    assert MonthlyReport.objects.get().status == "done"


def test_a_future_month_is_refused(city: City, login) -> None:
    client = login("bureau")
    response = client.post("/dashboards/reports/", {"node": city.district.pk, "month": "2999-01"})
    assert response.status_code == 400
    assert not MonthlyReport.objects.exists()


def test_the_command_builds_a_report(city: City, complaints: None) -> None:
    out = StringIO()
    month = clock.today().strftime("%Y-%m")
    call_command("reports", "build", "--month", month, "--node", f"n{city.district.pk}", stdout=out)
    report = MonthlyReport.objects.get(node=city.district)
    assert report.status == "done"
    assert report.pdf.name.endswith(".pdf") and "共治区" in out.getvalue()
    # and again, by division code: rebuilt in place
    call_command("reports", "build", "--month", month, "--node", "430502", stdout=out)
    assert MonthlyReport.objects.count() == 1
