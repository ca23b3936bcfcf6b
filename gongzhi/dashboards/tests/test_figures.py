"""Every dashboard figure against a direct count of the rows on a generated city, for
every node of the tree and a project, as the bureau and as each street's own officer;
every figure's list has exactly as many rows as the figure says; scoping of places."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from gongzhi.accounts.models import Role
from gongzhi.accounts.services import user_create
from gongzhi.assessments.models import ProjectAssessment
from gongzhi.complaints import stats
from gongzhi.complaints.models import Complaint, ComplaintEscalation
from gongzhi.complaints.workflow import OPEN_STATES
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.selectors import contract_deadline
from gongzhi.core import clock
from gongzhi.core.errors import NotFoundError
from gongzhi.credit.models import Blacklisting, CreditScore
from gongzhi.dashboards import selectors
from gongzhi.dashboards.selectors import Place
from gongzhi.dashboards.tests.conftest import actor
from gongzhi.funds.models import Account, TopUpNotice
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.lifecycle.models import Exit, Handover, HandoverFinding
from gongzhi.lifecycle.selectors import handover_due
from gongzhi.registry.models import Project

pytestmark = pytest.mark.django_db


def _in(path: str, node_path: str) -> bool:
    return node_path.startswith(path)


def _coverage_kind(p: Project) -> str:
    if p.service_mode in ("self_managed", "quasi"):
        return p.service_mode
    return "company" if p.company_id else "none"


def _expected(place: Place, today: dt.date) -> dict[str, object]:
    """Every figure counted the plain way: Python over all rows."""
    path = place.path
    pid = place.project.pk if place.project else None
    projects = [
        p for p in Project.objects.all() if _in(path, p.node_path) and (pid is None or p.pk == pid)
    ]
    n = len(projects)
    kinds = Counter(_coverage_kind(p) for p in projects)
    areas: dict[str, Decimal] = {}
    for p in projects:
        kind = _coverage_kind(p)
        areas[kind] = areas.get(kind, Decimal(0)) + (p.total_building_area or 0)
    formation = Counter(p.formation for p in projects)
    out: dict[str, object] = {"projects": n}
    for kind in ("company", "self_managed", "quasi", "none"):
        out[f"coverage.{kind}"] = kinds[kind]
        out[f"area.{kind}"] = areas.get(kind, Decimal(0)).quantize(Decimal("0.01"))
    out["coverage.rate"] = (
        (Decimal((n - kinds["none"]) * 100) / n).quantize(Decimal("0.1")) if n else None
    )
    out["formation.rate"] = (
        (Decimal(formation["committee"] * 100) / n).quantize(Decimal("0.1")) if n else None
    )
    for value in Project.Formation.values:
        out[f"formation.{value}"] = formation[value]

    year = today.year
    rows = [
        c
        for c in Complaint.objects.all()
        if _in(path, c.node_path) and (pid is None or c.project_id == pid)
    ]
    local = clock.today  # noqa: F841 - the same zone as the counters
    from django.utils import timezone

    def day(at: dt.datetime | None) -> dt.date | None:
        return timezone.localdate(at) if at else None

    received = [c for c in rows if day(c.created_at).year == year]
    out["complaints.received"] = len(received)
    out["complaints.resolved"] = sum(
        1 for c in rows if c.resolved_at and day(c.resolved_at).year == year
    )
    open_rows = [c for c in rows if c.status in OPEN_STATES]
    out["complaints.open"] = len(open_rows)
    late = [c for c in open_rows if c.due_on and c.due_on < today]
    out["complaints.overdue"] = len(late)
    out["work_orders.overdue"] = sum(1 for c in late if c.channel == "hotline_12345")
    out["by_category"] = dict(Counter(c.category for c in received))
    out["by_project"] = dict(Counter(c.project_id for c in received if c.project_id))
    out["by_company"] = dict(Counter(c.company_id for c in received if c.company_id))
    out["by_month"] = dict(Counter(day(c.created_at).strftime("%Y-%m") for c in received))
    first_escalation: dict[int, dt.date] = {}
    for e in ComplaintEscalation.objects.order_by("at"):
        first_escalation.setdefault(e.complaint_id, day(e.at))
    out["overdue_by_category"] = dict(
        Counter(
            c.category
            for c in rows
            if c.pk in first_escalation and first_escalation[c.pk].year == year
        )
    )

    companies = set()
    for p in Project.objects.all():
        if _in(path, p.node_path) and p.company_id and (pid is None or p.pk == pid):
            companies.add(p.company_id)
    if pid is None:
        for score in CreditScore.objects.select_related("company"):
            if _in(path, score.company.node_path):
                companies.add(score.company_id)
    grades = Counter(
        s.grade for s in CreditScore.objects.filter(year=year) if s.company_id in companies
    )
    out["credit.scored"] = sum(grades.values())
    out["grades"] = dict(grades)
    if pid is None:
        for b in Blacklisting.objects.select_related("company"):
            if _in(path, b.company.node_path):
                companies.add(b.company_id)
    out["credit.blacklisted"] = sum(
        1 for b in Blacklisting.objects.all() if b.lifted_on is None and b.company_id in companies
    )
    published = [
        a
        for a in ProjectAssessment.objects.filter(status="published")
        if _in(path, a.node_path) and (pid is None or a.project_id == pid)
    ]
    if published:
        latest = max((a.year, a.quarter) for a in published)
        bands = Counter(a.band for a in published if (a.year, a.quarter) == latest)
    else:
        bands = Counter()
    out["assessments.published"] = sum(bands.values())
    out["assessments.fail"] = bands["fail"]
    out["bands"] = dict(bands)
    fen = sum(
        a.balance_fen
        for a in Account.objects.filter(fund="maintenance", kind="asset")
        if _in(path, a.node_path) and (pid is None or a.project_id == pid)
    )
    out["funds.maintenance_balance"] = (Decimal(fen) / 100).quantize(Decimal("0.01"))
    out["funds.below_topup"] = sum(
        1
        for t in TopUpNotice.objects.all()
        if t.resolved_on is None and _in(path, t.node_path) and (pid is None or t.project_id == pid)
    )
    out["contracts.overdue"] = sum(
        1
        for c in ServiceContract.objects.select_related("project__community")
        if _in(path, c.node_path)
        and (pid is None or c.project_id == pid)
        and c.status != "filed"
        and c.signed_on < today
        and contract_deadline(c).overdue(filed=False, today=today)
    )
    out.update(_deadlines(path, pid, today))
    return out


def _deadlines(path: str, pid: int | None, today: dt.date) -> dict[str, int]:
    """The handover and exit deadlines, one row at a time under each row's own profile."""

    def here(node_path: str, project_id: int) -> bool:
        return _in(path, node_path) and (pid is None or project_id == pid)

    unsigned = [
        h
        for h in Handover.objects.select_related("project__community")
        if here(h.node_path, h.project_id) and h.signed_on is None
    ]
    defects = [
        f
        for f in HandoverFinding.objects.select_related("handover")
        if here(f.handover.node_path, f.handover.project_id) and f.open
    ]
    exits = [e for e in Exit.objects.all() if here(e.node_path, e.project_id)]
    gone = ("handed_over", "closed", "rejected")
    return {
        "handovers.pending": len(unsigned),
        "handovers.overdue": sum(1 for h in unsigned if today > handover_due(h).due),
        "findings.open": len(defects),
        "findings.overdue": sum(1 for f in defects if f.rectify_by and f.rectify_by < today),
        "exits.notice": sum(1 for e in exits if e.status in ("notified", "voting", "review")),
        "exits.handing_over": sum(1 for e in exits if e.status == "handing_over"),
        "exits.overdue": sum(
            1 for e in exits if e.status not in gone and e.end_on and e.end_on < today
        ),
    }


