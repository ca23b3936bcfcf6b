"""Races on PostgreSQL: two payments on one bill never overpay; the same statement
imported twice at once is taken once. On PostgreSQL the calls really run at the same
moment; SQLite locks the whole database for a writer, so there they run one after another
(the outcome asserted is the same)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext

import pytest
from django.db import connection, connections

from gongzhi.core.errors import ConflictError, DomainError
from gongzhi.fees import services
from gongzhi.fees.models import BankStatementImport, Bill, Payment
from gongzhi.fees.tests.conftest import actor


def race(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads started together; each result or raised error."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)
    lock = threading.Lock()

    def turn() -> AbstractContextManager[object]:
        return nullcontext() if connection.vendor == "postgresql" else lock

    def run(i: int, call: Callable[[], object]) -> None:
        barrier.wait()
        try:
            with turn():
                results[i] = call()
        except Exception as error:  # noqa: BLE001 - the test inspects it
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.django_db(transaction=True)
def test_two_payments_racing_on_one_bill_never_overpay(city, fees):
    staff = actor(city, "company_1")
    # each pays 1 500.00 of the 1 933.20 due: only one can succeed
    results = race(
        *[
            lambda: services.payment_record(
                actor=staff, bill_id=fees.bill_1.pk, amount="1500.00", method="cash"
            )
            for _ in range(2)
        ]
    )
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(errors) == 1 and isinstance(errors[0], DomainError)
    bill = Bill.objects.get(pk=fees.bill_1.pk)
    assert bill.paid_fen == 150000 == sum(p.amount_fen for p in Payment.objects.filter(bill=bill))


@pytest.mark.django_db(transaction=True)
def test_same_statement_imported_concurrently_is_taken_once(city, fees):
    data = "交易日期,贷方金额,对方户名,摘要\n2025-02-01,10.00,王小明,1-1-101\n".encode()
    staff = actor(city, "company_1")
    results = race(
        *[
            lambda: services.bank_statement_import(
                actor=staff, project_id=city.project_a.pk, data=data, filename="s.csv"
            )
            for _ in range(3)
        ]
    )
    assert sum(isinstance(r, ConflictError) for r in results) == 2
    assert BankStatementImport.objects.count() == 1
    assert Payment.objects.count() == 1
