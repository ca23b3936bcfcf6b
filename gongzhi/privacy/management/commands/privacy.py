"""``manage.py privacy retention``: apply the retention periods of personal data now."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from gongzhi.privacy.services import retention_apply


class Command(BaseCommand):
    help = "Personal data: apply the retention periods (settings.GONGZHI_RETENTION_DAYS)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["retention"])

    def handle(self, *args: Any, **options: Any) -> None:
        counts = retention_apply()
        self.stdout.write(json.dumps(counts, sort_keys=True))
