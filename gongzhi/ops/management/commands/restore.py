"""``gongzhi restore PATH [--database-url URL]``: restore a backup into an empty database
and prove it against its manifest (see gongzhi.ops.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongzhi.ops.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup into an empty database and check every table and the ledger."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="a gongzhi-backup-… directory")
        parser.add_argument(
            "--database-url", default=None, help="the empty target (default: the configured one)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            done = restore(options["path"], database_url=options["database_url"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"restored {done.tables} tables, {done.rows} rows; every count and the ledger match"
        )
