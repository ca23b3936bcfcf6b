"""Benchmark: recomputing every company's yearly credit score, against a raw SQL aggregate.

    python bench/credit.py [--companies N] [--records N]

Runs against a fresh temporary SQLite file (the production settings in dev mode). Builds
N property companies (default 5 000) and inserts M active credit records in bulk (raw
``executemany``; default 1 000 000) spread over them and over two years, then measures (a)
``credit.services.scores.scores_recompute`` for the year — the database sums each
company's valid records, the rules core turns each total into a score and a grade, and
the scores are upserted — and (b), in the same run, a baseline: the raw SQL
``SUM(points) … GROUP BY company_id`` over the same records with the same validity filter.
The ratio recompute / baseline is what judging and storing the results cost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2026


def _setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongzhi.settings"
    os.environ["GONGZHI_ENV"] = "dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _uscc(i: int) -> str:
    from stdnum.cn import uscc

    body = f"91430500MA{i:07d}"
    return body + uscc.calc_check_digit(body)


def _populate(companies: int, records: int) -> None:
    from django.db import connection, transaction

    from gongzhi.jurisdictions.services import jurisdiction_create
    from gongzhi.registry.models import PropertyCompany
    from gongzhi.rules import credit as rules
    from gongzhi.rules.profiles import get_profile

    district = jurisdiction_create(
        actor=None, name="基准区", level="district", profile_id="national"
    )
    PropertyCompany.objects.bulk_create(
        [
            PropertyCompany(
                name=f"基准物业{i}",
                uscc=_uscc(i),
                legal_representative="张三",
                filed_with=district,
                node_path=district.path,
                filing_status=PropertyCompany.FilingStatus.FILED,
            )
            for i in range(companies)
        ],
        batch_size=2000,
    )
    ids = list(PropertyCompany.objects.values_list("pk", flat=True))
    kinds = rules.catalogue(get_profile("national"))
    start = dt.date(YEAR - 1, 1, 1)
    days = [start + dt.timedelta(days=d) for d in range(700)]
    until = {(k.code, day): rules.valid_until(k, day) for k in kinds for day in days}
    columns = (
        "company_id, source, kind_code, kind_label_zh, kind_label_en, nature, points, serious, "
        "public, citation, occurred_on, valid_until, evidence, status, node_path, "
        "manager_name, manager_id_number, entered_at"
    )
    placeholders = ", ".join(["%s"] * 18)
    sql = f"INSERT INTO credit_creditrecord ({columns}) VALUES ({placeholders})"  # noqa: S608
    now = dt.datetime.now(dt.UTC)

    def row(i: int) -> tuple[object, ...]:
        kind = kinds[i % len(kinds)]
        on = days[(i * 7919) % 700]
        return (
            ids[i % len(ids)], kind.source, kind.code, kind.label_zh, kind.label_en,
            kind.nature, kind.points, False, kind.public, "", on, until[(kind.code, on)],
            "bench", "active", district.path, "", "", now,
        )  # fmt: skip

    with connection.cursor() as cursor:  # a throw-away file: durability is not needed
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA journal_mode = MEMORY")
    with transaction.atomic(), connection.cursor() as cursor:
        for first in range(0, records, 20000):
            cursor.executemany(sql, [row(i) for i in range(first, min(first + 20000, records))])


def _baseline() -> tuple[float, int]:
    from django.db import connection

    sql = (
        "SELECT company_id, SUM(points), COUNT(*) FROM credit_creditrecord "
        "WHERE status = %s AND occurred_on <= %s AND valid_until >= %s GROUP BY company_id"
    )
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(sql, ["active", dt.date(YEAR, 12, 31), dt.date(YEAR, 1, 1)])
        rows = cursor.fetchall()
    return time.perf_counter() - began, len(rows)


def _recompute() -> tuple[float, int]:
    from gongzhi.credit.services.scores import scores_recompute

    began = time.perf_counter()
    count = scores_recompute(actor=None, year=YEAR)
    return time.perf_counter() - began, count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--companies", type=int, default=5000)
    parser.add_argument("--records", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-credit-"))
    try:
        _setup(folder / "bench.sqlite3")
        began = time.perf_counter()
        _populate(args.companies, args.records)
        built = time.perf_counter() - began
        baseline, groups = _baseline()
        recompute, scored = _recompute()
        again, _ = _recompute()  # a second run updates every stored score
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"companies: {args.companies}, records: {args.records} (inserted in {built:.1f} s)")
    print(f"raw SQL SUM … GROUP BY: {baseline:.3f} s ({groups} companies with records)")
    print(f"scores_recompute (insert): {recompute:.3f} s, {scored} scores")
    print(f"scores_recompute (update): {again:.3f} s")
    print(f"ratio recompute / raw SQL: {recompute / baseline:.2f} (update: {again / baseline:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
