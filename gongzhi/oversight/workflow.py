"""Transition tables of the meeting tasks and the talks (seed 002 §四(三); 003 §四(一)).

Meeting task:  open ──report──► reported ──accept──► done
                 ▲                  │
                 └─────return───────┘        (the convening officials return a report)

Talk:  scheduled ──hold──► held ──report──► rectified ──close──► closed
           │                 └──────────close (no rectification asked)──┘
           └──cancel──► cancelled

The convening node's officials act on meetings and talks; the responsible department or
office reports on its task; the company reports its rectification.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow
from gongzhi.oversight.models import MeetingTask, Talk

T = MeetingTask.Status
K = Talk.Status
CONVENERS = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
TASK_REPORTERS = CONVENERS | {Role.DEPARTMENT_STAFF}


def convenes(actor: Actor, path: str) -> bool:
    """The actor is an official over the node at ``path`` (the convening body)."""
    return actor.is_platform_admin or any(
        g.role in CONVENERS and path.startswith(g.node_path or "~") for g in actor.grants_of("node")
    )


def answers_for(actor: Actor, task: MeetingTask) -> bool:
    """The actor speaks for the task's responsible department or office (or convenes)."""
    if convenes(actor, task.node_path):
        return True
    if task.department_id and any(
        g.department_id == task.department_id for g in actor.grants_of("department")
    ):
        return True
    return bool(task.assignee_path) and any(
        task.assignee_path.startswith(g.node_path or "~") for g in actor.grants_of("node")
    )


def _needs_text(context: dict[str, Any], name: str, message: Any) -> None:
    if not str(context.get(name) or "").strip():
        raise invalid({name: [message]})


def guard_report(task: MeetingTask, actor: Actor, **context: Any) -> None:
    if not answers_for(actor, task):
        raise PermissionDeniedError(_("Only the responsible department or office reports."))
    _needs_text(context, "report", _("Say what was done."))


def guard_convener(obj: MeetingTask | Talk, actor: Actor, **context: Any) -> None:
    if not convenes(actor, obj.node_path):
        raise PermissionDeniedError(_("Only the officials who convened it may do this."))


def guard_return(task: MeetingTask, actor: Actor, **context: Any) -> None:
    guard_convener(task, actor)
    _needs_text(context, "note", _("Say why the report is returned."))


TASK_FLOW = Workflow.of(
    "meeting-task",
    "status",
    Transition.of("report", _("Report done"), {T.OPEN}, T.REPORTED, TASK_REPORTERS, guard_report),
    Transition.of("accept", _("Accept as done"), {T.REPORTED}, T.DONE, CONVENERS, guard_convener),
    Transition.of("return", _("Return"), {T.REPORTED}, T.OPEN, CONVENERS, guard_return),
)


def guard_hold(talk: Talk, actor: Actor, **context: Any) -> None:
    guard_convener(talk, actor)
    errors: dict[str, list[Any]] = {}
    if context.get("outcome") not in (Talk.Outcome.REMINDER, Talk.Outcome.WARNING):
        errors["outcome"] = [_("Choose the outcome of the talk.")]
    if not str(context.get("minutes") or "").strip():
        errors["minutes"] = [_("Record the minutes of the talk.")]
    held_on, due = context.get("held_on"), context.get("rectification_due")
    if held_on is None:
        errors["held_on"] = [_("Enter the day the talk was held.")]
    if due is not None and held_on is not None and due <= held_on:
        errors["rectification_due"] = [_("The rectification deadline must follow the talk.")]
    if errors:
        raise invalid(errors)


def guard_rectified(talk: Talk, actor: Actor, **context: Any) -> None:
    if not (
        convenes(actor, talk.node_path)
        or any(g.company_id == talk.company_id for g in actor.grants_of("company"))
    ):
        raise PermissionDeniedError(_("Only the company's staff report its rectification."))
    if talk.rectification_due is None:
        raise invalid({"report": [_("The talk asked for no rectification.")]})
    _needs_text(context, "report", _("Say what was rectified."))


def guard_close(talk: Talk, actor: Actor, **context: Any) -> None:
    guard_convener(talk, actor)
    if talk.status == K.HELD and talk.rectification_due is not None:
        raise invalid({"note": [_("Wait for the company's rectification report before closing.")]})


def guard_cancel(talk: Talk, actor: Actor, **context: Any) -> None:
    guard_convener(talk, actor)
    _needs_text(context, "note", _("Say why the talk is cancelled."))


TALK_FLOW = Workflow.of(
    "talk",
    "status",
    Transition.of("hold", _("Record the talk"), {K.SCHEDULED}, K.HELD, CONVENERS, guard_hold),
    Transition.of(
        "report",
        _("Report rectification"),
        {K.HELD},
        K.RECTIFIED,
        CONVENERS | {Role.COMPANY_STAFF},
        guard_rectified,
    ),
    Transition.of("close", _("Close"), {K.HELD, K.RECTIFIED}, K.CLOSED, CONVENERS, guard_close),
    Transition.of("cancel", _("Cancel"), {K.SCHEDULED}, K.CANCELLED, CONVENERS, guard_cancel),
)
