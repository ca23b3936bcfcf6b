"""The demo city's credit rows: records of every kind of origin, one awaiting approval,
one appealed, scores for this year and last, one blacklisting with letters, one plan."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from gongzhi.core.clock import today
from gongzhi.credit.models import (
    Appeal,
    Blacklisting,
    CreditRecord,
    CreditScore,
    InspectionPlan,
    NotificationLetter,
)

pytestmark = pytest.mark.django_db


def test_demo_city_has_credit_showcase_rows():
    call_command(
        "demo_city", households=400, password="demo-pass-2026", no_progress=True, stdout=StringIO()
    )
    year = today().year
    assert CreditRecord.objects.filter(source="complaint").exists()
    assert CreditRecord.objects.filter(source="assessment").exists()
    assert CreditRecord.objects.filter(status="pending_approval").count() == 1
    assert Appeal.objects.filter(status="open").count() == 1
    assert set(CreditScore.objects.values_list("year", flat=True)) == {year - 1, year}
    listing = Blacklisting.objects.get()
    assert listing.company.is_blacklisted and NotificationLetter.objects.exists()
    assert not listing.company.service_contracts.exists()
    assert InspectionPlan.objects.count() == 1
