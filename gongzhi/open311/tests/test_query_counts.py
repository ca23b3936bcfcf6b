"""Query count of one Open311 intake: a GeoReport POST that becomes a routed
complaint runs the same queries whatever came before it (no query that grows with the
complaints, clients or requests already stored), within a ceiling measured on
2026-12-06 (18: the key, the node with its inherited profile, the responsibility list and
the department, the calendar, the complaint with its event, audit row and counters, the
link and its audit row; the profile is resolved once, not by every routing step), so an
N+1 between the request and ``complaint_submit`` fails here without a timed test."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.complaints.models import Complaint

CEILING = 18


def _count(post: Any, **fields: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = post(**fields)
    assert response.status_code == 201
    return len(captured.captured_queries)


def test_an_intake_runs_the_same_queries_the_first_or_the_sixth_time(codes, post) -> None:
    post(service_code="illegal_charges", phone="13912345678", account_id="A-0")  # warm
    first = _count(post, service_code="illegal_charges", phone="13912345678", account_id="A-1")
    for i in range(2, 6):
        post(service_code="illegal_charges", phone="13912345678", account_id=f"A-{i}")
    sixth = _count(post, service_code="illegal_charges", phone="13912345679", account_id="A-6")
    assert first == sixth <= CEILING
    assert Complaint.objects.filter(channel="open311").count() == 7
