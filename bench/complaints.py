"""Benchmark: complaint intake over HTTP, and the statistics page at 10 000 and at
1 000 000 complaints against a raw SQL GROUP BY of the same rows.

    python bench/complaints.py [--max N] [--intake N]

Runs against a fresh temporary SQLite file (the production settings in dev mode). A
district of 6 streets × 5 communities, 300 projects and 30 companies; then

1. intake: ``--intake`` owner complaints POSTed to /complaints/new/ through the whole
   middleware stack (routing, working-day deadlines, audit, history, counters) →
   requests per second;
2. statistics: complaints bulk-inserted over five years with their daily counters and
   their month and year roll-ups (as the services keep them) and the open-complaints
   snapshot (as the scheduled task keeps it), first 10 000 then ``--max``
   (default 1 000 000); at each size the median time of the bureau's statistics page
   (current year, by category, with top projects and companies) and of a raw SQL
   ``GROUP BY category`` over the complaints of the same period. Prints the page's
   ratio between the two sizes and its ratio to the raw query at each size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Bench-pass-2026!"  # noqa: S105 - throwaway users of a temporary database
STREETS, COMMUNITIES, PROJECTS, COMPANIES = 6, 5, 300, 30
YEARS = 5
REPEAT = 5


def _setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongzhi.settings"
    os.environ["GONGZHI_ENV"] = "dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["TASK_BACKEND"] = "dummy"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["MEDIA_ROOT"] = str(database.parent / "media")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _city() -> dict[str, Any]:
    from gongzhi.accounts.models import Role
    from gongzhi.accounts.services import user_create
    from gongzhi.jurisdictions.services import department_create, jurisdiction_create
    from gongzhi.registry.models import (
        Building,
        BuildingUnit,
        ExclusivePart,
        Owner,
        Ownership,
        Project,
        PropertyCompany,
    )

    district = jurisdiction_create(actor=None, name="基准区", level="district")
    for kind in ("market_regulation", "urban_management", "fire_rescue", "housing"):
        department_create(actor=None, node=district, kind=kind)
    communities = []
    for s in range(STREETS):
        street = jurisdiction_create(actor=None, name=f"街道{s}", level="street", parent=district)
        for c in range(COMMUNITIES):
            communities.append(
                jurisdiction_create(
                    actor=None, name=f"社区{s}-{c}", level="community", parent=street
                )
            )
    companies = PropertyCompany.objects.bulk_create(
        [
            PropertyCompany(
                name=f"基准物业{i}",
                uscc=f"9143050{i:011d}",
                legal_representative="张三",
                filed_with=district,
                node_path=district.path,
            )
            for i in range(COMPANIES)
        ]
    )
    projects = Project.objects.bulk_create(
        [
            Project(
                name=f"小区{i}",
                community=communities[i % len(communities)],
                node_path=communities[i % len(communities)].path,
                category=Project.Category.NEW,
                company=companies[i % COMPANIES],
            )
            for i in range(PROJECTS)
        ]
    )
    owner = user_create(actor=None, username="owner", password=PASSWORD, role=Role.OWNER)
    bureau = user_create(
        actor=None, username="bureau", password=PASSWORD, role=Role.BUREAU, node=district
    )
    building = Building.objects.create(project=projects[0], name="1栋", storeys=6)
    unit = BuildingUnit.objects.create(
        building=building, project=projects[0], name="1单元", storeys=6
    )
    part = ExclusivePart.objects.create(
        project=projects[0], building_unit=unit, number="1-1-101", floor=1, area=90
    )
    person = Owner.objects.create(kind=Owner.Kind.PERSON, name="业主", user=owner)
    Ownership.objects.create(part=part, owner=person)
    return {"district": district, "projects": projects, "owner": owner, "bureau": bureau}


def _intake(city: dict[str, Any], count: int) -> float:
    from django.test import Client

    client = Client()
    client.force_login(city["owner"])
    project = city["projects"][0]
    started = time.perf_counter()
    for i in range(count):
        response = client.post(
            "/complaints/new/",
            {
                "project": project.pk,
                "category": "service_quality",
                "description": f"基准投诉{i}",
            },
        )
        assert response.status_code == 302, response.content[:300]
    return count / (time.perf_counter() - started)


def _insert(city: dict[str, Any], start: int, stop: int, rng: random.Random) -> None:
    """Bulk rows and their daily counters, as the services would have left them."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gongzhi.complaints.models import Complaint, ComplaintDailyStat
    from gongzhi.complaints.routing import responsibilities_for

    table = [i for i in responsibilities_for(city["district"]) if i.party in ("company", "street")]
    projects = city["projects"]
    district = city["district"]
    now = timezone.now()
    columns = [
        "number", "channel", "project_id", "place", "address", "category", "category_label",
        "description", "contact_name", "contact_phone", "hotline_number", "node_id",
        "node_path", "party", "company_id", "routing_note", "tier_node_id", "status",
        "acknowledge_due", "resolve_due", "due_on", "due_provisional", "escalations",
        "satisfaction", "substantiated", "resolution", "created_at", "resolved_at",
        "closed_at", "updated_at",
    ]  # fmt: skip
    names, marks = ", ".join(columns), ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {Complaint._meta.db_table} ({names}) VALUES ({marks})"  # noqa: S608
    # cumulative over the calls, so each upsert writes totals, not this call's share
    counters: dict[tuple[Any, ...], list[int]] = city.setdefault("counters", {})
    touched: set[tuple[Any, ...]] = set()
    batch: list[tuple[Any, ...]] = []
    with transaction.atomic(), connection.cursor() as cursor:
        for n in range(start, stop):
            project = projects[rng.randrange(len(projects))]
            item = table[rng.randrange(len(table))]
            created = now - dt.timedelta(days=rng.randrange(365 * YEARS), hours=rng.randrange(24))
            closed = rng.random() < 0.8
            handled = dt.timedelta(days=rng.randint(1, 20))
            rating = rng.randint(1, 5) if closed else None
            due = created.date() + dt.timedelta(days=21)
            party = item.party
            batch.append(
                (
                    f"B{n:012d}", "owner", project.pk, "", "", item.code, item.label_zh, "基准",
                    "", "", "", project.community_id, project.node_path, party,
                    project.company_id, "", project.community_id,
                    "confirmed" if closed else "in_progress", due, due, None if closed else due,
                    False, 0, rating, False if closed and party == "company" else None, "",
                    created, created + handled if closed else None,
                    created + handled if closed else None, created,
                )
            )  # fmt: skip
            key = (created.date(), project.node_path, project.pk, project.company_id, item.code)
            row = counters.setdefault(key, [0, 0, 0, 0, 0])
            touched.add(key)
            row[0] += 1
            if closed:
                row[1] += 1
                row[2] += int(handled.total_seconds())
                row[3] += 1
                row[4] += rating or 0
            if len(batch) >= 5000:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
        ComplaintDailyStat.objects.bulk_create(
            [
                ComplaintDailyStat(
                    day=day, node_path=path, project_ref=project_id, company_ref=company_id,
                    category=category, received=v[0], resolved=v[1], handling_seconds=v[2],
                    rated=v[3], satisfaction_sum=v[4],
                )
                for (day, path, project_id, company_id, category), v in (
                    (key, counters[key]) for key in touched
                )
            ],
            batch_size=5000,
            update_conflicts=True,
            unique_fields=["day", "node_path", "project_ref", "company_ref", "category"],
            update_fields=["received", "resolved", "handling_seconds", "rated", "satisfaction_sum"],
        )  # fmt: skip
    del district
    from gongzhi.complaints import stats

    stats.rebuild_periods()  # the month and year roll-ups ``stats.bump`` keeps
    stats.refresh_open()  # the open-complaints snapshot the scheduled task keeps


