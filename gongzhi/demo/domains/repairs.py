"""Demo rows of the repairs app (see gongzhi.demo.extensions).

Two repair workers (维修工) for the demo company, recorded through the registry's staff
service; the demo owner's own requests through the services (one rated, one dispatched
with an appointment, one waiting, one badly rated and turned into a complaint); and a few
hundred bulk-inserted requests over the last three months across the city's companies,
in every state, with response and finishing times, so the company queues and the times
per company have data (they carry no requester: the city's other owners have no login).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.demo.extensions import DemoContext
from gongzhi.registry.companies import services as company_services
from gongzhi.registry.models import CompanyStaff, ExclusivePart, Project
from gongzhi.repairs import services
from gongzhi.repairs.models import Category, Place, RepairEvent, RepairRequest

BULK = 400
S = RepairRequest.Status
STATUS_WEIGHTS = (
    (S.SUBMITTED, 8),
    (S.DISPATCHED, 8),
    (S.IN_PROGRESS, 6),
    (S.COMPLETED, 10),
    (S.RATED, 60),
    (S.CANCELLED, 5),
)
PROBLEMS = {
    Category.PLUMBING: ("厨房下水道堵塞。", "卫生间水管漏水。"),
    Category.ELECTRICAL: ("楼道灯不亮。", "入户空气开关频繁跳闸。"),
    Category.DOORS_WINDOWS: ("单元门闭门器损坏。", "防盗门锁芯卡住。"),
    Category.WALLS_ROOF: ("顶楼天花板渗水。", "外墙瓷砖松动。"),
    Category.ELEVATOR: ("电梯按键失灵。", "电梯运行有异响。"),
    Category.ACCESS_CONTROL: ("门禁刷卡无反应。", "道闸不抬杆。"),
    Category.FACILITIES: ("消防栓箱门损坏。", "二次供水水泵噪音大。"),
    Category.OTHER: ("健身器材松动。",),
}


def _showcase(ctx: DemoContext, company_id: int | None) -> int:
    owner = actor_for(ctx.user("owner"))
    staff = actor_for(ctx.user("company"))
    home = (
        ExclusivePart.objects.filter(ownerships__owner__user=ctx.user("owner"))
        .select_related("project")
        .order_by("pk")
        .first()
    )
    if home is None or home.project.company_id is None:
        return 0
    company = home.project.company_id
    workers = list(CompanyStaff.objects.filter(company_id=company, role=CompanyStaff.Role.OTHER))
    if company == company_id and len(workers) < 2:
        for name, specialty, phone in (
            ("刘师傅", "水电维修", "13907390001"),
            ("陈师傅", "门窗土建", "13907390002"),
        ):
            workers.append(
                company_services.staff_add(
                    actor=staff,
                    company_id=company,
                    name=name,
                    role=CompanyStaff.Role.OTHER,
                    specialty=specialty,
                    phone=phone,
                    project_id=home.project_id,
                )
            )
    if not workers:
        workers = list(CompanyStaff.objects.filter(company_id=company, is_active=True)[:1])
    if not workers:
        return 0
    company_actor = staff if company == company_id else actor_for(ctx.user("admin"))
    soon = timezone.localtime(clock.now()) + dt.timedelta(days=1)
    visit = soon.replace(hour=10, minute=0, second=0, microsecond=0)  # 10:00 local time

    rated = services.repair_submit(
        actor=owner, place=Place.HOME, part_id=home.pk, category=Category.PLUMBING,
        description="厨房水龙头关不紧，一直滴水。", contact_phone="13800138000",
    )  # fmt: skip
    services.repair_dispatch(actor=company_actor, pk=rated.pk, worker_id=workers[0].pk)
    services.repair_start(actor=company_actor, pk=rated.pk)
    services.repair_complete(actor=company_actor, pk=rated.pk, note="已更换阀芯，试水正常。")
    services.repair_rate(actor=owner, pk=rated.pk, rating=5, comment="师傅很准时，谢谢！")

    dispatched = services.repair_submit(
        actor=owner, place=Place.COMMON, project_id=home.project_id, category=Category.ELECTRICAL,
        location="1栋1单元3楼楼道", description="楼道感应灯不亮，晚上看不见台阶。",
    )  # fmt: skip
    services.repair_dispatch(
        actor=company_actor, pk=dispatched.pk, worker_id=workers[0].pk, appointment_at=visit
    )

    services.repair_submit(
        actor=owner, place=Place.HOME, part_id=home.pk, category=Category.DOORS_WINDOWS,
        description="阳台推拉窗滑轮坏了，推不动。", appointment_at=visit + dt.timedelta(days=1),
    )  # fmt: skip

    bad = services.repair_submit(
        actor=owner, place=Place.COMMON, project_id=home.project_id, category=Category.ELEVATOR,
        location="1栋1单元电梯", description="电梯门关不严，运行时有异响。",
    )  # fmt: skip
    services.repair_dispatch(actor=company_actor, pk=bad.pk, worker_id=workers[-1].pk)
    services.repair_complete(actor=company_actor, pk=bad.pk, note="已调整门机。")
    services.repair_rate(actor=owner, pk=bad.pk, rating=1, comment="第二天又坏了。")
    services.repair_escalate(
        actor=owner, pk=bad.pk, reason="维修后次日电梯又出现同样问题，物业未再处理。"
    )
    return 4


def _bulk(ctx: DemoContext, rng: random.Random) -> int:
    projects = list(
        Project.objects.filter(
            node_path__startswith=ctx.tree.root.path, company__isnull=False
        ).order_by("pk")
    )
    if not projects:
        return 0
    homes: dict[int, int] = dict(
        ExclusivePart.objects.filter(project__in=projects).values_list("project_id", "pk")
    )
    workers: dict[int, int] = dict(
        CompanyStaff.objects.filter(is_active=True).values_list("company_id", "pk")
    )
    now = clock.now()
    rows: list[RepairRequest] = []
    for i in range(BULK):
        project = rng.choice(projects)
        created = now - dt.timedelta(days=rng.randint(0, 90), hours=rng.randint(0, 12))
        status = rng.choices([s for s, _w in STATUS_WEIGHTS], [w for _s, w in STATUS_WEIGHTS])[0]
        category = rng.choice(list(PROBLEMS))
        # the company's speed differs by company, so the comparison shows something
        pace = 1 + (project.company_id or 0) % 4
        respond = rng.randint(600, 3600 * 6) * pace
        finish = respond + rng.randint(3600, 3600 * 48) * pace
        dispatched = status not in (S.SUBMITTED, S.CANCELLED)
        done = status in (S.COMPLETED, S.RATED)
        part_pk = homes.get(project.pk)
        home = part_pk is not None and rng.random() < 0.6
        rows.append(
            RepairRequest(
                number=f"BX{created:%Y%m%d}{800_000 + i:06d}",
                project=project,
                company_id=project.company_id,
                node_path=project.node_path,
                place=Place.HOME if home else Place.COMMON,
                part_id=part_pk if home else None,
                location="" if home else f"{rng.randint(1, 12)}栋{rng.randint(1, 3)}单元",
                category=category,
                description=rng.choice(PROBLEMS[category]),
                # the demo city's owners have no logins but the demo owner's, whose own
                # requests are made above through the services
                requester_id=None,
                status=status,
                worker_id=workers.get(project.company_id or 0) if dispatched else None,
                created_at=created,
                dispatched_at=created + dt.timedelta(seconds=respond) if dispatched else None,
                respond_seconds=respond if dispatched else None,
                completed_at=created + dt.timedelta(seconds=finish) if done else None,
                finish_seconds=finish if done else None,
                completion_note="已修复。" if done else "",
                rating=rng.choices([5, 4, 3, 2, 1], [45, 30, 12, 8, 5])[0]
                if status == S.RATED
                else None,
            )
        )
    made = RepairRequest.objects.bulk_create(rows, batch_size=500)
    RepairEvent.objects.bulk_create(
        [
            RepairEvent(
                request=r,
                action="submit",
                to_status=S.SUBMITTED,
                actor_label="demo",
                at=r.created_at,
            )
            for r in made
        ],
        batch_size=1000,
    )
    return len(made)


def populate(ctx: DemoContext) -> dict[str, Any]:
    rng = ctx.rng("repairs")
    company_id = ctx.company_id()
    shown = _showcase(ctx, company_id)
    bulk = _bulk(ctx, rng)
    return {RepairRequest._meta.label: shown + bulk}
