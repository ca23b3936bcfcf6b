"""Benchmark: apportioning a maintenance-fund disbursement across N parts, and allocating
interest by balance over M parts, against raw SQL writing the same rows.

    python bench/funds.py [--parts 5000] [--interest-parts 20000] [--scale 1.0]

Runs against a fresh temporary SQLite file (the production settings in dev mode). Builds
one project of N parts (and one of M parts) with maintenance-fund accounts and first
deposits (not timed), then measures:

(a) ``fund_use_disburse`` of a pre-reviewed application shared by all N parts: locking
    the accounts, the exact largest-remainder split by area, one balanced entry of N+1
    postings, the balance updates, the shares and the top-up check, audited;
(b) ``interest_allocate`` over the M parts: the split by balance and one entry of M+1
    postings;

and, in the same run, a baseline for each: raw SQL that selects the same accounts (with
their area or balance), inserts one entry and the same postings and updates the same
balances with ``executemany``, from amounts computed before the clock starts. The ratio
service / baseline is what the checks, the exact split and the audit cost.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 2000


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


def _admin():  # noqa: ANN202 - Django objects exist only after setup
    from gongzhi.accounts.models import User
    from gongzhi.accounts.selectors import actor_for

    user = User.objects.filter(username="bench").first() or User.objects.create_superuser(
        "bench",
        password="bench-pass-2026",  # noqa: S106 - a throwaway database
    )
    return actor_for(user)


def _project(name: str, parts: int):  # noqa: ANN202
    """A project of ``parts`` dwellings (bulk, not timed), accounts opened, deposits made."""
    from gongzhi.funds import services
    from gongzhi.jurisdictions.models import Jurisdiction
    from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Project

    node = Jurisdiction.objects.first() or Jurisdiction.objects.create(
        name="基准社区", level="community", path="00000001/"
    )
    project = Project.objects.create(
        name=name, community=node, node_path=node.path, category=Project.Category.NEW
    )
    building = Building.objects.create(project=project, name="1栋", storeys=30)
    unit = BuildingUnit.objects.create(
        building=building, project=project, name="1单元", storeys=30, has_elevator=True
    )
    ExclusivePart.objects.bulk_create(
        [
            ExclusivePart(
                project=project,
                building_unit=unit,
                number=f"1-1-{i:05d}",
                area=Decimal(6000 + (i * 37) % 9000).scaleb(-2),
            )
            for i in range(parts)
        ],
        batch_size=BATCH,
    )
    admin = _admin()
    services.maintenance_open(actor=admin, project_id=project.pk, cost_yuan_per_m2_elevator="3000")
    services.first_deposits_record_all(actor=admin, project_id=project.pk)
    return project


def _disburse(parts: int) -> tuple[float, int]:
    from gongzhi.funds import services
    from gongzhi.funds.models import PartFund

    project = _project("拨付小区", parts)
    admin = _admin()
    part_ids = list(PartFund.objects.filter(project=project).values_list("part_id", flat=True))
    app = services.fund_use_apply(
        actor=admin,
        project_id=project.pk,
        title="更换电梯",
        work="bench",
        estimate="1234567.89",
        part_ids=part_ids,
        emergency="elevator_failure",
    )
    services.fund_use_act(actor=admin, application_id=app.pk, action="pre_review")
    started = time.perf_counter()
    services.fund_use_disburse(actor=admin, application_id=app.pk)
    return time.perf_counter() - started, project.pk


def _interest(parts: int) -> tuple[float, int]:
    from gongzhi.funds import services

    project = _project("计息小区", parts)
    started = time.perf_counter()
    services.interest_allocate(actor=_admin(), project_id=project.pk, amount="98765.43")
    return time.perf_counter() - started, project.pk


def _raw(project_id: int, column: str, sign: int) -> float:
    """Select the project's part accounts (with ``column``), insert one entry and one
    posting per account plus the bank's, update every balance: raw SQL, one transaction."""
    from django.db import connection, transaction

    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id, {column} FROM funds_account a "  # noqa: S608 - a fixed column name
            "JOIN funds_partfund f ON f.account_id = a.id "
            "JOIN registry_exclusivepart p ON p.id = f.part_id "
            "WHERE a.project_id = %s ORDER BY a.id",
            [project_id],
        )
        count = len(cursor.fetchall())
    amounts = [1] * count  # one fen each: computed before the clock starts
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"SELECT a.id, {column} FROM funds_account a "  # noqa: S608
            "JOIN funds_partfund f ON f.account_id = a.id "
            "JOIN registry_exclusivepart p ON p.id = f.part_id "
            "WHERE a.project_id = %s ORDER BY a.id",
            [project_id],
        )
        ids = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "INSERT INTO funds_journalentry (fund, project_id, date, memo, reference, "
            "created_at, node_path) VALUES ('maintenance', %s, '2026-01-01', 'raw', '', "
            "'2026-01-01 00:00:00', '') RETURNING id",
            [project_id],
        )
        entry_id = cursor.fetchone()[0]
        side = "D" if sign < 0 else "C"
        cursor.executemany(
            "INSERT INTO funds_posting (entry_id, account_id, side, amount_fen) "
            "VALUES (%s, %s, %s, %s)",
            [(entry_id, pk, side, amount) for pk, amount in zip(ids, amounts, strict=True)],
        )
        cursor.executemany(
            "UPDATE funds_account SET balance_fen = balance_fen + %s WHERE id = %s",
            [(sign * amount, pk) for pk, amount in zip(ids, amounts, strict=True)],
        )
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--parts", type=int, default=5_000)
    parser.add_argument("--interest-parts", type=int, default=20_000)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    parts = max(2, int(args.parts * args.scale))
    interest_parts = max(2, int(args.interest_parts * args.scale))
    folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-funds-"))
    try:
        _setup(folder / "bench.sqlite3")
        disburse_s, disburse_project = _disburse(parts)
        interest_s, interest_project = _interest(interest_parts)
        from gongzhi.funds.ledger import reconcile

        report = reconcile()  # before the baselines, whose one-sided rows do not balance
        disburse_raw = _raw(disburse_project, "p.area", -1)
        interest_raw = _raw(interest_project, "a.balance_fen", 1)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"funds disburse parts={parts} seconds={disburse_s:.2f} "
        f"raw_sql_seconds={disburse_raw:.2f} ratio={disburse_s / disburse_raw:.2f}x"
    )
    print(
        f"funds interest parts={interest_parts} seconds={interest_s:.2f} "
        f"raw_sql_seconds={interest_raw:.2f} ratio={interest_s / interest_raw:.2f}x "
        f"ledger_reconciles={report.ok}"
    )
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
