"""The cell values of a workbook's first worksheet, row by row, in one pass over its XML.

openpyxl reads the package (content types, workbook, shared strings, number formats) and
this module reads the worksheet itself. openpyxl's read-only worksheet parses the sheet
once more just to find its size when the file declares none (openpyxl's own write-only
files, so every export and template, declare none) and builds a descriptor object per
inline string; here each ``<c>`` element is decoded directly, with openpyxl's rules for
``data_only`` reading (``ReadOnlyWorksheet.iter_rows(values_only=True)``): the cached value
of a formula, numbers as int or float, dates by the cell's number format (1900 or 1904
epoch), booleans, shared and inline strings (rich-text runs joined, phonetic runs left
out), error codes as text.

Like openpyxl's ``iter_rows()``, rows are read from row 1 to the last row of the sheet's
declared dimension (to the end without one), cells past its last column are left out, and
missing rows are yielded empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.xml.functions import iterparse

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DIMENSION = f"{_MAIN}dimension"
_SHEET_DATA = f"{_MAIN}sheetData"
_ROW = f"{_MAIN}row"
_CELL = f"{_MAIN}c"
_VALUE = f"{_MAIN}v"
_INLINE = f"{_MAIN}is"
_TEXT = f"{_MAIN}t"
_RUN = f"{_MAIN}r"

Row = dict[int, Any]  # column number (A = 1) → value; blank cells absent


class NoWorksheet(Exception):
    """The workbook has no worksheet (only chart sheets, or none)."""


class Sheet:
    """The first worksheet of the .xlsx in ``fp``; close it after use.

    Raises what openpyxl raises for a file that is not a workbook (InvalidFileException,
    zipfile.BadZipFile, KeyError, ValueError, OSError) and NoWorksheet.
    """

    def __init__(self, fp: IO[bytes]) -> None:
        # ExcelReader.read() up to the worksheets, which it would each parse for their size.
        reader = ExcelReader(fp, read_only=True, data_only=True)
        self._archive = reader.archive
        try:
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            self._path = next(
                (
                    rel.target
                    for _sheet, rel in reader.parser.find_sheets()
                    if rel.target in reader.valid_files and "chartsheet" not in rel.Type
                ),
                None,
            )
            if self._path is None:
                raise NoWorksheet
            self._last_column, self._last_row = self._declared_end()
        except BaseException:
            self.close()
            raise
        wb = reader.wb
        self._strings: list[Any] = reader.shared_strings
        self._epoch = wb.epoch
        self._date_styles: set[int] = set(wb._date_formats)
        self._timedelta_styles: set[int] = set(wb._timedelta_formats)

    def close(self) -> None:
        self._archive.close()

    def _declared_end(self) -> tuple[int | None, int | None]:
        """The last column and row of the sheet's ``<dimension>``, past which openpyxl's
        read-only worksheet reads nothing, or (None, None) without one. Only the start of
        the sheet is parsed: the dimension precedes ``<sheetData>``."""
        with self._archive.open(self._path) as source:
            for _event, element in iterparse(source, events=("start",)):
                if element.tag == _DIMENSION:
                    _first_column, _first_row, column, row = range_boundaries(element.get("ref"))
                    return column, row
                if element.tag == _SHEET_DATA:
                    break
        return None, None

    def rows(self) -> Iterator[tuple[int, Row]]:
        """(row number, values) of every row from row 1 to the last declared (or the last
        in the file); missing rows come empty."""
        expected, last = 1, self._last_row
        with self._archive.open(self._path) as source:
            for _event, element in iterparse(source):
                if element.tag != _ROW:
                    continue
                number = _row_number(element.get("r"), expected)
                if last is not None and number > last:
                    break
                while expected < number:
                    yield expected, {}
                    expected += 1
                if expected == number:
                    yield number, self._values(element)
                    expected += 1
                element.clear()

    def _values(self, row: Any) -> Row:
        values: Row = {}
        column = 0
        for cell in row:
            if cell.tag != _CELL:
                continue
            reference = cell.get("r")
            if reference:
                letters = reference.rstrip("0123456789")
                column = _COLUMNS.get(letters) or _column(letters)
            else:
                column += 1
            if self._last_column is not None and column > self._last_column:
                continue
            value = self._value(cell)
            if value is not None:
                values[column] = value
        return values

    def _value(self, cell: Any) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return None if inline is None else _inline_text(inline)
        text = cell.findtext(_VALUE) or None
        if text is None:
            return None
        if kind == "n":
            number = float(text) if ("." in text or "E" in text or "e" in text) else int(text)
            style = int(cell.get("s") or 0)
            if style in self._date_styles:
                try:
                    return from_excel(
                        number, self._epoch, timedelta=style in self._timedelta_styles
                    )
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return number
        if kind == "s":
            return self._strings[int(text)]
        if kind == "b":
            return bool(int(text))
        if kind == "d":
            return from_ISO8601(text)
        return text  # "str" (a formula's text result), "e" (an error code)


_COLUMNS: dict[str, int] = {}


def _column(letters: str) -> int:
    """The column number of ``letters`` (A = 1), remembered (a sheet repeats a few)."""
    number = column_index_from_string(letters)
    if len(_COLUMNS) < 1024:
        _COLUMNS[letters] = number
    return number


def _row_number(reference: str | None, expected: int) -> int:
    if reference is None:
        return expected
    try:
        return int(reference)
    except ValueError:
        value = float(reference)
        if not value.is_integer():
            raise ValueError(f"{reference} is not a valid row number") from None
        return int(value)


def _inline_text(inline: Any) -> str:
    """The text of an ``<is>`` element as openpyxl's ``Text.content``: its plain ``<t>``,
    then the ``<t>`` of each rich-text run (phonetic runs left out)."""
    plain = ""
    runs = []
    for child in inline:
        if child.tag == _TEXT:
            plain = child.text or ""
        elif child.tag == _RUN:
            runs.append(child.findtext(_TEXT) or "")
    return plain + "".join(runs) if runs else plain
