"""``gongzhi scaleout-check``: two app servers, one RQ worker, one PostgreSQL, one Redis,
a bounded concurrent load, and the checks that nothing was lost or done twice (see
gongzhi.ops.scaleout). Needs an EMPTY database and TASK_BACKEND=rq (CI: .ci/run)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gongzhi.ops import scaleout


class Command(BaseCommand):
    help = "Start two app servers and a task worker, load them, and check every row."

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql" or settings.TASK_BACKEND != "rq":
            raise CommandError("run it on PostgreSQL with TASK_BACKEND=rq (see .ci/run)")
        if settings.SMS_BACKEND != "gongzhi.core.sms.FileSmsBackend":
            raise CommandError("set SMS_BACKEND=gongzhi.core.sms.FileSmsBackend")
        if scaleout.run():
            raise CommandError("the scale-out check failed (see above)")
