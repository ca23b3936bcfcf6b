"""``gongzhi open311 create-key NAME [--jurisdiction CODE] | list | revoke ID``.

Issues, lists and revokes Open311 API keys from the command line (acting as the
system: a key without ``--jurisdiction`` may post into every jurisdiction, naming one
with ``jurisdiction_id``). ``create-key`` prints the new key once; only its digest is
stored.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongzhi.core.errors import DomainError
from gongzhi.open311 import selectors, services
from gongzhi.open311.models import Open311Client


class Command(BaseCommand):
    help = "Issue (create-key), list and revoke Open311 GeoReport v2 API keys."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create-key", help="issue a key and print it once")
        create.add_argument("name", help="the client system, e.g. '12345 hotline'")
        create.add_argument(
            "--jurisdiction", default="", help="division code of the node it may post into"
        )
        actions.add_parser("list", help="list the keys (never the keys themselves)")
        revoke = actions.add_parser("revoke", help="revoke a key by its id")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "create-key":
                self._create(options["name"], options["jurisdiction"])
            elif action == "list":
                self._list()
            else:
                client = services.client_revoke(actor=None, pk=options["id"])
                self.stdout.write(f"revoked {client.pk} {client.name}")
        except DomainError as error:
            raise CommandError(str(error.message)) from None

    def _create(self, name: str, code: str) -> None:
        node = None
        if code:
            node = selectors.jurisdiction_by_code(code)
            if node is None:
                raise CommandError(f"no jurisdiction has the division code {code!r}")
        client, raw = services.client_create(actor=None, name=name, node=node)
        where = f"{node.name} ({code})" if node is not None else "all jurisdictions"
        self.stderr.write(f"key {client.pk} for {client.name}, posting into {where}")
        self.stdout.write(raw)

    def _list(self) -> None:
        rows = Open311Client.objects.select_related("node").order_by("pk")
        for c in rows:
            state = f"revoked {c.revoked_at:%Y-%m-%d}" if c.revoked_at else "active"
            where = c.node.division_code or c.node.name if c.node is not None else "*"
            self.stdout.write(f"{c.pk}\t{c.prefix}…\t{state}\t{where}\t{c.name}")
