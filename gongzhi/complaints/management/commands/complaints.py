"""``gongzhi complaints escalate [--date YYYY-MM-DD]``: escalate late complaints now."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.complaints.services import complaints_escalate


class Command(BaseCommand):
    help = "escalate: move every open complaint past its deadline up one tier and notify."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("escalate",))
        parser.add_argument(
            "--date", type=dt.date.fromisoformat, default=None, help="count lateness as of"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count = complaints_escalate(today=options["date"])
        self.stdout.write(f"{count} complaint(s) escalated")
