"""Handover and exit deadlines of a place (gongzhi.lifecycle): inspections still to be
signed before delivery and those past the profile's days before it (seed 000 §24;
004 §12), defects past their rectification deadline, exit notices pending and supervised
handovers under way or past the end of service (seed 000 §25; 004 §9). Counted live:
these are a handful of rows per project, never a city's volume."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.core.scoping import Actor
from gongzhi.dashboards.selectors.scoped import Place, under
from gongzhi.lifecycle.models import Exit, Handover, HandoverFinding
from gongzhi.lifecycle.selectors import dues_for

H, E = Handover.Status, Exit.Status
UNSIGNED = (H.PREPARING, H.INSPECTING, H.RECTIFYING)  # the inspection is still under way
NOTICE = (E.NOTIFIED, E.VOTING, E.REVIEW)  # notice given, the handover not started
UNDER_WAY = (*NOTICE, E.HANDING_OVER)  # not yet handed over, closed or rejected

# figure key → (drill, state, label); the states are figure_rows' ``state`` params
FIGURES = (
    ("handovers.pending", "handovers", "pending", _("Handover inspections before delivery")),
    ("handovers.overdue", "handovers", "overdue", _("Handover inspections past their deadline")),
    ("findings.open", "findings", "open", _("Handover defects awaiting rectification")),
    ("findings.overdue", "findings", "overdue", _("Defects past the rectification deadline")),
    ("exits.notice", "exits", "notice", _("Exit notices pending")),
    ("exits.handing_over", "exits", "handing_over", _("Supervised handovers under way")),
    ("exits.overdue", "exits", "overdue", _("Exits past the end of service, not handed over")),
)


def handovers(*, actor: Actor, place: Place, state: str, on: dt.date) -> QuerySet[Handover]:
    """Unsigned inspections (``pending``), or those of them whose due date, the profile's
    ``handover_inspection_days`` before delivery, has passed (``overdue``)."""
    if place.is_department:
        return Handover.objects.none()
    qs = under(Handover.objects.visible_to(actor), place).filter(status__in=UNSIGNED)
    if state == "overdue":
        rows = list(qs.select_related("project__community"))
        dues = dues_for(rows)
        late = [h.pk for h in rows if dues[h.pk].overdue(done_on=None, today=on)]
        qs = qs.filter(pk__in=late)
    return qs


def findings(*, actor: Actor, place: Place, state: str, on: dt.date) -> QuerySet[HandoverFinding]:
    """Defects not yet re-inspected (``open``), or those of them past ``rectify_by``."""
    if place.is_department:
        return HandoverFinding.objects.none()
    qs = under(
        HandoverFinding.objects.visible_to(actor),
        place,
        path="handover__node_path",
        project="handover__project_id",
    ).filter(result=HandoverFinding.Result.DEFECT, reinspected_on__isnull=True)
    if state == "overdue":
        qs = qs.filter(rectify_by__lt=on)
    return qs


def exits(*, actor: Actor, place: Place, state: str, on: dt.date) -> QuerySet[Exit]:
    """Exits with their notice pending, their supervised handover under way, or still not
    handed over after the end of service."""
    if place.is_department:
        return Exit.objects.none()
    qs = under(Exit.objects.visible_to(actor), place)
    if state == "notice":
        return qs.filter(status__in=NOTICE)
    if state == "handing_over":
        return qs.filter(status=E.HANDING_OVER)
    return qs.filter(status__in=UNDER_WAY, end_on__lt=on)  # overdue


ROWS = {"handovers": handovers, "findings": findings, "exits": exits}


def deadline_rows(
    *, actor: Actor, place: Place, drill: str, state: str, on: dt.date
) -> QuerySet[Any]:
    """The rows of one deadline figure (``drill`` of ROWS, ``state`` of FIGURES)."""
    states = [s for _key, d, s, _label in FIGURES if d == drill]
    chosen = state if state in states else states[0]
    return ROWS[drill](actor=actor, place=place, state=chosen, on=on)
