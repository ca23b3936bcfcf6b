"""The register workbook: one row per (exclusive part, owner) — the format of the
downloadable template, of the import and of the export (docs/domains/importing.md).

Row 1 holds the Chinese column headers, row 2 the English column keys; data starts on
row 3. The parser finds columns by their key (or, failing that, by their Chinese
header), so columns may be reordered. The vocabularies below (住宅/车位/商铺, 是/否 …) are
part of the file format, not of the UI: a file written in one language imports in any.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from gongzhi.registry.models import ExclusivePart, Owner


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # fixed Chinese header (file format)
    width: int = 12
    text: bool = False  # formatted as text so Excel keeps 18-digit numbers and "1/2"


COLUMNS: tuple[Column, ...] = (
    Column("building", "楼栋", 10),
    Column("unit", "单元", 10),
    Column("elevator", "电梯(是/否)", 10),
    Column("storeys", "层数", 8),
    Column("part_number", "房号", 14, text=True),
    Column("floor", "所在楼层", 8),
    Column("kind", "类型(住宅/车位/商铺)", 12),
    Column("area", "登记面积(m²)", 12),
    Column("use", "用途", 10),
    Column("delivery", "交付状态", 12),
    Column("vacant_unrenovated", "空置未装修(是/否)", 12),
    Column("owner_kind", "业主类型(个人/单位)", 12),
    Column("owner_name", "业主姓名/名称", 16),
    Column("owner_id", "身份证号码/统一社会信用代码", 22, text=True),
    Column("phone", "联系电话", 14, text=True),
    Column("share", "份额", 8, text=True),
)
KEYS = tuple(c.key for c in COLUMNS)
BY_HEADER = {c.header: c.key for c in COLUMNS}

YES, NO = "是", "否"
BOOLEANS = {
    "是": True,
    "否": False,
    "y": True,
    "n": False,
    "yes": True,
    "no": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "有": True,
    "无": False,
}
PART_KINDS: dict[str, str] = {
    "住宅": ExclusivePart.Kind.DWELLING,
    "车位": ExclusivePart.Kind.PARKING,
    "商铺": ExclusivePart.Kind.SHOP,
}
DELIVERIES: dict[str, str] = {
    "未售": ExclusivePart.Delivery.UNSOLD,
    "已售未交付": ExclusivePart.Delivery.SOLD_UNDELIVERED,
    "已交付": ExclusivePart.Delivery.DELIVERED,
}
OWNER_KINDS: dict[str, str] = {"个人": Owner.Kind.PERSON, "单位": Owner.Kind.ORGANISATION}

# Export direction: enum value → file label.
PART_KIND_LABELS: dict[str, str] = {v: k for k, v in PART_KINDS.items()}
DELIVERY_LABELS: dict[str, str] = {v: k for k, v in DELIVERIES.items()}
OWNER_KIND_LABELS: dict[str, str] = {v: k for k, v in OWNER_KINDS.items()}


def lookup(vocabulary: dict[str, str], value: str) -> str | None:
    """A file label (or the English enum value itself) → the enum value."""
    if value in vocabulary:
        return vocabulary[value]
    lowered = value.lower()
    return lowered if lowered in vocabulary.values() else None


def _instructions() -> list[tuple[str, str, str]]:
    """(column, meaning, allowed values) rows of the instructions sheet (translated)."""
    kinds = "/".join(PART_KINDS)
    deliveries = "/".join(DELIVERIES)
    return [
        ("楼栋 building", _("Building name, e.g. 1栋. Blank with 单元 for parking spaces."), ""),
        ("单元 unit", _("Building unit (stairwell) name, e.g. 1单元."), ""),
        ("电梯 elevator", _("Whether the building unit has an elevator."), "是/否"),
        ("层数 storeys", _("Storeys of the building (the same on every row of a building)."), ""),
        ("房号 part_number", _("Number of the exclusive part; unique in the whole platform."), ""),
        ("所在楼层 floor", _("Floor of the part (optional, whole number)."), ""),
        ("类型 kind", _("Kind of exclusive part."), kinds),
        ("登记面积 area", _("Registered area in m², greater than 0, at most 2 decimals."), ""),
        ("用途 use", _("Use as registered (optional)."), ""),
        ("交付状态 delivery", _("Delivery status (blank = delivered)."), deliveries),
        ("空置未装修 vacant_unrenovated", _("Vacant and unrenovated (blank = no)."), "是/否"),
        ("业主类型 owner_kind", _("Natural person or organisation."), "个人/单位"),
        ("业主姓名/名称 owner_name", _("Owner's name."), ""),
        (
            "证件号码 owner_id",
            _("Resident ID number (person) or unified social credit code (organisation)."),
            "",
        ),
        ("联系电话 phone", _("Phone (optional)."), ""),
        (
            "份额 share",
            _("Owner's share as a fraction, e.g. 1/2 (blank = 1). Shares of a part sum to 1."),
            "",
        ),
        (
            "",
            _(
                "One row per exclusive part and owner: co-owners take one row each with the "
                "same part columns. Leave the owner columns blank for a part without owners."
            ),
            "",
        ),
        (_("Example"), EXAMPLE, ""),
    ]


EXAMPLE = " | ".join(
    ("1栋", "1单元", "是", "18", "1-1-101", "1", "住宅", "89.50", "住宅", "已交付", "否")
    + ("个人", "王小明", "430502199003074517", "13800000001", "1/2")
)


def workbook_bytes(rows: Iterable[Sequence[Any]]) -> bytes:
    """The register workbook with ``rows`` (values in COLUMNS order) and the instructions."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title="register")
    for index, column in enumerate(COLUMNS):
        letter = chr(ord("A") + index)
        ws.column_dimensions[letter].width = column.width
    bold = Font(bold=True)
    header = []
    for column in COLUMNS:
        cell = WriteOnlyCell(ws, value=column.header)
        cell.font = bold
        header.append(cell)
    ws.append(header)
    ws.append(list(KEYS))
    text_columns = [c.text for c in COLUMNS]
    for row in rows:
        out: list[Any] = []
        for value, as_text in zip(row, text_columns, strict=True):
            if as_text:
                cell = WriteOnlyCell(ws, value="" if value is None else str(value))
                cell.number_format = "@"
                out.append(cell)
            else:
                out.append(value)
        ws.append(out)
    notes = wb.create_sheet(title="instructions")
    notes.append([_("Column"), _("Meaning"), _("Allowed values")])
    for line in _instructions():
        notes.append(list(line))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def template_bytes() -> bytes:
    """The empty template (the instructions sheet shows an example row)."""
    return workbook_bytes([])
