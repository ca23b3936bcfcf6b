"""/api/v1/oversight: joint meetings with their follow-up tasks, and talks with property
companies (seed 002 §四(三); 003 §四(一)).

Schema in → the same services and selectors as the pages → Schema out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.api import attribute, known_action
from gongzhi.core.explain import explain
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.oversight import selectors, services
from gongzhi.oversight.models import JointMeeting, MeetingTask
from gongzhi.oversight.workflow import TALK_FLOW, TASK_FLOW

router = Router(tags=["oversight"])


class TaskIn(Schema):
    description: str
    due_on: dt.date | None = None
    department_id: int | None = None
    assignee_node_id: int | None = None


class MeetingIn(Schema):
    node_id: int
    kind: str
    held_on: dt.date | None = None
    place: str
    topic: str
    attendees: list[str]
    minutes: str
    tasks: list[TaskIn] = []


class TaskOut(Schema):
    id: int
    meeting_id: int
    description: str
    department_id: int | None
    assignee_node_id: int | None
    due_on: dt.date
    status: str
    report: str
    overdue: bool

    @staticmethod
    def resolve_overdue(obj: MeetingTask) -> bool:
        return obj.status != MeetingTask.Status.DONE and obj.due_on < clock.today()


class MeetingOut(Schema):
    id: int
    node_id: int
    kind: str
    held_on: dt.date
    place: str
    topic: str
    attendees: list[str]
    minutes: str
    tasks: list[TaskOut]

    @staticmethod
    def resolve_tasks(obj: JointMeeting) -> list[MeetingTask]:
        return list(obj.tasks.all())


class MeetingDueOut(Schema):
    node_id: int
    node_name: str
    last_held: dt.date | None
    required: bool
    due_on: dt.date | None
    overdue: bool
    explanation: str


class TaskActionIn(Schema):
    report: str = ""
    note: str = ""


class TalkIn(Schema):
    node_id: int
    company_id: int
    project_id: int | None = None
    scheduled_on: dt.date | None = None
    place: str
    reason: str


class TalkActionIn(Schema):
    outcome: str = ""
    held_on: dt.date | None = None
    minutes: str = ""
    attendees: list[str] = []
    rectification_due: dt.date | None = None
    report: str = ""
    note: str = ""


class TalkOut(Schema):
    id: int
    company_id: int
    company_name: str
    project_id: int | None
    node_id: int
    reason: str
    complaints_counted: int
    scheduled_on: dt.date
    place: str
    status: str
    outcome: str
    held_on: dt.date | None
    attendees: list[str]
    minutes: str
    rectification_due: dt.date | None
    rectification_report: str

    resolve_company_name = attribute("company.name")


class CandidateOut(Schema):
    company_id: int
    company_name: str
    node_id: int
    substantiated: int
    open_talk: bool
    explanation: str


@router.get("/meetings", response=list[MeetingOut])
@paginate(PageNumberPagination, page_size=50)
def meeting_list(request: HttpRequest, q: str = "") -> Any:
    return selectors.meeting_list(actor=request_actor(request), search=q).prefetch_related("tasks")


@router.post("/meetings", response={201: MeetingOut})
def meeting_record(request: HttpRequest, payload: MeetingIn) -> Any:
    actor = request_actor(request)
    data = payload.model_dump()
    meeting = services.meeting_record(actor=actor, **data)
    return Status(201, selectors.meeting_get(actor=actor, pk=meeting.pk))


@router.get("/meetings/due", response=list[MeetingDueOut])
def meetings_due(request: HttpRequest) -> Any:
    return [
        {
            "node_id": row.node.pk,
            "node_name": row.node.name,
            "last_held": row.last_held,
            "required": row.due.required,
            "due_on": row.due.due_on,
            "overdue": row.due.overdue,
            "explanation": explain(row.due.explanation),
        }
        for row in selectors.meetings_due(actor=request_actor(request))
    ]


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def meeting_get(request: HttpRequest, meeting_id: int) -> Any:
    return selectors.meeting_get(actor=request_actor(request), pk=meeting_id)


@router.get("/tasks", response=list[TaskOut])
@paginate(PageNumberPagination, page_size=50)
def task_list(request: HttpRequest, status: str = "", overdue: bool = False) -> Any:
    return selectors.task_list(actor=request_actor(request), status=status, overdue=overdue)


@router.post("/tasks/{task_id}/actions/{action}", response=TaskOut)
def task_action(request: HttpRequest, task_id: int, action: str, payload: TaskActionIn) -> Any:
    """``report`` (body ``report``), ``accept`` or ``return`` (body ``note``)."""
    known_action(action, TASK_FLOW.transitions)
    return services.task_act(
        actor=request_actor(request), task_id=task_id, action=action, **payload.model_dump()
    )


@router.get("/talks", response=list[TalkOut])
@paginate(PageNumberPagination, page_size=50)
def talk_list(request: HttpRequest, status: str = "") -> Any:
    return selectors.talk_list(actor=request_actor(request), status=status)


@router.get("/talks/candidates", response=list[CandidateOut])
def talk_candidates(request: HttpRequest) -> Any:
    return [
        {
            "company_id": c.company.pk,
            "company_name": c.company.name,
            "node_id": c.node.pk,
            "substantiated": c.substantiated,
            "open_talk": c.open_talk,
            "explanation": explain(c.explanation),
        }
        for c in selectors.talk_candidates(actor=request_actor(request))
    ]


@router.post("/talks", response={201: TalkOut})
def talk_schedule(request: HttpRequest, payload: TalkIn) -> Any:
    talk = services.talk_schedule(actor=request_actor(request), **payload.model_dump())
    return Status(201, talk)


@router.get("/talks/{talk_id}", response=TalkOut)
def talk_get(request: HttpRequest, talk_id: int) -> Any:
    return selectors.talk_get(actor=request_actor(request), pk=talk_id)


@router.post("/talks/{talk_id}/actions/{action}", response=TalkOut)
def talk_action(request: HttpRequest, talk_id: int, action: str, payload: TalkActionIn) -> Any:
    """``hold`` (outcome reminder|warning, held_on, minutes, attendees, rectification_due),
    ``report`` (report), ``close`` or ``cancel`` (note)."""
    known_action(action, TALK_FLOW.transitions)
    return services.talk_act(
        actor=request_actor(request), talk_id=talk_id, action=action, **payload.model_dump()
    )
