"""Disbursements racing for the same balance: no account of the maintenance fund may go
below zero, also under concurrent requests (seed 000 §33: the fund is the owners' money).

On PostgreSQL the threads really race (each has its own connection; a barrier releases
them together) and the account row locks must keep every balance at or above zero. On
SQLite, whose test database allows one writer, the same requests run serialised.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from gongzhi.accounts.selectors import actor_for
from gongzhi.funds import ledger, services
from gongzhi.funds.models import FundUseApplication, JournalEntry, PartFund
from gongzhi.testing import PASSWORD, build_city


@pytest.mark.django_db(transaction=True)
def test_concurrent_disbursements_never_overdraw_a_part():
    # given part a1 holding ¥8,950.00 and two pre-reviewed ¥6,000.00 repairs on it alone
    city = build_city()
    bureau = actor_for(city.users["bureau"])
    committee = actor_for(city.users["committee_a"])
    services.maintenance_open(
        actor=bureau, project_id=city.project_a.pk, cost_yuan_per_m2_elevator="2000"
    )
    services.first_deposits_record_all(actor=bureau, project_id=city.project_a.pk)
    apps = []
    for title in ("电梯", "屋面"):
        app = services.fund_use_apply(
            actor=committee,
            project_id=city.project_a.pk,
            title=title,
            work="w",
            estimate="6000",
            part_ids=[city.part_a1.pk],
            emergency="leak",
        )
        services.fund_use_act(actor=bureau, application_id=app.pk, action="pre_review")
        apps.append(app)
    parallel = connection.vendor == "postgresql"
    targets = [apps[0].pk, apps[0].pk, apps[1].pk, apps[1].pk]
    barrier = threading.Barrier(len(targets))
    serial = threading.Lock()
    statuses: list[int] = []
    errors: list[BaseException] = []

    def disburse(app_id: int) -> None:
        from django.db import connections

        client = Client()
        try:
            with serial:
                client.post("/accounts/login/", {"login": "bureau", "password": PASSWORD})
            barrier.wait(timeout=30)
            if parallel:
                response = client.post(
                    f"/api/v1/funds/applications/{app_id}/actions/disburse", {}, "application/json"
                )
            else:
                with serial:
                    response = client.post(
                        f"/api/v1/funds/applications/{app_id}/actions/disburse",
                        {},
                        "application/json",
                    )
            statuses.append(response.status_code)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    # when four requests disburse the two applications at the same moment
    threads = [threading.Thread(target=disburse, args=(pk,)) for pk in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then exactly one disbursement went through and the others were refused
    assert errors == []
    assert sorted(statuses) == [200, 409, 409, 409]
    assert FundUseApplication.objects.filter(status="disbursed").count() == 1
    part_fund = PartFund.objects.select_related("account").get(part=city.part_a1)
    assert part_fund.account.balance_fen == 895_000 - 600_000
    assert JournalEntry.objects.filter(reference__startswith="funds.fund_use:").count() == 1
    assert ledger.reconcile().ok
