"""The monthly report's life: queued → running → done, or failed; a finished or failed
report may be asked for again (rebuilt). Applied only by ``core.workflow.transition``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.workflow import Workflow, steps
from gongzhi.dashboards.models import MonthlyReport

S = MonthlyReport.Status
NODE_ROLES = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})

REPORT = Workflow.of(
    "monthly_report",
    "status",
    *steps(
        NODE_ROLES,
        None,
        ("rebuild", _("Build again"), {S.DONE, S.FAILED}, S.QUEUED),
        ("start", _("Start"), {S.QUEUED}, S.RUNNING),
        ("finish", _("Finish"), {S.RUNNING}, S.DONE),
        ("fail", _("Fail"), {S.QUEUED, S.RUNNING}, S.FAILED),
    ),
)
