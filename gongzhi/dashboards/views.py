"""The dashboard pages: one per place (district, street, community, project), the list
behind every figure, and the Excel export of every table. Charts are drawn by a static
script from JSON in ``<script type="application/json">`` (no inline script, ready for a
strict CSP); every chart has its table, so the page works without the script."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_noop

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import NotFoundError
from gongzhi.core.excel import XLSX_TYPE
from gongzhi.core.views import page_of
from gongzhi.dashboards import selectors
from gongzhi.dashboards.boards import (
    SECTION_TITLES,
    YEARS_BACK,
    board_for,
    board_workbook,
    chart_data,
    place_url,
    rows_url,
)
from gongzhi.dashboards.selectors import Place
from gongzhi.rules.money import format_fen

PAGE_SIZE = 50
CHART_LIBRARY = "dashboards/vendor/echarts.min.js"


@functools.cache
def chart_library_url() -> str | None:
    """The charting library's URL, or None when it is not installed (the page then shows
    its tables only): it is fetched from npm at install time, never committed."""
    try:
        if not (finders.find(CHART_LIBRARY) or staticfiles_storage.exists(CHART_LIBRARY)):
            return None
        return static(CHART_LIBRARY)
    except (ValueError, OSError):  # a manifest without it
        return None


def _year(request: HttpRequest) -> int:
    this = clock.today().year
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else this
    return year if this - YEARS_BACK <= year <= this else this


def _context(request: HttpRequest, place: Place) -> dict[str, Any]:
    actor = request_actor(request)
    year = _year(request)
    board = board_for(actor, place, year)
    this_year = board.today.year
    crumbs = [
        {"label": p.label(), "url": place_url(p, year, this_year)}
        for p in selectors.breadcrumbs(actor=actor, place=place)
    ]
    sections = [
        {
            "key": key,
            "title": SECTION_TITLES.get(key, key),
            "figures": [
                {
                    "key": f.key,
                    "label": f.label,
                    "value": f.value,
                    "unit": f.unit,
                    "text": f.text,
                    "url": rows_url(place, f.drill, f.params) if f.drill else "",
                }
                for f in figures
            ],
        }
        for key, figures in board.sections.items()
    ]
    charts = chart_data(board, year)
    areas = [
        {"row": a, "url": place_url(a.place, year, this_year)}
        for a in selectors.area_rows(actor=actor, board=board)
    ]
    return {
        "place": place,
        "board": board,
        "year": year,
        "years": list(range(this_year, this_year - YEARS_BACK - 1, -1)),
        "crumbs": crumbs,
        "sections": sections,
        "charts": charts,
        "chart_keys": list(charts),
        "areas": areas,
        "chart_library": chart_library_url(),
    }


def home_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    place = selectors.home_place(actor)
    return render(request, "dashboards/dashboard.html", _context(request, place))


def place_view(request: HttpRequest, code: str) -> HttpResponse:
    actor = request_actor(request)
    place = selectors.place_for(actor=actor, code=code)
    return render(request, "dashboards/dashboard.html", _context(request, place))


# --- the list behind a figure ------------------------------------------------------------

COLUMNS: dict[str, tuple[str, ...]] = {
    "projects": (
        gettext_noop("Project"),
        gettext_noop("Community"),
        gettext_noop("Service mode"),
        gettext_noop("Property company"),
        gettext_noop("Owners' organisation"),
    ),
    "complaints": (
        gettext_noop("Number"),
        gettext_noop("Category"),
        gettext_noop("Project"),
        gettext_noop("Status"),
        gettext_noop("Received"),
        gettext_noop("Due"),
    ),
    "credit": (gettext_noop("Property company"), gettext_noop("Score"), gettext_noop("Grade")),
    "blacklist": (
        gettext_noop("Property company"),
        gettext_noop("Blacklisted since"),
        gettext_noop("Lasts until"),
    ),
    "assessments": (
        gettext_noop("Project"),
        gettext_noop("Property company"),
        gettext_noop("Quarter"),
        gettext_noop("Score"),
        gettext_noop("Band"),
    ),
    "fund_accounts": (gettext_noop("Project"), gettext_noop("Balance (yuan)")),
    "topups": (
        gettext_noop("Project"),
        gettext_noop("Exclusive part"),
        gettext_noop("Balance (yuan)"),
        gettext_noop("Threshold (yuan)"),
    ),
    "contracts_overdue": (
        gettext_noop("Project"),
        gettext_noop("Property company"),
        gettext_noop("Signed on"),
        gettext_noop("Status"),
    ),
    "handovers": (
        gettext_noop("Project"),
        gettext_noop("Property company"),
        gettext_noop("Planned delivery"),
        gettext_noop("Status"),
    ),
    "findings": (
        gettext_noop("Project"),
        gettext_noop("Location or item"),
        gettext_noop("Found on"),
        gettext_noop("Rectify by"),
    ),
    "exits": (
        gettext_noop("Project"),
        gettext_noop("Outgoing company"),
        gettext_noop("Service ends on"),
        gettext_noop("Status"),
    ),
}


def _cells(drill: str, obj: Any) -> tuple[list[Any], str]:
    """A row's cells and the URL of its own page."""
    if drill == "projects":
        return [
            obj.name,
            obj.community.name,
            obj.get_service_mode_display(),
            obj.company.name if obj.company else "—",
            obj.get_formation_display(),
        ], reverse("registry:project_detail", args=[obj.pk])
    if drill == "complaints":
        return [
            obj.number,
            obj.category_label,
            obj.project.name if obj.project else obj.place,
            obj.get_status_display(),
            obj.created_at.date(),
            obj.due_on or "—",
        ], reverse("complaints:complaint_detail", args=[obj.pk])
    if drill == "credit":
        return [obj.company.name, obj.score, obj.grade], reverse(
            "credit:company_detail", args=[obj.company_id]
        )
    if drill == "blacklist":
        return [obj.company.name, obj.since, obj.until or "—"], reverse(
            "credit:company_detail", args=[obj.company_id]
        )
    if drill == "assessments":
        return [
            obj.project.name,
            obj.company.name,
            f"{obj.year} Q{obj.quarter}",
            obj.total,
            obj.get_band_display(),
        ], reverse("assessments:assessment_detail", args=[obj.pk])
    if drill == "fund_accounts":
        return [
            obj.project.name if obj.project else obj.name,
            format_fen(obj.balance_fen),
        ], reverse("funds:project", args=[obj.project_id])
    if drill == "topups":
        return [
            obj.project.name,
            obj.part_fund.part.number,
            format_fen(obj.balance_fen),
            format_fen(obj.threshold_fen),
        ], reverse("funds:project", args=[obj.project_id])
    if drill == "handovers":
        return [
            obj.project.name,
            obj.company.name,
            obj.delivery_on,
            obj.get_status_display(),
        ], reverse("lifecycle:handover_detail", args=[obj.pk])
    if drill == "findings":
        return [
            obj.handover.project.name,
            obj.location,
            obj.found_on,
            obj.rectify_by or "—",
        ], reverse("lifecycle:handover_detail", args=[obj.handover_id])
    if drill == "exits":
        return [
            obj.project.name,
            obj.company.name,
            obj.end_on or "—",
            obj.get_status_display(),
        ], reverse("lifecycle:exit_detail", args=[obj.pk])
    return [obj.project.name, obj.company.name, obj.signed_on, obj.get_status_display()], reverse(
        "contracts:contract_detail", args=[obj.pk]
    )


