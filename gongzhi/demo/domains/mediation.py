"""Demo rows of this app (see gongzhi.demo.extensions): four mediation cases in the
community login's community, through the services: one under mediation at the community,
one settled there, one escalated to the street, one escalated to the top level."""

from __future__ import annotations

import datetime as dt

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.core.scoping import Actor
from gongzhi.demo.extensions import DemoContext
from gongzhi.mediation import selectors, services
from gongzhi.mediation.models import MediationCase, MediationEscalation, MediationSession
from gongzhi.registry.models import Owner, Project

CASES = (
    (
        "楼顶漏水维修费用分担纠纷",
        "顶层业主反映楼顶漏水，物业服务企业称须使用专项维修资金，双方协商未果。",
    ),
    ("地下车位分配纠纷", "业主对车位租售顺序和价格有异议，要求物业服务企业公开车位使用情况。"),
    ("物业费上调争议", "物业服务企业拟上调物业服务费，部分业主认为服务质量未达合同约定。"),
    ("电梯停运维修纠纷", "电梯多次停运，业主要求物业服务企业承担责任并公开维保记录。"),
)


def _session(actor: Actor, case: MediationCase, day: dt.date, place: str, who: str) -> None:
    services.session_add(
        actor=actor,
        case_id=case.pk,
        held_on=day,
        place=place,
        mediators=who,
        minutes="双方陈述事实和诉求，调解员释明《物业管理条例》相关规定，组织双方协商。",
    )


def _can_escalate(actor: Actor, case_id: int) -> bool:
    case = selectors.case_get(actor=actor, pk=case_id)
    return any(t.action == "escalate" for t in selectors.actions_for(case, actor))


def populate(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("mediation")
    day = min(ctx.today, clock.today())
    community = actor_for(ctx.user("community"))
    street = actor_for(ctx.user("street"))
    bureau = actor_for(ctx.user("bureau"))
    project = (
        Project.objects.filter(company__isnull=False)
        .filter(node_path__startswith=community.node_paths[0] if community.node_paths else "~")
        .order_by("pk")
        .first()
    )
    if project is None:
        return {}
    owners = list(
        Owner.objects.filter(ownerships__part__project=project, kind=Owner.Kind.PERSON)
        .distinct()
        .order_by("pk")[:20]
    )
    if not owners:
        return {}
    cases = []
    for subject, description in CASES:
        owner = rng.choice(owners)
        cases.append(
            services.case_create(
                actor=community,
                project_id=project.pk,
                subject=subject,
                description=description,
                parties=[{"kind": "owner", "owner_id": owner.pk}, {"kind": "company"}],
            )
        )
    open_case, settled, to_street, to_top = cases
    _session(community, open_case, day - dt.timedelta(days=2), "社区调解室", "社区人民调解员")
    _session(community, settled, day - dt.timedelta(days=20), "社区调解室", "社区人民调解员")
    services.case_act(
        actor=community,
        case_id=settled.pk,
        action="agree",
        note="物业服务企业公开车位台账，按登记顺序分配",
    )
    for case in (to_street, to_top):
        _session(community, case, day - dt.timedelta(days=30), "社区调解室", "社区人民调解员")
        services.case_act(actor=community, case_id=case.pk, action="fail")
        services.case_act(
            actor=community,
            case_id=case.pk,
            action="escalate",
            note="社区调解未达成协议，提交街道人民调解委员会",
        )
    _session(street, to_street, day - dt.timedelta(days=10), "街道人民调解委员会", "街道调解员")
    _session(street, to_top, day - dt.timedelta(days=12), "街道人民调解委员会", "街道调解员")
    services.case_act(actor=street, case_id=to_top.pk, action="fail")
    while _can_escalate(bureau, to_top.pk):
        services.case_act(
            actor=bureau if to_top.level != "street" else street,
            case_id=to_top.pk,
            action="escalate",
            note="下级调解未达成协议，提交上一级物业纠纷调解",
        )
        to_top.refresh_from_db()
    return {
        "mediation.MediationCase": MediationCase.objects.count(),
        "mediation.MediationSession": MediationSession.objects.count(),
        "mediation.MediationEscalation": MediationEscalation.objects.count(),
    }
