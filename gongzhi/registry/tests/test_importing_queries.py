"""The register import writes in bulk (seeds 000 §11,19–22: a whole estate's register in
one upload): the number of queries is the same for a file of 12 rows and one of 240, for
a first import and for a second, identical one that changes nothing. The one exception is
the database's own limit: SQLite takes at most 999 parameters per statement, so Django
splits a bulk INSERT of many columns there; the test allows exactly that split."""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.importing.services import units_import
from gongzhi.registry.models import Ownership, Project
from gongzhi.registry.tests.importing_fixtures import resident_id, row, xlsx

pytestmark = pytest.mark.django_db

LARGE = 240
AUDIT_INSERT = 'INSERT INTO "audit_auditentry"'


def _project(name: str) -> Project:
    node = Jurisdiction.objects.create(name=f"{name}社区", level="community", path=f"{name}/")
    return Project.objects.create(
        name=name, community=node, node_path=node.path, category=Project.Category.NEW
    )


def _rows(count: int) -> bytes:
    """``count`` parts in 2 buildings × 2 units, every part with one owner."""
    rows = []
    for i in range(count):
        building, unit = i % 2 + 1, i // 2 % 2 + 1
        rows.append(
            row(
                building=f"{building}栋",
                unit=f"{unit}单元",
                part_number=f"{building}-{unit}-{i:04d}",
                owner_name=f"业主{i}",
                owner_id=resident_id(i),
                phone=f"139{i:08d}",
            )
        )
    return xlsx(rows)


def _queries(project: Project, data: bytes) -> tuple[Counter[str], dict[str, Any]]:
    """The statements run: an INSERT by its table and columns (PostgreSQL inserts from
    UNNEST, SQLite from VALUES), others all together."""
    with CaptureQueriesContext(connection) as captured:
        report = units_import(actor=None, project_id=project.pk, data=data, dry_run=False)
    assert report.applied, [e.as_dict() for e in report.errors]
    statements: Counter[str] = Counter()
    for query in captured.captured_queries:
        sql = query["sql"]
        statements[sql.split(")", 1)[0] if sql.startswith("INSERT") else "other"] += 1
    return statements, report.as_dict()["counts"]


def _same_apart_from_the_parameter_limit(small: Counter[str], large: Counter[str]) -> None:
    assert set(small) == set(large)
    assert small["other"] == large["other"]
    limit = connection.features.max_query_params
    for statement, count in small.items():
        if statement == "other":
            continue
        assert count == 1, statement  # one INSERT per table for a small file
        columns = statement.split("(", 1)[1].count(",") + 1
        batches = math.ceil(LARGE / (limit // columns)) if limit else 1
        assert large[statement] <= batches, statement


def test_import_queries_do_not_grow_with_the_rows():
    small, large = _project("小"), _project("大")
    small_file, large_file = _rows(12), _rows(LARGE)
    # first import into an empty project
    small_first, small_counts = _queries(small, small_file)
    large_first, large_counts = _queries(large, large_file)
    assert small_counts["parts"]["created"] == 12
    assert large_counts["ownerships"]["created"] == LARGE
    _same_apart_from_the_parameter_limit(small_first, large_first)
    # the same files again: nothing changes, still the same number of queries
    small_again, small_counts = _queries(small, small_file)
    large_again, large_counts = _queries(large, large_file)
    assert large_counts["parts"]["unchanged"] == LARGE
    assert small_again == large_again
    inserts = [s.split(" (")[0] for s in large_again if s != "other"]
    assert inserts == [AUDIT_INSERT]  # only the audit row
    assert Ownership.objects.filter(part__project=large).count() == 240
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 4
