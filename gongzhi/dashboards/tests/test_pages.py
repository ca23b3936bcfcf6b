"""The dashboard over HTTP on the two-street test city: the bureau drills from the
district to a street, a community and a project with the year kept; a street officer
never sees the other street's figures (page, rows, chart data, Excel, API); the page
has no inline script and works without the chart library; who may open it."""

from __future__ import annotations

import io
import json
import re

import pytest
from openpyxl import load_workbook

from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints.services import complaint_submit
from gongzhi.core import clock
from gongzhi.dashboards import views
from gongzhi.funds.tests.conftest import actor, funded  # noqa: F401 - fixtures
from gongzhi.testing import City

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaints(city: City) -> None:
    owner_1 = actor_for(city.users["owner_1"])
    street_b = actor_for(city.users["street_b"])
    for category in ("service_quality", "service_quality", "illegal_charges"):
        complaint_submit(
            actor=owner_1,
            channel="owner",
            category=category,
            description="电梯坏了三天无人维修",
            project=city.project_a,
            place="1栋",
        )
    complaint_submit(
        actor=street_b,
        channel="patrol",
        category="service_quality",
        description="和平花园的投诉",
        project=city.project_b,
        place="1栋",
    )


def _row_count(page: str) -> int:
    found = re.search(r'data-testid="row-count">\D*(\d+)', page)
    assert found, "the rows page says how many"
    return int(found.group(1))


def _charts(page: str) -> dict:
    found = re.search(
        r'<script id="dashboard-charts" type="application/json">(.*?)</script>', page, re.S
    )
    assert found, "the chart data is in the page"
    return json.loads(found.group(1))


def test_bureau_drills_from_the_district_to_a_project_keeping_the_year(
    city: City, complaints: None, login
) -> None:
    client = login("bureau")
    year = clock.today().year - 1
    # the district, last year: the drill-down links keep ?year
    page = client.get(f"/dashboards/?year={year}").content.decode()
    assert city.district.name in page
    assert f'href="/dashboards/n{city.street_a.pk}/?year={year}"' in page
    # this year: the street, its community, its project
    page = client.get("/dashboards/").content.decode()
    assert 'data-testid="figure-complaints.received"' in page
    street = client.get(f"/dashboards/n{city.street_a.pk}/").content.decode()
    assert f'href="/dashboards/n{city.community_a.pk}/"' in street
    community = client.get(f"/dashboards/n{city.community_a.pk}/").content.decode()
    assert f'href="/dashboards/p{city.project_a.pk}/"' in community
    project = client.get(f"/dashboards/p{city.project_a.pk}/")
    assert project.status_code == 200
    charts = _charts(project.content.decode())
    received = {r["label"]: r["values"][0] for r in charts["complaints_by_category"]["rows"]}
    assert sum(received.values()) == 3
    # every figure links to its rows, and the rows say as many as the figure
    rows = client.get(
        f"/dashboards/p{city.project_a.pk}/rows/complaints/?year={clock.today().year}"
    ).content.decode()
    assert _row_count(rows) == 3


def test_a_street_never_sees_another_streets_figures(city: City, complaints: None, login) -> None:
    client = login("street_a")
    # its own dashboard
    page = client.get("/dashboards/").content.decode()
    assert city.street_a.name in page
    assert city.project_b.name not in page and city.street_b.name not in page
    charts = json.dumps(_charts(page), ensure_ascii=False)
    assert city.project_b.name not in charts and city.company_2.name not in charts
    assert sum(r["values"][0] for r in _charts(page)["complaints_by_category"]["rows"]) == 3
    # the other street, its project, and the district above: not found, everywhere
    for code in (f"n{city.street_b.pk}", f"p{city.project_b.pk}", f"n{city.district.pk}"):
        assert client.get(f"/dashboards/{code}/").status_code == 404
        assert client.get(f"/dashboards/{code}/rows/complaints/").status_code == 404
        assert client.get(f"/dashboards/{code}/export.xlsx").status_code == 404
        assert client.get(f"/api/v1/dashboards/{code}").status_code == 404
    # the rows of its own street filtered to the other street's project are empty
    rows = client.get(
        f"/dashboards/n{city.street_a.pk}/rows/complaints/?project={city.project_b.pk}"
    ).content.decode()
    assert _row_count(rows) == 0
    # the Excel of its own street names nothing of the other street
    data = client.get(f"/dashboards/n{city.street_a.pk}/export.xlsx").content
    cells = [
        str(c.value)
        for ws in load_workbook(io.BytesIO(data)).worksheets
        for row in ws.iter_rows()
        for c in row
    ]
    assert not any(city.project_b.name in c or city.company_2.name in c for c in cells)
    # the API gives its own dashboard with the same numbers
    api = client.get("/api/v1/dashboards/").json()
    assert api["place"] == f"n{city.street_a.pk}"
    figures = {f["key"]: f["value"] for f in api["figures"]}
    assert figures["complaints.received"] == 3
    assert city.project_b.name not in json.dumps(api, ensure_ascii=False)


def test_no_inline_script_and_tables_without_the_library(
    city: City, complaints: None, login, monkeypatch
) -> None:
    client = login("bureau")
    page = client.get("/dashboards/").content.decode()
    for tag in re.findall(r"<script\b[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert "onclick=" not in page.split('<main id="main">', 1)[1]
    # without the library: no script, every chart's table is there
    monkeypatch.setattr(views, "chart_library_url", lambda: None)
    page = client.get("/dashboards/").content.decode()
    assert "dashboard.js" not in page
    assert page.count('<details class="chart-table" open>') == len(_charts(page))


def test_who_has_a_dashboard(city: City, complaints: None, login) -> None:
    assert login("owner_1").get("/dashboards/").status_code == 403
    assert login("company_1").get("/dashboards/").status_code == 403
    assert login("owner_1").get("/api/v1/dashboards/").status_code == 403
    # department staff: their own matters only, no register sections
    page = login("dept").get("/dashboards/").content.decode()
    assert 'data-testid="section-complaints"' in page
    assert 'data-testid="section-coverage"' not in page
    assert login("dept").get(f"/dashboards/n{city.street_a.pk}/").status_code == 404


@pytest.mark.usefixtures("funded")
def test_money_reads_as_on_every_other_page(login) -> None:
    """The maintenance-fund balance with the platform's money format (rules.money
    format_fen: ¥ and thousands separators), on the board and in the rows behind it."""
    # given project A's first deposits (``funded``: national 5 % of 2 000 yuan/m², part a1
    # → ¥8,950.00, part a2 → ¥12,025.00)
    client = login("bureau")
    # when the bureau opens its dashboard
    page = client.get("/dashboards/", follow=True).content.decode()
    # then
    found = re.search(
        r'href="([^"]*)" data-testid="figure-funds.maintenance_balance">.*?<b>(.*?)</b>', page
    )
    assert found, "the fund balance is on the board"
    assert found.group(2) == "¥20,975.00"
    rows = client.get(found.group(1)).content.decode()
    assert "<td>¥20,975.00</td>" in rows
