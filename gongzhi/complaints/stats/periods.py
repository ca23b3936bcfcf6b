"""Reading the counters over a period: the filters, the coarsest counters that cover a
period (:func:`_segments`), the grouped sums (:func:`grouped`) and the statistics page's
:func:`summary`."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import Substr

from gongzhi.complaints.models import ComplaintDailyStat, ComplaintPeriodStat
from gongzhi.complaints.stats.counters import COUNTERS, SEGMENT
from gongzhi.core import clock
from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Project, PropertyCompany


@dataclass(frozen=True)
class StatFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    street: Jurisdiction | None = None
    category: str = ""
    company_id: int | None = None
    project_id: int | None = None
    path: str = ""  # any subtree (the dashboard's place)


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


def _keyed(rows: QuerySet[Any], filters: StatFilters) -> QuerySet[Any]:
    if filters.path:
        rows = rows.filter(node_path__startswith=filters.path)
    if filters.street is not None:
        rows = rows.filter(node_path__startswith=filters.street.path)
    if filters.category:
        rows = rows.filter(category=filters.category)
    if filters.company_id:
        rows = rows.filter(company_ref=filters.company_id)
    if filters.project_id:
        rows = rows.filter(project_ref=filters.project_id)
    return rows


def scoped_stats(actor: Actor, filters: StatFilters) -> QuerySet[ComplaintDailyStat]:
    """The daily counter rows of the filters' period (for the breakdown by day)."""
    rows = ComplaintDailyStat.objects.visible_to(actor)
    if filters.date_from:
        rows = rows.filter(day__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(day__lte=filters.date_to)
    return _keyed(rows, filters)


EARLIEST = dt.date(2000, 1, 1)


def _segments(
    date_from: dt.date | None, date_to: dt.date | None, today: dt.date
) -> list[tuple[str, dt.date, dt.date]]:
    """Cover [date_from, date_to] with the coarsest counters: ``("year"|"month", first
    start, last start)`` runs of whole periods, and ``("day", first, last)`` runs of days.

    Nothing is counted after ``today``, so a period that runs past ``date_to`` is still
    whole when ``date_to`` is today or later (this year so far is the year's counter)."""
    end = date_to or today
    start = date_from or EARLIEST
    if end < start:
        return []
    open_end = end >= today

    def whole(last_day: dt.date) -> bool:
        return last_day <= end or open_end

    out: list[tuple[str, dt.date, dt.date]] = []

    def add(grain: str, first: dt.date, last: dt.date) -> None:
        if out and out[-1][0] == grain and grain != "day":
            out[-1] = (grain, out[-1][1], last)
        elif (
            out and out[-1][0] == "day" and grain == "day" and out[-1][2] + dt.timedelta(1) == first
        ):
            out[-1] = (grain, out[-1][1], last)
        else:
            out.append((grain, first, last))

    day = start
    limit = min(end, today)
    while day <= limit:
        year_end = dt.date(day.year, 12, 31)
        next_month = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        if day.month == 1 and day.day == 1 and whole(year_end):
            add("year", day, day)
            day = year_end + dt.timedelta(days=1)
        elif day.day == 1 and whole(next_month - dt.timedelta(days=1)):
            add("month", day, day)
            day = next_month
        else:
            last = min(next_month - dt.timedelta(days=1), limit)
            add("day", day, last)
            day = last + dt.timedelta(days=1)
    return out


def grouped(
    actor: Actor, filters: StatFilters, fields: list[str], today: dt.date, *, street_len: int = 0
) -> list[dict[str, Any]]:
    """Counter sums grouped by ``fields`` (of project_ref, company_ref, category, and
    ``street`` = the node path cut to ``street_len``) over the filters' period, merged
    from the year, month and day counters that cover it."""
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for grain, first, last in _segments(filters.date_from, filters.date_to, today):
        if grain == "day":
            rows: QuerySet[Any] = ComplaintDailyStat.objects.visible_to(actor).filter(
                day__gte=first, day__lte=last
            )
        else:
            rows = ComplaintPeriodStat.objects.visible_to(actor).filter(
                grain=grain, start__gte=first, start__lte=last
            )
        rows = _keyed(rows, filters)
        if street_len:
            rows = rows.annotate(street=Substr("node_path", 1, street_len))
        for g in rows.values(*fields).annotate(**{c: Sum(c) for c in COUNTERS}).order_by():
            key = tuple(g[f] for f in fields)
            acc = merged.get(key)
            if acc is None:
                merged[key] = {**g}
            else:
                for c in COUNTERS:
                    acc[c] = (acc[c] or 0) + (g[c] or 0)
    return list(merged.values())


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
    fields = ["project_ref", "company_ref", "category"]
    if dimension == "day":
        fields.append("day")
        rows = scoped_stats(actor, filters)
        groups = list(rows.values(*fields).annotate(**{c: Sum(c) for c in COUNTERS}).order_by())
    elif dimension == "street":
        fields.append("street")
        street_len = (street_depth + 1) * SEGMENT
        groups = grouped(actor, filters, fields, clock.today(), street_len=street_len)
    else:
        groups = grouped(actor, filters, fields, clock.today())
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
