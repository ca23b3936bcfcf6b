"""Complaint statistics (seed 002 §二(一)2(1): 统计分析, 投诉较多的小区和物业服务企业).

The services keep :class:`ComplaintDailyStat` counters and their monthly and yearly
roll-ups (:class:`ComplaintPeriodStat`) up to date in the same transaction as the change
they count (:func:`bump`). A period is read from the coarsest counters that cover it
(:func:`_segments`: whole years, then whole months, then single days), so the statistics
page and the dashboard read at most projects × categories rows for a year, however many
complaints it had. Open and overdue counts come from :class:`ComplaintOpenSnapshot`,
refreshed by a task (:func:`refresh_open`) because time, not a write, makes a complaint
overdue.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F, Min, Q, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from gongzhi.complaints.models import (
    Complaint,
    ComplaintDailyStat,
    ComplaintOpenSnapshot,
    ComplaintPeriodStat,
)
from gongzhi.core import clock
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


def _period_keys(key: dict[str, Any]) -> list[dict[str, Any]]:
    day: dt.date = key["day"]
    rest = {k: v for k, v in key.items() if k != "day"}
    G = ComplaintPeriodStat.Grain
    return [
        {"grain": G.YEAR, "start": day.replace(month=1, day=1), **rest},
        {"grain": G.MONTH, "start": day.replace(day=1), **rest},
        {
            "grain": G.AREA_MONTH,
            "start": day.replace(day=1),
            "node_path": key["node_path"],
            "project_ref": 0,
            "company_ref": 0,
            "category": "",
        },
    ]


def _upsert(model: Any, key: dict[str, Any], increments: dict[str, int]) -> None:
    values = {name: F(name) + amount for name, amount in increments.items()}
    if model.objects.filter(**key).update(**values):
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **increments)
    except IntegrityError:  # created meanwhile by another transaction
        model.objects.filter(**key).update(**values)


def bump(complaint: Complaint, day: dt.date, **increments: int) -> None:
    """Add ``increments`` to the counters of the complaint's key on ``day`` and to its
    month's and year's roll-ups (upserts, in the caller's transaction)."""
    key = stat_key(complaint, day)
    _upsert(ComplaintDailyStat, key, increments)
    for period_key in _period_keys(key):
        _upsert(ComplaintPeriodStat, period_key, increments)


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


def open_overdue(actor: Actor, today: dt.date) -> int:
    """Open complaints past their running deadline (see :func:`open_counts`)."""
    return open_counts(actor, today=today).overdue


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
        rebuild_periods({day.year for day, *_ in counters})
    return len(counters)


def rebuild_periods(years: Iterable[int] | None = None) -> int:
    """Recompute the month and year roll-ups of ``years`` (default: all) from the daily
    counters, after a bulk insert or :func:`rebuild`. Returns the rows written."""
    from django.db.models.functions import TruncMonth, TruncYear

    G = ComplaintPeriodStat.Grain
    daily = ComplaintDailyStat.objects.all()
    periods = ComplaintPeriodStat.objects.all()
    if years is not None:
        chosen = sorted(set(years))
        daily = daily.filter(day__year__in=chosen)
        periods = periods.filter(start__year__in=chosen)
    sums = {c: Sum(c) for c in COUNTERS}
    key = ("start", "node_path", "project_ref", "company_ref", "category")
    rows = [
        ComplaintPeriodStat(grain=grain, **g)
        for grain, trunc in ((G.YEAR, TruncYear("day")), (G.MONTH, TruncMonth("day")))
        for g in daily.annotate(start=trunc).values(*key).annotate(**sums).order_by().iterator()
    ]
    rows += [
        ComplaintPeriodStat(grain=G.AREA_MONTH, **g)
        for g in daily.annotate(start=TruncMonth("day"))
        .values("start", "node_path")
        .annotate(**sums)
        .order_by()
        .iterator()
    ]
    with transaction.atomic():
        periods.delete()
        ComplaintPeriodStat.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# --- hot spots (the dashboard) -----------------------------------------------------------


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


# --- open and overdue (a snapshot refreshed by a task) -----------------------------------


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
