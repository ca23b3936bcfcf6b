"""``gongzhi backup --output DIR [--keep N]``: one backup of the database and the uploads
(see gongzhi.ops.backup); with ``--keep`` older backups beyond the newest N are deleted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongzhi.ops.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files, with a manifest to verify a restore."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output", type=Path, default=Path(settings.BACKUP_DIR), help="backup directory"
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=settings.BACKUP_KEEP,
            help="keep this many newest backups in --output, delete older ones",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            folder = backup(options["output"], keep=options["keep"])
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(str(folder))
