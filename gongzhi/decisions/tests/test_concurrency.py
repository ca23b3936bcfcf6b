"""One ballot per owner per matter under concurrent requests (seed 000 §18).

On PostgreSQL the threads really race (each has its own connection; a barrier releases them
together) and the matter lock plus the ``ballot_one_per_voter`` constraint must hold. On
SQLite, whose in-memory test database allows one writer, the same requests run serialised.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from gongzhi.decisions.models import Ballot, BallotRevision
from gongzhi.testing import PASSWORD

THREADS = 6


@pytest.mark.django_db(transaction=True)
def test_concurrent_http_votes_of_one_owner_leave_one_ballot(city, voting):
    # given a matter open for voting
    matter = voting()
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(THREADS)
    serial = threading.Lock()
    statuses: list[int] = []
    errors: list[BaseException] = []

    def request(choice: str) -> None:
        client = Client()
        response = client.post("/accounts/login/", {"login": "owner_1", "password": PASSWORD})
        assert response.status_code == 302
        if parallel:
            barrier.wait(timeout=30)
        statuses.append(
            client.post(f"/decisions/{matter.pk}/vote/", {"choice": choice}).status_code
        )

    def vote(choice: str) -> None:
        from django.db import connections

        try:
            if parallel:
                request(choice)
            else:
                with serial:
                    request(choice)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    # when the same owner submits six votes at the same moment
    threads = [
        threading.Thread(target=vote, args=(("yes", "no", "abstain")[i % 3],))
        for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then every request succeeded and there is exactly one ballot, six versions deep
    assert errors == []
    assert statuses == [302] * THREADS
    ballot = Ballot.objects.get(matter=matter)
    assert Ballot.objects.filter(matter=matter).count() == 1
    assert ballot.version == THREADS
    revisions = BallotRevision.objects.filter(ballot=ballot)
    assert sorted(revisions.values_list("version", flat=True)) == list(range(1, THREADS + 1))
    assert len(set(revisions.values_list("receipt", flat=True))) == THREADS
    # and the counted choice is the last version's
    assert revisions.get(version=THREADS).choice == ballot.choice
