"""Demo rows of the assembly app, all through its services: the formation scan's to-do
list, one preparation group whose papers are published and whose first assembly's votes
are in their notice period, one group still forming (showing what it lacks), an owner
barred from the committee (seed 000 §23), and a meeting of the demo committee."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.utils import timezone

from gongzhi.accounts.selectors import actor_for
from gongzhi.assembly import services
from gongzhi.assembly.models import CommitteeMeeting, MemberBar, PreparationGroup, Reminder
from gongzhi.assembly.services.common import official_over
from gongzhi.core import clock
from gongzhi.demo.extensions import DemoContext
from gongzhi.registry.models import Owner, OwnersCommittee, Project

# A minimal valid PDF, so the drafts download as documents.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _owners(project: Project, count: int) -> list[Owner]:
    return list(
        Owner.objects.filter(ownerships__part__project=project).distinct().order_by("pk")[:count]
    )


def _group(street: object, project: Project, day: dt.date, owners: list[Owner]) -> PreparationGroup:
    return services.group_create(
        actor=street,  # type: ignore[arg-type]
        project_id=project.pk,
        formed_on=day,
        seats=5,
        members=[
            {"party": "street", "name": "街道分管领导", "is_leader": True},
            {"party": "community", "name": "社区居委会主任"},
            {"party": "developer", "name": "建设单位项目经理"},
            *({"party": "owners", "owner_id": o.pk} for o in owners),
        ],
    )


def populate(ctx: DemoContext) -> dict[str, int]:
    day = min(ctx.today, timezone.localdate())
    street = actor_for(ctx.user("street"))
    with clock.frozen(day):
        services.formation_scan(today=day)
        candidates = [
            p
            for p in Project.objects.filter(
                formation__in=(Project.Formation.NONE, Project.Formation.PREPARATION)
            )
            .annotate(n=Count("parts__ownerships__owner", distinct=True))
            .filter(n__gte=7)
            .select_related("community")
            .order_by("pk")
            if official_over(street, p)
        ][:2]
        if candidates:
            project = candidates[0]
            owners = _owners(project, 7)
            group = _group(street, project, day - dt.timedelta(days=3), owners[:4])
            for kind, name in (
                ("rules_of_procedure", "业主大会议事规则（草案）.pdf"),
                ("management_statute", "管理规约（草案）.pdf"),
            ):
                services.document_upload(
                    actor=street,
                    group_id=group.pk,
                    kind=kind,
                    upload=SimpleUploadedFile(name, PDF, content_type="application/pdf"),
                )
            for owner in owners[:6]:
                services.candidate_add(
                    actor=street,
                    group_id=group.pk,
                    owner_id=owner.pk,
                    statement="热心小区事务，愿意为业主服务。",
                )
            services.group_publish(actor=street, group_id=group.pk)
            services.bar_publish(
                actor=street,
                project_id=project.pk,
                owner_id=owners[6].pk,
                reason="多次催交仍拖欠物业服务费，经劝告拒不改正。",
                on=day - dt.timedelta(days=10),
            )
        if len(candidates) > 1:
            project = candidates[1]
            _group(street, project, day - dt.timedelta(days=1), _owners(project, 2))
        member = actor_for(ctx.user("committee"))
        own = [g.project_id for g in member.grants_of("project")]
        committee = OwnersCommittee.objects.filter(project_id__in=own, is_current=True).first()
        if committee is not None and committee.term_start <= day - dt.timedelta(days=7):
            services.meeting_record(
                actor=member,
                committee_id=committee.pk,
                held_on=day - dt.timedelta(days=7),
                topic="月度例会：停车位收费与公共收益公示",
                attendance=min(committee.seats, 5),
                minutes="通报上月公共收益收支；决定下月公示停车位收费情况并征求业主意见。",
            )
    return {
        "assembly.Reminder": Reminder.objects.count(),
        "assembly.PreparationGroup": PreparationGroup.objects.count(),
        "assembly.MemberBar": MemberBar.objects.count(),
        "assembly.CommitteeMeeting": CommitteeMeeting.objects.count(),
    }
