"""/api/v1/complaints: intake, the work queue, detail with history, workflow actions and
the responsibility list in force. Schema in → the same services as the pages → Schema out.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.complaints import routing, selectors, services
from gongzhi.complaints.models import Complaint
from gongzhi.complaints.workflow import ACTIONS, available_actions
from gongzhi.core import clock
from gongzhi.core.api import known_action
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.registry.models import Project
from gongzhi.rules.identity import mask_phone

router = Router(tags=["complaints"])
EXTRA_ACTIONS = ("transfer", "supervise")


class ComplaintIn(Schema):
    channel: str = "api"
    category: str
    description: str
    project_id: int | None = None
    node_id: int | None = None
    place: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    hotline_number: str = ""


class ActionIn(Schema):
    public_note: str = ""
    internal_note: str = ""
    rating: int | None = None
    substantiated: bool | None = None
    reason: str = ""
    party: str = ""
    department_id: int | None = None
    tier_node_id: int | None = None
    note: str = ""
    due: dt.date | None = None


class ComplaintOut(Schema):
    id: int
    number: str
    channel: str
    category: str
    category_label: str
    description: str
    project_id: int | None
    node_id: int
    place: str
    address: str
    latitude: Decimal | None
    longitude: Decimal | None
    party: str
    department_id: int | None
    company_id: int | None
    tier_node_id: int
    status: str
    public_status: str
    acknowledge_due: dt.date
    resolve_due: dt.date
    due_on: dt.date | None
    due_provisional: bool
    escalations: int
    satisfaction: int | None
    substantiated: bool | None
    hotline_number: str
    contact_phone: str
    created_at: dt.datetime
    resolved_at: dt.datetime | None

    @staticmethod
    def resolve_public_status(obj: Complaint) -> str:
        return selectors.public_status(obj)

    @staticmethod
    def resolve_contact_phone(obj: Complaint) -> str:
        return mask_phone(obj.contact_phone) if obj.contact_phone else ""


class EventOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str
    at: dt.datetime
    public_note: str
    internal_note: str


class DetailOut(ComplaintOut):
    actions: list[str]
    history: list[EventOut]


class CategoryOut(Schema):
    code: str
    label_zh: str
    label_en: str
    party: str
    department_kind: str | None
    source: str


@router.get("", response=list[ComplaintOut])
@paginate(PageNumberPagination, page_size=50)
def complaint_list(
    request: HttpRequest,
    status: str = "",
    category: str = "",
    channel: str = "",
    project_id: int | None = None,
    overdue: bool = False,
    mine: bool = False,
) -> Any:
    return selectors.complaint_list(
        request_actor(request),
        status=status,
        category=category,
        channel=channel,
        project_id=project_id,
        overdue_on=clock.today() if overdue else None,
        mine=mine,
    )


def _detail(request: HttpRequest, complaint_id: int) -> Complaint:
    actor = request_actor(request)
    complaint = selectors.complaint_get(actor, complaint_id)
    complaint.actions = [t.action for t in available_actions(complaint, actor)]  # type: ignore[attr-defined]
    complaint.history = selectors.complaint_history(actor, complaint)  # type: ignore[attr-defined]
    return complaint


@router.get("/categories", response=list[CategoryOut])
def category_list(request: HttpRequest, node_id: int | None = None) -> Any:
    """The responsibility list in force at a jurisdiction (default: the first root)."""
    node = (
        Jurisdiction.objects.filter(pk=node_id).first()
        if node_id
        else Jurisdiction.objects.filter(parent__isnull=True).order_by("pk").first()
    )
    if node is None:
        raise NotFoundError(_("Not found."))
    return list(routing.responsibilities_for(node))


@router.get("/{complaint_id}", response=DetailOut)
def complaint_get(request: HttpRequest, complaint_id: int) -> Any:
    return _detail(request, complaint_id)


@router.post("", response={201: DetailOut})
def complaint_create(request: HttpRequest, payload: ComplaintIn) -> Any:
    actor = request_actor(request)
    project = None
    if payload.project_id is not None:
        project = Project.objects.filter(pk=payload.project_id).first()
        if project is None:
            raise DomainError(_("Choose a project."), fields={"project": [_("Unknown project.")]})
    node = Jurisdiction.objects.filter(pk=payload.node_id).first() if payload.node_id else None
    if payload.channel not in ("api", "hotline_12345", "patrol"):
        raise DomainError(
            _("Choose a channel."), fields={"channel": [_("Use api, hotline_12345 or patrol.")]}
        )
    complaint = services.complaint_submit(
        actor=actor,
        channel=payload.channel,
        category=payload.category,
        description=payload.description,
        project=project,
        node=node,
        place=payload.place,
        latitude=payload.latitude,
        longitude=payload.longitude,
        address=payload.address,
        contact_name=payload.contact_name,
        contact_phone=payload.contact_phone,
        hotline_number=payload.hotline_number,
    )
    return Status(201, _detail(request, complaint.pk))


@router.post("/{complaint_id}/actions/{action}", response=DetailOut)
def complaint_action(
    request: HttpRequest, complaint_id: int, action: str, payload: ActionIn
) -> Any:
    actor = request_actor(request)
    known_action(action, ACTIONS + EXTRA_ACTIONS)
    complaint = selectors.complaint_get(actor, complaint_id)
    notes = {"public_note": payload.public_note, "internal_note": payload.internal_note}
    if action == "resolve":
        services.complaint_resolve(
            actor=actor, pk=complaint.pk, substantiated=payload.substantiated, **notes
        )
    elif action == "confirm":
        services.complaint_confirm(
            actor=actor, pk=complaint.pk, rating=payload.rating, public_note=payload.public_note
        )
    elif action == "reopen":
        services.complaint_reopen(actor=actor, pk=complaint.pk, public_note=payload.public_note)
    elif action == "transfer":
        services.complaint_transfer(
            actor=actor,
            pk=complaint.pk,
            reason=payload.reason,
            party=payload.party,
            department=Department.objects.filter(pk=payload.department_id).first()
            if payload.department_id
            else None,
            tier_node=Jurisdiction.objects.filter(pk=payload.tier_node_id).first()
            if payload.tier_node_id
            else None,
            internal_note=payload.internal_note,
        )
    elif action == "supervise":
        services.complaint_supervise(
            actor=actor,
            pk=complaint.pk,
            note=payload.note,
            due=payload.due,
            internal_note=payload.internal_note,
        )
    else:
        services.ACTIONS[action](actor=actor, pk=complaint.pk, **notes)
    return _detail(request, complaint.pk)
