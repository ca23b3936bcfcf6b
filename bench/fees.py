"""Benchmark: billing a project of N exclusive parts for a year, against a raw SQL insert.

    python bench/fees.py [--parts N] [--import-rows M]

Runs against a fresh temporary SQLite file (the production settings in dev mode). Builds
a project of N parts (5 % unsold and billed to the developer, 10 % unrenovated), each
with its owner, and a published fee list; then measures (a) ``billing_run`` for twelve
months — reading the parts, computing every bill in the rules core and writing bills and
lines with ``bulk_create`` — and (b), in the same run, a baseline: the same bill and line
rows, read back, deleted and inserted again with raw ``executemany`` SQL in one
transaction. The ratio billing / baseline is what computing and the ORM cost. Then (c) a
bank-statement import of M rows (each matched by its bill reference, so each records a
payment through the one write path with its row lock, receipt number and audit row).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
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


def _city(parts: int):  # noqa: ANN202 - Django models are imported after setup
    from gongzhi.accounts.models import Role
    from gongzhi.accounts.selectors import actor_for
    from gongzhi.accounts.services import user_create
    from gongzhi.fees import services
    from gongzhi.jurisdictions.services import jurisdiction_create
    from gongzhi.registry.models import ExclusivePart, Owner, Ownership, Project, PropertyCompany

    district = jurisdiction_create(
        actor=None, name="基准区", level="district", profile_id="national"
    )
    street = jurisdiction_create(actor=None, name="基准街道", level="street", parent=district)
    community = jurisdiction_create(actor=None, name="基准社区", level="community", parent=street)
    company = PropertyCompany.objects.create(
        name="基准物业服务有限公司",
        uscc="91430500MA4L0BQX1W",
        legal_representative="张三",
        filed_with=district,
        node_path=district.path,
        filing_status=PropertyCompany.FilingStatus.FILED,
    )
    developer = Owner.objects.create(
        kind=Owner.Kind.ORGANISATION, name="基准置业", is_developer=True
    )
    project = Project.objects.create(
        name="基准小区",
        community=community,
        node_path=community.path,
        category=Project.Category.NEW,
        company=company,
        developer=developer,
    )
    rows = ExclusivePart.objects.bulk_create(
        [
            ExclusivePart(
                project=project,
                number=f"{i // 400 + 1}-{i % 400 + 1:03d}",
                kind="parking" if i % 20 == 7 else "dwelling",
                area=Decimal(6000 + (i * 37) % 9000).scaleb(-2),
                delivery="unsold" if i % 20 == 3 else "delivered",
                vacant_unrenovated=i % 10 == 5,
            )
            for i in range(parts)
        ],
        batch_size=BATCH_SIZE,
    )
    owners = Owner.objects.bulk_create(
        [Owner(kind=Owner.Kind.PERSON, name=f"业主{i}", phone=f"139{i:08d}") for i in range(parts)],
        batch_size=BATCH_SIZE,
    )
    Ownership.objects.bulk_create(
        [Ownership(part=p, owner=o) for p, o in zip(rows, owners, strict=True)],
        batch_size=BATCH_SIZE,
    )
    user = user_create(
        actor=None,
        username="bench",
        password="Bench-pass-2026!",  # noqa: S106 - throwaway bench database
        role=Role.COMPANY_STAFF,
        company=company,
    )
    actor = actor_for(user)
    standard = services.fee_standard_set(
        actor=actor,
        project_id=project.pk,
        service_grade="2",
        mode="lump_sum",
        effective_from=dt.date(2025, 1, 1),
        items=[
            {"name": "物业服务费", "part_kind": "dwelling", "basis": "area", "price": "1.85"},
            {"name": "公共能耗费", "part_kind": "dwelling", "basis": "area", "price": "0.15"},
            {"name": "车位管理费", "part_kind": "parking", "basis": "part", "price": "60"},
        ],
    )
    services.fee_items_publish(actor=actor, standard_id=standard.pk)
    return actor, project


def _billing(actor, project) -> tuple[float, int, int]:  # noqa: ANN001
    from gongzhi.fees import services
    from gongzhi.fees.models import BillLine

    started = time.perf_counter()
    run = services.billing_run(
        actor=actor,
        project_id=project.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
    )
    seconds = time.perf_counter() - started
    return seconds, run.bill_count, BillLine.objects.filter(bill__run=run).count()


def _insert_sql(table: str, columns: list[str]) -> str:
    # table and column names come from this script and the database itself
    placeholders = ", ".join(["%s"] * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608


def _baseline() -> float:
    """The same bill and line rows inserted again with raw SQL (values read beforehand)."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM fees_bill ORDER BY id")
        bill_columns = [c[0] for c in cursor.description]
        bills = cursor.fetchall()
        cursor.execute("SELECT * FROM fees_billline ORDER BY id")
        line_columns = [c[0] for c in cursor.description]
        lines = cursor.fetchall()
        cursor.execute("DELETE FROM fees_billline")
        cursor.execute("DELETE FROM fees_bill")
    insert_bill = _insert_sql("fees_bill", bill_columns)
    insert_line = _insert_sql("fees_billline", line_columns)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(insert_bill, bills)
        cursor.executemany(insert_line, lines)
    return time.perf_counter() - started


def _statement_import(actor, project, rows: int) -> tuple[float, int]:  # noqa: ANN001
    from gongzhi.fees import services
    from gongzhi.fees.models import Bill

    bills = (
        Bill.objects.filter(project=project)
        .order_by("id")
        .values_list("reference", "payer_name", "total_fen")[:rows]
    )
    lines = ["交易日期,贷方金额,对方户名,摘要"]
    for reference, payer, total in bills:
        lines.append(f"2026-01-05,{total // 200}.{total // 2 % 100:02d},{payer},物业费 {reference}")
    data = ("\n".join(lines) + "\n").encode("gbk")
    started = time.perf_counter()
    statement = services.bank_statement_import(
        actor=actor, project_id=project.pk, data=data, filename="bench.csv"
    )
    return time.perf_counter() - started, statement.matched_count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", type=int, default=20_000)
    parser.add_argument("--import-rows", type=int, default=500)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-fees-"))
    try:
        _setup(folder / "bench.sqlite3")
        actor, project = _city(args.parts)
        seconds, bills, lines = _billing(actor, project)
        baseline = _baseline()
        import_seconds, matched = _statement_import(actor, project, args.import_rows)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"fees_billing parts={args.parts} months=12 bills={bills} lines={lines} "
        f"seconds={seconds:.2f} rate={bills / seconds:.0f} bills/s "
        f"baseline_seconds={baseline:.2f} ratio={seconds / baseline:.2f}x"
    )
    print(
        f"fees_statement_import rows={args.import_rows} matched={matched} "
        f"seconds={import_seconds:.2f} rate={args.import_rows / import_seconds:.0f} rows/s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
