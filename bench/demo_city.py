"""Benchmark: how fast the demo city builds, against a raw bulk_create baseline.

    python bench/demo_city.py [--households N] [--seed S]

Runs against a fresh temporary SQLite file (the production settings in dev mode, WAL,
synchronous=NORMAL), or the PostgreSQL database ``DATABASE_URL`` names, dropped and
created again. Measures (a) the demo-city build of N households and (b), in the same
run after a flush, a baseline: ``bulk_create`` of N owners, N exclusive parts and N
ownerships from precomputed values (no generation logic) in one transaction. The ratio
build / baseline is what the generator costs beyond writing the rows.
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


def _build(households: int, seed: int) -> tuple[float, dict[str, int]]:
    from gongzhi.demo.generator import build_demo_city

    started = time.perf_counter()
    result = build_demo_city(households=households, seed=seed, progress=False)
    return time.perf_counter() - started, result.counts


def _baseline(households: int) -> float:
    """N owners + N parts + N ownerships, values computed before the clock starts."""
    from django.core.management import call_command
    from django.db import transaction

    from gongzhi.jurisdictions.models import Jurisdiction
    from gongzhi.registry.models import ExclusivePart, Owner, Ownership, Project

    call_command("flush", verbosity=0, interactive=False)
    node = Jurisdiction.objects.create(name="基准社区", level="community", path="00000001/")
    project = Project.objects.create(
        name="基准小区", community=node, node_path=node.path, category=Project.Category.NEW
    )
    owners = [(f"业主{i}", f"4305001980{i:08d}", f"139{i:08d}") for i in range(households)]
    parts = [(f"1-1-{i}", Decimal(4500 + i % 13500).scaleb(-2)) for i in range(households)]

    started = time.perf_counter()
    with transaction.atomic():
        owner_rows = Owner.objects.bulk_create(
            [Owner(kind=Owner.Kind.PERSON, name=n, id_number=i, phone=p) for n, i, p in owners],
            batch_size=BATCH_SIZE,
        )
        part_rows = ExclusivePart.objects.bulk_create(
            [ExclusivePart(project=project, number=number, floor=1, area=a) for number, a in parts],
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
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-"))
    try:
        _setup(folder / "bench.sqlite3")
        seconds, counts = _build(args.households, args.seed)
        baseline = _baseline(args.households)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    rows = sum(counts.values())
    print(
        f"demo_city households={args.households} seconds={seconds:.2f} "
        f"rate={args.households / seconds:.0f}/s rows={rows} "
        f"baseline_seconds={baseline:.2f} baseline_rows={3 * args.households} "
        f"ratio={seconds / baseline:.2f}x peak_rss_mb={peak_rss_mb:.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
