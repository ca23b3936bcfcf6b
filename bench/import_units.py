"""Benchmark: the register import of N rows from an .xlsx, against a raw bulk_create.

    python bench/import_units.py [--rows N]

Runs against a fresh temporary SQLite file (the production settings in dev mode), or the
PostgreSQL database ``DATABASE_URL`` names, dropped and created again. Builds
a register workbook of N exclusive parts (20 buildings × 4 units × floors × 10 rooms),
each with its own owner, then measures (a) ``units_import`` of that file into an empty
project — reading with openpyxl, checking every row (ID check digits included) and bulk
writing — and (b), in the same run after a flush, a baseline: ``bulk_create`` of the same
buildings, units, parts, owners and ownerships from precomputed values in one
transaction. The ratio import / baseline is what reading and checking cost.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH_SIZE = 2000
BUILDINGS = 20
UNITS = 4
ROOMS = 10


def _setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongzhi.settings"
    os.environ["GONGZHI_ENV"] = "dev"
    import _database

    print("database:", _database.use(database))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _resident_id(i: int) -> str:
    import datetime as dt

    from stdnum.cn import ric

    born = dt.date(1990, 1, 1) + dt.timedelta(days=i // 900)
    body = f"430502{born:%Y%m%d}{i % 900 + 100:03d}"
    return body + ric.calc_check_digit(body + "0")


def _rows(count: int) -> list[tuple[object, ...]]:
    """Values in the workbook's column order (see gongzhi.registry.importing.workbook)."""
    per_building = -(-count // BUILDINGS)
    floors = -(-per_building // (UNITS * ROOMS))
    rows: list[tuple[object, ...]] = []
    i = 0
    for b in range(1, BUILDINGS + 1):
        for u in range(1, UNITS + 1):
            for floor in range(1, floors + 1):
                for room in range(1, ROOMS + 1):
                    if i == count:
                        return rows
                    area = Decimal(6000 + (i * 37) % 9000).scaleb(-2)
                    rows.append(
                        (
                            f"{b}栋",
                            f"{u}单元",
                            "是",
                            floors,
                            f"{b}-{u}-{floor}{room:02d}",
                            floor,
                            "住宅",
                            area,
                            "住宅",
                            "已交付",
                            "否",
                            "个人",
                            f"业主{i}",
                            _resident_id(i),
                            f"139{i:08d}",
                            "1",
                        )
                    )
                    i += 1
    return rows


def _project(name: str):  # noqa: ANN202 - Django models are imported after setup
    from gongzhi.jurisdictions.models import Jurisdiction
    from gongzhi.registry.models import Project

    node = Jurisdiction.objects.first() or Jurisdiction.objects.create(
        name="基准社区", level="community", path="00000001/"
    )
    return Project.objects.create(
        name=name, community=node, node_path=node.path, category=Project.Category.NEW
    )


def _import(rows: list[tuple[object, ...]]) -> tuple[float, dict[str, int]]:
    from gongzhi.registry.importing.services import units_import
    from gongzhi.registry.importing.workbook import workbook_bytes

    data = workbook_bytes(rows)
    project = _project("导入小区")
    started = time.perf_counter()
    report = units_import(
        actor=None, project_id=project.pk, data=data, filename="bench.xlsx", dry_run=False
    )
    seconds = time.perf_counter() - started
    assert report.ok and report.applied, [e.as_dict() for e in report.errors[:5]]
    return seconds, {name: c.created for name, c in report.counts.items()}


def _baseline(rows: list[tuple[object, ...]]) -> float:
    """The same rows through bulk_create, values computed before the clock starts."""
    from django.core.management import call_command
    from django.db import transaction

    from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Owner, Ownership

    call_command("flush", verbosity=0, interactive=False)
    project = _project("基准小区")
    buildings = sorted({(r[0], r[3]) for r in rows})
    units = sorted({(r[0], r[1]) for r in rows})
    parts = [(r[0], r[1], r[4], r[5], r[7]) for r in rows]
    owners = [(r[12], r[13], r[14]) for r in rows]

    started = time.perf_counter()
    with transaction.atomic():
        building_rows = Building.objects.bulk_create(
            [Building(project=project, name=n, storeys=s) for n, s in buildings]
        )
        by_building = {b.name: b for b in building_rows}
        unit_rows = BuildingUnit.objects.bulk_create(
            [
                BuildingUnit(
                    building=by_building[b], project=project, name=u, has_elevator=True, storeys=1
                )
                for b, u in units
            ]
        )
        by_unit = {(u.building.name, u.name): u for u in unit_rows}
        part_rows = ExclusivePart.objects.bulk_create(
            [
                ExclusivePart(
                    project=project,
                    building_unit=by_unit[(b, u)],
                    number=number,
                    floor=floor,
                    area=area,
                    use="住宅",
                )
                for b, u, number, floor, area in parts
            ],
            batch_size=BATCH_SIZE,
        )
        owner_rows = Owner.objects.bulk_create(
            [Owner(kind=Owner.Kind.PERSON, name=n, id_number=i, phone=p) for n, i, p in owners],
            batch_size=BATCH_SIZE,
        )
        Ownership.objects.bulk_create(
            [
                Ownership(part=part, owner=owner)
                for part, owner in zip(part_rows, owner_rows, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-import-"))
    try:
        _setup(folder / "bench.sqlite3")
        rows = _rows(args.rows)
        seconds, created = _import(rows)
        baseline = _baseline(rows)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"import_units rows={len(rows)} seconds={seconds:.2f} rate={len(rows) / seconds:.0f}/s "
        f"created={sum(created.values())} baseline_seconds={baseline:.2f} "
        f"ratio={seconds / baseline:.2f}x peak_rss_mb={peak_rss_mb:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
