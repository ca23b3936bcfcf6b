"""Building a monthly report: what the background task (``tasks.build_report``) and
``gongzhi reports build`` run, apart from ``services`` (which enqueues the task) so that
the task does not import the module that enqueues it. States go through the report
workflow (audited)."""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction

from gongzhi.core import clock
from gongzhi.core.workflow import transition
from gongzhi.dashboards import reports, selectors
from gongzhi.dashboards.models import MonthlyReport
from gongzhi.dashboards.workflow import REPORT

log = logging.getLogger(__name__)


def _progress(pk: int, percent: int) -> None:
    MonthlyReport.objects.filter(pk=pk).update(progress=percent)


def report_build(*, report_id: int, user: Any = None) -> MonthlyReport:
    """Build a queued report: the node's dashboard, the month's changes, the PDF and the
    Excel file, with the progress on the row; a failure leaves the report ``failed`` with
    its error (and may be built again). Read as the node's officials would, on behalf of
    whoever asked (``user``, else the report's requester)."""
    report = MonthlyReport.objects.select_related("node", "requested_by").get(pk=report_id)
    actor = reports.node_actor(report.node, user or report.requested_by)
    report = transition(
        actor=actor, workflow=REPORT, queryset=MonthlyReport.objects, pk=report.pk, action="start"
    )
    try:
        from gongzhi.dashboards.boards import board_for, chart_data

        place = selectors.Place(node=report.node)
        board = board_for(actor, place, report.month.year)
        charts = chart_data(board, report.month.year)
        _progress(report.pk, 30)
        changes = reports.month_changes(actor=actor, place=place, month=report.month)
        _progress(report.pk, 50)
        context = reports.report_context(board, charts, changes, report.month)
        pdf = reports.render_pdf(context)
        _progress(report.pk, 80)
        xlsx = reports.render_xlsx(board, charts, changes)
        name = f"{report.node.pk}-{report.month:%Y-%m}"
        with transaction.atomic():
            report.pdf.save(f"{name}.pdf", ContentFile(pdf), save=False)
            report.xlsx.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
            MonthlyReport.objects.filter(pk=report.pk).update(
                pdf=report.pdf.name, xlsx=report.xlsx.name
            )
            return transition(
                actor=actor, workflow=REPORT, queryset=MonthlyReport.objects, pk=report.pk,
                action="finish", changes={"progress": 100, "finished_at": clock.now()},
            )  # fmt: skip
    except Exception as error:
        log.exception("monthly report %s failed", report.pk)
        return transition(
            actor=actor, workflow=REPORT, queryset=MonthlyReport.objects, pk=report.pk,
            action="fail", changes={"error": str(error)[:2000], "finished_at": clock.now()},
        )  # fmt: skip
