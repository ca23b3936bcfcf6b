"""``gongzhi events pending|redeliver``: domain events whose delivery failed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.events.bus import deliver, undelivered


class Command(BaseCommand):
    help = "List or retry domain-event deliveries that have not succeeded."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["pending", "redeliver"])

    def handle(self, *args: Any, **options: Any) -> None:
        pending = undelivered()
        if options["action"] == "pending":
            for event, name in pending:
                self.stdout.write(
                    f"{event.pk}\t{event.kind}\t{event.subject_type}:{event.subject_id}\t{name}"
                )
            self.stdout.write(f"{len(pending)} pending")
            return
        events = {event.pk: event for event, _ in pending}
        failed = sum(len(deliver(event)) for event in events.values())
        self.stdout.write(f"{len(pending) - failed} delivered, {failed} failed")
