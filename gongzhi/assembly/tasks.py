"""Background work of the assembly (run daily by the worker's scheduler, or by
``gongzhi assembly_check``): the formation scan and the committees' check. Both call the
services the pages use, and both are idempotent."""

from __future__ import annotations

from django_tasks import task

from gongzhi.assembly.services import committees_check, formation_scan


@task()
def daily_check() -> dict[str, int]:
    """Projects due to form their assembly; re-election reminders; committees left with
    too few members."""
    found = formation_scan()
    return {"formation_due": len(found), **committees_check()}
