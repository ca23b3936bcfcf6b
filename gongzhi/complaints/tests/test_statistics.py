"""Statistics (seed 002 §二(一)2(1)): the counters the services maintain, the page with
filters, top projects and companies, Excel export, and its scope."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from gongzhi.complaints import services
from gongzhi.complaints.models import ComplaintDailyStat


def _resolve(actor, complaint, substantiated=None):
    officer = actor("community_a")
    services.complaint_accept(actor=officer, pk=complaint.pk)
    who = actor("company_1") if complaint.party == "company" else officer
    services.complaint_resolve(
        actor=who, pk=complaint.pk, public_note="已处理", substantiated=substantiated
    )


def test_counters_follow_the_workflow(city, submit, actor):
    first = submit()
    submit()  # the same category again in the same project: a repeat
    submit("neighbour_dispute")
    _resolve(actor, first, substantiated=True)
    services.complaint_confirm(actor=actor("owner_1"), pk=first.pk, rating=3)
    totals = ComplaintDailyStat.objects.values_list(
        "received", "resolved", "rated", "satisfaction_sum", "substantiated"
    )
    sums = [sum(column) for column in zip(*totals, strict=True)]
    assert sums == [3, 1, 1, 3, 1]


def test_statistics_page_shows_totals_repeats_and_top_lists(city, submit, actor, login):
    submit()
    submit()
    submit("illegal_charges")
    client = login("bureau")
    page = client.get("/complaints/statistics/?by=category").content.decode()
    assert 'data-testid="total-received">3<' in page
    assert "投诉较多的物业项目" in page and "幸福家园" in page
    assert "湘安物业服务有限公司" in page
    by_street = client.get("/complaints/statistics/?by=street").content.decode()
    assert "东城街道" in by_street


def test_statistics_are_scoped_to_the_street(city, submit, login):
    submit()
    client = login("street_b")
    page = client.get("/complaints/statistics/").content.decode()
    assert 'data-testid="total-received">0<' in page


def test_statistics_filters_by_category_and_period(city, submit, login):
    submit()
    submit("illegal_charges")
    client = login("bureau")
    page = client.get("/complaints/statistics/?category=illegal_charges").content.decode()
    assert 'data-testid="total-received">1<' in page
    page = client.get("/complaints/statistics/?from=2000-01-01&to=2000-12-31").content.decode()
    assert 'data-testid="total-received">0<' in page


def test_statistics_and_list_export_to_excel(city, submit, login):
    submit()
    client = login("bureau")
    response = client.get("/complaints/statistics/export.xlsx?by=project")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "幸福家园" and rows[1][1] == 1
    response = client.get("/complaints/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[0][0] == "编号"


def test_repeat_complaints_count_the_same_problem_again_in_the_same_project(city, submit, actor):
    from gongzhi.complaints.stats import StatFilters, summary

    submit()
    submit()
    submit()
    submit("neighbour_dispute")
    result = summary(actor("bureau"), StatFilters(), "category", category_labels={})
    assert result.totals.received == 4 and result.totals.repeat == 2
    by_category = {row.key: row.repeat for row in result.rows}
    assert by_category == {"service_quality": 2, "neighbour_dispute": 0}
    assert [row.label for row in result.top_projects] == ["幸福家园"]


def test_work_queue_has_a_query_budget(city, submit, login, django_assert_max_num_queries):
    for _ in range(5):
        submit()
    client = login("street_a")
    with django_assert_max_num_queries(25):
        response = client.get("/complaints/")
    assert response.status_code == 200


def test_company_statistics_hold_only_its_own_projects(city, submit, login):
    submit()  # project A, company 1
    submit("illegal_charges")  # project A too: counted under company 1
    client = login("company_2")
    page = client.get("/complaints/statistics/").content.decode()
    assert 'data-testid="total-received">0<' in page
    page = login("company_1").get("/complaints/statistics/").content.decode()
    assert 'data-testid="total-received">2<' in page
