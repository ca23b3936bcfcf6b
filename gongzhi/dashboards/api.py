"""/api/v1/dashboards: a place's dashboard as data (the same figures and chart tables as
the page, from the same selectors), for officials only, scoped like the page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema

from gongzhi.accounts.models import OFFICIAL_ROLES
from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.dashboards import boards, selectors

router = Router(tags=["dashboards"])


class FigureOut(Schema):
    key: str
    label: str
    value: float | int | None
    unit: str
    rows_url: str


class DashboardOut(Schema):
    place: str
    label: str
    year: int
    figures: list[FigureOut]
    charts: dict[str, Any]
    open_counts_as_of: str | None


def _official(request: HttpRequest) -> Actor:
    actor = request_actor(request)
    if not actor.has_role(*OFFICIAL_ROLES):
        raise PermissionDeniedError(_("Only officials have a dashboard."))
    return actor


def _plain(value: object) -> float | int | None:
    """Decimal figures (percentages, yuan) as numbers; counts stay integers."""
    if value is None or isinstance(value, int):
        return value
    return float(str(value))


def _out(actor: Actor, place: selectors.Place, year: int | None) -> DashboardOut:
    this = clock.today().year
    if year is None or not this - boards.YEARS_BACK <= year <= this:
        year = this
    board = boards.board_for(actor, place, year)
    return DashboardOut(
        place=place.code(),
        label=place.label(),
        year=board.year,
        figures=[
            FigureOut(
                key=f.key,
                label=f.label,
                value=_plain(f.value),
                unit=f.unit,
                rows_url=boards.rows_url(place, f.drill, f.params) if f.drill else "",
            )
            for f in board.all_figures()
        ],
        charts=boards.chart_data(board, board.year),
        open_counts_as_of=board.counters_as_of.isoformat() if board.counters_as_of else None,
    )


@router.get("/", response=DashboardOut)
def home(request: HttpRequest, year: int | None = None) -> DashboardOut:
    """The dashboard of the caller's own node (or department)."""
    actor = _official(request)
    return _out(actor, selectors.home_place(actor), year)


@router.get("/{code}", response=DashboardOut)
def place(request: HttpRequest, code: str, year: int | None = None) -> DashboardOut:
    """A place's dashboard: ``n<node id>`` or ``p<project id>``; 404 outside the scope."""
    actor = _official(request)
    return _out(actor, selectors.place_for(actor=actor, code=code), year)