def rows_view(request: HttpRequest, code: str, drill: str) -> HttpResponse:
    actor = request_actor(request)
    place = selectors.place_for(actor=actor, code=code)
    if drill not in COLUMNS:
        raise NotFoundError(_t("Not found."))
    params = {k: str(v)[:64] for k, v in request.GET.items() if k != "page"}
    qs = selectors.figure_rows(actor=actor, place=place, drill=drill, params=params)
    page = page_of(request, qs, per_page=PAGE_SIZE)
    rows = [_cells(drill, obj) for obj in page.object_list]
    return render(
        request,
        "dashboards/rows.html",
        {
            "place": place,
            "drill": drill,
            "headers": [_t(h) for h in COLUMNS[drill]],
            "rows": rows,
            "page": page,
            "params": params,
            "back": place_url(place, _year(request), clock.today().year),
            "crumbs": [
                {"label": p.label(), "url": place_url(p, _year(request), clock.today().year)}
                for p in selectors.breadcrumbs(actor=actor, place=place)
            ],
        },
    )


# --- Excel -------------------------------------------------------------------------------


def export_view(request: HttpRequest, code: str) -> HttpResponse:
    from urllib.parse import quote

    actor = request_actor(request)
    place = selectors.place_for(actor=actor, code=code)
    year = _year(request)
    board = board_for(actor, place, year)
    data = board_workbook(board, chart_data(board, year))
    response = HttpResponse(data, content_type=XLSX_TYPE)
    filename = f"{place.label()}-{year}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
