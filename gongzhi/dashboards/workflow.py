"""The monthly report's life: queued → running → done, or failed; a finished or failed
report may be asked for again (rebuilt). Applied only by ``core.workflow.transition``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.workflow import Transition, Workflow
from gongzhi.dashboards.models import MonthlyReport

S = MonthlyReport.Status
NODE_ROLES = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})

REPORT = Workflow.of(
    "monthly_report",
    "status",
    Transition.of("rebuild", _("Build again"), {S.DONE, S.FAILED}, S.QUEUED, NODE_ROLES),
    Transition.of("start", _("Start"), {S.QUEUED}, S.RUNNING, NODE_ROLES),
    Transition.of("finish", _("Finish"), {S.RUNNING}, S.DONE, NODE_ROLES),
    Transition.of("fail", _("Fail"), {S.QUEUED, S.RUNNING}, S.FAILED, NODE_ROLES),
)
