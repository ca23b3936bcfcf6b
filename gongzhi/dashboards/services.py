"""Writes of the dashboards: asking for a node's monthly report and building it.

``report_request`` records (or re-queues) the report and enqueues the build after commit
(ADR 0004); ``building.report_build`` is what the task and ``gongzhi reports build`` run:
it reads
as an official of the node (``reports.node_actor``), reports its progress on the row and
stores the PDF and the Excel file. Both go through the report workflow (audited)."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.dashboards.models import MonthlyReport
from gongzhi.dashboards.workflow import REPORT
from gongzhi.jurisdictions.models import Jurisdiction

log = logging.getLogger(__name__)
S = MonthlyReport.Status


def _check_month(month: dt.date) -> dt.date:
    first = month.replace(day=1)
    if first > clock.today().replace(day=1) or first.year < 2000:
        raise invalid({"month": [_("Choose this month or a past one.")]})
    return first


@transaction.atomic
def report_request(*, actor: Actor, node_id: int, month: dt.date) -> MonthlyReport:
    """Ask for the node's report of ``month`` (this month or a past one): a new report, or
    an existing one built again. The build runs in the background after commit."""
    node = get_visible(Jurisdiction.objects.all(), actor, pk=node_id)
    first = _check_month(month)
    report = MonthlyReport.objects.select_for_update().filter(node=node, month=first).first()
    if report is None:
        report = MonthlyReport.objects.create(
            node=node, month=first, node_path=node.path, requested_by=user_of(actor)
        )
        audit.record_create(actor, report)
    elif report.status in (S.DONE, S.FAILED):
        report = transition(
            actor=actor, workflow=REPORT, queryset=MonthlyReport.objects, pk=report.pk,
            action="rebuild", changes={"progress": 0, "error": "", "requested_by": user_of(actor)},
        )  # fmt: skip
    else:
        return report  # already queued or being built
    pk = report.pk
    transaction.on_commit(lambda: _enqueue(pk))
    return report


def _enqueue(pk: int) -> None:
    from gongzhi.dashboards.tasks import build_report

    build_report.enqueue(pk)
