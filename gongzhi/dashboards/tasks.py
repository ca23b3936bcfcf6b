"""Background work of the dashboards: building a monthly report (enqueued after commit by
``services.report_request``; the command ``gongzhi reports build`` runs the same service),
and refreshing the open-complaints snapshot the dashboards read (scheduled)."""

from __future__ import annotations

from django_tasks import task

from gongzhi.complaints import stats
from gongzhi.dashboards.building import report_build


@task()
def build_report(report_id: int) -> str:
    return report_build(report_id=report_id).status


@task()
def refresh_open_complaints() -> int:
    return stats.refresh_open()
