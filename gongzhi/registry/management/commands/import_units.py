"""``manage.py import_units PROJECT_ID FILE.xlsx [--dry-run]``: the register import as
the system (actor None), printing the report. Same service as the page and the API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongzhi.core.errors import DomainError
from gongzhi.registry.importing import services


class Command(BaseCommand):
    help = "Import buildings, units, exclusive parts and owners of one project from .xlsx."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("project_id", type=int)
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = services.units_import(
                actor=None,
                project_id=options["project_id"],
                data=path.read_bytes(),
                filename=path.name,
                dry_run=options["dry_run"],
            )
        except services.ImportRejected as exc:
            self._print(exc.report, options["json"])
            raise CommandError(str(exc.message)) from None
        except DomainError as exc:
            raise CommandError(str(exc.message)) from None
        self._print(report, options["json"])
        if not report.ok:
            raise CommandError(f"{report.bad_rows} bad rows; nothing was imported.")

    def _print(self, report: services.ImportReport, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        mode = "dry run" if report.dry_run else ("imported" if report.applied else "rejected")
        self.stdout.write(f"{mode}: {report.rows} rows, sha256 {report.sha256}")
        for e in report.errors:
            self.stdout.write(f"  row {e.row} {e.field}: {e.message}")
        for name, c in report.counts.items():
            self.stdout.write(
                f"  {name}: created {c.created}, updated {c.updated}, "
                f"unchanged {c.unchanged}, removed {c.deleted}"
            )
        if report.total_area_set is not None:
            self.stdout.write(f"  total building area set to {report.total_area_set} m²")
