"""The dashboard's figures and chart tables of a place, and the drill-down rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from gongzhi.assessments.models import Band
from gongzhi.complaints import stats
from gongzhi.complaints.models import Channel
from gongzhi.core import clock
from gongzhi.core.scoping import Actor
from gongzhi.dashboards.selectors.deadlines import FIGURES as DEADLINES
from gongzhi.dashboards.selectors.deadlines import deadline_rows
from gongzhi.dashboards.selectors.scoped import (
    COVERAGE,
    FORMED,
    SEGMENT,
    TOP,
    Place,
    assessments,
    blacklisted,
    coverage_q,
    credit_scores,
    fund_accounts,
    latest_quarter,
    overdue_contracts,
    projects,
    topups,
)
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Project
from gongzhi.rules.money import format_fen

# --- figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One number on the dashboard and the list behind it (``drill`` plus ``params``)."""

    key: str
    label: str
    value: int | Decimal | None
    unit: str = ""
    drill: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        """The figure as pages and the monthly PDF show it: money as the platform writes
        it everywhere (``¥1,234,567.89``, ``rules.money.format_fen``), a rate with ``%``."""
        if self.value is None:
            return "—"
        if self.unit == "yuan":
            return format_fen(int(Decimal(self.value) * 100))
        return f"{self.value}%" if self.unit == "%" else str(self.value)


@dataclass(frozen=True)
class Row:
    """One bar or slice of a chart and one line of the table behind it."""

    key: str
    label: str
    values: tuple[int | Decimal | None, ...]
    drill: str = ""
    params: tuple[tuple[str, str], ...] = ()
    place: str = ""  # the place code to drill into along the tree, if any


@dataclass(frozen=True)
class Series:
    key: str
    title: str
    chart: str  # bar | pie | line
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass
class Dashboard:
    place: Place
    year: int
    today: dt.date
    sections: dict[str, list[Figure]] = field(default_factory=dict)
    series: dict[str, Series] = field(default_factory=dict)
    counters_as_of: dt.datetime | None = None

    def figure(self, key: str) -> Figure:
        for figures in self.sections.values():
            for f in figures:
                if f.key == key:
                    return f
        raise KeyError(key)

    def all_figures(self) -> Iterable[Figure]:
        for figures in self.sections.values():
            yield from figures


def _percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _area(value: Decimal | None) -> Decimal:
    return (value or Decimal("0")).quantize(Decimal("0.01"))


def _coverage(actor: Actor, place: Place, board: Dashboard) -> None:
    rows = projects(actor=actor, place=place)
    figures: list[Figure] = []
    totals = rows.aggregate(
        **{f"n_{k}": Count("pk", filter=coverage_q(k)) for k, _l in COVERAGE},
        **{f"a_{k}": Sum("total_building_area", filter=coverage_q(k)) for k, _l in COVERAGE},
        n=Count("pk"),
        area=Sum("total_building_area"),
        **{f"f_{v}": Count("pk", filter=Q(formation=v)) for v in Project.Formation.values},
    )
    figures.append(Figure("projects", str(_("Projects")), totals["n"], drill="projects"))
    chart_rows = []
    for kind, label in COVERAGE:
        params = (("coverage", kind),)
        figures.append(
            Figure(
                f"coverage.{kind}", str(label), totals[f"n_{kind}"], drill="projects", params=params
            )
        )
        chart_rows.append(
            Row(
                kind,
                str(label),
                (totals[f"n_{kind}"], _area(totals[f"a_{kind}"])),
                "projects",
                params,
            )
        )
    figures.append(
        Figure(
            "coverage.rate",
            str(_("Projects with property service")),
            _percent(totals["n"] - totals["n_none"], totals["n"]),
            unit="%",
            drill="projects",
        )
    )
    board.sections["coverage"] = figures
    board.series["coverage"] = Series(
        "coverage",
        str(_("Property service coverage")),
        "pie",
        (str(_("Projects")), str(_("Building area (m²)"))),
        tuple(chart_rows),
    )
    formed = sum(totals[f"f_{v}"] for v in FORMED)
    board.sections["formation"] = [
        Figure(
            "formation.rate",
            str(_("Owners' committee formation rate (应建尽建)")),
            _percent(formed, totals["n"]),
            unit="%",
            drill="projects",
            params=(("formation", Project.Formation.COMMITTEE),),
        ),
        *(
            Figure(
                f"formation.{value}",
                str(label),
                totals[f"f_{value}"],
                drill="projects",
                params=(("formation", value),),
            )
            for value, label in Project.Formation.choices
        ),
    ]


