"""Background work of personal data: the retention periods (run nightly by the worker's
scheduler, or by ``gongzhi-manage privacy retention``). Both call the same service."""

from __future__ import annotations

from django_tasks import task

from gongzhi.privacy.services import retention_apply


@task()
def apply_retention() -> dict[str, int]:
    """Blank the personal data past its retention period (idempotent: see the service)."""
    return retention_apply()
