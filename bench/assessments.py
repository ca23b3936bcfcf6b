"""Benchmark: yearly assessment results of every company, against a raw SQL aggregate.

    python bench/assessments.py [--companies N] [--projects P]

Runs against a fresh temporary SQLite file (the production settings in dev mode), or the
PostgreSQL database ``DATABASE_URL`` names (``bench/_database.py``: analysed after the
build, as autovacuum would analyse it). Builds a district → street → community tree, N
companies each serving P projects, and four published quarterly assessments per project
(bulk inserts). Then measures (a)
``assessments.selectors.company_year_results`` for every company, and
``companies_year_results`` for all of them in one call (the same read as the bureau's
yearly results, ``year_results``; the credit app does not call it, it records each
published assessment from its event): the rows, each project's profile, the exact mean of
the quarters out of 100 and the band — and (b), in the same run, a baseline: one raw SQL
``GROUP BY company, project`` averaging ``total * 100 / max_score`` over the same rows.
The ratio (a) / (b) is the cost of exact arithmetic, profiles and explanations.
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
YEAR = 2025


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


def _uscc(i: int) -> str:
    from stdnum.cn import uscc

    body = f"91430500MA{i:07d}"
    return body + uscc.calc_check_digit(body)


def _build(companies: int, projects: int) -> int:
    from gongzhi.assessments.models import AssessmentRound, ProjectAssessment
    from gongzhi.jurisdictions.services import jurisdiction_create
    from gongzhi.registry.models import Project, PropertyCompany

    district = jurisdiction_create(actor=None, name="基准区", level="district")
    street = jurisdiction_create(actor=None, name="基准街道", level="street", parent=district)
    community = jurisdiction_create(actor=None, name="基准社区", level="community", parent=street)
    firms = PropertyCompany.objects.bulk_create(
        PropertyCompany(
            name=f"基准物业{i}",
            uscc=_uscc(i),
            legal_representative="张三",
            filed_with=district,
            node_path=district.path,
        )
        for i in range(companies)
    )
    sites = Project.objects.bulk_create(
        Project(
            name=f"基准小区{c}-{p}",
            community=community,
            node_path=community.path,
            category=Project.Category.NEW,
            company=firm,
        )
        for c, firm in enumerate(firms)
        for p in range(projects)
    )
    rounds = {
        q: AssessmentRound.objects.create(
            street=street, year=YEAR, quarter=q, node_path=street.path
        )
        for q in (1, 2, 3, 4)
    }
    rows = [
        ProjectAssessment(
            round=rounds[q],
            project=site,
            company_id=site.company_id,
            year=YEAR,
            quarter=q,
            profile_id="national",
            assessors="基准",
            total=Decimal(60 + (i * 7 + q * 13) % 40) + Decimal("0.25"),
            max_score=100,
            band="good",
            status=ProjectAssessment.Status.PUBLISHED,
            node_path=site.node_path,
        )
        for i, site in enumerate(sites)
        for q in (1, 2, 3, 4)
    ]
    ProjectAssessment.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _measure(companies: int) -> tuple[float, float, float, int]:
    from django.db import connection

    from gongzhi.assessments.selectors import companies_year_results, company_year_results
    from gongzhi.registry.models import PropertyCompany

    ids = list(PropertyCompany.objects.order_by("pk").values_list("pk", flat=True))
    started = time.perf_counter()
    results = [r for pk in ids for r in company_year_results(pk, YEAR)]
    ours = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT company_id, project_id, AVG(total * 100.0 / max_score) "
            "FROM assessments_projectassessment WHERE year = %s AND status = 'published' "
            "GROUP BY company_id, project_id",
            [YEAR],
        )
        baseline_rows = cursor.fetchall()
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    bulk = companies_year_results(ids, YEAR)
    ours_bulk = time.perf_counter() - started
    assert len(baseline_rows) == len(results) == sum(len(v) for v in bulk.values())
    return ours, ours_bulk, baseline, len(results)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=500)
    parser.add_argument("--projects", type=int, default=4, help="projects per company")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gongzhi-bench-assessments-"))
    try:
        _setup(tmp / "bench.sqlite3")
        started = time.perf_counter()
        rows = _build(args.companies, args.projects)
        built = time.perf_counter() - started
        import _database

        _database.analyze()
        ours, ours_bulk, baseline, results = _measure(args.companies)
        print(f"assessments: {rows} published quarterly rows built in {built:.2f} s")
        print(
            f"company_year_results for {args.companies} companies ({results} project-years): "
            f"one call per company {ours:.3f} s (ratio {ours / baseline:.1f}x), "
            f"companies_year_results in one call {ours_bulk:.3f} s "
            f"(ratio {ours_bulk / baseline:.1f}x); raw SQL GROUP BY {baseline:.4f} s"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
