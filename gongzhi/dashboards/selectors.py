"""The supervision dashboard's figures per jurisdiction node (seed 000 §3, §17, §19;
002 §二(一)2; 003 §四; 004 §15, §20), and the rows behind each figure.

A *place* is a node of the tree (district, street, community) or one project of a
community. Every figure is read through ``visible_to(actor)`` **and** restricted to the
place, so a bureau official drilling into a street sees exactly what that street's own
officer sees, and a street officer can never name another street (``place_for`` gives
the same "not found" for absent and forbidden nodes). Functional-department staff see
the complaints routed to their department only.

Each figure carries a ``drill`` key; :func:`figure_rows` returns the rows it counts (the
list behind the figure), from the same filters, so a figure and its list cannot disagree.
Complaint volumes come from the pre-aggregated counters of ``gongzhi.complaints.stats``
(see docs/domains/dashboards.md for their staleness); everything else is counted live.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.assessments.models import Band, ProjectAssessment
from gongzhi.complaints import stats
from gongzhi.complaints.models import Channel, Complaint
from gongzhi.complaints.workflow import OPEN_STATES
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.selectors import overdue_ids
from gongzhi.core import clock
from gongzhi.core.errors import NotFoundError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.credit.models import Blacklisting, CreditScore
from gongzhi.funds.models import Account, TopUpNotice
from gongzhi.funds.models.ledger import Fund
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.registry.models import Project, PropertyCompany

SEGMENT = stats.SEGMENT
TOP = 10

# Coverage of property service (seed 000 §3): a project is served by a company, managed by
# its owners, under the community's quasi-management, or has no service at all.
COVERAGE = (
    ("company", _("Property company")),
    ("self_managed", _("Owner self-management")),
    ("quasi", _("Community quasi-management")),
    ("none", _("No property service")),
)
FORMED = (Project.Formation.COMMITTEE,)  # 应建尽建 counts owners' committees in office


def _coverage_q(kind: str) -> Q:
    mode = Project.ServiceMode
    company_modes = (mode.MARKET, mode.PUBLIC_INTEREST)
    return {
        "company": Q(service_mode__in=company_modes, company__isnull=False),
        "self_managed": Q(service_mode=mode.SELF_MANAGED),
        "quasi": Q(service_mode=mode.QUASI),
        "none": Q(service_mode__in=company_modes, company__isnull=True),
    }[kind]


# --- the place ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where the dashboard looks: a node, or one project below a community."""

    node: Jurisdiction
    project: Project | None = None
    department: Department | None = None  # department staff: their matters only

    @property
    def path(self) -> str:
        return self.node.path

    @property
    def is_department(self) -> bool:
        return self.department is not None

    def code(self) -> str:
        return f"p{self.project.pk}" if self.project else f"n{self.node.pk}"

    def label(self) -> str:
        return self.project.name if self.project else self.node.name


def home_place(actor: Actor) -> Place:
    """The place an official's dashboard opens on: their own node (the tree's root for the
    platform administrator; the department's node for department staff)."""
    for grant in actor.grants_of("node"):
        node = Jurisdiction.objects.filter(pk=grant.node_id).first()
        if node is not None:
            return Place(node=node)
    for grant in actor.grants_of("department"):
        dept = Department.objects.select_related("node").filter(pk=grant.department_id).first()
        if dept is not None:
            return Place(node=dept.node, department=dept)
    if actor.is_platform_admin:
        root = Jurisdiction.objects.filter(parent__isnull=True).order_by("pk").first()
        if root is not None:
            return Place(node=root)
    raise NotFoundError(_("Not found."))


def place_for(*, actor: Actor, code: str) -> Place:
    """The place named by ``code`` (``n<node id>`` or ``p<project id>``) if the actor may
    see it; absent and forbidden both raise NotFoundError."""
    home = home_place(actor)
    kind, raw = code[:1], code[1:]
    if not raw.isdigit():
        raise NotFoundError(_("Not found."))
    if home.is_department:
        if kind == "n" and int(raw) == home.node.pk:
            return home
        raise NotFoundError(_("Not found."))
    if kind == "n":
        return Place(node=get_visible(Jurisdiction.objects.all(), actor, pk=int(raw)))
    if kind == "p":
        project = get_visible(Project.objects.select_related("community"), actor, pk=int(raw))
        return Place(node=project.community, project=project)
    raise NotFoundError(_("Not found."))


