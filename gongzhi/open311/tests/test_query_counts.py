"""Query count of one Open311 intake: a GeoReport POST that becomes a routed
complaint runs the same queries whatever came before it (no query that grows with the
complaints, clients or requests already stored), within a ceiling measured on
2026-12-06 (16: the key, the node with its inherited profile, the responsibility list and
the department, the calendar, the complaint with its event and audit row, its counters
(one upsert for the day's row, one for the period roll-ups), the link and its audit row,
and the savepoints of the transaction and of the complaint number; the profile is resolved
once, not by every routing step), so an N+1 between the request and ``complaint_submit``
fails here without a timed test. With the abuse limit on (production) the per-key counter
adds one statement, its upsert."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.complaints.models import Complaint
from gongzhi.core import clock

CEILING = 16


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


def test_the_abuse_limit_adds_one_statement_to_an_intake(codes, post, settings) -> None:
    post(service_code="illegal_charges", account_id="A-0")  # warm
    off = _count(post, service_code="illegal_charges", account_id="A-1")
    settings.GONGZHI_RATE_LIMITS_ENABLED = True
    with clock.frozen(clock.now()):  # both in one window
        post(service_code="illegal_charges", account_id="A-2")  # the window's first request
        on = _count(post, service_code="illegal_charges", account_id="A-3")
    assert on == off + 1 <= CEILING + 1
