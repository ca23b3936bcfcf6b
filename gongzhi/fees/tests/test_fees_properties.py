"""Property tests (hypothesis): any sequence of payments, valid or not, keeps every bill's
paid amount within its total and equal to the sum of its payments."""

from __future__ import annotations

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.core.errors import DomainError
from gongzhi.fees import services
from gongzhi.fees.models import Bill, Payment
from gongzhi.fees.tests.conftest import actor

OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["bill_1", "bill_2"]),
        st.integers(min_value=-100, max_value=300_000),
        st.sampled_from(["cash", "bank_transfer"]),
    ),
    max_size=12,
)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS)
def test_paid_never_exceeds_total_and_equals_sum_of_payments(city, fees, operations):
    staff = actor(city, "company_1")
    Payment.objects.all().delete()
    Bill.objects.update(paid_fen=0)
    Bill.objects.filter(pk__in=[fees.bill_1.pk, fees.bill_2.pk]).update(status="open")
    bills = {"bill_1": fees.bill_1.pk, "bill_2": fees.bill_2.pk}
    for which, fen, method in operations:
        amount = f"{fen / 100:.2f}" if fen >= 0 else str(fen)
        try:
            services.payment_record(actor=staff, bill_id=bills[which], amount=amount, method=method)
        except DomainError:
            pass
    for bill in Bill.objects.filter(pk__in=bills.values()):
        total_paid = Payment.objects.filter(bill=bill).aggregate(s=Sum("amount_fen"))["s"] or 0
        assert 0 <= bill.paid_fen <= bill.total_fen
        assert bill.paid_fen == total_paid
        expected = (
            "paid"
            if bill.paid_fen == bill.total_fen
            else ("partly_paid" if bill.paid_fen else "open")
        )
        assert bill.status == expected
