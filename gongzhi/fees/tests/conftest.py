"""Fixtures of the fee tests: a published fee list and a billed year for project A."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.fees import services
from gongzhi.fees.models import Bill, BillingRun, FeeStandard
from gongzhi.testing import City

ITEMS = [
    {"name": "物业服务费", "part_kind": "dwelling", "basis": "area", "price": "1.80"},
    {"name": "车位管理费", "part_kind": "parking", "basis": "part", "price": "60"},
]


@dataclass
class Fees:
    standard: FeeStandard
    run: BillingRun
    bill_1: Bill  # owner_1, part_a1 (89.50 m²)
    bill_2: Bill  # owner_2, part_a2 (120.25 m²)


def actor(city: City, name: str):
    return actor_for(city.users[name])


def make_standard(city: City, project=None, user="company_1", publish=True) -> FeeStandard:
    project = project or city.project_a
    standard = services.fee_standard_set(
        actor=actor(city, user),
        project_id=project.pk,
        service_grade="2",
        mode="lump_sum",
        effective_from=dt.date(2025, 1, 1),
        items=ITEMS,
    )
    if publish:
        standard = services.fee_items_publish(actor=actor(city, user), standard_id=standard.pk)
    return standard


@pytest.fixture
def fees(city: City) -> Fees:
    standard = make_standard(city)
    run = services.billing_run(
        actor=actor(city, "company_1"),
        project_id=city.project_a.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        due_on=dt.date(2025, 2, 1),
    )
    return Fees(
        standard,
        run,
        Bill.objects.get(part=city.part_a1),
        Bill.objects.get(part=city.part_a2),
    )
