"""Queries of one online cast over HTTP (``POST /decisions/<pk>/vote/``), counted exactly.

A cast needs, beyond the request's own reads (session, user, memberships): the matter,
found in the voter's scope and locked (casts and the close of one matter run one after
another, seed 000 §18), the voter's keys on the frozen roll (民法典 art. 278: the roll
decides who votes), their ballot (one per voter per matter), the ballot written, a
revision keeping this version with its receipt, and the audit row. A changed number here
is a change in what a cast costs: look at it before changing the number.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.decisions.models import Ballot, BallotRevision
from gongzhi.decisions.tests.conftest import add_part

pytestmark = pytest.mark.django_db

#: session, user, memberships; savepoint; matter (scoped, locked), roll keys, ballot
#: (locked), ballot update, revision, audit row; release savepoint.
CHANGE_QUERIES = 11
#: the same, the ballot inserted in its own savepoint (a concurrent first cast may win).
FIRST_QUERIES = 13


def _cast(client, matter, choice: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(f"/decisions/{matter.pk}/vote/", {"choice": choice})
    assert response.status_code == 302
    return [q["sql"] for q in queries.captured_queries]


def test_a_first_cast_takes_a_fixed_number_of_queries(city, voting, login):
    # given a matter open for voting and an owner on its roll
    matter = voting()
    client = login("owner_1")
    # when the owner casts a first vote
    queries = _cast(client, matter, "yes")
    # then the ballot, its first revision and the audit row are written, in 13 queries
    assert len(queries) == FIRST_QUERIES, "\n".join(queries)
    ballot = Ballot.objects.get(matter=matter)
    assert (ballot.choice, ballot.version) == ("yes", 1)
    assert BallotRevision.objects.filter(ballot=ballot).count() == 1


def test_changing_a_vote_takes_a_fixed_number_of_queries(city, voting, login):
    # given an owner who has voted
    matter = voting()
    client = login("owner_1")
    _cast(client, matter, "yes")
    # when they change their vote
    queries = _cast(client, matter, "no")
    # then the ballot is updated and a second revision kept, in 11 queries
    assert len(queries) == CHANGE_QUERIES, "\n".join(queries)
    ballot = Ballot.objects.get(matter=matter)
    assert (ballot.choice, ballot.version) == ("no", 2)
    assert BallotRevision.objects.filter(ballot=ballot).count() == 2


def test_the_number_does_not_grow_with_the_owners_parts(city, voting, login, clock):
    # given an owner holding several more parts (one person on the roll, 法释〔2009〕7号 art. 9)
    for n in range(5):
        add_part(city, f"1-1-9{n:02d}", "88.00", city.owner_1)
    matter = voting()
    client = login("owner_1")
    _cast(client, matter, "yes")
    # when they change their vote, then the cast costs what it costs for one part
    assert len(_cast(client, matter, "abstain")) == CHANGE_QUERIES
    assert Ballot.objects.filter(matter=matter).count() == 1
