"""``gongzhi funds reconcile``: prove the whole ledger — every cached balance equals the
sum of its postings and every entry balances. Exit status 1 when it does not."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongzhi.funds.ledger import reconcile
from gongzhi.rules.money import format_fen


class Command(BaseCommand):
    help = "Funds ledger tools: `reconcile` checks every balance and entry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["reconcile"])

    def handle(self, *args: Any, **options: Any) -> None:
        report = reconcile()
        self.stdout.write(
            f"accounts={report.accounts} entries={report.entries} postings={report.postings}"
        )
        for m in report.mismatches:
            self.stdout.write(
                f"MISMATCH account {m.account_id} {m.account}: cached {format_fen(m.cached_fen)}"
                f" != postings {format_fen(m.computed_fen)}"
            )
        for u in report.unbalanced:
            self.stdout.write(
                f"UNBALANCED entry {u.entry_id} {u.memo}: debits {format_fen(u.debits_fen)}"
                f" != credits {format_fen(u.credits_fen)}"
            )
        if not report.ok:
            raise CommandError("the ledger does not reconcile")
        self.stdout.write(self.style.SUCCESS("ledger reconciles"))