def breadcrumbs(*, actor: Actor, place: Place) -> list[Place]:
    """The place's ancestors the actor may see, root first, then the place itself."""
    ids = place.node.ancestor_ids()
    if place.project is None:
        ids = ids[:-1]
    visible = Jurisdiction.objects.visible_to(actor).filter(pk__in=ids).order_by("depth")
    return [*(Place(node=n) for n in visible), place]


# --- scoped row sets ---------------------------------------------------------------------


def _under(
    qs: QuerySet[Any], place: Place, path: str = "node_path", project: str = "project_id"
) -> QuerySet[Any]:
    qs = qs.filter(**{f"{path}__startswith": place.path})
    if place.project is not None:
        qs = qs.filter(**{project: place.project.pk})
    return qs


def projects(*, actor: Actor, place: Place) -> QuerySet[Project]:
    if place.is_department:
        return Project.objects.none()
    return _under(Project.objects.visible_to(actor), place, project="pk")


def complaints(*, actor: Actor, place: Place) -> QuerySet[Complaint]:
    return _under(Complaint.objects.visible_to(actor), place)


def _companies_q(place: Place, prefix: str = "") -> Q:
    """Companies filed in the place's subtree or serving a project there (credit's rule)."""
    if place.project is not None:
        return Q(**{f"{prefix}company_id": place.project.company_id or 0})
    serving = Project.objects.filter(node_path__startswith=place.path).values("company_id")
    return Q(**{f"{prefix}company__node_path__startswith": place.path}) | Q(
        **{f"{prefix}company_id__in": serving}
    )


def credit_scores(*, actor: Actor, place: Place, year: int) -> QuerySet[CreditScore]:
    if place.is_department:
        return CreditScore.objects.none()
    return CreditScore.objects.visible_to(actor).filter(_companies_q(place), year=year)


def blacklisted(*, actor: Actor, place: Place) -> QuerySet[Blacklisting]:
    if place.is_department:
        return Blacklisting.objects.none()
    return Blacklisting.objects.visible_to(actor).filter(
        _companies_q(place), lifted_on__isnull=True
    )


def assessments(*, actor: Actor, place: Place) -> QuerySet[ProjectAssessment]:
    if place.is_department:
        return ProjectAssessment.objects.none()
    return _under(ProjectAssessment.objects.visible_to(actor), place).filter(
        status=ProjectAssessment.Status.PUBLISHED
    )


