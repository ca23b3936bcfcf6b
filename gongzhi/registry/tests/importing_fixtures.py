"""Helpers for the import/export tests: register workbooks built in memory."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from stdnum.cn import ric

from gongzhi.audit.models import AuditEntry
from gongzhi.registry.importing.workbook import KEYS, workbook_bytes
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Owner, Ownership, Project


def resident_id(n: int, *, bad_check: bool = False) -> str:
    """A valid 居民身份证 number (region 430502, born 1990-03-07), or one with a bad
    check digit."""
    body = f"43050219900307{n % 1000:03d}"
    check = ric.calc_check_digit(body + "0")  # the argument includes a check digit
    if bad_check:
        check = "0" if check != "0" else "1"
    return body + check


def row(**values: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "building": "9栋",
        "unit": "1单元",
        "elevator": "是",
        "storeys": 11,
        "part_number": "9-1-101",
        "floor": 1,
        "kind": "住宅",
        "area": "88.50",
        "use": "住宅",
        "delivery": "已交付",
        "vacant_unrenovated": "否",
        "owner_kind": "个人",
        "owner_name": "孙一",
        "owner_id": resident_id(1),
        "phone": "13900000011",
        "share": "",
    }
    base.update(values)
    return base


def xlsx(rows: Iterable[dict[str, Any]]) -> bytes:
    return workbook_bytes([tuple(r.get(k, "") for k in KEYS) for r in rows])


def upload(data: bytes, name: str = "register.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def read_rows(data: bytes) -> list[tuple[Any, ...]]:
    """The data rows of a register workbook (after the header and key rows)."""
    wb = load_workbook(io.BytesIO(data), read_only=True)
    rows = [
        tuple("" if v is None else v for v in r)
        for r in wb.worksheets[0].iter_rows(min_row=3, values_only=True)
    ]
    wb.close()
    return rows


def db_state() -> tuple[int, ...]:
    """Row counts of everything an import may touch (to prove nothing changed)."""
    return (
        Building.objects.count(),
        BuildingUnit.objects.count(),
        ExclusivePart.objects.count(),
        Owner.objects.count(),
        Ownership.objects.count(),
        AuditEntry.objects.count(),
        Project.objects.exclude(total_building_area=None).count(),
    )
