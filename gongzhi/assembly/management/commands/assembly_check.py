"""``gongzhi assembly_check``: run the assembly's daily check now (the same services as
the scheduled task)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from gongzhi.assembly.services import committees_check, formation_scan


class Command(BaseCommand):
    help = "Find projects due to form their owners' assembly and check committees in office."

    def handle(self, *args: Any, **options: Any) -> None:
        found = formation_scan()
        checked = committees_check()
        self.stdout.write(
            f"formation due: {len(found)}; re-election reminders: {checked['reminders']}; "
            f"residents' committee acting: {checked['acting']}"
        )
