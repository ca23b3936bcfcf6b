"""Demo rows of this app (see gongzhi.demo.extensions).

A few hundred complaints across channels, states and categories over the last four
months: the demo owner's own two (one being handled, one confirmed with a rating), a few
substantiated complaints against the demo company (through the services, so the
``complaints.substantiated`` events exist), and bulk-inserted rows, some of them overdue
and some escalated to the street. The daily counters are rebuilt from the rows at the end.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints import routing, services, stats
from gongzhi.complaints.models import (
    Channel,
    Complaint,
    ComplaintEscalation,
    ComplaintEvent,
    Party,
)
from gongzhi.demo.extensions import DemoContext
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.registry.models import ExclusivePart, Project

BULK = 300
SUBSTANTIATED = 4
DESCRIPTIONS = (
    "多次反映未处理，请尽快解决。",
    "影响居民正常生活，希望有关部门处理。",
    "已与物业沟通，仍未解决。",
    "存在安全隐患，请尽快查处。",
)
S = Complaint.Status
STATUS_WEIGHTS = (
    (S.RECEIVED, 10),
    (S.ACCEPTED, 8),
    (S.ASSIGNED, 8),
    (S.IN_PROGRESS, 14),
    (S.RESOLVED, 20),
    (S.CONFIRMED, 40),
)


def _showcase(ctx: DemoContext) -> int:
    """The demo owner's complaints and the substantiated ones, through the services."""
    owner = actor_for(ctx.user("owner"))
    company_id = ctx.company_id()
    community = actor_for(ctx.user("community"))
    home = (
        ExclusivePart.objects.filter(ownerships__owner__user=ctx.user("owner"))
        .select_related("project", "project__community", "project__company")
        .first()
    )
    made = 0
    if home is not None:
        project = home.project
        first = services.complaint_submit(
            actor=owner,
            channel=Channel.OWNER,
            category="common_repairs",
            description="单元门禁损坏一周，物业未维修。",
            project=project,
            place="1栋1单元门口",
            contact_phone="13800138000",
        )
        services.complaint_accept(actor=community, pk=first.pk, public_note="已受理，转物业处理。")
        services.complaint_assign(actor=community, pk=first.pk)
        second = services.complaint_submit(
            actor=owner,
            channel=Channel.OWNER,
            category="neighbour_dispute",
            description="楼上装修噪音夜间扰民。",
            project=project,
        )
        services.complaint_accept(actor=community, pk=second.pk)
        services.complaint_resolve(actor=community, pk=second.pk, public_note="已上门调解。")
        services.complaint_confirm(actor=owner, pk=second.pk, rating=5)
        made += 2
    projects = list(
        Project.objects.filter(node_path__startswith=ctx.tree.root.path, company_id=company_id)
        .select_related("community")
        .order_by("pk")[:SUBSTANTIATED]
    )
    for project in projects:
        officer = actor_for(ctx.user("community"))
        if not any(project.node_path.startswith(p) for p in officer.node_paths):
            officer = actor_for(ctx.user("admin"))
        complaint = services.complaint_submit(
            actor=officer,
            channel=Channel.PATROL,
            category="service_quality",
            description="巡查发现小区垃圾清运不及时、绿化养护缺失。",
            project=project,
        )
        services.complaint_accept(actor=officer, pk=complaint.pk)
        services.complaint_resolve(
            actor=officer,
            pk=complaint.pk,
            public_note="经核查属实，责令物业限期整改。",
            substantiated=True,
        )
        made += 1
    return made


