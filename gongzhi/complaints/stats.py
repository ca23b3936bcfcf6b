"""Complaint statistics (seed 002 §二(一)2(1): 统计分析, 投诉较多的小区和物业服务企业).

The services keep :class:`ComplaintDailyStat` counters up to date in the same
transaction as the change they count (:func:`bump`); the statistics page sums those
counters (one ``GROUP BY`` over at most days × places × categories rows) instead of
scanning the complaints, so it stays fast with a million of them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from gongzhi.complaints.models import Complaint, ComplaintDailyStat
from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.models import PATH_SEGMENT_WIDTH, Jurisdiction
from gongzhi.registry.models import Project, PropertyCompany

COUNTERS = (
    "received",
    "resolved",
    "handling_seconds",
    "overdue",
    "rated",
    "satisfaction_sum",
    "substantiated",
)
SEGMENT = PATH_SEGMENT_WIDTH + 1  # "00000001/"


def stat_key(complaint: Complaint, day: dt.date) -> dict[str, Any]:
    return {
        "day": day,
        "node_path": complaint.node_path,
        "project_ref": complaint.project_id or 0,
        "company_ref": complaint.company_id or 0,
        "category": complaint.category,
    }


def bump(complaint: Complaint, day: dt.date, **increments: int) -> None:
    """Add ``increments`` to the counters of the complaint's key on ``day`` (upsert)."""
    key = stat_key(complaint, day)
    values = {name: F(name) + amount for name, amount in increments.items()}
    if ComplaintDailyStat.objects.filter(**key).update(**values):
        return
    try:
        with transaction.atomic():
            ComplaintDailyStat.objects.create(**key, **increments)
    except IntegrityError:  # created meanwhile by another transaction
        ComplaintDailyStat.objects.filter(**key).update(**values)


@dataclass(frozen=True)
class StatFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    street: Jurisdiction | None = None
    category: str = ""
    company_id: int | None = None
    project_id: int | None = None


@dataclass(frozen=True)
class StatRow:
    key: str
    label: str
    received: int
    resolved: int
    overdue: int
    average_days: Decimal | None
    satisfaction: Decimal | None
    substantiated: int
    repeat: int

    @property
    def overdue_rate(self) -> Decimal | None:
        if not self.received:
            return None
        return (Decimal(self.overdue * 100) / self.received).quantize(Decimal("0.1"), ROUND_HALF_UP)


def scoped_stats(actor: Actor, filters: StatFilters) -> QuerySet[ComplaintDailyStat]:
    rows = ComplaintDailyStat.objects.visible_to(actor)
    if filters.date_from:
        rows = rows.filter(day__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(day__lte=filters.date_to)
    if filters.street is not None:
        rows = rows.filter(node_path__startswith=filters.street.path)
    if filters.category:
        rows = rows.filter(category=filters.category)
    if filters.company_id:
        rows = rows.filter(company_ref=filters.company_id)
    if filters.project_id:
        rows = rows.filter(project_ref=filters.project_id)
    return rows


def _ratio(total: int, count: int, places: str) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / count).quantize(Decimal(places), ROUND_HALF_UP)


class _Sum:
    """Running totals of one group of counter rows."""

    def __init__(self) -> None:
        self.values = dict.fromkeys(COUNTERS, 0)
        self.repeat = 0

    def add(self, group: Mapping[str, Any], repeat: int) -> None:
        for name in COUNTERS:
            self.values[name] += group[name] or 0
        self.repeat += repeat

    def row(self, key: Any, label: str) -> StatRow:
        v = self.values
        return StatRow(
            key=str(key),
            label=label,
            received=v["received"],
            resolved=v["resolved"],
            overdue=v["overdue"],
            average_days=_ratio(v["handling_seconds"], v["resolved"] * 86400, "0.1"),
            satisfaction=_ratio(v["satisfaction_sum"], v["rated"], "0.01"),
            substantiated=v["substantiated"],
            repeat=self.repeat,
        )


@dataclass(frozen=True)
class Summary:
    totals: StatRow
    rows: list[StatRow]
    top_projects: list[StatRow]
    top_companies: list[StatRow]


def _ranked(sums: dict[Any, _Sum], dimension: str, labels: Mapping[Any, str]) -> list[StatRow]:
    names = dict(labels) if dimension == "category" else _labels(dimension, list(sums))
    rows = [acc.row(key, names.get(key, str(key))) for key, acc in sums.items()]
    return sorted(rows, key=lambda r: (-r.received, r.key))


