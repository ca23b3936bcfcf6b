"""The rows behind each figure: the same row sets and filters as the figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.assessments.models import Band
from gongzhi.complaints.models import Channel
from gongzhi.complaints.workflow import OPEN_STATES
from gongzhi.core import clock
from gongzhi.core.errors import NotFoundError
from gongzhi.core.listing import int_param
from gongzhi.core.scoping import Actor
from gongzhi.dashboards.selectors.deadlines import ROWS, deadline_rows
from gongzhi.dashboards.selectors.scoped import (
    COVERAGE,
    Place,
    assessments,
    blacklisted,
    complaints,
    coverage_q,
    credit_scores,
    fund_accounts,
    overdue_contracts,
    projects,
    topups,
)
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Project, PropertyCompany

# --- the rows behind a figure ------------------------------------------------------------

DRILLS = (
    "projects",
    "complaints",
    "credit",
    "blacklist",
    "assessments",
    "fund_accounts",
    "topups",
    "contracts_overdue",
    *ROWS,
)


def _between(field: str, first: dt.date, after: dt.date) -> dict[str, dt.datetime]:
    """``first`` ≤ field < ``after`` in local days, as an indexable datetime range."""
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(after, dt.time.min))
    return {f"{field}__gte": start, f"{field}__lt": end}


def figure_rows(*, actor: Actor, place: Place, drill: str, params: dict[str, str]) -> QuerySet[Any]:
    """The rows a figure counts, by its ``drill`` and ``params`` (the figure's own filters)."""
    today = clock.today()
    if drill == "projects":
        qs = projects(actor=actor, place=place).select_related("community", "company")
        if params.get("coverage") in dict(COVERAGE):
            qs = qs.filter(coverage_q(params["coverage"]))
        if params.get("formation") in Project.Formation.values:
            qs = qs.filter(formation=params["formation"])
        return qs.order_by("node_path", "name")
    if drill == "complaints":
        cq = complaints(actor=actor, place=place).select_related("project", "company")
        state = params.get("state", "")
        if state == "open":
            cq = cq.filter(status__in=OPEN_STATES)
        elif state == "overdue":
            cq = cq.filter(status__in=OPEN_STATES, due_on__lt=today)
        elif state == "resolved":
            cq = cq.filter(resolved_at__isnull=False)
        year = int_param(params.get("year"))
        month = params.get("month", "")
        field = "resolved_at" if state == "resolved" else "created_at"
        if year and 2000 <= year <= 2100:
            cq = cq.filter(**_between(field, dt.date(year, 1, 1), dt.date(year + 1, 1, 1)))
        if len(month) == 7 and month[:4].isdigit() and month[5:].isdigit():
            y, m = int(month[:4]), int(month[5:])
            if 2000 <= y <= 2100 and 1 <= m <= 12:
                first = dt.date(y, m, 1)
                after = (first + dt.timedelta(days=32)).replace(day=1)
                cq = cq.filter(**_between("created_at", first, after))
        if params.get("channel") in Channel.values:
            cq = cq.filter(channel=params["channel"])
        if params.get("category"):
            cq = cq.filter(category=params["category"][:48])
        project_id = int_param(params.get("project"))
        if project_id:
            cq = cq.filter(project_id=project_id)
        company_id = int_param(params.get("company"))
        if company_id:
            cq = cq.filter(company_id=company_id)
        node_id = int_param(params.get("node"))
        if node_id:
            node = Jurisdiction.objects.visible_to(actor).filter(pk=node_id).first()
            cq = cq.filter(node_path__startswith=node.path) if node else cq.none()
        return cq.order_by("-created_at", "-pk")
    if drill == "credit":
        year = int_param(params.get("year")) or today.year
        sq = credit_scores(actor=actor, place=place, year=year).select_related("company")
        if params.get("grade"):
            sq = sq.filter(grade=params["grade"][:16])
        return sq.order_by("-score", "company__name")
    if drill == "blacklist":
        return blacklisted(actor=actor, place=place).select_related("company").order_by("-since")
    if drill == "assessments":
        aq = assessments(actor=actor, place=place).select_related("project", "company")
        year, quarter = int_param(params.get("year")), int_param(params.get("quarter"))
        if year and quarter:
            aq = aq.filter(year=year, quarter=quarter)
        if params.get("band") in Band.values:
            aq = aq.filter(band=params["band"])
        return aq.order_by("total", "project__name")
    if drill == "fund_accounts":
        return (
            fund_accounts(actor=actor, place=place)
            .select_related("project")
            .order_by("-balance_fen")
        )
    if drill == "topups":
        return (
            topups(actor=actor, place=place)
            .select_related("part_fund__part", "project")
            .order_by("project__name")
        )
    if drill == "contracts_overdue":
        return (
            overdue_contracts(actor=actor, place=place, on=today)
            .select_related("project", "company")
            .order_by("signed_on")
        )
    if drill in ROWS:
        qs = deadline_rows(
            actor=actor, place=place, drill=drill, state=params.get("state", ""), on=today
        )
        return qs.select_related(*DEADLINE_RELATED[drill]).order_by(*DEADLINE_ORDER[drill])
    raise NotFoundError(_("Not found."))


DEADLINE_RELATED = {
    "handovers": ("project", "company"),
    "findings": ("handover__project",),
    "exits": ("project", "company"),
}
DEADLINE_ORDER = {
    "handovers": ("delivery_on", "pk"),
    "findings": ("rectify_by", "pk"),
    "exits": ("end_on", "pk"),
}


def company_names(ids: Iterable[int]) -> dict[int, str]:
    return dict(PropertyCompany.objects.filter(pk__in=list(ids)).values_list("pk", "name"))