def _series(board: selectors.Dashboard, key: str, column: int = 0) -> dict[str, object]:
    return {r.key: r.values[column] for r in board.series[key].rows}


def _check(board: selectors.Dashboard, want: dict[str, object]) -> None:
    for key, value in want.items():
        if "." in key and not key.startswith("area."):
            assert board.figure(key).value == value, key
    cover = board.series["coverage"].rows
    for row in cover:
        assert row.values[0] == want[f"coverage.{row.key}"]
        assert row.values[1] == want[f"area.{row.key}"], row.key
    assert {k: v for k, v in _series(board, "complaints_by_category").items() if v} == want[
        "by_category"
    ]
    assert {k: v for k, v in _series(board, "complaints_by_category", 2).items() if v} == want[
        "overdue_by_category"
    ]
    top = _series(board, "complaints_by_project")
    assert all(want["by_project"][int(k)] == v for k, v in top.items())
    assert (
        sorted(top.values(), reverse=True)
        == sorted(want["by_project"].values(), reverse=True)[: len(top)]
    )
    assert {int(k): v for k, v in _series(board, "complaints_by_company").items()} == {
        k: v
        for k, v in want["by_company"].items()
        if str(k) in _series(board, "complaints_by_company")
    }
    assert len(_series(board, "complaints_by_company")) == min(len(want["by_company"]), 10)
    assert {k: v for k, v in _series(board, "complaints_by_month").items() if v} == want["by_month"]
    assert _series(board, "credit_grades") == want["grades"]
    assert {k: v for k, v in _series(board, "assessment_bands").items() if v} == want["bands"]
    children = board.series["complaints_by_child"].rows
    assert (
        sum(r.values[0] for r in children) == (want["complaints.received"] if children else 0)
        or board.place.project is None
    )


