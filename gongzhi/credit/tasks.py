"""Background work of the credit domain: the overdue-filing scan, the yearly recompute
and the blacklist evaluation. Each calls the same service as the command."""

from __future__ import annotations

from django_tasks import task

from gongzhi.credit.services.records import scan_overdue_filings
from gongzhi.credit.services.scores import blacklist_evaluate, scores_recompute


@task()
def scan_overdue_filings_task() -> int:
    return scan_overdue_filings()


@task()
def recompute_scores_task(year: int) -> int:
    count = scores_recompute(actor=None, year=year)
    blacklist_evaluate(actor=None)
    return count