def _bulk(ctx: DemoContext, rng: random.Random) -> list[Complaint]:
    root = ctx.tree.root
    table = routing.responsibilities_for(root)
    projects = list(
        Project.objects.filter(node_path__startswith=root.path)
        .select_related("community")
        .order_by("pk")
    )
    if not projects:
        return []
    departments = {d.kind: d for d in Department.objects.filter(node=root)}
    streets: dict[int, Jurisdiction] = {s.pk: s for s in ctx.tree.streets}
    tz_now = timezone.now()
    today = ctx.today
    rows: list[Complaint] = []
    received: list[dt.datetime] = []
    numbers: set[str] = set()
    for i in range(BULK):
        project = rng.choice(projects)
        item = rng.choice(table)
        age = rng.randint(0, 120)
        created = tz_now - dt.timedelta(days=age, hours=rng.randint(0, 10))
        status = rng.choices([s for s, _w in STATUS_WEIGHTS], [w for _s, w in STATUS_WEIGHTS])[0]
        party: str = item.party
        department, company = None, project.company
        if party == Party.DEPARTMENT:
            department = departments.get(item.department_kind or "")
            if department is None:
                party = Party.STREET
        if party == Party.COMPANY and company is None:
            party = Party.STREET
        street = streets.get(project.community.parent_id or 0)
        tier = street if party in (Party.STREET, Party.DEPARTMENT) and street else project.community
        deadlines = routing.deadlines(project.community, timezone.localdate(created))
        resolved = status in (S.RESOLVED, S.CONFIRMED)
        handled = dt.timedelta(days=rng.randint(1, max(1, min(age, 20))))
        number = f"TS{timezone.localdate(created):%Y%m%d}{90_000 + i:06d}"
        if number in numbers:
            continue
        numbers.add(number)
        received.append(created)
        rows.append(
            Complaint(
                number=number,
                channel=rng.choice([c for c in Channel.values if c != Channel.OPEN311]),
                project=project,
                place=f"{rng.randint(1, 12)}栋",
                category=item.code,
                category_label=item.label_zh,
                description=rng.choice(DESCRIPTIONS),
                node=project.community,
                node_path=project.node_path,
                party=party,
                department=department,
                company=company,
                routing_note=item.source,
                tier_node=tier,
                status=status,
                acknowledge_due=deadlines.acknowledge.date,
                resolve_due=deadlines.resolve.date,
                due_on=None
                if resolved
                else (
                    deadlines.acknowledge.date if status == S.RECEIVED else deadlines.resolve.date
                ),
                substantiated=False if resolved and party == Party.COMPANY else None,
                resolution="已处理。" if resolved else "",
                resolved_at=min(created + handled, tz_now) if resolved else None,
                closed_at=min(created + handled, tz_now) if status == S.CONFIRMED else None,
                satisfaction=rng.choices([5, 4, 3, 2, 1], [40, 30, 15, 10, 5])[0]
                if status == S.CONFIRMED
                else None,
                hotline_number=f"12345{i:08d}" if i % 5 == 0 else "",
            )
        )
    created_rows = Complaint.objects.bulk_create(rows, batch_size=500)
    # created_at is auto_now_add: set the spread receipt times afterwards.
    for row, when in zip(created_rows, received, strict=True):
        Complaint.objects.filter(pk=row.pk).update(created_at=when)
    _escalate(ctx, created_rows, today)
    ComplaintEvent.objects.bulk_create(
        [
            ComplaintEvent(complaint=c, action="submit", to_status=S.RECEIVED, actor_label="demo")
            for c in created_rows
        ],
        batch_size=1000,
    )
    return created_rows


def _escalate(ctx: DemoContext, rows: list[Complaint], today: dt.date) -> None:
    """Overdue open rows at a community are escalated to their street, as the task would."""
    streets = {s.path: s for s in ctx.tree.streets}
    escalations = []
    for c in rows:
        if c.due_on is None or c.due_on >= today or c.tier_node.level != "community":
            continue
        street = next((s for p, s in streets.items() if c.node_path.startswith(p)), None)
        if street is None:
            continue
        escalations.append(
            ComplaintEscalation(
                complaint=c, missed_due=c.due_on, from_node=c.tier_node, to_node=street
            )
        )
        Complaint.objects.filter(pk=c.pk).update(tier_node=street, escalations=1)
    ComplaintEscalation.objects.bulk_create(escalations, batch_size=500)


def populate(ctx: DemoContext) -> dict[str, Any]:
    rng = ctx.rng("complaints")
    showcase = _showcase(ctx)
    bulk = _bulk(ctx, rng)
    stats.rebuild(Complaint.objects.filter(node_path__startswith=ctx.tree.root.path))
    return {
        "complaints.Complaint": showcase + len(bulk),
        "complaints.ComplaintEscalation": ComplaintEscalation.objects.count(),
    }