def _median(fn: Any) -> float:
    """The median CPU time of REPEAT runs after a warm one: SQLite runs in the process, so
    its CPU time is the page's (and the query's) whole cost, without the waits for a CPU
    on a shared machine that wall-clock times would add."""
    fn()  # warm the caches once
    times = []
    for _ in range(REPEAT):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return statistics.median(times)


def _measure(city: dict[str, Any]) -> tuple[float, float, int]:
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from gongzhi.complaints.models import Complaint

    client = Client()
    client.force_login(city["bureau"])

    def page() -> None:
        response = client.get("/complaints/statistics/?by=category")
        assert response.status_code == 200

    start = timezone.now().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    table = Complaint._meta.db_table
    sql = (
        "SELECT category, COUNT(*), SUM(resolved_at IS NOT NULL), AVG(satisfaction) "  # noqa: S608
        f"FROM {table} WHERE created_at >= %s GROUP BY category"
    )

    def raw() -> None:
        with connection.cursor() as cursor:
            cursor.execute(sql, [start])
            cursor.fetchall()

    return _median(page), _median(raw), Complaint.objects.count()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max", type=int, default=1_000_000, help="largest number of rows")
    parser.add_argument("--intake", type=int, default=200, help="complaints POSTed")
    args = parser.parse_args(argv)
    small = min(10_000, args.max)
    folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-complaints-"))
    try:
        _setup(folder / "bench.sqlite3")
        city = _city()
        rate = _intake(city, args.intake)
        print(f"intake over HTTP: {args.intake} complaints, {rate:.1f} requests/s")
        rng = random.Random(5)
        _insert(city, 0, small - args.intake, rng)
        page_small, raw_small, rows_small = _measure(city)
        _insert(city, small - args.intake, args.max - args.intake, rng)
        page_large, raw_large, rows_large = _measure(city)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"statistics page at {rows_small:,} complaints: {page_small * 1000:.1f} ms "
        f"(raw SQL GROUP BY {raw_small * 1000:.1f} ms, ratio {page_small / raw_small:.2f})"
    )
    print(
        f"statistics page at {rows_large:,} complaints: {page_large * 1000:.1f} ms "
        f"(raw SQL GROUP BY {raw_large * 1000:.1f} ms, ratio {page_large / raw_large:.2f})"
    )
    print(f"page {rows_large:,} / page {rows_small:,}: {page_large / page_small:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
