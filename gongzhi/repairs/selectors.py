"""Reads of repair requests, always scoped to the actor (absent and forbidden are both 404).

An owner sees the requests they made, company staff their company's, officials those of
their subtree. ``company_times`` gives the time to respond and to finish per company.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.models import CompanyStaff
from gongzhi.repairs.models import OPEN_STATES, RepairEvent, RepairPhoto, RepairRequest
from gongzhi.repairs.workflow import REPAIR_FLOW

S = RepairRequest.Status


def repair_list(
    *,
    actor: Actor,
    status: str = "",
    open_only: bool = False,
    mine: bool = False,
    project_id: int | None = None,
    category: str = "",
    search: str = "",
) -> QuerySet[RepairRequest]:
    """The requests the actor may see, newest first; ``mine``: the ones they made."""
    rows = RepairRequest.objects.visible_to(actor).select_related(
        "project", "company", "part", "worker"
    )
    if mine:
        rows = rows.filter(requester_id=actor.user_id)
    rows = narrowed(rows, status=status, project_id=project_id, category=category)
    if open_only:
        rows = rows.filter(status__in=OPEN_STATES)
    if search:
        rows = rows.filter(Q(number__iexact=search) | Q(location__icontains=search))
    return rows.order_by("-created_at", "-pk")


def repair_get(*, actor: Actor, pk: Any) -> RepairRequest:
    return get_visible(
        RepairRequest.objects.select_related(
            "project", "company", "part", "worker", "requester", "complaint"
        ),
        actor,
        pk=pk,
    )


def status_label(status: str) -> str:
    return str(S(status).label) if status in S.values else ""


def action_label(action: str) -> str:
    from django.utils.translation import gettext

    step = REPAIR_FLOW.transitions.get(action)
    if step is not None:
        return str(step.label)
    return gettext("Repair requested") if action == "submit" else action


def history(repair: RepairRequest) -> list[dict[str, Any]]:
    """The steps of a request; who did each step is shown by username only to staff."""
    return [
        {
            "action": e.action,
            "action_label": action_label(e.action),
            "to_label": status_label(e.to_status),
            "from_status": e.from_status,
            "to_status": e.to_status,
            "at": e.at,
            "note": e.note,
        }
        for e in RepairEvent.objects.filter(request=repair).order_by("at", "pk")
    ]


def photos_of(repair: RepairRequest) -> QuerySet[RepairPhoto]:
    return RepairPhoto.objects.filter(request=repair)


def photo_get(*, actor: Actor, pk: Any) -> RepairPhoto:
    return get_visible(RepairPhoto.objects.select_related("request"), actor, pk=pk)


def workers_for(repair: RepairRequest) -> QuerySet[CompanyStaff]:
    """The company's active staff, those of the request's project first."""
    return CompanyStaff.objects.filter(company_id=repair.company_id, is_active=True).order_by(
        "-project_id", "name"
    )


@dataclass(frozen=True)
class CompanyTimes:
    """Requests of one company in a period: how fast it responds and finishes, how owners
    rate it. Hours are rounded to one decimal; ``None`` where nothing was measured."""

    company_id: int
    company_name: str
    requests: int
    open: int
    respond_hours: Decimal | None
    finish_hours: Decimal | None
    rated: int
    rating: Decimal | None
    escalated: int


def _hours(seconds: Any) -> Decimal | None:
    if seconds is None:
        return None
    return (Decimal(str(seconds)) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def company_times(
    *, actor: Actor, since: dt.date | None = None, until: dt.date | None = None
) -> list[CompanyTimes]:
    """Time to respond (request → first dispatch) and to finish (request → completion)
    per company, over the requests the actor may see; one grouped query."""
    rows = RepairRequest.objects.visible_to(actor)
    if since is not None:
        rows = rows.filter(created_at__date__gte=since)
    if until is not None:
        rows = rows.filter(created_at__date__lte=until)
    grouped = (
        rows.values("company_id", "company__name")
        .annotate(
            n=Count("pk"),
            n_open=Count("pk", filter=Q(status__in=OPEN_STATES)),
            respond=Avg("respond_seconds"),
            finish=Avg("finish_seconds"),
            n_rated=Count("rating"),
            rating=Avg("rating"),
            n_escalated=Count("pk", filter=Q(status=S.ESCALATED)),
        )
        .order_by("company__name")
    )
    return [
        CompanyTimes(
            company_id=g["company_id"],
            company_name=g["company__name"],
            requests=g["n"],
            open=g["n_open"],
            respond_hours=_hours(g["respond"]),
            finish_hours=_hours(g["finish"]),
            rated=g["n_rated"],
            rating=None
            if g["rating"] is None
            else Decimal(str(g["rating"])).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP),
            escalated=g["n_escalated"],
        )
        for g in grouped
    ]


def my_open_repairs(*, actor: Actor) -> QuerySet[RepairRequest]:
    """The owner's requests still open, for the home page (newest first)."""
    return repair_list(actor=actor.with_grant_kinds("owner"), mine=True, open_only=True)
