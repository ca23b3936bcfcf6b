"""/api/v1/repairs: an owner's requests, the company's queue, detail with history, the
workflow steps, and the times per company. Schema in → the same services as the pages →
Schema out. Photos are sent through the pages (multipart); the API lists them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import known_action
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.repairs import selectors, services
from gongzhi.repairs.models import RepairRequest
from gongzhi.repairs.workflow import available_actions

router = Router(tags=["repairs"])
ACTIONS = ("dispatch", "start", "complete", "rate", "cancel", "escalate")


class RepairIn(Schema):
    place: str
    category: str
    description: str
    part_id: int | None = None
    project_id: int | None = None
    location: str = ""
    appointment_at: dt.datetime | None = None
    contact_phone: str = ""


class ActionIn(Schema):
    worker_id: int | None = None
    appointment_at: dt.datetime | None = None
    note: str = ""
    rating: int | None = None
    comment: str = ""
    reason: str = ""


class RepairOut(Schema):
    id: int
    number: str
    project_id: int
    company_id: int
    place: str
    part_id: int | None
    location: str
    category: str
    description: str
    status: str
    appointment_at: dt.datetime | None
    worker_id: int | None
    worker_name: str
    completion_note: str
    rating: int | None
    complaint_id: int | None
    created_at: dt.datetime
    dispatched_at: dt.datetime | None
    completed_at: dt.datetime | None

    @staticmethod
    def resolve_worker_name(obj: RepairRequest) -> str:
        return obj.worker.name if obj.worker else ""


class StepOut(Schema):
    action: str
    from_status: str
    to_status: str
    at: dt.datetime
    note: str


class PhotoOut(Schema):
    id: int
    stage: str
    detected_kind: str
    size: int


class DetailOut(RepairOut):
    actions: list[str]
    history: list[StepOut]
    photos: list[PhotoOut]


class TimesOut(Schema):
    company_id: int
    company_name: str
    requests: int
    open: int
    respond_hours: Decimal | None
    finish_hours: Decimal | None
    rated: int
    rating: Decimal | None
    escalated: int


def _detail(request: HttpRequest, pk: int) -> RepairRequest:
    actor = request_actor(request)
    repair = selectors.repair_get(actor=actor, pk=pk)
    repair.actions = available_actions(repair, actor)  # type: ignore[attr-defined]
    repair.history = selectors.history(repair)  # type: ignore[attr-defined]
    return repair


@router.get("", response=list[RepairOut])
@paginate(PageNumberPagination, page_size=50)
def repair_list(
    request: HttpRequest,
    status: str = "",
    open: bool = False,
    mine: bool = False,
    project_id: int | None = None,
    category: str = "",
) -> Any:
    """Owners see the requests they made; company staff their company's; officials their
    subtree's."""
    return selectors.repair_list(
        actor=request_actor(request),
        status=status,
        open_only=open,
        mine=mine,
        project_id=project_id,
        category=category,
    )


@router.get("/times", response=list[TimesOut])
def repair_times(
    request: HttpRequest, since: dt.date | None = None, until: dt.date | None = None
) -> Any:
    """Hours to respond and to finish, rating and escalations per company."""
    actor = request_actor(request).with_grant_kinds("all", "node", "company")
    return selectors.company_times(actor=actor, since=since, until=until)


@router.get("/{repair_id}", response=DetailOut)
def repair_get(request: HttpRequest, repair_id: int) -> Any:
    return _detail(request, repair_id)


@router.post("", response={201: DetailOut})
def repair_create(request: HttpRequest, payload: RepairIn) -> Any:
    repair = services.repair_submit(actor=request_actor(request), **payload.dict())
    return Status(201, _detail(request, repair.pk))


@router.post("/{repair_id}/actions/{action}", response=DetailOut)
def repair_action(request: HttpRequest, repair_id: int, action: str, payload: ActionIn) -> Any:
    actor = request_actor(request)
    known_action(action, ACTIONS)
    pk = selectors.repair_get(actor=actor, pk=repair_id).pk
    if action == "dispatch":
        services.repair_dispatch(
            actor=actor,
            pk=pk,
            worker_id=payload.worker_id,
            appointment_at=payload.appointment_at,
            note=payload.note,
        )
    elif action == "start":
        services.repair_start(actor=actor, pk=pk, note=payload.note)
    elif action == "complete":
        services.repair_complete(actor=actor, pk=pk, note=payload.note)
    elif action == "rate":
        services.repair_rate(actor=actor, pk=pk, rating=payload.rating, comment=payload.comment)
    elif action == "cancel":
        services.repair_cancel(actor=actor, pk=pk, reason=payload.reason)
    else:
        services.repair_escalate(actor=actor, pk=pk, reason=payload.reason)
    return _detail(request, pk)
