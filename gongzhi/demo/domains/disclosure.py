"""Demo rows of the disclosure board (see gongzhi.demo.extensions).

The demo company's projects post their boards through ``board_item_put`` (the committee's
project completely and currently, with an older version kept in its history; the next
one with two items out of date; a third with only the manager posted), so the overview
shows complete, stale and missing boards side by side. Every other served project gets a
random share of the entered items in bulk (board rows and their first revision), dated
within or past their periods, so the community's list of what is missing is realistic in
a 100 000-household city too.
"""

from __future__ import annotations

import datetime as dt

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.clock import frozen
from gongzhi.demo.extensions import DemoContext
from gongzhi.disclosure import services
from gongzhi.disclosure.models import BoardItem, BoardItemRevision
from gongzhi.registry.models import Project
from gongzhi.rules.disclosure import ENTERED_KINDS

CONTRACTORS = ["湘中电梯维保有限公司", "三湘电梯工程有限公司", "通力电梯邵阳服务站"]
FIRE = ["邵阳安泰消防技术服务有限公司", "宝庆消防设施检测维保中心"]


def _content(kind: str, project: Project, n: int) -> dict[str, str]:
    """Plausible content of an entered item (the n-th variant)."""
    phone = f"0739-5{(project.pk * 37 + n) % 1_000_000:06d}"
    return {
        "project_manager": {
            "name": ["刘建国", "陈红梅", "王志强", "李娟"][n % 4],
            "phone": f"138{(project.pk * 7919 + n) % 100_000_000:08d}",
            "qualification": "物业管理师，从业8年",
        },
        "complaint_phone": {
            "company_phone": phone,
            "community_phone": f"0739-52{project.community_id % 100_000:05d}",
            "hotline": "12345",
        },
        "service_standard": {
            "grade": ["一级", "二级", "三级"][n % 3],
            "content": "保洁：楼道每日清扫一次，每周拖洗一次；"
            "秩序维护：24小时门岗，每2小时巡逻一次；"
            "绿化：每月修剪一次；维修：接报后30分钟内到场。",
            "service_area": project.address or project.name,
        },
        "equipment_maintenance": {
            "elevator_contractor": CONTRACTORS[n % len(CONTRACTORS)],
            "elevator_contact": f"0739-53{(project.pk + n) % 100_000:05d}",
            "fire_contractor": FIRE[n % len(FIRE)],
            "fire_contact": f"0739-54{(project.pk + n) % 100_000:05d}",
        },
        "parking_use": {
            "spaces_total": str(200 + n * 10),
            "spaces_sold": str(120 + n * 5),
            "spaces_rented": "40",
            "charges": "地下车位管理费50元/月；临时停车首小时免费，之后2元/小时",
        },
        "shared_utilities": {
            "period": "上季度",
            "water_yuan": f"{1830 + n * 17}.40",
            "electricity_yuan": f"{4620 + n * 23}.75",
            "method": "按各户专有部分面积分摊",
        },
        "elevator_maintenance_spending": {
            "period": "上半年",
            "amount_yuan": f"{36000 + n * 500}.00",
            "detail": "12部电梯月度保养及年检费用",
        },
        "extra_services": {"services": "家政保洁 45元/小时；上门助老 30元/次；代收快递 免费"},
        "sale_contract": {
            "contract_summary": "前期物业服务合同：服务期三年，二级服务标准，"
            "建设单位与物业公司签订。",
            "fee_standard": "住宅1.60元/㎡·月，商铺3.20元/㎡·月",
        },
        "handover_results": {
            "inspected_on": "2024-05-20",
            "result": "共用部位、共用设施设备查验合格，资料齐全",
            "issues": "2栋屋面防水局部渗漏；消防栓压力不足3处",
            "rectification": "建设单位已于2024年6月底前整改完毕",
        },
    }[kind]


def _post(actor: object, project: Project, kinds: list[str], day: dt.date, n: int) -> int:
    with frozen(day):
        for kind in kinds:
            services.board_item_put(
                actor=actor,  # type: ignore[arg-type]
                project_id=project.pk,
                kind=kind,
                data=_content(kind, project, n),
                as_of=day,
            )
    return len(kinds)


def _bulk(ctx: DemoContext, skip: set[int]) -> int:
    rng = ctx.rng("disclosure")
    projects = Project.objects.filter(company__isnull=False).exclude(pk__in=skip).order_by("pk")
    now = dt.datetime.combine(ctx.today, dt.time(9), tzinfo=dt.UTC)
    items: list[BoardItem] = []
    for project in projects.iterator(chunk_size=2000):
        share = rng.random()
        for kind in ENTERED_KINDS:
            if rng.random() > share:
                continue
            age = rng.randint(0, 420)
            items.append(
                BoardItem(
                    project=project,
                    kind=kind,
                    data=_content(kind, project, rng.randint(0, 9)),
                    as_of=ctx.today - dt.timedelta(days=age),
                    version=1,
                    node_path=project.node_path,
                    updated_at=now,
                )
            )
    BoardItem.objects.bulk_create(items, batch_size=2000)
    BoardItemRevision.objects.bulk_create(
        [
            BoardItemRevision(
                item=i, version=1, data=i.data, as_of=i.as_of, changed_at=i.updated_at
            )
            for i in items
        ],
        batch_size=2000,
    )
    return len(items)


def populate(ctx: DemoContext) -> dict[str, int]:
    company_user = ctx.user("company")
    actor = actor_for(company_user)
    company_id = ctx.company_id()
    committee_project = ctx.committee_project_id()
    projects = list(Project.objects.filter(company_id=company_id).order_by("pk"))
    main = next(
        (p for p in projects if p.pk == committee_project), projects[0] if projects else None
    )
    others = [p for p in projects if main is None or p.pk != main.pk][:2]
    posted = 0
    today = ctx.today
    if main is not None:
        everything = [k for k in ENTERED_KINDS if k != "sale_contract"]
        posted += _post(actor, main, everything, today - dt.timedelta(days=200), 0)
        # the manager changed and the utilities were updated: the history keeps both
        posted += _post(actor, main, ["project_manager"], today - dt.timedelta(days=20), 1)
        posted += _post(
            actor,
            main,
            [k for k in everything if k != "project_manager"],
            today - dt.timedelta(days=5),
            2,
        )
    if others:
        stale = ["shared_utilities", "parking_use"]  # posted long ago, never updated
        posted += _post(actor, others[0], stale, today - dt.timedelta(days=400), 4)
        current = [k for k in ENTERED_KINDS[:6] if k not in stale]
        posted += _post(actor, others[0], current, today - dt.timedelta(days=30), 3)
    if len(others) > 1:
        posted += _post(actor, others[1], ["project_manager"], today - dt.timedelta(days=10), 5)
    bulk = _bulk(ctx, {p.pk for p in projects})
    return {"disclosure.BoardItem": bulk + posted}
