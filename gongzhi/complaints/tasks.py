"""Background work of complaints: escalating late matters (run daily by the worker's
scheduler, or by ``gongzhi complaints escalate``). Both call the same service."""

from __future__ import annotations

from django_tasks import task

from gongzhi.complaints.services import complaints_escalate


@task()
def escalate_overdue() -> int:
    """Escalate every open complaint past its deadline (idempotent: see the service)."""
    return complaints_escalate()
