"""The dashboard's complaint hot spots: from the counters (:func:`hot_spots`) and counted
from the rows themselves (:func:`hot_spots_live`, for department staff and the tests)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Min, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from gongzhi.complaints.models import Complaint, ComplaintPeriodStat
from gongzhi.complaints.stats.counters import COUNTERS, SEGMENT
from gongzhi.complaints.stats.periods import (
    StatFilters,
    StatRow,
    _labels,
    _ranked,
    _Sum,
    grouped,
)
from gongzhi.core import clock
from gongzhi.core.scoping import Actor


@dataclass(frozen=True)
class HotSpots:
    """A place's complaints over a period, by category, project, company, child area and
    month (seed 002 §二(一)2: focus on projects and companies with many complaints)."""

    totals: StatRow
    by_category: list[StatRow]
    by_project: list[StatRow]  # the ``top`` projects
    by_project_all: list[StatRow]
    by_company: list[StatRow]
    by_child: list[StatRow]  # keyed by the child node's path
    by_month: list[StatRow]  # keyed "YYYY-MM"


def _hot(groups: list[dict[str, Any]], months: dict[str, _Sum], top: int) -> HotSpots:
    total = _Sum()
    dims: dict[str, dict[Any, _Sum]] = {
        d: defaultdict(_Sum) for d in ("category", "project", "company", "child")
    }
    for g in groups:
        total.add(g, 0)
        dims["category"][g["category"]].add(g, 0)
        if g["project_ref"]:
            dims["project"][g["project_ref"]].add(g, 0)
        if g["company_ref"]:
            dims["company"][g["company_ref"]].add(g, 0)
        if g.get("street"):
            dims["child"][g["street"]].add(g, 0)
    projects = sorted(
        (acc.row(k, "") for k, acc in dims["project"].items()), key=lambda r: (-r.received, r.key)
    )
    top_projects = projects[:top]
    names = _labels("project", [int(r.key) for r in top_projects])
    top_projects = [
        StatRow(**{**r.__dict__, "label": names.get(int(r.key), r.key)}) for r in top_projects
    ]
    return HotSpots(
        totals=total.row("", ""),
        by_category=_ranked(dims["category"], "category", {}),
        by_project=top_projects,
        by_project_all=projects,
        by_company=_ranked(dims["company"], "company", {})[:top],
        by_child=[acc.row(k, k) for k, acc in dims["child"].items()],
        by_month=[acc.row(k, k) for k, acc in sorted(months.items())],
    )


def hot_spots(
    actor: Actor, filters: StatFilters, *, top: int = 10, child_depth: int = 1
) -> HotSpots:
    """The dashboard's complaint figures from the counters: one grouped read of the
    period's year/month/day counters (project × company × category × child area) and one
    of the per-community monthly counters."""
    today = clock.today()
    fields = ["project_ref", "company_ref", "category", "street"]
    groups = grouped(actor, filters, fields, today, street_len=(child_depth + 1) * SEGMENT)
    months: dict[str, _Sum] = defaultdict(_Sum)
    G = ComplaintPeriodStat.Grain
    rows = ComplaintPeriodStat.objects.visible_to(actor)
    if filters.project_id:
        rows = rows.filter(grain=G.MONTH, project_ref=filters.project_id)
    else:
        rows = rows.filter(grain=G.AREA_MONTH)
    if filters.path:
        rows = rows.filter(node_path__startswith=filters.path)
    if filters.date_from:
        rows = rows.filter(start__gte=filters.date_from.replace(day=1))
    if filters.date_to:
        rows = rows.filter(start__lte=filters.date_to)
    for g in rows.values("start").annotate(**{c: Sum(c) for c in COUNTERS}).order_by():
        months[g["start"].strftime("%Y-%m")].add(g, 0)
    return _hot(groups, months, top)


def hot_spots_live(
    complaints: QuerySet[Complaint],
    *,
    date_from: dt.date,
    date_to: dt.date,
    top: int = 10,
    child_depth: int = 1,
) -> HotSpots:
    """The same figures counted from the complaint rows themselves (for department staff,
    whom the counters do not reach, and as the direct count the tests compare with)."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    street_len = (child_depth + 1) * SEGMENT
    received = complaints.filter(created_at__date__gte=date_from, created_at__date__lte=date_to)
    resolved = complaints.filter(resolved_at__date__gte=date_from, resolved_at__date__lte=date_to)
    groups: dict[tuple[Any, ...], dict[str, Any]] = {}

    def acc(row: dict[str, Any]) -> dict[str, Any]:
        key = (row["project_id"] or 0, row["company_id"] or 0, row["category"], row["street"])
        return groups.setdefault(
            key,
            {"project_ref": key[0], "company_ref": key[1], "category": key[2], "street": key[3],
             **dict.fromkeys(COUNTERS, 0)},
        )  # fmt: skip

    fields = ("project_id", "company_id", "category", "street")
    for row in (
        received.annotate(street=Substr("node_path", 1, street_len))
        .values(*fields)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        acc(row)["received"] += row["n"]
    for row in (
        resolved.annotate(street=Substr("node_path", 1, street_len))
        .values(*fields)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        acc(row)["resolved"] += row["n"]
    from gongzhi.complaints.models import ComplaintEscalation

    first = (
        ComplaintEscalation.objects.filter(complaint__in=complaints)
        .values("complaint_id")
        .annotate(at=Min("at"))
        .order_by()
    )
    escalated_ids = [
        r["complaint_id"] for r in first if date_from <= timezone.localdate(r["at"]) <= date_to
    ]
    for row in (
        complaints.filter(pk__in=escalated_ids)
        .annotate(street=Substr("node_path", 1, street_len))
        .values(*fields)
        .annotate(n=Count("pk"))
        .order_by()
    ):
        acc(row)["overdue"] += row["n"]
    months: dict[str, _Sum] = defaultdict(_Sum)
    for row in (
        received.annotate(m=TruncMonth("created_at")).values("m").annotate(n=Count("pk")).order_by()
    ):
        months[row["m"].strftime("%Y-%m")].add(
            {**dict.fromkeys(COUNTERS, 0), "received": row["n"]}, 0
        )
    for row in (
        resolved.annotate(m=TruncMonth("resolved_at"))
        .values("m")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        months[row["m"].strftime("%Y-%m")].add(
            {**dict.fromkeys(COUNTERS, 0), "resolved": row["n"]}, 0
        )
    return _hot(list(groups.values()), months, top)
