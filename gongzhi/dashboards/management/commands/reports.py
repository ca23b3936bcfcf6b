"""``gongzhi reports build --month 2026-11 --node CODE``: build a node's monthly report now
(the same service as the background task), and ``gongzhi reports refresh``: refresh the
open-complaints snapshot the dashboards read (cron, every 10 minutes).

CODE is the node's id, ``n<id>`` as in the dashboard's address, or its division code."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongzhi.complaints import stats
from gongzhi.core.workflow import transition
from gongzhi.dashboards.building import report_build
from gongzhi.dashboards.models import MonthlyReport
from gongzhi.dashboards.reports import node_actor
from gongzhi.dashboards.workflow import REPORT
from gongzhi.jurisdictions.models import Jurisdiction


def _node(code: str) -> Jurisdiction:
    raw = code[1:] if code[:1] == "n" else code
    node = Jurisdiction.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
    if node is None or (code[:1] != "n" and len(raw) >= 6):
        node = Jurisdiction.objects.filter(division_code=code).first() or node
    if node is None:
        raise CommandError(f"No jurisdiction {code!r}.")
    return node


def _month(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 - a calendar month
    except ValueError:
        raise CommandError("--month must look like 2026-11.") from None


class Command(BaseCommand):
    help = "Monthly reports of the dashboards, and the open-complaints snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        build = sub.add_parser("build", help="build a node's monthly report now")
        build.add_argument("--month", required=True, help="YYYY-MM")
        build.add_argument("--node", required=True, help="id, n<id> or division code")
        build.add_argument(
            "--as",
            dest="username",
            default="",
            help="on whose behalf (named in the audit log); default: the first active superuser",
        )
        sub.add_parser("refresh", help="refresh the open-complaints snapshot")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "refresh":
            rows = stats.refresh_open()
            self.stdout.write(f"open-complaints snapshot: {rows} rows")
            return
        node = _node(options["node"])
        month = _month(options["month"])
        from gongzhi.accounts.models import User
        from gongzhi.core import clock

        users = User.objects.filter(is_active=True)
        user = (
            users.filter(username=options["username"]).first()
            if options["username"]
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if user is None:
            raise CommandError("No such active user (--as), and no superuser to act for.")

        if month > clock.today().replace(day=1):
            raise CommandError("--month must be this month or a past one.")
        report, created = MonthlyReport.objects.get_or_create(
            node=node, month=month, defaults={"node_path": node.path}
        )
        actor = node_actor(node, user)
        if created:
            from gongzhi.audit import services as audit

            audit.record_create(actor, report)
        if not created and report.status != MonthlyReport.Status.QUEUED:
            report = transition(
                actor=actor, workflow=REPORT, queryset=MonthlyReport.objects,
                pk=report.pk, action="rebuild" if report.status != "running" else "fail",
                changes={"progress": 0, "error": ""},
            )  # fmt: skip
            if report.status == MonthlyReport.Status.FAILED:  # a build that died half-way
                report = transition(
                    actor=actor, workflow=REPORT, queryset=MonthlyReport.objects,
                    pk=report.pk, action="rebuild",
                )  # fmt: skip
        report = report_build(report_id=report.pk, user=user)
        if report.status != MonthlyReport.Status.DONE:
            raise CommandError(f"The report failed: {report.error}")
        self.stdout.write(f"{node.name} {month:%Y-%m}: {report.pdf.path}\n{report.xlsx.path}")
