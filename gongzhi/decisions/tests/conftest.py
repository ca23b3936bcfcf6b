"""Fixtures of the decisions tests: a controllable clock and a matter brought to a state."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.clock import StoppedClock
from gongzhi.core.scoping import Actor
from gongzhi.decisions import services
from gongzhi.decisions.models import Matter
from gongzhi.registry.models import ExclusivePart, Owner, Ownership
from gongzhi.testing import City

START = dt.date(2026, 3, 2)


@pytest.fixture
def clock() -> Iterator[StoppedClock]:
    """Today, as the platform sees it (publication windows, open, close); tests move it."""
    state = StoppedClock(START)
    yield state
    state.release()


def actor(city: City, username: str) -> Actor:
    return actor_for(city.users[username])


def add_part(
    city: City, number: str, area: str, owner: Owner | None, **extra: Any
) -> ExclusivePart:
    unit = city.part_a1.building_unit
    part = ExclusivePart.objects.create(
        project=city.project_a, building_unit=unit, number=number, area=Decimal(area), **extra
    )
    if owner is not None:
        Ownership.objects.create(part=part, owner=owner)
    return part


def publish(clock: StoppedClock, committee: Actor, matter: Matter) -> dt.date:
    """Publish ``matter`` with its vote from 15 days on, for 7 days: the first voting day."""
    starts = clock.day + dt.timedelta(days=15)
    services.matter_publish(
        actor=committee,
        matter=matter,
        voting_starts_on=starts,
        voting_ends_on=starts + dt.timedelta(days=6),
    )
    return starts


def publish_and_open(clock: StoppedClock, committee: Actor, matter: Matter) -> None:
    """Publish ``matter`` (:func:`publish`), move to its first voting day and open the vote."""
    clock.day = publish(clock, committee, matter)
    services.voting_open(actor=committee, matter=matter)


@pytest.fixture
def voting(city: City, clock: StoppedClock) -> Callable[..., Matter]:
    """``voting(kind="ordinary", **create_kwargs)``: a matter of project A, open for voting."""

    def make(kind: str = "ordinary", state: str = "voting", **kwargs: Any) -> Matter:
        committee = actor(city, "committee_a")
        names = kwargs.pop("candidates", ("王小明", "赵小红"))
        matter = services.matter_create(
            actor=committee,
            project=city.project_a,
            kind=kind,
            title=kwargs.pop("title", "更换小区大门"),
            body="方案见附件",
            **kwargs,
        )
        if kind == "election":
            for name in names:
                services.candidate_add(actor=committee, matter=matter, name=name)
        if state == "draft":
            return matter
        starts = publish(clock, committee, matter)
        if state == "published":
            return Matter.objects.get(pk=matter.pk)
        clock.day = starts
        services.voting_open(actor=committee, matter=matter)
        return Matter.objects.get(pk=matter.pk)

    return make


def pdf(name: str = "scan.pdf") -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, b"%PDF-1.4\n%ballot scan\n", content_type="application/pdf")


@pytest.fixture
def outsider(city: City) -> Owner:
    """An owner of project B with a login (``owner_b``): another project's owner."""
    from gongzhi.accounts.models import Role
    from gongzhi.accounts.services import user_create
    from gongzhi.testing import PASSWORD

    user = user_create(
        actor=None, username="owner_b", password=PASSWORD, mobile="13900000003", role=Role.OWNER
    )
    city.users["owner_b"] = user
    Owner.objects.filter(pk=city.owner_b.pk).update(user=user)
    return city.owner_b