def test_every_figure_equals_a_direct_count_at_every_place(demo: dict) -> None:
    # given the demo city, enriched; the open-complaints snapshot taken
    today = clock.today()
    stats.refresh_open()
    bureau = actor("bureau")
    places = [Place(node=n) for n in Jurisdiction.objects.order_by("path")]
    project = Project.objects.order_by("pk").first()
    assert project is not None
    places.append(Place(node=project.community, project=project))
    # every handover and exit deadline has something to count in the city
    root = selectors.dashboard(actor=bureau, place=places[0])
    assert all(f.value for f in root.sections["lifecycle"]), root.sections["lifecycle"]
    for place in places:
        # when the bureau reads the place's dashboard
        board = selectors.dashboard(actor=bureau, place=place)
        # then every figure is the direct count of its rows
        _check(board, _expected(place, today))
    # and each street's own officer sees exactly what the bureau sees of that street
    for street in Jurisdiction.objects.filter(level="street"):
        user_create(
            actor=None,
            username=f"s{street.pk}",
            password=None,
            role=Role.STREET_OFFICER,
            node=street,
        )
        own = selectors.dashboard(actor=actor(f"s{street.pk}"), place=Place(node=street))
        _check(own, _expected(Place(node=street), today))


def test_the_counters_and_the_live_count_agree(demo: dict) -> None:
    # given the counters rebuilt by the fixture and a live recount of the same rows
    bureau = actor("bureau")
    root = Jurisdiction.objects.get(parent__isnull=True)
    year = clock.today().year
    period = stats.StatFilters(date_from=dt.date(year, 1, 1), date_to=clock.today(), path=root.path)
    fast = stats.hot_spots(bureau, period, child_depth=1)
    live = stats.hot_spots_live(
        Complaint.objects.visible_to(bureau),
        date_from=period.date_from,
        date_to=period.date_to,
        child_depth=1,
    )

    # then the two agree on the dashboard's three columns, figure by figure
    def cols(rows):
        return sorted((r.key, r.received, r.resolved, r.overdue) for r in rows)

    assert cols([fast.totals]) == cols([live.totals])
    for name in ("by_category", "by_project_all", "by_company", "by_child"):
        assert cols(getattr(fast, name)) == cols(getattr(live, name)), name
    assert [(r.key, r.received, r.resolved) for r in fast.by_month] == [
        (r.key, r.received, r.resolved) for r in live.by_month
    ]


def test_each_figure_lists_exactly_the_rows_it_counts(demo: dict) -> None:
    bureau = actor("bureau")
    stats.refresh_open()
    for street in Jurisdiction.objects.filter(level__in=["district", "street"]):
        place = Place(node=street)
        board = selectors.dashboard(actor=bureau, place=place)
        for figure in board.all_figures():
            if not figure.drill or figure.unit:
                continue
            rows = selectors.figure_rows(
                actor=bureau, place=place, drill=figure.drill, params=dict(figure.params)
            )
            assert rows.count() == figure.value, figure.key
        for series in board.series.values():
            for row in series.rows:
                if row.drill and series.key != "complaints_by_month":
                    rows = selectors.figure_rows(
                        actor=bureau, place=place, drill=row.drill, params=dict(row.params)
                    )
                    assert rows.count() == row.values[0], (series.key, row.key)


def test_a_street_cannot_name_another_streets_place(city) -> None:
    street_a = actor("street_a")
    # a street officer opens their own street and its community and project
    assert selectors.place_for(actor=street_a, code=f"n{city.street_a.pk}").node == city.street_a
    assert (
        selectors.place_for(actor=street_a, code=f"p{city.project_a.pk}").project == city.project_a
    )
    # but not the other street, its project, the district above, or nonsense
    for code in (
        f"n{city.street_b.pk}",
        f"p{city.project_b.pk}",
        f"n{city.district.pk}",
        "n999999",
        "x1",
        "n",
    ):
        with pytest.raises(NotFoundError):
            selectors.place_for(actor=street_a, code=code)
    # the department sees its own node only, with its own matters
    dept = actor("dept")
    home = selectors.home_place(dept)
    assert home.is_department
    with pytest.raises(NotFoundError):
        selectors.place_for(actor=dept, code=f"n{city.street_a.pk}")
    # owners and companies have no dashboard
    with pytest.raises(NotFoundError):
        selectors.home_place(actor("owner_1"))
