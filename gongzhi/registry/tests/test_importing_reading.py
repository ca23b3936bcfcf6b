"""Reading the register workbook: the worksheet reader gives the values openpyxl's
read-only worksheet gives, and the row checks judge resident ID numbers exactly as
python-stdnum does (GB 11643: check digit, birth date, region code assigned in the year
of birth), whatever shortcut they take for numbers that pass."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from stdnum.cn import ric

from gongzhi.registry.importing.parsing import _reason_message, read_workbook
from gongzhi.registry.importing.sheet import Sheet
from gongzhi.registry.models import Owner
from gongzhi.registry.tests.importing_fixtures import row, xlsx
from gongzhi.rules.identity import ResidentIdError, validate_resident_id


def _openpyxl_rows(data: bytes) -> list[tuple[int, dict[int, object]]]:
    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [
            (number, {i: v for i, v in enumerate(values, start=1) if v is not None})
            for number, values in enumerate(wb.worksheets[0].iter_rows(values_only=True), 1)
        ]
    finally:
        wb.close()


def _sheet_rows(data: bytes) -> list[tuple[int, dict[int, object]]]:
    sheet = Sheet(io.BytesIO(data))
    try:
        return list(sheet.rows())
    finally:
        sheet.close()


def _varied_workbook(*, epoch: dt.datetime | None = None) -> bytes:
    """Shared strings, numbers, dates, booleans, a formula, rich text, gaps and a
    leading chart-free second sheet (the reader takes the first)."""
    wb = Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.append(["楼栋", "单元", "面积", "日期", "是否"])
    ws.append(["building", "unit", "area", "date", "flag"])
    ws.append(["1栋", 7, 88.5, dt.date(2020, 2, 29), True])
    ws.append([" 2栋 ", -3, 1e20, dt.datetime(1999, 12, 31, 23, 59), False])  # noqa: DTZ001 - cells are naive
    ws["B7"] = "=1+1"  # no cached value: None when reading data only
    ws["C7"] = CellRichText(["粗", TextBlock(InlineFont(b=True), "体"), "字"])
    ws["E9"] = "1/2"
    ws["A9"] = 0
    ws["D9"] = dt.time(12, 30)
    wb.create_sheet("second").append(["not read"])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("epoch", [None, CALENDAR_MAC_1904])
def test_sheet_gives_openpyxls_values_for_a_workbook_saved_by_excel_like_writers(epoch):
    data = _varied_workbook(epoch=epoch)
    rows = _sheet_rows(data)
    assert rows == _openpyxl_rows(data)
    assert rows[2][1][4] == dt.datetime(2020, 2, 29)  # noqa: DTZ001 - a date, by its number format
    assert rows[6][1][3] == "粗体字"


def test_sheet_keeps_to_the_declared_dimension_like_openpyxl():
    """Rows from 1; nothing past the declared last row and column (B2:C4 here, though
    the file has more)."""
    wb = Workbook()
    wb.active["B2"] = "building"
    wb.active["C4"] = 3
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"</sheetData>",
        b'<row r="4"><c r="D4" t="n"><v>9</v></c></row><row r="5"><c r="A5" t="n"><v>5</v>'
        b"</c></row></sheetData>",
    )
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    rows = _sheet_rows(data.getvalue())
    assert rows == _openpyxl_rows(data.getvalue())
    assert rows == [(1, {}), (2, {2: "building"}), (3, {}), (4, {3: 3})]


def test_sheet_gives_openpyxls_values_for_the_write_only_register_format():
    data = xlsx([row(), row(part_number="9-1-102", share="1/2", area=Decimal("70.25"))])
    assert _sheet_rows(data) == _openpyxl_rows(data)


def _id_errors(numbers: list[str]) -> dict[str, str]:
    """Each number through read_workbook → its owner_id error message ("" if none)."""
    rows = [row(part_number=f"P{i}", owner_id=n) for i, n in enumerate(numbers)]
    parsed = read_workbook(io.BytesIO(xlsx(rows)))
    by_row = {e.row: str(e.message) for e in parsed.errors if e.field == "owner_id"}
    assert not [e for e in parsed.errors if e.field != "owner_id"]
    return {n: by_row.get(i + 3, "") for i, n in enumerate(numbers)}


def _stdnum_verdict(number: str) -> str:
    try:
        validate_resident_id(number.upper().replace(" ", ""))
    except ResidentIdError as error:
        return str(_reason_message(Owner.Kind.PERSON, error))
    return ""


def _with_check(body: str) -> str:
    return body + ric.calc_check_digit(body + "0")


def test_id_numbers_are_judged_as_python_stdnum_judges_them():
    """GB 11643-1999; the region table's validity years (110111 房山区 from 1986, 110221
    昌平县 1982–1999) make the same region code valid or not by the year of birth."""
    good = [_with_check(f"43050219900307{i:03d}") for i in range(20)]
    numbers = [
        *good,
        *good[:3],  # the same numbers again (remembered lookups)
        _with_check("11011119900101123"),  # region assigned 1986: born after
        _with_check("11011119850101123"),  # born before the region existed
        _with_check("11022119990101123"),
        _with_check("11022120000101123"),  # region abolished after 1999
        _with_check("00000019900101123"),  # no such region
        _with_check("43050219900230123"),  # 30 February
        _with_check("43050200000101123"),  # year 0
        good[0][:-1] + ("0" if good[0][-1] != "0" else "1"),  # bad check digit
        good[1][:-1].lower() + "x" if good[1].endswith("X") else good[1][:17] + "x",
        "4305021990030700",  # too short
        "43050219900307001" + "A",
        "４３０５０２１９９００３０７００１" + good[2][-1],  # full-width digits
        good[3][:6] + " " + good[3][6:],  # a space inside
    ]
    with_check_x = next(
        n for n in (_with_check(f"430502199003{i:05d}") for i in range(99)) if n[-1] == "X"
    )
    numbers += [with_check_x, with_check_x.lower()]
    verdicts = _id_errors(numbers)
    assert verdicts == {n: _stdnum_verdict(n) for n in numbers}
    assert verdicts[good[0]] == ""
    assert verdicts[_with_check("11011119900101123")] == ""
    assert verdicts[_with_check("11011119850101123")] != ""
