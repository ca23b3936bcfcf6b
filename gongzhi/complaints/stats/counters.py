"""The complaint counters and how they are kept: :func:`bump` in the write's transaction
(the day's counter and its month's and year's roll-ups), :func:`rebuild` and
:func:`rebuild_periods` after a bulk insert or to repair."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone

from gongzhi.complaints.models import Complaint, ComplaintDailyStat, ComplaintPeriodStat
from gongzhi.core.bulk import add_counts
from gongzhi.jurisdictions.models import PATH_SEGMENT_WIDTH

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


def _upsert(model: Any, keys: list[dict[str, Any]], increments: dict[str, int]) -> None:
    """Add ``increments`` to the rows of ``keys`` in ``model``'s table, creating the missing
    ones at ``increments`` (``core.bulk.add_counts``: one statement, atomic under
    concurrent writers). ``keys`` are distinct, all with the fields of the unique key."""
    rows = [{**key, **{name: increments.get(name, 0) for name in COUNTERS}} for key in keys]
    add_counts(model, rows, unique=list(keys[0]), add=list(increments))


def bump(complaint: Complaint, day: dt.date, **increments: int) -> None:
    """Add ``increments`` to the counters of the complaint's key on ``day`` and to its
    month's and year's roll-ups, in the caller's transaction: one upsert per table."""
    unknown = set(increments) - set(COUNTERS)
    if unknown or not increments:
        raise ValueError(f"Not complaint counters: {sorted(unknown) or 'none'}")
    key = stat_key(complaint, day)
    _upsert(ComplaintDailyStat, [key], increments)
    _upsert(ComplaintPeriodStat, _period_keys(key), increments)


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
