"""What a monthly report holds: the month's changes of a place next to the month before
(complaints received, resolved and first overdue; projects registered; owners' committees
formed; companies blacklisted; top-up notices; contracts filed; assessments published),
and the files: a PDF (WeasyPrint, CJK fonts, as credit's letters) and an Excel workbook
(the dashboard's sheets plus the month's changes). Reads only; the writes are in
``services``."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_noop, override

from gongzhi.accounts.models import Role
from gongzhi.assessments.models import ProjectAssessment
from gongzhi.complaints.models import ComplaintPeriodStat
from gongzhi.contracts.models import ServiceContract
from gongzhi.core.scoping import Actor, Grant
from gongzhi.credit.models import Blacklisting
from gongzhi.dashboards import selectors
from gongzhi.dashboards.selectors import Dashboard, Place
from gongzhi.funds.models import TopUpNotice
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Project


def node_actor(node: Jurisdiction, user: Any) -> Actor:
    """An actor that reads exactly the node's subtree, on behalf of ``user`` (who asked for
    the report, so the audit rows name a person, as funds' event handlers do): the report of
    a node holds what the node's own officials see, whoever asked for it."""
    grant = Grant(kind="node", role=Role.BUREAU, node_path=node.path, node_id=node.pk)
    return Actor(user=user, grants=(grant,), roles=frozenset({Role.BUREAU}))


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    first = month.replace(day=1)
    after = (first + dt.timedelta(days=32)).replace(day=1)
    return first, after


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    this_month: int
    last_month: int

    @property
    def delta(self) -> int:
        return self.this_month - self.last_month


def _aware(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _counts(actor: Actor, place: Place, month: dt.date) -> dict[str, int]:
    first, after = month_bounds(month)
    since, until = _aware(first), _aware(after)
    G = ComplaintPeriodStat.Grain
    stats = ComplaintPeriodStat.objects.visible_to(actor).filter(
        node_path__startswith=place.path, start=first
    )
    if place.project is not None:
        stats = stats.filter(grain=G.MONTH, project_ref=place.project.pk)
    else:
        stats = stats.filter(grain=G.AREA_MONTH)
    sums = stats.aggregate(r=Sum("received"), d=Sum("resolved"), o=Sum("overdue"))
    projects = selectors.projects(actor=actor, place=place)
    return {
        "complaints.received": sums["r"] or 0,
        "complaints.resolved": sums["d"] or 0,
        "complaints.overdue": sums["o"] or 0,
        "projects.registered": projects.filter(created_at__gte=since, created_at__lt=until).count(),
        "committees.formed": projects.filter(
            formation=Project.Formation.COMMITTEE,
            formation_changed_on__gte=first,
            formation_changed_on__lt=after,
        ).count(),
        "credit.blacklisted": Blacklisting.objects.visible_to(actor)
        .filter(selectors.companies_q(place), since__gte=first, since__lt=after)
        .count(),
        "funds.topups": selectors.under(TopUpNotice.objects.visible_to(actor), place)
        .filter(issued_at__gte=since, issued_at__lt=until)
        .count(),
        "contracts.filed": selectors.under(ServiceContract.objects.visible_to(actor), place)
        .filter(filed_at__gte=since, filed_at__lt=until)
        .count(),
        "assessments.published": selectors.under(ProjectAssessment.objects.visible_to(actor), place)
        .filter(published_at__gte=since, published_at__lt=until)
        .count(),
    }


CHANGE_LABELS = {
    "complaints.received": gettext_noop("Complaints received"),
    "complaints.resolved": gettext_noop("Complaints resolved"),
    "complaints.overdue": gettext_noop("Complaints that became overdue"),
    "projects.registered": gettext_noop("Projects registered"),
    "committees.formed": gettext_noop("Owners' committees formed"),
    "credit.blacklisted": gettext_noop("Companies blacklisted"),
    "funds.topups": gettext_noop("Top-up notices issued"),
    "contracts.filed": gettext_noop("Contracts filed"),
    "assessments.published": gettext_noop("Assessments published"),
}


def month_changes(*, actor: Actor, place: Place, month: dt.date) -> list[Change]:
    """The month's changes of the place next to the month before."""
    now = _counts(actor, place, month)
    before = _counts(actor, place, previous_month(month))
    return [Change(k, _t(CHANGE_LABELS[k]), now[k], before[k]) for k in CHANGE_LABELS]


def report_context(
    board: Dashboard, charts: dict[str, Any], changes: list[Change], month: dt.date
) -> dict[str, Any]:
    from gongzhi.dashboards.boards import SECTION_TITLES

    return {
        "board": board,
        "month": month,
        "sections": [
            (SECTION_TITLES.get(key, key), figures) for key, figures in board.sections.items()
        ],
        "charts": charts,
        "changes": changes,
        "built_at": timezone.localtime(),
    }


def render_pdf(context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    with override("zh-hans"):
        html = render_to_string("dashboards/report_pdf.html", context)
    return cast(bytes, HTML(string=html).write_pdf())


def render_xlsx(board: Dashboard, charts: dict[str, Any], changes: list[Change]) -> bytes:
    from openpyxl import load_workbook
    from openpyxl.styles import Font

    from gongzhi.dashboards.boards import board_workbook

    with override("zh-hans"):
        wb = load_workbook(io.BytesIO(board_workbook(board, charts)))
        ws = wb.create_sheet(title=_t("Month's changes")[:31], index=0)
        ws.append([_t("Change"), _t("This month"), _t("Last month"), _t("Difference")])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for c in changes:
            ws.append([c.label, c.this_month, c.last_month, c.delta])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def as_decimal(value: Any) -> Decimal:
    return Decimal(str(value))
