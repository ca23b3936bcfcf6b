"""The board as data, shared by the page, the API and the monthly report: the figures of a
place for a year with category labels, the URLs along the tree and behind each figure
(keeping the filters), the chart tables as JSON, and the Excel workbook of a board."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from gongzhi.complaints.routing import responsibilities_for
from gongzhi.core.scoping import Actor
from gongzhi.dashboards import selectors
from gongzhi.dashboards.selectors import Dashboard, Place

SECTION_TITLES = {
    "coverage": _("Property service coverage"),
    "formation": _("Owners' organisations"),
    "complaints": _("Complaints and work orders"),
    "credit": _("Credit"),
    "assessments": _("Assessments"),
    "funds": _("Maintenance fund"),
    "contracts": _("Contracts"),
    "lifecycle": _("Handover and exit deadlines"),
}
YEARS_BACK = 4  # the years a board may show, besides this one


def _category_labels(place: Place) -> dict[str, str]:
    language = get_language() or "zh-hans"
    return {i.code: i.label(language) for i in responsibilities_for(place.node)}


def board_for(actor: Actor, place: Place, year: int) -> Dashboard:
    return selectors.dashboard(
        actor=actor, place=place, year=year, category_labels=_category_labels(place)
    )


def place_url(place: Place | str, year: int, this_year: int) -> str:
    """A place's dashboard, keeping the chosen year (the drill-down keeps the filters)."""
    code = place if isinstance(place, str) else place.code()
    url = reverse("dashboards:place", args=[code])
    return f"{url}?year={year}" if year != this_year else url


def rows_url(place: Place, drill: str, params: tuple[tuple[str, str], ...]) -> str:
    url = reverse("dashboards:rows", args=[place.code(), drill])
    return f"{url}?{urlencode(params)}" if params else url


def _number(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def chart_data(board: Dashboard, year: int) -> dict[str, Any]:
    """What the static script draws: per chart its kind, columns and rows (label, values,
    the link behind the row and, along the tree, the place to drill into)."""
    this_year = board.today.year
    out: dict[str, Any] = {}
    for key, series in board.series.items():
        rows = []
        for row in series.rows:
            if row.place:
                url = place_url(row.place, year, this_year)
            else:
                url = rows_url(board.place, row.drill, row.params) if row.drill else ""
            rows.append(
                {"label": row.label, "values": [_number(v) for v in row.values], "url": url}
            )
        out[key] = {
            "title": series.title,
            "chart": series.chart,
            "columns": list(series.columns),
            "rows": rows,
        }
    return out


def board_workbook(board: Dashboard, charts: dict[str, Any]) -> bytes:
    """Every figure and every table of a board, one sheet each (the page's export and the
    monthly report's Excel file)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None
    sheet.title = _t("Figures")[:31]
    bold = Font(bold=True)
    sheet.append([board.place.label(), str(board.year)])
    sheet.append([_t("Figure"), _t("Value")])
    for cell in sheet[2]:
        cell.font = bold
    for figure in board.all_figures():
        sheet.append([figure.label, figure.value if figure.value is not None else ""])
    for index, chart in enumerate(charts.values(), start=1):
        ws = wb.create_sheet(title=f"{index} {chart['title']}"[:31].replace("/", "-"))
        ws.append([chart["title"], *chart["columns"]])
        for cell in ws[1]:
            cell.font = bold
        for row in chart["rows"]:
            ws.append(
                [row["label"], *(Decimal(v) if isinstance(v, str) else v for v in row["values"])]
            )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
