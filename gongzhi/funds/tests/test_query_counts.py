"""Query counts of the ledger's batch writes (query budgets): a disbursement shared by N parts
and an interest allocation over N parts run a constant number of queries whatever N (one
locking read, one entry, one ``executemany`` of postings and one of balances, one audit
row naming the entry), so a regression to a query per part fails here without a timed
test. The ledger still balances to the fen afterwards."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.funds import services
from gongzhi.funds.ledger import reconcile
from gongzhi.funds.models import FundUseShare, JournalEntry, PartFund, Posting
from gongzhi.registry.models import BuildingUnit, ExclusivePart
from gongzhi.testing import City

pytestmark = pytest.mark.django_db
EXTRA = 12


@pytest.fixture
def many(city: City, actor) -> City:
    """Project A with ``EXTRA`` more dwellings, accounts opened and first deposits made."""
    unit = BuildingUnit.objects.filter(project=city.project_a).first()
    ExclusivePart.objects.bulk_create(
        ExclusivePart(
            project=city.project_a,
            building_unit=unit,
            number=f"1-9-{i:03d}",
            area=Decimal(6000 + i * 37).scaleb(-2),
        )
        for i in range(EXTRA)
    )
    bureau = actor("bureau")
    services.maintenance_open(
        actor=bureau,
        project_id=city.project_a.pk,
        cost_yuan_per_m2_elevator="2000",
        cost_yuan_per_m2_plain="1500",
    )
    services.first_deposits_record_all(actor=bureau, project_id=city.project_a.pk)
    return city


def _disburse(city: City, actor, part_ids: list[int]) -> int:
    app = services.fund_use_apply(
        actor=actor("committee_a"),
        project_id=city.project_a.pk,
        title="更换电梯钢丝绳",
        work="Replace the ropes.",
        estimate="1000.00",
        part_ids=part_ids,
        emergency="elevator_failure",
    )
    services.fund_use_act(actor=actor("bureau"), application_id=app.pk, action="pre_review")
    with CaptureQueriesContext(connection) as captured:
        services.fund_use_disburse(actor=actor("bureau"), application_id=app.pk)
    shares = FundUseShare.objects.filter(application=app)
    assert sum(shares.values_list("amount_fen", flat=True)) == 100_000
    return len(captured.captured_queries)


def test_a_disbursement_runs_the_same_queries_for_2_or_14_parts(many: City, actor) -> None:
    parts = list(
        PartFund.objects.filter(project=many.project_a)
        .order_by("part_id")
        .values_list("part_id", flat=True)
    )
    assert len(parts) == EXTRA + 2
    few = _disburse(many, actor, parts[:2])
    lots = _disburse(many, actor, parts)
    assert few == lots
    entry = JournalEntry.objects.latest("pk")
    assert Posting.objects.filter(entry=entry).count() == len(parts) + 1  # the bank's too
    assert reconcile().ok


def test_interest_runs_the_same_queries_for_2_or_14_parts(many: City, actor) -> None:
    def allocate(project_id: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            n = services.interest_allocate(
                actor=actor("bureau"), project_id=project_id, amount="123.45"
            )
        return len(captured.captured_queries), n

    bureau = actor("bureau")
    services.maintenance_open(
        actor=bureau,
        project_id=many.project_b.pk,
        cost_yuan_per_m2_elevator="2000",
        cost_yuan_per_m2_plain="1500",
    )
    services.first_deposits_record_all(actor=bureau, project_id=many.project_b.pk)
    few, paid_b = allocate(many.project_b.pk)  # project B: its one part
    lots, paid_a = allocate(many.project_a.pk)
    assert paid_a == EXTRA + 2 and paid_b < paid_a
    assert few == lots
    assert reconcile().ok
