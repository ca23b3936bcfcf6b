"""Reading the register workbook (the first worksheet, see ``sheet``) and checking each row
on its own: required cells, numbers, vocabularies, ID check digits (python-stdnum), areas
to 0.01 m², shares.

Checks that need several rows or the database live in ``services``. Row numbers are the
worksheet's own (the first data row is 3), so a user finds the row in Excel.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric
from stdnum.exceptions import ValidationError

from gongzhi.core.errors import DomainError
from gongzhi.registry.importing.sheet import NoWorksheet, Sheet
from gongzhi.registry.importing.workbook import (
    BOOLEANS,
    BY_HEADER,
    DELIVERIES,
    KEYS,
    OWNER_KINDS,
    PART_KINDS,
    lookup,
)
from gongzhi.registry.models import ExclusivePart, Owner
from gongzhi.rules.identity import (
    CreditCodeError,
    IdentityNumberError,
    ResidentIdError,
    validate_resident_id,
    validate_uscc,
)

MAX_AREA = Decimal("99999999.99")  # ExclusivePart.area: 10 digits, 2 decimals
MAX_SHARE_TERM = 2_147_483_647  # PositiveIntegerField


@dataclass(frozen=True)
class RowError:
    row: int
    field: str
    message: str | Promise

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "message": str(self.message)}


@dataclass
class Row:
    """One checked row; ``owner_id`` may be blank or masked (matched in services)."""

    row: int
    building: str
    unit: str
    elevator: bool
    storeys: int | None
    number: str
    floor: int | None
    kind: str
    area: Decimal
    use: str
    delivery: str
    vacant_unrenovated: bool
    owner_kind: str
    owner_name: str
    owner_id: str
    phone: str
    share: Fraction

    @property
    def has_owner(self) -> bool:
        return bool(self.owner_name or self.owner_id or self.owner_kind)

    def part_values(self) -> tuple[object, ...]:
        return (
            self.building,
            self.unit,
            self.kind,
            self.area,
            self.floor,
            self.use,
            self.delivery,
            self.vacant_unrenovated,
        )


@dataclass
class Parsed:
    rows: list[Row] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0
    failed_numbers: set[str] = field(default_factory=set)


class UnreadableWorkbook(DomainError):
    """The upload is not a workbook openpyxl can read, or lacks the header rows."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message, fields={"file": [message]})


