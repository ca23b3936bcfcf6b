"""A generated demo city with a few extra rows so every figure has something to count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints import stats
from gongzhi.complaints.models import Channel, Complaint
from gongzhi.core.scoping import Actor
from gongzhi.demo.generator import build_demo_city
from gongzhi.funds.models import PartFund, TopUpNotice
from gongzhi.lifecycle.models import Exit, HandoverFinding
from gongzhi.registry.models import Project

HOUSEHOLDS = 1200
PASSWORD = "Demo-pass-2026!"  # noqa: S105 - test fixture


def _enrich() -> None:
    """Vary what the demo leaves uniform: service modes, a project without a company, a
    hotline matter overdue, an open top-up notice."""
    projects = list(Project.objects.order_by("pk"))
    modes = [Project.ServiceMode.SELF_MANAGED, Project.ServiceMode.QUASI]
    for project, mode in zip(projects[1::4], modes, strict=False):
        Project.objects.filter(pk=project.pk).update(service_mode=mode)
    if len(projects) > 3:
        Project.objects.filter(pk=projects[3].pk).update(company=None)
        Project.objects.filter(pk=projects[2].pk).update(formation=Project.Formation.COMMITTEE)
    late = Complaint.objects.filter(status="in_progress").order_by("pk")[:3]
    Complaint.objects.filter(pk__in=[c.pk for c in late]).update(
        channel=Channel.HOTLINE, due_on=dt.date(2020, 1, 1)
    )
    fund = PartFund.objects.order_by("pk").first()
    if fund is not None and not TopUpNotice.objects.exists():
        TopUpNotice.objects.create(
            part_fund=fund,
            project=fund.project,
            balance_fen=100,
            threshold_fen=1000,
            node_path=fund.node_path,
        )
    # a defect past its rectification deadline, an exit past the end of its service
    defect = HandoverFinding.objects.filter(result="defect", reinspected_on__isnull=True).first()
    if defect is not None:
        HandoverFinding.objects.filter(pk=defect.pk).update(rectify_by=dt.date(2020, 1, 1))
    notified = Exit.objects.filter(status="notified").order_by("pk").first()
    if notified is not None:
        Exit.objects.filter(pk=notified.pk).update(end_on=dt.date(2020, 1, 1))
    Project.objects.filter(total_building_area__isnull=True).update(
        total_building_area=Decimal("1000.00")
    )


@pytest.fixture
def demo(db: None) -> dict:
    """The demo city (built per test: two tests use it), enriched, counters rebuilt."""
    result = build_demo_city(households=HOUSEHOLDS, seed=7, password=PASSWORD, progress=False)
    _enrich()
    stats.rebuild(Complaint.objects.all())
    return {"logins": {login.username: login for login in result.logins}}


def actor(username: str) -> Actor:
    return actor_for(User.objects.get(username=username))