def latest_quarter(*, actor: Actor, place: Place) -> tuple[int, int] | None:
    row = (
        assessments(actor=actor, place=place)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    return (row[0], row[1]) if row else None


def fund_accounts(*, actor: Actor, place: Place) -> QuerySet[Account]:
    if place.is_department:
        return Account.objects.none()
    return _under(Account.objects.visible_to(actor), place).filter(
        fund=Fund.MAINTENANCE, kind=Account.Kind.ASSET
    )


def topups(*, actor: Actor, place: Place) -> QuerySet[TopUpNotice]:
    if place.is_department:
        return TopUpNotice.objects.none()
    return _under(TopUpNotice.objects.visible_to(actor), place).filter(resolved_on__isnull=True)


def overdue_contracts(*, actor: Actor, place: Place, on: dt.date) -> QuerySet[ServiceContract]:
    if place.is_department:
        return ServiceContract.objects.none()
    ids = overdue_ids(actor=actor, on=on)
    return _under(ServiceContract.objects.visible_to(actor), place).filter(pk__in=ids)


def open_complaints(*, actor: Actor, place: Place) -> QuerySet[Complaint]:
    return complaints(actor=actor, place=place).filter(status__in=OPEN_STATES)


def overdue_complaints(*, actor: Actor, place: Place, on: dt.date) -> QuerySet[Complaint]:
    return open_complaints(actor=actor, place=place).filter(due_on__lt=on)


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
        **{f"n_{k}": Count("pk", filter=_coverage_q(k)) for k, _l in COVERAGE},
        **{f"a_{k}": Sum("total_building_area", filter=_coverage_q(k)) for k, _l in COVERAGE},
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
    return board


# --- the rows behind a figure ------------------------------------------------------------

DRILLS = (
    "projects",
    "complaints",
    "credit",
    "blacklist",
    "assessments",
    "fund_accounts",
    "topups",
    "contracts_overdue",
)


def _int(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() else None


def _between(field: str, first: dt.date, after: dt.date) -> dict[str, dt.datetime]:
    """``first`` ≤ field < ``after`` in local days, as an indexable datetime range."""
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(after, dt.time.min))
    return {f"{field}__gte": start, f"{field}__lt": end}


def figure_rows(*, actor: Actor, place: Place, drill: str, params: dict[str, str]) -> QuerySet[Any]:
    """The rows a figure counts, by its ``drill`` and ``params`` (the figure's own filters)."""
    today = clock.today()
    if drill == "projects":
        qs = projects(actor=actor, place=place).select_related("community", "company")
        if params.get("coverage") in dict(COVERAGE):
            qs = qs.filter(_coverage_q(params["coverage"]))
        if params.get("formation") in Project.Formation.values:
            qs = qs.filter(formation=params["formation"])
        return qs.order_by("node_path", "name")
    if drill == "complaints":
        cq = complaints(actor=actor, place=place).select_related("project", "company")
        state = params.get("state", "")
        if state == "open":
            cq = cq.filter(status__in=OPEN_STATES)
        elif state == "overdue":
            cq = cq.filter(status__in=OPEN_STATES, due_on__lt=today)
        elif state == "resolved":
            cq = cq.filter(resolved_at__isnull=False)
        year = _int(params.get("year"))
        month = params.get("month", "")
        field = "resolved_at" if state == "resolved" else "created_at"
        if year and 2000 <= year <= 2100:
            cq = cq.filter(**_between(field, dt.date(year, 1, 1), dt.date(year + 1, 1, 1)))
        if len(month) == 7 and month[:4].isdigit() and month[5:].isdigit():
            y, m = int(month[:4]), int(month[5:])
            if 2000 <= y <= 2100 and 1 <= m <= 12:
                first = dt.date(y, m, 1)
                after = (first + dt.timedelta(days=32)).replace(day=1)
                cq = cq.filter(**_between("created_at", first, after))
        if params.get("channel") in Channel.values:
            cq = cq.filter(channel=params["channel"])
        if params.get("category"):
            cq = cq.filter(category=params["category"][:48])
        project_id = _int(params.get("project"))
        if project_id:
            cq = cq.filter(project_id=project_id)
        company_id = _int(params.get("company"))
        if company_id:
            cq = cq.filter(company_id=company_id)
        node_id = _int(params.get("node"))
        if node_id:
            node = Jurisdiction.objects.visible_to(actor).filter(pk=node_id).first()
            cq = cq.filter(node_path__startswith=node.path) if node else cq.none()
        return cq.order_by("-created_at", "-pk")
    if drill == "credit":
        year = _int(params.get("year")) or today.year
        sq = credit_scores(actor=actor, place=place, year=year).select_related("company")
        if params.get("grade"):
            sq = sq.filter(grade=params["grade"][:16])
        return sq.order_by("-score", "company__name")
    if drill == "blacklist":
        return blacklisted(actor=actor, place=place).select_related("company").order_by("-since")
    if drill == "assessments":
        aq = assessments(actor=actor, place=place).select_related("project", "company")
        year, quarter = _int(params.get("year")), _int(params.get("quarter"))
        if year and quarter:
            aq = aq.filter(year=year, quarter=quarter)
        if params.get("band") in Band.values:
            aq = aq.filter(band=params["band"])
        return aq.order_by("total", "project__name")
    if drill == "fund_accounts":
        return (
            fund_accounts(actor=actor, place=place)
            .select_related("project")
            .order_by("-balance_fen")
        )
    if drill == "topups":
        return (
            topups(actor=actor, place=place)
            .select_related("part_fund__part", "project")
            .order_by("project__name")
        )
    if drill == "contracts_overdue":
        return (
            overdue_contracts(actor=actor, place=place, on=today)
            .select_related("project", "company")
            .order_by("signed_on")
        )
    raise NotFoundError(_("Not found."))


def company_names(ids: Iterable[int]) -> dict[int, str]:
    return dict(PropertyCompany.objects.filter(pk__in=list(ids)).values_list("pk", "name"))


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
    served = ~_coverage_q("none")
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