ID_REASONS: dict[str, Promise] = {
    "check_digit": _("Bad check digit."),
    "length": _("Wrong length (18 characters expected)."),
    "component": _("Invalid birth date or region code."),
    "format": _("Invalid characters."),
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _header_map(rows: Iterator[tuple[int, dict[int, Any]]]) -> tuple[dict[str, int], int]:
    """Column number of each key and the number of header rows consumed (1 or 2)."""
    found: dict[str, int] = {}
    consumed = 0
    for _row_index in range(2):
        item = next(rows, None)
        if item is None:
            break
        consumed += 1
        cells = {column: _text(v) for column, v in item[1].items()}
        keys = {c: column for column, c in sorted(cells.items()) if c in KEYS}
        if keys:
            found = keys
            break
        by_header = {BY_HEADER[c]: column for column, c in sorted(cells.items()) if c in BY_HEADER}
        if by_header:
            found = by_header
    missing = [k for k in ("part_number", "area") if k not in found]
    if missing:
        raise UnreadableWorkbook(
            _("The sheet has no header row of the register template (missing: %(cols)s).")
            % {"cols": ", ".join(missing)}
        )
    return found, consumed


def read_workbook(fp: IO[bytes]) -> Parsed:
    """Parse the first worksheet. Raises UnreadableWorkbook when openpyxl cannot read it."""
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        sheet = Sheet(fp)
    except NoWorksheet:
        raise UnreadableWorkbook(_("The workbook has no worksheet.")) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableWorkbook(
            _("The file could not be read as an Excel workbook (.xlsx).")
        ) from exc
    try:
        rows = sheet.rows()
        columns, _consumed = _header_map(rows)
        parsed = Parsed()
        fields = tuple(columns.items())
        errors = parsed.errors
        ids = ResidentIds()
        for row_number, values in rows:
            if not values:
                continue
            cells = {k: values.get(i) for k, i in fields}
            if all(_text(v) == "" for v in cells.values()):
                continue
            parsed.row_count += 1
            row = _check_row(row_number, cells, errors, ids)
            if row is not None:
                parsed.rows.append(row)
            else:
                parsed.failed_numbers.add(_text(cells.get("part_number")))
        return parsed
    finally:
        sheet.close()


def _check_row(
    n: int, cells: dict[str, Any], errors: list[RowError], ids: ResidentIds
) -> Row | None:
    before = len(errors)

    def bad(column: str, message: str | Promise) -> None:
        errors.append(RowError(n, column, message))

    def text(column: str, limit: int) -> str:
        value = _text(cells.get(column))
        if len(value) > limit:
            bad(column, _("Too long (at most %(n)s characters).") % {"n": limit})
        return value

    building = text("building", 64)
    unit = text("unit", 32)
    if bool(building) != bool(unit):
        bad("unit" if building else "building", _("Give both building and unit, or neither."))

    elevator = _flag(cells.get("elevator"), "elevator", bad)
    storeys = _whole(cells.get("storeys"), "storeys", bad, low=1, high=200)
    if building and storeys is None and "storeys" not in {e.field for e in errors[before:]}:
        bad("storeys", _("Storeys are required for a building."))

    number = text("part_number", 32)
    if not number:
        bad("part_number", _("The part number is required."))
    floor = _whole(cells.get("floor"), "floor", bad, low=-20, high=200)

    kind = _choice(cells.get("kind"), PART_KINDS, ExclusivePart.Kind.DWELLING, "kind", bad)
    area = _area(cells.get("area"), bad)
    use = text("use", 32)
    delivery = _choice(
        cells.get("delivery"), DELIVERIES, ExclusivePart.Delivery.DELIVERED, "delivery", bad
    )
    vacant = _flag(cells.get("vacant_unrenovated"), "vacant_unrenovated", bad)

    owner_name = text("owner_name", 200)
    owner_id = text("owner_id", 18 + 8).upper().replace(" ", "")
    owner_kind_raw = _text(cells.get("owner_kind"))
    phone = text("phone", 32)
    share_raw = _text(cells.get("share"))
    owner_kind = ""
    share = Fraction(1)
    if owner_name or owner_id or owner_kind_raw or phone or share_raw:
        owner_kind = _choice(owner_kind_raw, OWNER_KINDS, "", "owner_kind", bad, required=True)
        if not owner_name:
            bad("owner_name", _("The owner's name is required."))
        owner_id = _identity(owner_kind, owner_id, bad, ids)
        share = _share(cells.get("share"), bad)

    if len(errors) > before:
        return None
    assert area is not None
    return Row(
        row=n,
        building=building,
        unit=unit,
        elevator=bool(elevator),
        storeys=storeys,
        number=number,
        floor=floor,
        kind=kind,
        area=area,
        use=use,
        delivery=delivery,
        vacant_unrenovated=bool(vacant),
        owner_kind=owner_kind,
        owner_name=owner_name,
        owner_id=owner_id,
        phone=phone,
        share=share,
    )


def _flag(value: Any, column: str, bad: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if text == "":
        return False
    if text in BOOLEANS:
        return BOOLEANS[text]
    bad(column, _("Write 是 or 否."))
    return None


def _whole(value: Any, column: str, bad: Any, *, low: int, high: int) -> int | None:
    text = _text(value)
    if text == "":
        return None
    try:
        number = int(text)
    except ValueError:
        bad(column, _("Enter a whole number."))
        return None
    if not low <= number <= high:
        bad(column, _("Out of range (%(low)s to %(high)s).") % {"low": low, "high": high})
        return None
    return number


def _choice(
    value: Any,
    vocabulary: dict[str, str],
    default: str,
    column: str,
    bad: Any,
    required: bool = False,
) -> str:
    text = _text(value)
    if text == "":
        if required:
            bad(column, _("Required: one of %(values)s.") % {"values": "/".join(vocabulary)})
        return default
    found = lookup(vocabulary, text)
    if found is None:
        bad(column, _("Unknown value; use one of %(values)s.") % {"values": "/".join(vocabulary)})
        return default
    return found


def _area(value: Any, bad: Any) -> Decimal | None:
    """Registered area: > 0, at most two decimals (ExclusivePart.area, 0.01 m²)."""
    if isinstance(value, bool) or isinstance(value, dt.date):
        bad("area", _("Enter the area as a number of m²."))
        return None
    text = _text(value) if not isinstance(value, float) else repr(value)
    if text == "":
        bad("area", _("The registered area is required."))
        return None
    try:
        area = Decimal(text)
    except InvalidOperation:
        bad("area", _("Enter the area as a number of m²."))
        return None
    if not area.is_finite():
        bad("area", _("Enter the area as a number of m²."))
        return None
    if area <= 0:
        bad("area", _("The area must be greater than 0."))
        return None
    if area != area.quantize(Decimal("0.01")):
        bad("area", _("At most 2 decimals (0.01 m²)."))
        return None
    if area > MAX_AREA:
        bad("area", _("The area is too large."))
        return None
    return area.quantize(Decimal("0.01"))


def _identity(kind: str, value: str, bad: Any, ids: ResidentIds) -> str:
    """Validate an unmasked ID number or USCC; blank and masked values pass through (they
    can only match an existing owner of the same part, see services)."""
    if value == "" or "*" in value or kind == "":
        return value
    try:
        if kind == Owner.Kind.PERSON:
            return value if ids.valid(value) else validate_resident_id(value)
        return validate_uscc(value)
    except (ResidentIdError, CreditCodeError) as error:
        bad("owner_id", _reason_message(kind, error))
        return value


_RESIDENT_ID = re.compile(r"[0-9]{17}[0-9X]")


class ResidentIds:
    """Whether python-stdnum's ``cn.ric.validate`` accepts a number unchanged, by its own
    parts (check digit, birth date, region code assigned in the year of birth), with the
    date and region lookups remembered for one file: a register repeats them on thousands
    of rows. Nothing outlives the file (birth dates are personal data). False means "ask
    ``validate_resident_id``", which gives the reason of a bad number."""

    def __init__(self) -> None:
        self._dates: dict[str, bool] = {}
        self._places: dict[str, bool] = {}

    def valid(self, value: str) -> bool:
        if _RESIDENT_ID.fullmatch(value) is None or ric.calc_check_digit(value) != value[-1]:
            return False
        date, place = value[6:14], value[:10]
        if date not in self._dates:
            self._dates[date] = _passes(ric.get_birth_date, f"000000{date}0000")
        if place not in self._places:  # the region table has start/end years
            self._places[place] = _passes(ric.get_birth_place, f"{place}01010000")
        return self._dates[date] and self._places[place]


def _passes(check: Any, number: str) -> bool:
    try:
        check(number)
    except ValidationError:
        return False
    return True


def _reason_message(kind: str, error: IdentityNumberError) -> str | Promise:
    what = _("ID number") if kind == Owner.Kind.PERSON else _("Credit code")
    reason = ID_REASONS.get(error.reason, _("Invalid."))
    return _("%(what)s: %(reason)s") % {"what": what, "reason": reason}


def _share(value: Any, bad: Any) -> Fraction:
    """A share such as 1/2 (exact Fraction; blank = 1; 0 < share ≤ 1)."""
    if isinstance(value, dt.date | dt.datetime):
        bad("share", _("Excel turned the share into a date: format the column as text."))
        return Fraction(1)
    text = _text(value).replace("／", "/")
    if text == "":
        return Fraction(1)
    try:
        share = Fraction(text) if not isinstance(value, float) else Fraction(repr(value))
    except (ValueError, ZeroDivisionError):
        bad("share", _("Write the share as a fraction, e.g. 1/2."))
        return Fraction(1)
    if not 0 < share <= 1:
        bad("share", _("The share must be greater than 0 and at most 1."))
        return Fraction(1)
    if share.denominator > MAX_SHARE_TERM:
        bad("share", _("Write the share as a fraction, e.g. 1/2."))
    return share
