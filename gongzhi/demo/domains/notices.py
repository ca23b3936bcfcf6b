"""Demo rows of notices (see gongzhi.demo.extensions).

First the facts other apps reported (vote notices and results, top-up notices, arrears
reminders) are delivered, whatever the task backend, so their notices exist. Then the
committee, the company, the community and the street of the committee's project publish
notices to the whole project, one building, one unit and a few chosen parts through
``notice_publish``; the demo owner has read some and not others, and a share of the
other owners have read each, so the receipts show a realistic share read.
"""

from __future__ import annotations

import datetime as dt

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.clock import frozen
from gongzhi.demo.extensions import DemoContext
from gongzhi.events.bus import deliver
from gongzhi.events.models import DomainEvent
from gongzhi.notices import handlers, services
from gongzhi.notices.models import Notice, NoticeRecipient
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Project

NOTICES = [
    # (issuer, user, audience, days ago, title, body)
    (
        "committee",
        "committee",
        "project",
        2,
        "关于召开2025年度业主大会的通知",
        "各位业主：\n本届业主委员会定于下月15日召开年度业主大会，审议物业服务年度报告、公共收益收支情况"
        "及维修资金使用计划。请各位业主通过平台或书面方式参加表决。",
    ),
    (
        "company",
        "company",
        "building",
        5,
        "二次供水水箱清洗停水通知",
        "因二次供水水箱年度清洗消毒，本楼栋将于本周六8:00—14:00停水，请提前储水。",
    ),
    (
        "company",
        "company",
        "unit",
        9,
        "电梯年度检验通知",
        "本单元电梯将于下周二进行年度检验，检验期间暂停使用约2小时，给您带来不便敬请谅解。",
    ),
    (
        "community",
        "community",
        "project",
        14,
        "社区消防安全宣传周活动通知",
        "社区将于本周末在小区广场开展消防安全宣传，现场演示灭火器使用，欢迎业主参加。",
    ),
    (
        "street",
        "street",
        "project",
        21,
        "关于规范电动自行车停放充电的通告",
        "严禁在楼道、门厅等公共区域停放电动自行车或私拉电线充电，请使用小区集中充电桩。",
    ),
    (
        "committee",
        "committee",
        "selected",
        30,
        "公共收益使用意见征询",
        "就临街商铺广告位收益用于更换单元门禁的方案，征询相关业主意见，请于本月底前反馈。",
    ),
]


def _deliver_reported_facts() -> int:
    kinds = [handlers.MATTER_PUBLISHED, handlers.RESULT_PUBLISHED, handlers.TOPUP_DUE,
             handlers.REMINDER_SENT]  # fmt: skip
    count = 0
    for event in DomainEvent.objects.filter(kind__in=kinds).order_by("pk").iterator():
        deliver(event)
        count += 1
    return count


def populate(ctx: DemoContext) -> dict[str, int]:
    _deliver_reported_facts()
    project_id = ctx.committee_project_id()
    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return {"notices.Notice": Notice.objects.count()}
    owner_user = ctx.user("owner")
    owner_part = (
        ExclusivePart.objects.filter(project=project, ownerships__owner__user=owner_user)
        .select_related("building_unit")
        .first()
    )
    unit = (
        owner_part.building_unit
        if owner_part and owner_part.building_unit
        else (BuildingUnit.objects.filter(project=project).first())
    )
    building = unit.building if unit else Building.objects.filter(project=project).first()
    chosen = list(
        ExclusivePart.objects.filter(project=project)
        .order_by("pk")
        .values_list("pk", flat=True)[:8]
    )
    if owner_part is not None and owner_part.pk not in chosen:
        chosen.append(owner_part.pk)
    rng = ctx.rng("notices")
    published: list[Notice] = []
    for issuer, username, audience, days, title, body in NOTICES:
        values: dict[str, object] = {"audience": audience}
        if audience == "building" and building is not None:
            values["building_id"] = building.pk
        elif audience == "unit" and unit is not None:
            values["building_unit_id"] = unit.pk
        elif audience == "selected":
            values["part_ids"] = chosen
        elif audience != "project":
            continue
        when = dt.datetime.combine(ctx.today - dt.timedelta(days=days), dt.time(9), tzinfo=dt.UTC)
        with frozen(when):
            published.append(
                services.notice_publish(
                    actor=actor_for(ctx.user(username)),
                    project_id=project.pk,
                    issuer=issuer,
                    title=title,
                    body=body,
                    **values,  # type: ignore[arg-type]
                )
            )
    # receipts: the demo owner read the older notices; others read a share of each
    for index, notice in enumerate(published):
        rows = NoticeRecipient.objects.filter(notice=notice)
        share = rng.uniform(0.2, 0.8)
        read_ids = [pk for pk in rows.values_list("pk", flat=True) if rng.random() < share]
        when = notice.published_at + dt.timedelta(hours=rng.randint(1, 48))
        NoticeRecipient.objects.filter(pk__in=read_ids).exclude(owner__user=owner_user).update(
            read_at=when
        )
        if index >= 2:
            rows.filter(owner__user=owner_user).update(read_at=when)
    return {"notices.Notice": Notice.objects.count()}
