"""Demo rows of the oversight app: the street's regular joint meeting last quarter with two
decided matters (one accepted, one still open), the bureau's leading-group meeting, and a
warning talk with the company whose substantiated complaints concentrate in the street
(seed 002 §四(三); seed 003 §四(一)) — all through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.demo.extensions import DemoContext
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.oversight import selectors, services
from gongzhi.oversight.models import JointMeeting, MeetingTask, Talk
from gongzhi.registry.models import Project


def populate(ctx: DemoContext) -> dict[str, int]:
    day = min(ctx.today, timezone.localdate())
    street, bureau = actor_for(ctx.user("street")), actor_for(ctx.user("bureau"))
    dept = actor_for(ctx.user("dept"))
    street_node = selectors.convening_nodes(actor=street).first()
    bureau_node = selectors.convening_nodes(actor=bureau).first()
    department = Department.objects.filter(pk__in=[g.department_id for g in dept.grants]).first()
    if street_node is None or bureau_node is None or department is None:
        return {}
    community = (
        Jurisdiction.objects.filter(parent=street_node).order_by("path").first() or street_node
    )
    with clock.frozen(day):
        held = day - dt.timedelta(days=100)
        meeting = services.meeting_record(
            actor=street,
            node_id=street_node.pk,
            kind=JointMeeting.Kind.REGULAR,
            held_on=held,
            place=f"{street_node.name}三楼会议室",
            topic="第三季度物业管理联席会议：电梯安全与投诉集中问题",
            attendees=[
                f"{street_node.name} 分管领导",
                f"{department.name}",
                f"{community.name} 物业专干",
                "辖区物业服务企业项目负责人",
                "业主委员会代表",
            ],
            minutes="通报本季度物业投诉情况；研究电梯安全隐患排查和投诉集中项目的整改。",
            tasks=[
                {
                    "description": "对辖区住宅电梯开展安全隐患专项检查",
                    "department_id": department.pk,
                    "due_on": held + dt.timedelta(days=30),
                },
                {
                    "description": "督促投诉集中项目公示整改措施并回访业主",
                    "assignee_node_id": community.pk,
                    "due_on": held + dt.timedelta(days=45),
                },
            ],
        )
        inspection, follow_up = list(meeting.tasks.order_by("pk"))
        services.task_act(
            actor=dept,
            task_id=inspection.pk,
            action="report",
            report="已检查电梯126台，发现隐患7处，均已督促整改。",
        )
        services.task_act(actor=street, task_id=inspection.pk, action="accept")
        services.meeting_record(
            actor=bureau,
            node_id=bureau_node.pk,
            kind=JointMeeting.Kind.LEADING_GROUP,
            held_on=day - dt.timedelta(days=40),
            place="住建局会议室",
            topic="物业管理工作领导小组会议",
            attendees=["住建局", "市场监管局", "城管执法局", "消防救援大队", "各街道办事处"],
            minutes="部署物业服务企业信用评价和年度考核工作。",
        )
        candidates = selectors.talk_candidates(actor=street)
        company_id = candidates[0].company.pk if candidates else None
        if company_id is None:
            project = (
                Project.objects.filter(
                    node_path__startswith=street_node.path, company__isnull=False
                )
                .order_by("pk")
                .first()
            )
            company_id = project.company_id if project else None
        talks = 0
        if company_id is not None:
            talk = services.talk_schedule(
                actor=street,
                node_id=street_node.pk,
                company_id=company_id,
                scheduled_on=day - dt.timedelta(days=10),
                place=f"{street_node.name}约谈室",
                reason="辖区项目投诉集中，保洁和维修响应不及时。",
            )
            services.talk_act(
                actor=street,
                talk_id=talk.pk,
                action="hold",
                outcome=Talk.Outcome.WARNING,
                held_on=day - dt.timedelta(days=10),
                minutes="企业负责人说明情况，承诺一个月内完成整改并向街道书面报告。",
                attendees=["企业总经理", "项目负责人"],
                rectification_due=day + dt.timedelta(days=20),
            )
            talks = 1
    assert follow_up.status == MeetingTask.Status.OPEN  # the open one stays on the list
    return {
        "oversight.JointMeeting": JointMeeting.objects.count(),
        "oversight.MeetingTask": MeetingTask.objects.count(),
        "oversight.Talk": talks,
    }
