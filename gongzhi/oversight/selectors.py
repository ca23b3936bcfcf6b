"""Reads of joint meetings, follow-up tasks and talks, scoped to the actor; when the next
regular meeting is due per node (seed 003 §四(一)); which companies' substantiated
complaints concentrate in the actor's area (seed 002 §四(三))."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Q, QuerySet

from gongzhi.complaints.models import Complaint
from gongzhi.core import clock
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.workflow import Transition
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.oversight.models import JointMeeting, MeetingTask, Talk
from gongzhi.oversight.workflow import CONVENERS, TALK_FLOW, TASK_FLOW, answers_for, convenes
from gongzhi.registry.models import PropertyCompany
from gongzhi.rules.explain import Explanation
from gongzhi.rules.oversight import MeetingDue, meeting_frequency, next_meeting, talk_trigger


def meeting_list(
    *, actor: Actor, node_id: int | None = None, search: str = ""
) -> QuerySet[JointMeeting]:
    qs = JointMeeting.objects.visible_to(actor).select_related("node")
    qs = narrowed(qs, node_id=node_id, search=search, search_in=("topic", "minutes"))
    return qs.annotate(
        n_tasks=Count("tasks"), n_open=Count("tasks", filter=~Q(tasks__status="done"))
    ).order_by("-held_on", "-id")


def meeting_get(*, actor: Actor, pk: int) -> JointMeeting:
    return get_visible(
        JointMeeting.objects.select_related("node").prefetch_related(
            "tasks__department", "tasks__assignee_node"
        ),
        actor,
        pk=pk,
    )


def convening_nodes(*, actor: Actor) -> QuerySet[Jurisdiction]:
    """The nodes whose meetings and talks the actor convenes: their own grants' nodes."""
    if actor.is_platform_admin:
        return Jurisdiction.objects.exclude(level="community").order_by("path")
    ids = [g.node_id for g in actor.grants_of("node") if g.role in CONVENERS and g.node_id]
    return Jurisdiction.objects.filter(pk__in=ids).order_by("path")


@dataclass(frozen=True)
class NodeMeetings:
    node: Jurisdiction
    last_held: dt.date | None
    due: MeetingDue


def meetings_due(*, actor: Actor) -> list[NodeMeetings]:
    """For each node the actor convenes: the last regular meeting and when the next is due
    at its profile's ``joint_meeting_frequency``."""
    nodes = list(convening_nodes(actor=actor)[:50])
    last = dict(
        JointMeeting.objects.filter(
            node__in=nodes, kind__in=(JointMeeting.Kind.REGULAR, JointMeeting.Kind.LEADING_GROUP)
        )
        .values("node_id")
        .annotate(last=Max("held_on"))
        .values_list("node_id", "last")
    )
    today = clock.today()
    return [
        NodeMeetings(
            node,
            last.get(node.pk),
            next_meeting(meeting_frequency(effective_profile(node)), last.get(node.pk), today),
        )
        for node in nodes
    ]


def task_list(*, actor: Actor, status: str = "", overdue: bool = False) -> QuerySet[MeetingTask]:
    qs = MeetingTask.objects.visible_to(actor).select_related(
        "meeting", "meeting__node", "department", "assignee_node"
    )
    qs = narrowed(qs, status=status)
    if overdue:
        qs = qs.exclude(status=MeetingTask.Status.DONE).filter(due_on__lt=clock.today())
    return qs.order_by("due_on", "id")


def task_get(*, actor: Actor, pk: int) -> MeetingTask:
    return get_visible(
        MeetingTask.objects.select_related("meeting", "meeting__node", "department"), actor, pk=pk
    )


def task_actions(*, actor: Actor, task: MeetingTask) -> list[Transition]:
    if not answers_for(actor, task):
        return []
    allowed = TASK_FLOW.available(task, actor)
    if not convenes(actor, task.node_path):
        allowed = [t for t in allowed if t.action == "report"]
    return allowed


def talk_list(*, actor: Actor, status: str = "", company_id: int | None = None) -> QuerySet[Talk]:
    qs = Talk.objects.visible_to(actor).select_related("company", "project", "node")
    return narrowed(qs, status=status, company_id=company_id).order_by("-scheduled_on", "-id")


def talk_get(*, actor: Actor, pk: int) -> Talk:
    return get_visible(Talk.objects.select_related("company", "project", "node"), actor, pk=pk)


def talk_actions(*, actor: Actor, talk: Talk) -> list[Transition]:
    allowed = TALK_FLOW.available(talk, actor)
    if not convenes(actor, talk.node_path):
        allowed = [t for t in allowed if t.action == "report"]
    return allowed


def _window_complaints(node_path: str, since: dt.date) -> QuerySet[Complaint]:
    return Complaint.objects.filter(
        node_path__startswith=node_path,
        substantiated=True,
        company__isnull=False,
        resolved_at__date__gte=since,
    )


def substantiated_count(*, actor: Actor, company_id: int, node: Jurisdiction) -> int:
    """The company's substantiated complaints under ``node`` in the profile's window
    (``talk_trigger_days``, set even where the profile fixes no trigger number)."""
    days = effective_profile(node).int_value("talk_trigger_days")
    since = clock.today() - dt.timedelta(days=days - 1)
    return _window_complaints(node.path, since).filter(company_id=company_id).count()


@dataclass(frozen=True)
class Candidate:
    company: PropertyCompany
    node: Jurisdiction
    substantiated: int
    explanation: Explanation
    open_talk: bool


def talk_candidates(*, actor: Actor) -> list[Candidate]:
    """Companies whose substantiated complaints in each convening node's area reach the
    profile's trigger (seed 002 §四(三): 投诉集中 → 约谈警告), most complaints first."""
    today = clock.today()
    out: list[Candidate] = []
    for node in convening_nodes(actor=actor)[:50]:
        trigger = talk_trigger(effective_profile(node))
        if trigger is None:
            continue
        rows = (
            _window_complaints(node.path, trigger.since(today))
            .values("company_id")
            .annotate(n=Count("id"))
            .filter(n__gte=trigger.complaints)
            .order_by("-n")[:50]
        )
        counts = {row["company_id"]: row["n"] for row in rows}
        companies = PropertyCompany.objects.in_bulk(list(counts))
        talking = set(
            Talk.objects.filter(
                node=node,
                company_id__in=counts,
                status__in=(Talk.Status.SCHEDULED, Talk.Status.HELD),
            ).values_list("company_id", flat=True)
        )
        out.extend(
            Candidate(companies[cid], node, n, trigger.explain(n), cid in talking)
            for cid, n in counts.items()
            if cid in companies
        )
    return sorted(out, key=lambda c: -c.substantiated)


def departments_for(*, node: Jurisdiction) -> QuerySet[Department]:
    """Departments a meeting at ``node`` may assign: those of the node's top level."""
    top = Jurisdiction.objects.filter(pk__in=node.ancestor_ids()).order_by("depth").first() or node
    return Department.objects.filter(node_path__startswith=top.path).order_by("kind")


def offices_for(*, node: Jurisdiction) -> QuerySet[Jurisdiction]:
    """Offices a meeting at ``node`` may assign: the node and the nodes below it."""
    return Jurisdiction.objects.filter(path__startswith=node.path).order_by("path")
