"""Reads of the disclosure board: one project's board, the public board, the history of an
item, and the community's view of which projects miss what (seed 000 §14).

The board is public by law (posted in a visible place, 000 §14 可同时通过网络等方式告知业主),
so :func:`board_public` reads by project id without an actor; it shows no personal data
(payment status by counts only). Signed-in reads are scoped: :func:`board_for_project`
fetches the project through ``Project.objects.visible_to(actor)`` (an owner reaches only
the projects where they hold a part). The derived items are read from the fees, funds and
assessments records here (read-only; those apps own them), one aggregate per kind for a
whole list of projects, so the overview costs a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from gongzhi.core import clock
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.disclosure.models import BoardItem, BoardItemRevision, ItemKind
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project
from gongzhi.rules import disclosure as rules
from gongzhi.rules.disclosure import BoardStatus, ItemStatus, RequiredItem
from gongzhi.rules.money import format_fen

FIELD_LABELS = {
    "name": pgettext_lazy("disclosure board", "Name"),
    "phone": pgettext_lazy("disclosure board", "Phone"),
    "qualification": pgettext_lazy("disclosure board", "Qualification and experience"),
    "company_phone": pgettext_lazy("disclosure board", "Company complaint phone"),
    "community_phone": pgettext_lazy("disclosure board", "Community phone"),
    "street_phone": pgettext_lazy("disclosure board", "Street phone"),
    "hotline": pgettext_lazy("disclosure board", "Government hotline"),
    "grade": pgettext_lazy("disclosure board", "Service grade"),
    "content": pgettext_lazy("disclosure board", "Service content and standard"),
    "service_area": pgettext_lazy("disclosure board", "Service area"),
    "elevator_contractor": pgettext_lazy("disclosure board", "Elevator maintenance contractor"),
    "elevator_contact": pgettext_lazy("disclosure board", "Elevator contractor phone"),
    "fire_contractor": pgettext_lazy("disclosure board", "Fire-system maintenance contractor"),
    "fire_contact": pgettext_lazy("disclosure board", "Fire-system contractor phone"),
    "spaces_total": pgettext_lazy("disclosure board", "Parking spaces"),
    "spaces_sold": pgettext_lazy("disclosure board", "Sold"),
    "spaces_rented": pgettext_lazy("disclosure board", "Rented"),
    "charges": pgettext_lazy("disclosure board", "Parking charges"),
    "period": pgettext_lazy("disclosure board", "Period"),
    "water_yuan": pgettext_lazy("disclosure board", "Shared water (yuan)"),
    "electricity_yuan": pgettext_lazy("disclosure board", "Shared electricity (yuan)"),
    "method": pgettext_lazy("disclosure board", "How it is shared"),
    "amount_yuan": pgettext_lazy("disclosure board", "Amount (yuan)"),
    "detail": pgettext_lazy("disclosure board", "Details"),
    "services": pgettext_lazy("disclosure board", "Services and prices"),
    "contract_summary": pgettext_lazy("disclosure board", "Service contract"),
    "fee_standard": pgettext_lazy("disclosure board", "Fee standard at sale"),
    "inspected_on": pgettext_lazy("disclosure board", "Inspected on"),
    "result": pgettext_lazy("disclosure board", "Result"),
    "issues": pgettext_lazy("disclosure board", "Problems found"),
    "rectification": pgettext_lazy("disclosure board", "Rectification"),
}
REVENUE_LABELS = {
    "parking": pgettext_lazy("disclosure board", "Parking"),
    "advertising": pgettext_lazy("disclosure board", "Advertising"),
    "venue": pgettext_lazy("disclosure board", "Venue rental"),
    "other_income": pgettext_lazy("disclosure board", "Other income"),
    "committee_office": pgettext_lazy("disclosure board", "Committee office costs"),
    "staff": pgettext_lazy("disclosure board", "Staff"),
    "repair": pgettext_lazy("disclosure board", "Repairs"),
    "subsidy": pgettext_lazy("disclosure board", "Subsidies"),
    "other_expense": pgettext_lazy("disclosure board", "Other expenses"),
}


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


@dataclass(frozen=True)
class Line:
    label: str
    value: str


@dataclass(frozen=True)
class Entry:
    """One item as shown on the board: its lines, the day it was last brought up to date,
    whether the profile requires it and whether it is out of date."""

    kind: str
    label: str
    derived: bool
    lines: tuple[Line, ...]
    status: ItemStatus
    item_id: int | None = None  # entered items: for the history
    version: int | None = None


@dataclass(frozen=True)
class ProjectRow:
    """A project's board status under its profile, with the missing and out-of-date items
    named (the overview's row; :class:`Board` adds the entries themselves)."""

    project: Project
    profile_id: str
    status: BoardStatus

    @property
    def missing_labels(self) -> list[str]:
        return [str(ItemKind(k).label) for k in self.status.missing]

    @property
    def out_of_date_labels(self) -> list[str]:
        return [str(ItemKind(k).label) for k in self.status.out_of_date]


@dataclass(frozen=True)
class Board(ProjectRow):
    entries: tuple[Entry, ...]
    required: tuple[RequiredItem, ...]


def required_items(project: Project) -> tuple[RequiredItem, ...]:
    """The profile's required list for the project's community."""
    profile = effective_profile(project.community)
    return cast(tuple[RequiredItem, ...], profile.value("disclosure_required_items"))


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


# --- dates of every item, for many projects at once ---------------------------------


def item_dates(project_ids: Sequence[int]) -> dict[int, dict[str, dt.date]]:
    """``{project_id: {kind: as_of}}`` for the entered and derived items, one query per
    source: the board items, the published fee standard, the payment publication, the
    common-revenue ledger, the published assessment and the revenue statement."""
    from gongzhi.assessments.models import ProjectAssessment
    from gongzhi.fees.models import FeeStandard, PaymentPublication
    from gongzhi.funds.models import Fund, JournalEntry, RevenueStatement

    dates: dict[int, dict[str, dt.date]] = defaultdict(dict)
    ids = list(project_ids)
    for project_id, kind, as_of in BoardItem.objects.filter(project_id__in=ids).values_list(
        "project_id", "kind", "as_of"
    ):
        dates[project_id][kind] = as_of
    sources: Iterable[tuple[str, QuerySet[Any], str]] = (
        (
            "fee_items",
            FeeStandard.objects.filter(
                project_id__in=ids,
                status=FeeStandard.Status.PUBLISHED,
                effective_from__lte=clock.today(),
            ),
            "published_at",
        ),
        ("payment_status", PaymentPublication.objects.filter(project_id__in=ids), "published_at"),
        (
            "assessment_results",
            ProjectAssessment.objects.filter(project_id__in=ids, published_at__isnull=False),
            "published_at",
        ),
        (
            "committee_annual_report",
            RevenueStatement.objects.filter(project_id__in=ids),
            "published_at",
        ),
        (
            "common_revenue",
            JournalEntry.objects.filter(project_id__in=ids, fund=Fund.COMMON_REVENUE),
            "date",
        ),
    )
    for kind, qs, field in sources:
        for row in qs.values("project_id").annotate(last=Max(field)):
            last = row["last"]
            if last is None:
                continue
            day = _local_date(last) if isinstance(last, dt.datetime) else last
            if day is not None:
                dates[row["project_id"]][kind] = day
    return dates


# --- content of the derived items of one project --------------------------------------


def _fee_lines(project_id: int) -> tuple[Line, ...]:
    from gongzhi.fees.models import FeeStandard

    today = clock.today()
    standard = (
        FeeStandard.objects.filter(
            project_id=project_id, status=FeeStandard.Status.PUBLISHED, effective_from__lte=today
        )
        .order_by("-effective_from", "-id")
        .prefetch_related("items")
        .first()
    )
    if standard is None:
        return ()
    lines = [
        Line(pgettext("disclosure board", "Service grade"), standard.get_service_grade_display()),
        Line(pgettext("disclosure board", "Fee mode"), standard.get_mode_display()),
        Line(pgettext("disclosure board", "Effective from"), f"{standard.effective_from:%Y-%m-%d}"),
    ]
    for item in standard.items.all():
        lines.append(
            Line(
                f"{item.name}（{item.get_part_kind_display()}）",
                f"¥{_price(item.price)} {item.get_basis_display()}",
            )
        )
    return tuple(lines)


def _price(price: Decimal) -> str:
    """Yuan with at least two decimals and no trailing zeros past them (1.60, 0.125)."""
    text = f"{price.normalize():f}"
    whole, _dot, frac = text.partition(".")
    return f"{whole}.{frac.ljust(2, '0')}"


def _payment_lines(project_id: int) -> tuple[Line, ...]:
    from gongzhi.fees.models import PaymentPublication

    pub = PaymentPublication.objects.filter(project_id=project_id).order_by("-published_at").first()
    if pub is None:
        return ()
    paid, unpaid = len(pub.paid_parts), len(pub.unpaid_parts)
    total = paid + unpaid
    share = f"{paid * 100 // total}%" if total else "—"
    return (
        Line(
            pgettext("disclosure board", "Period"),
            f"{pub.period_start:%Y-%m} – {pub.period_end:%Y-%m}",
        ),
        Line(_("Parts paid"), f"{paid} / {total}（{share}）"),
        Line(_("Parts in arrears"), str(unpaid)),
    )


def _revenue_lines(project_id: int) -> tuple[Line, ...]:
    from gongzhi.funds.models import Fund, JournalEntry
    from gongzhi.funds.selectors.revenue import statement_lines

    last = (
        JournalEntry.objects.filter(project_id=project_id, fund=Fund.COMMON_REVENUE)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    year = last.year if last else clock.today().year  # the year of the latest entry
    rows = statement_lines(project_id=project_id, year=year)
    income = sum(r["amount_fen"] for r in rows if r["direction"] == "income")
    expense = sum(r["amount_fen"] for r in rows if r["direction"] == "expense")
    lines = [Line(pgettext("disclosure board", "Year"), str(year))]
    lines += [
        Line(str(REVENUE_LABELS.get(r["category"], r["category"])), format_fen(r["amount_fen"]))
        for r in rows
        if r["amount_fen"]
    ]
    lines += [
        Line(_("Total income"), format_fen(income)),
        Line(_("Total expenses"), format_fen(expense)),
        Line(_("Balance of the year"), format_fen(income - expense)),
    ]
    return tuple(lines)


def _assessment_lines(project_id: int) -> tuple[Line, ...]:
    from gongzhi.assessments.models import ProjectAssessment

    last = (
        ProjectAssessment.objects.filter(project_id=project_id, published_at__isnull=False)
        .order_by("-published_at")
        .first()
    )
    if last is None:
        return ()
    return (
        Line(pgettext("disclosure board", "Quarter"), f"{last.year} Q{last.quarter}"),
        Line(pgettext("disclosure board", "Score"), f"{last.total} / {last.max_score}"),
        Line(pgettext("disclosure board", "Result"), last.get_band_display()),
    )


def _annual_lines(project_id: int) -> tuple[Line, ...]:
    from gongzhi.funds.models import RevenueStatement

    last = RevenueStatement.objects.filter(project_id=project_id).order_by("-year").first()
    if last is None:
        return ()
    return (
        Line(pgettext("disclosure board", "Year"), str(last.year)),
        Line(_("Common-revenue income"), format_fen(last.income_fen)),
        Line(_("Common-revenue expenses"), format_fen(last.expense_fen)),
    )


DERIVED_READERS = {
    "fee_items": _fee_lines,
    "payment_status": _payment_lines,
    "common_revenue": _revenue_lines,
    "assessment_results": _assessment_lines,
    "committee_annual_report": _annual_lines,
}


def _entered_lines(item: BoardItem) -> tuple[Line, ...]:
    data = item.data or {}
    return tuple(
        Line(field_label(name), str(data.get(name, "")))
        for name, _required, _max in rules.FIELDS[item.kind]
        if data.get(name)
    )


def _build(project: Project) -> Board:
    required = required_items(project)
    dates = item_dates([project.pk]).get(project.pk, {})
    status = rules.board_status(required, dates, clock.today())
    items = {i.kind: i for i in BoardItem.objects.filter(project_id=project.pk)}
    entries: list[Entry] = []
    for item_status in status.items:
        kind = item_status.kind
        if kind in DERIVED_READERS:
            lines = DERIVED_READERS[kind](project.pk) if item_status.present else ()
            entries.append(Entry(kind, str(ItemKind(kind).label), True, lines, item_status))
        else:
            item = items.get(kind)
            entries.append(
                Entry(
                    kind,
                    str(ItemKind(kind).label),
                    False,
                    _entered_lines(item) if item else (),
                    item_status,
                    item.pk if item else None,
                    item.version if item else None,
                )
            )
    return Board(project, project_profile_id(project), status, tuple(entries), required)


def project_profile_id(project: Project) -> str:
    return effective_profile(project.community).id


def board_for_project(*, actor: Actor, project_id: int) -> Board:
    """The board of a project the actor may see (an owner: a project where they hold a
    part); absent and forbidden projects both raise NotFoundError."""
    project = get_visible(
        Project.objects.select_related("community", "company"), actor, pk=project_id
    )
    return _build(project)


def board_public(*, project_id: int) -> Board:
    """The public board (no sign-in; the QR code on the physical board points here)."""
    from gongzhi.core.errors import NotFoundError

    project = Project.objects.select_related("community", "company").filter(pk=project_id).first()
    if project is None:
        raise NotFoundError(_("Not found."))
    return _build(project)


def item_history(*, actor: Actor, project_id: int, kind: str) -> QuerySet[BoardItemRevision]:
    """Every version of an entered item, newest first (public like the board itself, but
    reached through a project the actor may see)."""
    project = get_visible(Project.objects.all(), actor, pk=project_id)
    return (
        BoardItemRevision.objects.filter(item__project_id=project.pk, item__kind=kind)
        .select_related("changed_by")
        .order_by("-version")
    )


def board_overview(
    *, actor: Actor, community_id: int | None = None, only_incomplete: bool = False
) -> list[ProjectRow]:
    """Every project the actor may see with its completeness and what it misses — the
    community's and street's supervision view (000 §14 在乡镇（街道）、社区指导监督下)."""
    supervising = actor.with_grant_kinds("all", "node", "company", "project")
    projects = Project.objects.visible_to(supervising).select_related("community", "company")
    if community_id:
        projects = projects.filter(community_id=community_id)
    project_list = list(projects.order_by("node_path", "name"))
    dates = item_dates([p.pk for p in project_list])
    today = clock.today()
    rows = []
    profiles: dict[int, Any] = {}  # one profile look-up per community, not per project
    for project in project_list:
        if project.community_id not in profiles:
            profiles[project.community_id] = effective_profile(project.community)
        profile = profiles[project.community_id]
        required = cast(tuple[RequiredItem, ...], profile.value("disclosure_required_items"))
        status = rules.board_status(required, dates.get(project.pk, {}), today)
        if only_incomplete and status.current == status.required:
            continue
        rows.append(ProjectRow(project, profile.id, status))
    return rows


def editable_projects(*, actor: Actor) -> QuerySet[Project]:
    """Projects whose board the actor may edit: company staff their company's projects."""
    from gongzhi.accounts.models import Role

    company_ids = [g.company_id for g in actor.grants_of("company") if g.role == Role.COMPANY_STAFF]
    if actor.is_platform_admin:
        return Project.objects.all()
    return Project.objects.filter(company_id__in=company_ids)