def _children(actor: Actor, place: Place) -> list[Place]:
    """The next level of the tree below the place: child nodes, or a community's projects."""
    if place.project is not None or place.is_department:
        return []
    nodes = list(Jurisdiction.objects.visible_to(actor).filter(parent=place.node).order_by("name"))
    if nodes:
        return [Place(node=n) for n in nodes]
    return [
        Place(node=place.node, project=p)
        for p in projects(actor=actor, place=place).order_by("name")
    ]


def _complaints(
    actor: Actor, place: Place, board: Dashboard, category_labels: dict[str, str]
) -> None:
    today = board.today
    year_from = dt.date(board.year, 1, 1)
    year_to = min(dt.date(board.year, 12, 31), today) if board.year <= today.year else year_from
    filters = stats.StatFilters(
        date_from=year_from,
        date_to=year_to,
        path=place.path,
        project_id=place.project.pk if place.project else None,
    )
    hot = stats.hot_spots(actor, filters, top=TOP, child_depth=place.node.depth + 1)
    live = stats.open_counts(actor, path=place.path, project_id=filters.project_id, today=today)
    board.counters_as_of = live.as_of
    period = (("year", str(board.year)),)
    board.sections["complaints"] = [
        Figure(
            "complaints.received",
            str(_("Complaints received this year")),
            hot.totals.received,
            drill="complaints",
            params=period,
        ),
        Figure(
            "complaints.resolved",
            str(_("Resolved this year")),
            hot.totals.resolved,
            drill="complaints",
            params=(*period, ("state", "resolved")),
        ),
        Figure(
            "complaints.open",
            str(_("Open complaints")),
            live.open,
            drill="complaints",
            params=(("state", "open"),),
        ),
        Figure(
            "complaints.overdue",
            str(_("Overdue complaints")),
            live.overdue,
            drill="complaints",
            params=(("state", "overdue"),),
        ),
        Figure(
            "work_orders.overdue",
            str(_("Overdue 12345 work orders")),
            live.overdue_hotline,
            drill="complaints",
            params=(("state", "overdue"), ("channel", Channel.HOTLINE)),
        ),
    ]
    cols = (str(_("Received")), str(_("Resolved")), str(_("Overdue")))

    def row(
        key: str,
        label: str,
        r: stats.StatRow,
        params: tuple[tuple[str, str], ...],
        place_code: str = "",
    ) -> Row:
        return Row(
            key,
            label,
            (r.received, r.resolved, r.overdue),
            "complaints",
            (*period, *params),
            place_code,
        )

    by_category = [
        row(r.key, category_labels.get(r.key, r.label), r, (("category", r.key),))
        for r in hot.by_category
    ]
    by_project = [row(r.key, r.label, r, (("project", r.key),)) for r in hot.by_project]
    by_company = [row(r.key, r.label, r, (("company", r.key),)) for r in hot.by_company]
    children = _children(actor, place)
    by_child_stats = {r.key: r for r in hot.by_child}
    by_project_all = {r.key: r for r in hot.by_project_all}
    by_child = []
    empty = stats.StatRow("", "", 0, 0, 0, None, None, 0, 0)
    for child in children:
        if child.project is not None:
            r = by_project_all.get(str(child.project.pk), empty)
            by_child.append(
                row(
                    child.code(),
                    child.label(),
                    r,
                    (("project", str(child.project.pk)),),
                    child.code(),
                )
            )
        else:
            r = by_child_stats.get(child.path, empty)
            by_child.append(
                row(child.code(), child.label(), r, (("node", str(child.node.pk)),), child.code())
            )
    by_month = [
        Row(r.key, r.label, (r.received, r.resolved, r.overdue), "complaints", (("month", r.key),))
        for r in hot.by_month
    ]
    board.series["complaints_by_child"] = Series(
        "complaints_by_child", str(_("Complaints by area")), "bar", cols, tuple(by_child)
    )
    board.series["complaints_by_category"] = Series(
        "complaints_by_category", str(_("Complaints by category")), "bar", cols, tuple(by_category)
    )
    board.series["complaints_by_project"] = Series(
        "complaints_by_project",
        str(_("Projects with the most complaints")),
        "bar",
        cols,
        tuple(by_project),
    )
    board.series["complaints_by_company"] = Series(
        "complaints_by_company",
        str(_("Companies with the most complaints")),
        "bar",
        cols,
        tuple(by_company),
    )
    board.series["complaints_by_month"] = Series(
        "complaints_by_month", str(_("Complaints by month")), "line", cols, tuple(by_month)
    )


