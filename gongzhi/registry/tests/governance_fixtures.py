"""Fixtures of the governance tests: more owners in project A, an owner account in
project B, and a committee built through the real services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import user_create
from gongzhi.audit.models import AuditEntry
from gongzhi.core import clock
from gongzhi.registry.governance import services
from gongzhi.registry.models import (
    CommitteeMember,
    ExclusivePart,
    Owner,
    OwnersCommittee,
    Ownership,
)
from gongzhi.testing import PASSWORD, City


def today() -> dt.date:
    return clock.today()


@pytest.fixture
def owners_a(city: City) -> list[Owner]:
    """Eight owners of project A: owner_1, owner_2 and six more, each with a dwelling."""
    extra = []
    for i in range(6):
        part = ExclusivePart.objects.create(
            project=city.project_a, number=f"1-1-{301 + i}", area=Decimal("90.00")
        )
        owner = Owner.objects.create(
            kind=Owner.Kind.PERSON, name=f"业主{i}", phone=f"1380000010{i}"
        )
        Ownership.objects.create(part=part, owner=owner)
        extra.append(owner)
    return [city.owner_1, city.owner_2, *extra]


@pytest.fixture
def owner_3(city: City) -> Owner:
    """An owner account in project B (co-owner of part B1)."""
    user = user_create(
        actor=None, username="owner_3", password=PASSWORD, mobile="13800000003", role=Role.OWNER
    )
    owner = Owner.objects.create(
        kind=Owner.Kind.PERSON, name="孙小花", phone="13800000003", user=user
    )
    Ownership.objects.create(part=city.part_b1, owner=owner, share_numerator=1)
    return owner


def elect_committee(
    city: City,
    *,
    seats: int = 5,
    members: list[Owner] | None = None,
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
) -> OwnersCommittee:
    """Walk project A to "committee" as street A would, then add ``members``."""
    street = actor_for(city.users["street_a"])
    start = term_start or today() - dt.timedelta(days=30)
    pid = city.project_a.pk
    services.formation_preparation_formed(actor=street, project_id=pid, on=start)
    services.formation_first_assembly_held(actor=street, project_id=pid, on=start)
    services.formation_committee_elected(
        actor=street,
        project_id=pid,
        on=start,
        committee=services.CommitteeInput(
            term_start=start,
            term_end=term_end or start + dt.timedelta(days=5 * 365),
            seats=seats,
            office_address="幸福家园物业楼201",
            office_hours="周二、周六 9:00–11:30",
            phone="0739-5201234",
        ),
    )
    committee = OwnersCommittee.objects.get(project=city.project_a, is_current=True)
    for i, owner in enumerate(members or []):
        services.member_add(
            actor=street,
            committee_id=committee.pk,
            owner_id=owner.pk,
            position="chair" if i == 0 else "member",
            party_member=i == 0,
        )
    return committee


def counts() -> tuple[int, int, int]:
    """Audit entries, committees and members: unchanged after a refused request."""
    return (
        AuditEntry.objects.count(),
        OwnersCommittee.objects.count(),
        CommitteeMember.objects.count(),
    )


def post_json(client: Any, url: str, body: dict[str, Any]) -> Any:
    return client.post(url, body, content_type="application/json")


def record_committee(client: Any, project: Any, *, seats: int = 5) -> Any:
    """POST a committee for ``project`` through the API, its one-year term starting today."""
    return post_json(
        client,
        "/api/v1/registry/committees",
        {
            "project_id": project.pk,
            "term_start": today().isoformat(),
            "term_end": (today() + dt.timedelta(days=365)).isoformat(),
            "seats": seats,
        },
    )


def add_member(
    client: Any, committee: OwnersCommittee, owner: Owner, position: str = "member", **extra: Any
) -> Any:
    """POST a member through the API."""
    return post_json(
        client,
        f"/api/v1/registry/committees/{committee.pk}/members",
        {"owner_id": owner.pk, "position": position, **extra},
    )
