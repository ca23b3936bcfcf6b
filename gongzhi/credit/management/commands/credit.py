"""``gongzhi credit scan|recompute|blacklist``: the credit domain's periodic work."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.core.clock import today
from gongzhi.credit.services.records import scan_overdue_filings
from gongzhi.credit.services.scores import blacklist_evaluate, scores_recompute


class Command(BaseCommand):
    help = (
        "scan: credit records for overdue contract filings; recompute [--year]: yearly "
        "scores; blacklist: apply the blacklist rule."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=("scan", "recompute", "blacklist"))
        parser.add_argument("--year", type=int, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "scan":
            count = scan_overdue_filings()
            self.stdout.write(f"{count} record(s) for overdue contract filings")
        elif action == "recompute":
            year = options["year"] or today().year
            self.stdout.write(f"{scores_recompute(actor=None, year=year)} score(s) for {year}")
        else:
            outcome = blacklist_evaluate(actor=None, year=options["year"])
            self.stdout.write(f"{len(outcome.listed)} listed, {len(outcome.lifted)} lifted")
