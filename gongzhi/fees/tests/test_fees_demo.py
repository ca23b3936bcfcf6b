"""The demo city's fee rows: a billed year, most bills paid, arrears, an imported
statement with unmatched rows, and the demo owner's bill."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import actor_for
from gongzhi.fees import selectors
from gongzhi.fees.models import BankStatementRow, Bill, FeeStandard


@pytest.mark.django_db
def test_demo_city_has_fee_rows():
    call_command(
        "demo_city", households=400, password="demo-pass-2026", no_progress=True, stdout=StringIO()
    )
    assert FeeStandard.objects.filter(status="published").exists()
    owner = actor_for(User.objects.get(username="owner"))
    mine = list(selectors.my_bills(actor=owner))
    assert mine and mine[0].status == "partly_paid"
    bills = Bill.objects.filter(project_id=mine[0].project_id)
    assert bills.filter(status="paid").count() > bills.count() // 2
    assert bills.filter(status__in=["open", "partly_paid"]).exists()
    assert BankStatementRow.objects.filter(payment__isnull=True).count() == 4
