"""Query counts of a billing run (query budgets): the bills and lines of a run are written
with one ``executemany`` each and one read of the new bills' ids, so billing 2 parts or
14 runs the same number of queries (no query per part or per batch of ~60 rows), and a
regression fails here without a timed test. The run's one audit row names the run, whose
bills all carry its id."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.audit.models import AuditEntry
from gongzhi.fees import services
from gongzhi.fees.models import Bill, BillingRun, BillLine
from gongzhi.registry.models import BuildingUnit, ExclusivePart, Owner, Ownership
from gongzhi.testing import City

from .conftest import actor, make_standard

pytestmark = pytest.mark.django_db
EXTRA = 12


def _bill(city: City, start: dt.date, end: dt.date) -> tuple[int, BillingRun]:
    with CaptureQueriesContext(connection) as captured:
        run = services.billing_run(
            actor=actor(city, "company_1"),
            project_id=city.project_a.pk,
            period_start=start,
            period_end=end,
        )
    return len(captured.captured_queries), run


def test_a_billing_run_runs_the_same_queries_for_2_or_14_parts(city: City) -> None:
    make_standard(city)
    few, small = _bill(city, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    unit = BuildingUnit.objects.filter(project=city.project_a).first()
    parts = ExclusivePart.objects.bulk_create(
        ExclusivePart(
            project=city.project_a,
            building_unit=unit,
            number=f"1-9-{i:03d}",
            kind="parking" if i % 4 == 3 else "dwelling",
            area=Decimal(6000 + i * 37).scaleb(-2),
            vacant_unrenovated=i % 5 == 1,
        )
        for i in range(EXTRA)
    )
    owners = Owner.objects.bulk_create(
        Owner(kind=Owner.Kind.PERSON, name=f"计数业主{i}", phone=f"139{i:08d}")
        for i in range(EXTRA)
    )
    Ownership.objects.bulk_create(
        Ownership(part=p, owner=o) for p, o in zip(parts, owners, strict=True)
    )
    lots, big = _bill(city, dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert (small.bill_count, big.bill_count) == (2, EXTRA + 2)
    assert few == lots
    bills = Bill.objects.filter(run=big)
    assert bills.count() == big.bill_count
    assert sum(bills.values_list("total_fen", flat=True)) == big.total_fen
    assert (
        sum(BillLine.objects.filter(bill__run=big).values_list("amount_fen", flat=True))
        == big.total_fen
    )
    line = BillLine.objects.filter(bill__part=parts[0], bill__run=big).get()
    assert line.explanation["message"] and line.months == 6 and not line.reversal
    assert bills.filter(status=Bill.Status.OPEN, paid_fen=0).count() == big.bill_count
    assert AuditEntry.objects.filter(target_id=str(big.pk), action="create").exists()
