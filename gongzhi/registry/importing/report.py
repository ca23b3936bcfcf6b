"""The report of an import (dry or real): row errors and per-model counts."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError
from gongzhi.registry.importing.parsing import RowError

MODELS = ("buildings", "units", "parts", "owners", "ownerships")


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


@dataclass
class ImportReport:
    """What an import found and did (or, in a dry run, would do)."""

    dry_run: bool
    filename: str
    sha256: str
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    counts: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in MODELS})
    applied: bool = False
    total_area_set: Decimal | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def bad_rows(self) -> int:
        return len({e.row for e in self.errors})

    def as_dict(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run,
            "applied": self.applied,
            "ok": self.ok,
            "filename": self.filename,
            "sha256": self.sha256,
            "rows": self.rows,
            "bad_rows": self.bad_rows,
            "errors": [e.as_dict() for e in self.errors],
            "counts": {m: vars(c).copy() for m, c in self.counts.items()},
            "total_area_set": str(self.total_area_set) if self.total_area_set else None,
        }


class ImportRejected(DomainError):
    """A real run refused because of bad rows: nothing was written."""

    def __init__(self, report: ImportReport) -> None:
        fields: dict[str, list[str | Promise]] = defaultdict(list)
        for e in report.errors:
            fields[f"row{e.row}.{e.field}"].append(e.message)
        super().__init__(
            _("%(n)s rows have errors; nothing was imported.") % {"n": report.bad_rows},
            fields=dict(fields),
        )
        self.report = report