def summary(
    actor: Actor,
    filters: StatFilters,
    dimension: str,
    *,
    street_depth: int = 1,
    category_labels: Mapping[str, str] | None = None,
    top: int = 10,
) -> Summary:
    """Totals, the breakdown by ``dimension`` and the projects and companies with the most
    complaints, from ONE grouped query over the counters (per project × company ×
    category, plus the street prefix or the day when grouping by them).

    ``repeat`` counts the complaints beyond the first per project and category in the
    period: the same problem raised again in the same project.
    """
    rows = scoped_stats(actor, filters)
    fields = ["project_ref", "company_ref", "category"]
    if dimension == "street":
        rows = rows.annotate(street=Substr("node_path", 1, (street_depth + 1) * SEGMENT))
        fields.append("street")
    elif dimension == "day":
        fields.append("day")
    groups = rows.values(*fields).annotate(**{c: Sum(c) for c in COUNTERS}).order_by()
    total = _Sum()
    by: dict[Any, _Sum] = defaultdict(_Sum)
    projects: dict[Any, _Sum] = defaultdict(_Sum)
    companies: dict[Any, _Sum] = defaultdict(_Sum)
    per_project_category: dict[tuple[int, str], int] = defaultdict(int)
    for g in groups:
        if g["project_ref"]:
            per_project_category[(g["project_ref"], g["category"])] += g["received"] or 0
    for g in groups:
        # A (project, category) pair spread over several groups (days) carries its
        # repeats on its first group only.
        pair = (g["project_ref"], g["category"])
        repeat = max(per_project_category.pop(pair, 0) - 1, 0) if g["project_ref"] else 0
        key = {
            "category": g["category"],
            "project": g["project_ref"],
            "company": g["company_ref"],
        }.get(dimension, g.get(dimension))
        total.add(g, repeat)
        by[key].add(g, repeat)
        if g["project_ref"]:
            projects[g["project_ref"]].add(g, repeat)
        if g["company_ref"]:
            companies[g["company_ref"]].add(g, repeat)
    return Summary(
        totals=total.row("", ""),
        rows=_ranked(by, dimension, category_labels or {}),
        top_projects=_ranked(projects, "project", {})[:top],
        top_companies=_ranked(companies, "company", {})[:top],
    )


def _labels(dimension: str, keys: list[Any]) -> dict[Any, str]:
    if dimension == "project":
        return dict(Project.objects.filter(pk__in=keys).values_list("pk", "name"))
    if dimension == "company":
        return dict(PropertyCompany.objects.filter(pk__in=keys).values_list("pk", "name"))
    if dimension == "street":
        ids = [int(k.rstrip("/").rsplit("/", 1)[-1]) for k in keys if k]
        names = dict(Jurisdiction.objects.filter(pk__in=ids).values_list("path", "name"))
        return {k: names.get(k, k) for k in keys}
    return {}


def open_overdue(actor: Actor, today: dt.date) -> int:
    """Open complaints past their running deadline (an indexed count)."""
    from gongzhi.complaints.workflow import OPEN_STATES

    return (
        Complaint.objects.visible_to(actor)
        .filter(Q(status__in=OPEN_STATES), due_on__lt=today)
        .count()
    )


def rebuild(complaints: QuerySet[Complaint]) -> int:
    """Recount the counters of ``complaints`` from their rows (after a bulk insert, or to
    repair): deletes their keys' counters and writes fresh ones. Returns rows written."""
    from gongzhi.complaints.models import ComplaintEscalation

    first_escalation: dict[int, dt.datetime] = {}
    for complaint_id, at in (
        ComplaintEscalation.objects.filter(complaint__in=complaints)
        .order_by("at")
        .values_list("complaint_id", "at")
    ):
        first_escalation.setdefault(complaint_id, at)
    counters: dict[tuple[Any, ...], dict[str, int]] = {}

    def add(c: Any, when: dt.datetime, **amounts: int) -> None:
        key = (
            timezone.localdate(when),
            c.node_path,
            c.project_id or 0,
            c.company_id or 0,
            c.category,
        )
        row = counters.setdefault(key, dict.fromkeys(COUNTERS, 0))
        for name, amount in amounts.items():
            row[name] += amount

    for c in complaints.only(
        "pk",
        "node_path",
        "project_id",
        "company_id",
        "category",
        "created_at",
        "resolved_at",
        "closed_at",
        "satisfaction",
        "substantiated",
        "party",
        "escalations",
    ).iterator(chunk_size=5000):
        add(c, c.created_at, received=1)
        if c.resolved_at is not None:
            seconds = max(int((c.resolved_at - c.created_at).total_seconds()), 0)
            add(c, c.resolved_at, resolved=1, handling_seconds=seconds)
            if c.substantiated and c.party == "company":
                add(c, c.resolved_at, substantiated=1)
        if c.closed_at is not None and c.satisfaction:
            add(c, c.closed_at, rated=1, satisfaction_sum=c.satisfaction)
        if c.pk in first_escalation:
            add(c, first_escalation[c.pk], overdue=1)
    with transaction.atomic():
        for day, path, project, company, category in counters:
            ComplaintDailyStat.objects.filter(
                day=day,
                node_path=path,
                project_ref=project,
                company_ref=company,
                category=category,
            ).delete()
        ComplaintDailyStat.objects.bulk_create(
            [
                ComplaintDailyStat(
                    day=day,
                    node_path=path,
                    project_ref=project,
                    company_ref=company,
                    category=category,
                    **values,
                )
                for (day, path, project, company, category), values in counters.items()
            ],
            batch_size=2000,
        )
    return len(counters)
