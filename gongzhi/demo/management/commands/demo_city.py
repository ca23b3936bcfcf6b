"""``python manage.py demo_city`` (also ``gongzhi demo-city``): build the demo city.

The generation lives in :mod:`gongzhi.demo.generator`; this command parses options and
prints the summary and the demo logins.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongzhi.demo.generator import (
    DEFAULT_HOUSEHOLDS,
    DEFAULT_PASSWORD,
    DemoCityError,
    build_demo_city,
)


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)).rstrip()
        for row in rows
    )


class Command(BaseCommand):
    help = (
        "Build a deterministic demo city: jurisdiction tree, departments, property "
        "companies with staff and street reports, projects with buildings, owners and "
        "tenants, committees, service contracts, and one login per role."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--households",
            type=int,
            default=DEFAULT_HOUSEHOLDS,
            help="number of dwellings in the city (default %(default)s)",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed; the same seed builds the same city"
        )
        parser.add_argument(
            "--profile",
            default="national",
            help="policy profile of the root node (default %(default)s)",
        )
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help="password of every demo login (default %(default)s)",
        )
        parser.add_argument(
            "--reset", action="store_true", help="delete the previous demo city first"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = build_demo_city(
                households=options["households"],
                seed=options["seed"],
                profile_id=options["profile"],
                password=options["password"],
                reset=options["reset"],
                progress=not options["no_progress"] and sys.stderr.isatty(),
            )
        except DemoCityError as error:
            raise CommandError(str(error)) from None
        if result.deleted:
            self.stdout.write(
                f"Deleted the previous demo city ({sum(result.deleted.values())} rows)."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo city built: profile={result.profile_id} seed={result.seed} "
                f"in {result.seconds:.1f} s"
            )
        )
        self.stdout.write(
            table([("MODEL", "ROWS")] + [(label, str(n)) for label, n in result.counts.items()])
        )
        self.stdout.write("")
        self.stdout.write(
            table(
                [("ROLE", "USERNAME", "PASSWORD", "SCOPE")]
                + [
                    (
                        login.role,
                        login.username,
                        login.password,
                        login.scope + (f" (mobile {login.mobile})" if login.mobile else ""),
                    )
                    for login in result.logins
                ]
            )
        )
