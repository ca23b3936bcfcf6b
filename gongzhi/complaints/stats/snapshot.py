"""Open and overdue complaints: a snapshot refreshed by a task (:func:`refresh_open`),
because time, not a write, makes a complaint overdue; read by :func:`open_counts`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, Sum

from gongzhi.complaints.models import Complaint, ComplaintOpenSnapshot
from gongzhi.core import clock
from gongzhi.core.scoping import Actor


@dataclass(frozen=True)
class OpenCounts:
    open: int
    overdue: int
    overdue_hotline: int
    as_of: dt.datetime | None  # None: counted live just now


def refresh_open(today: dt.date | None = None) -> int:
    """Recount the open-complaints snapshot from the complaints (idempotent; scheduled every
    10 minutes and after each escalation run). Returns the snapshot rows written."""
    from django.db.models import Count

    from gongzhi.complaints.workflow import OPEN_STATES

    day = today or clock.today()
    at = clock.now()
    rows = (
        Complaint.objects.filter(status__in=OPEN_STATES)
        .values("node_path", "project_id", "company_id", "channel")
        .annotate(open=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=day)))
        .order_by()
    )
    snapshot = [
        ComplaintOpenSnapshot(
            node_path=r["node_path"],
            project_ref=r["project_id"] or 0,
            company_ref=r["company_id"] or 0,
            channel=r["channel"],
            open=r["open"],
            overdue=r["overdue"],
            as_of=at,
        )
        for r in rows
    ]
    with transaction.atomic():
        ComplaintOpenSnapshot.objects.all().delete()
        ComplaintOpenSnapshot.objects.bulk_create(snapshot, batch_size=2000)
    return len(snapshot)


def open_counts(
    actor: Actor, *, path: str = "", project_id: int | None = None, today: dt.date | None = None
) -> OpenCounts:
    """Open, overdue and overdue 12345 work orders of a place, from the snapshot (with its
    age); counted live when no snapshot was taken yet or the actor is department staff,
    whom the snapshot does not reach."""
    from gongzhi.complaints.models import Channel
    from gongzhi.complaints.workflow import OPEN_STATES

    snapshot = ComplaintOpenSnapshot.objects.visible_to(actor)
    as_of = ComplaintOpenSnapshot.objects.order_by("-as_of").values_list("as_of", flat=True).first()
    if as_of is not None and not list(actor.grants_of("department")):
        if path:
            snapshot = snapshot.filter(node_path__startswith=path)
        if project_id:
            snapshot = snapshot.filter(project_ref=project_id)
        sums = snapshot.aggregate(
            n_open=Sum("open"),
            n_overdue=Sum("overdue"),
            n_hotline=Sum("overdue", filter=Q(channel=Channel.HOTLINE)),
        )
        return OpenCounts(
            sums["n_open"] or 0, sums["n_overdue"] or 0, sums["n_hotline"] or 0, as_of
        )
    from django.db.models import Count

    day = today or clock.today()
    rows = Complaint.objects.visible_to(actor).filter(status__in=OPEN_STATES)
    if path:
        rows = rows.filter(node_path__startswith=path)
    if project_id:
        rows = rows.filter(project_id=project_id)
    late = Q(due_on__lt=day)
    sums = rows.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=late),
        hotline=Count("pk", filter=late & Q(channel=Channel.HOTLINE)),
    )
    return OpenCounts(sums["open"], sums["overdue"], sums["hotline"], None)


def open_overdue(actor: Actor, today: dt.date) -> int:
    """Open complaints past their running deadline (see :func:`open_counts`)."""
    return open_counts(actor, today=today).overdue