def _credit(actor: Actor, place: Place, board: Dashboard) -> None:
    grades = dict(
        credit_scores(actor=actor, place=place, year=board.year)
        .values_list("grade")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = tuple(
        Row(g, g, (grades[g],), "credit", (("grade", g), ("year", str(board.year))))
        for g in sorted(grades)
    )
    board.series["credit_grades"] = Series(
        "credit_grades",
        str(_("Credit grades of the companies")),
        "pie",
        (str(_("Companies")),),
        rows,
    )
    board.sections["credit"] = [
        Figure(
            "credit.scored",
            str(_("Companies graded this year")),
            sum(grades.values()),
            drill="credit",
            params=(("year", str(board.year)),),
        ),
        Figure(
            "credit.blacklisted",
            str(_("Companies on the blacklist")),
            blacklisted(actor=actor, place=place).count(),
            drill="blacklist",
        ),
    ]


def _assessments(actor: Actor, place: Place, board: Dashboard) -> None:
    quarter = latest_quarter(actor=actor, place=place)
    bands: dict[str, int] = {}
    params: tuple[tuple[str, str], ...] = ()
    if quarter is not None:
        params = (("year", str(quarter[0])), ("quarter", str(quarter[1])))
        bands = dict(
            assessments(actor=actor, place=place)
            .filter(year=quarter[0], quarter=quarter[1])
            .values_list("band")
            .annotate(n=Count("pk"))
            .order_by()
        )
    title = str(_("Assessment results"))
    if quarter is not None:
        title = f"{title} · {quarter[0]} Q{quarter[1]}"
    board.series["assessment_bands"] = Series(
        "assessment_bands",
        title,
        "bar",
        (str(_("Projects")),),
        tuple(
            Row(
                value, str(label), (bands.get(value, 0),), "assessments", (*params, ("band", value))
            )
            for value, label in Band.choices
        ),
    )
    board.sections["assessments"] = [
        Figure(
            "assessments.published", title, sum(bands.values()), drill="assessments", params=params
        ),
        Figure(
            "assessments.fail",
            str(_("Projects failing the assessment")),
            bands.get(Band.FAIL, 0),
            drill="assessments",
            params=(*params, ("band", Band.FAIL)),
        ),
    ]


def _funds(actor: Actor, place: Place, board: Dashboard) -> None:
    balance = fund_accounts(actor=actor, place=place).aggregate(s=Sum("balance_fen"))["s"] or 0
    board.sections["funds"] = [
        Figure(
            "funds.maintenance_balance",
            str(_("Maintenance fund balance (yuan)")),
            (Decimal(balance) / 100).quantize(Decimal("0.01")),
            unit="yuan",
            drill="fund_accounts",
        ),
        Figure(
            "funds.below_topup",
            str(_("Parts below the top-up line")),
            topups(actor=actor, place=place).count(),
            drill="topups",
        ),
    ]


def _contracts(actor: Actor, place: Place, board: Dashboard) -> None:
    board.sections["contracts"] = [
        Figure(
            "contracts.overdue",
            str(_("Contracts overdue for filing")),
            overdue_contracts(actor=actor, place=place, on=board.today).count(),
            drill="contracts_overdue",
        )
    ]


def _deadlines(actor: Actor, place: Place, board: Dashboard) -> None:
    board.sections["lifecycle"] = [
        Figure(
            key,
            str(label),
            deadline_rows(
                actor=actor, place=place, drill=drill, state=state, on=board.today
            ).count(),
            drill=drill,
            params=(("state", state),),
        )
        for key, drill, state, label in DEADLINES
    ]


def dashboard(
    *,
    actor: Actor,
    place: Place,
    year: int | None = None,
    category_labels: dict[str, str] | None = None,
) -> Dashboard:
    """Every figure of the place's dashboard for ``year`` (default: this year)."""
    today = clock.today()
    board = Dashboard(place=place, year=year or today.year, today=today)
    if not place.is_department:
        _coverage(actor, place, board)
    _complaints(actor, place, board, category_labels or {})
    if not place.is_department:
        _credit(actor, place, board)
        _assessments(actor, place, board)
        _funds(actor, place, board)
        _contracts(actor, place, board)
        _deadlines(actor, place, board)
    return board


@dataclass(frozen=True)
class AreaRow:
    """One place one level down the tree, with its headline figures (the drill-down)."""

    place: Place
    projects: int
    served: int
    committees: int
    received: int
    overdue: int

    @property
    def coverage_rate(self) -> Decimal | None:
        return _percent(self.served, self.projects)

    @property
    def committee_rate(self) -> Decimal | None:
        return _percent(self.committees, self.projects)


def area_rows(*, actor: Actor, board: Dashboard) -> list[AreaRow]:
    """The places one level below the board's place (streets of a district, communities of
    a street, projects of a community) with their figures: one grouped count of projects
    plus the complaint counts the board already holds."""
    from django.db.models.functions import Substr

    place = board.place
    children = _children(actor, place)
    if not children:
        return []
    complaints_by = {r.key: r for r in board.series["complaints_by_child"].rows}
    qs = projects(actor=actor, place=place)
    served = ~coverage_q("none")
    committee = Q(formation__in=FORMED)
    if children[0].project is not None:
        key_of = {c.project.pk: c for c in children if c.project is not None}
        groups = qs.values("pk").annotate(
            n=Count("pk"), s=Count("pk", filter=served), c=Count("pk", filter=committee)
        )
        counts = {key_of[g["pk"]].code(): g for g in groups if g["pk"] in key_of}
    else:
        width = (place.node.depth + 2) * SEGMENT
        groups = (
            qs.annotate(child=Substr("node_path", 1, width))
            .values("child")
            .annotate(n=Count("pk"), s=Count("pk", filter=served), c=Count("pk", filter=committee))
            .order_by()
        )
        by_path = {g["child"]: g for g in groups}
        counts = {c.code(): by_path[c.path] for c in children if c.path in by_path}
    out = []
    for child in children:
        g = counts.get(child.code(), {"n": 0, "s": 0, "c": 0})
        r = complaints_by.get(child.code())
        out.append(
            AreaRow(
                place=child,
                projects=g["n"],
                served=g["s"],
                committees=g["c"],
                received=int(r.values[0] or 0) if r else 0,
                overdue=int(r.values[2] or 0) if r else 0,
            )
        )
    return out
