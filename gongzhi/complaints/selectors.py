"""Reads of complaints, always scoped to the actor (absent and forbidden are both 404).

A functional department sees what is routed to it, a street its subtree, a company the
matters of its projects, a committee member its project's, an owner their own.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints.models import Complaint, ComplaintEvent, ComplaintPhoto
from gongzhi.complaints.workflow import OPEN_STATES, is_place_official, is_responsible
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible

EVENT_LABELS = {
    "submit": _("Received"),
    "escalate": _("Escalated"),
    "supervise": _("Supervised (督办)"),
    "prior": _("Earlier step"),
    "continued": _("Became a complaint"),
}
PUBLIC_STATUS = {
    Complaint.Status.RECEIVED: "open",
    Complaint.Status.ACCEPTED: "open",
    Complaint.Status.ASSIGNED: "open",
    Complaint.Status.IN_PROGRESS: "open",
    Complaint.Status.REOPENED: "open",
    Complaint.Status.RESOLVED: "closed",
    Complaint.Status.CONFIRMED: "closed",
}


def public_status(complaint: Complaint) -> str:
    """Open311's two states: ``open`` until resolved, then ``closed``."""
    return PUBLIC_STATUS[Complaint.Status(complaint.status)]


def complaint_list(
    actor: Actor,
    *,
    status: str = "",
    public: str = "",
    category: str = "",
    channel: str = "",
    project_id: int | None = None,
    company_id: int | None = None,
    node_path: str = "",
    search: str = "",
    overdue_on: dt.date | None = None,
    created_from: dt.date | None = None,
    created_to: dt.date | None = None,
    mine: bool = False,
) -> QuerySet[Complaint]:
    """The complaints the actor may see, filtered; newest first."""
    rows = Complaint.objects.visible_to(actor).select_related(
        "project", "company", "department", "tier_node", "node"
    )
    if mine:
        rows = rows.filter(submitter_id=actor.user_id)
    rows = narrowed(
        rows,
        status=status,
        category=category,
        channel=channel,
        project_id=project_id,
        company_id=company_id,
        node_path__startswith=node_path,
    )
    if public == "open":
        rows = rows.filter(status__in=OPEN_STATES)
    elif public == "closed":
        rows = rows.exclude(status__in=OPEN_STATES)
    if search:
        rows = rows.filter(Q(number__iexact=search) | Q(hotline_number=search))
    if overdue_on is not None:
        rows = rows.filter(status__in=OPEN_STATES, due_on__lt=overdue_on)
    if created_from is not None:
        rows = rows.filter(created_at__date__gte=created_from)
    if created_to is not None:
        rows = rows.filter(created_at__date__lte=created_to)
    return rows.order_by("-created_at", "-pk")


def complaint_get(actor: Actor, pk: Any) -> Complaint:
    return get_visible(
        Complaint.objects.select_related(
            "project", "company", "department", "tier_node", "node", "submitter"
        ),
        actor,
        pk=pk,
    )


def sees_internal_notes(actor: Actor, complaint: Complaint) -> bool:
    """Officials and the responsible party read internal notes; complainants do not."""
    return is_place_official(actor, complaint) or is_responsible(actor, complaint)


def action_label(action: str) -> str:
    from gongzhi.complaints.workflow import COMPLAINT_FLOW

    step = COMPLAINT_FLOW.transitions.get(action)
    if step is not None:
        return str(step.label)
    return str(EVENT_LABELS.get(action, action))


def status_label(status: str) -> str:
    return str(Complaint.Status(status).label) if status in Complaint.Status.values else ""


def complaint_history(actor: Actor, complaint: Complaint) -> list[dict[str, Any]]:
    """The history the actor may read: internal notes only for officials and handlers."""
    internal = sees_internal_notes(actor, complaint)
    out = []
    for event in ComplaintEvent.objects.filter(complaint=complaint).order_by("at", "pk"):
        out.append(
            {
                "action": event.action,
                "action_label": action_label(event.action),
                "to_label": status_label(event.to_status),
                "from_status": event.from_status,
                "to_status": event.to_status,
                "actor": event.actor_label if internal else "",
                "at": event.at,
                "public_note": event.public_note,
                "internal_note": event.internal_note if internal else "",
            }
        )
    return out


def photos_of(complaint: Complaint) -> QuerySet[ComplaintPhoto]:
    return ComplaintPhoto.objects.filter(complaint=complaint)


def photo_get(actor: Actor, pk: Any) -> ComplaintPhoto:
    return get_visible(ComplaintPhoto.objects.select_related("complaint"), actor, pk=pk)
