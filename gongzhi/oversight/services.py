"""Writes of joint meetings, their follow-up tasks and talks with companies.

Every write is atomic and audited in the same transaction; bad input raises a translated
DomainError naming each bad field and writes nothing. A warning talk emits
``oversight.warning_issued`` (credit records it: seed 002 §四(三) 约谈警告、信用扣分).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import FieldErrors, PermissionDeniedError, invalid, require
from gongzhi.core.scoping import Actor, user_of
from gongzhi.core.workflow import transition
from gongzhi.events.bus import emit
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.oversight import selectors
from gongzhi.oversight.events import WARNING_ISSUED
from gongzhi.oversight.models import JointMeeting, MeetingTask, Talk
from gongzhi.oversight.workflow import TALK_FLOW, TASK_FLOW, convenes
from gongzhi.registry.models import Project, PropertyCompany


def _text(data: Mapping[str, Any], name: str, errors: FieldErrors, *, limit: int = 0) -> str:
    value = str(data.get(name) or "").strip()
    if not value:
        errors[name] = [_("This field is required.")]
    elif limit and len(value) > limit:
        errors[name] = [_("At most %(n)s characters.") % {"n": limit}]
    return value


def _lines(raw: Iterable[str] | str) -> list[str]:
    items = raw.splitlines() if isinstance(raw, str) else list(raw)
    return [str(item).strip()[:200] for item in items if str(item).strip()]


def _convening_node(actor: Actor, node_id: Any, errors: FieldErrors) -> Jurisdiction | None:
    node = Jurisdiction.objects.filter(pk=node_id).first() if str(node_id).isdigit() else None
    if node is None or not convenes(actor, node.path):
        errors["node"] = [_("Choose a body within your jurisdiction.")]
        return None
    return node


@transaction.atomic
def meeting_record(
    *,
    actor: Actor,
    node_id: int,
    kind: str,
    held_on: dt.date | None,
    place: str,
    topic: str,
    attendees: Iterable[str] | str,
    minutes: str,
    tasks: Iterable[Mapping[str, Any]] = (),
) -> JointMeeting:
    """Record a meeting that was held, with the matters it decided as follow-up tasks
    (seed 003 §四(一); seed 002 §二(一)1(1): 研究解决本辖区内物业管理中出现的重要问题)."""
    errors: FieldErrors = {}
    node = _convening_node(actor, node_id, errors)
    if kind not in JointMeeting.Kind.values:
        errors["kind"] = [_("Select a valid choice.")]
    if held_on is None:
        errors["held_on"] = [_("Enter the day the meeting was held.")]
    elif held_on > clock.today():
        errors["held_on"] = [_("Record a meeting once it has been held.")]
    values = {
        "place": _text({"place": place}, "place", errors, limit=200),
        "topic": _text({"topic": topic}, "topic", errors, limit=200),
        "minutes": _text({"minutes": minutes}, "minutes", errors),
    }
    people = _lines(attendees)
    if len(people) < 2:
        errors["attendees"] = [_("List the attending bodies, one per line (at least two).")]
    planned = [
        _task_values(node, raw, f"tasks[{index}]", errors, held_on)
        for index, raw in enumerate(tasks)
    ]
    require(errors)
    assert node is not None and held_on is not None
    meeting = JointMeeting.objects.create(
        node=node,
        kind=kind,
        held_on=held_on,
        attendees=people,
        node_path=node.path,
        created_by=user_of(actor),
        **values,
    )
    audit.record_create(actor=actor, obj=meeting)
    for values_of_task in planned:
        task = MeetingTask.objects.create(meeting=meeting, node_path=node.path, **values_of_task)
        audit.record_create(actor=actor, obj=task)
    return meeting


def _task_values(
    node: Jurisdiction | None,
    raw: Mapping[str, Any],
    where: str,
    errors: FieldErrors,
    held_on: dt.date | None,
) -> dict[str, Any]:
    description = str(raw.get("description") or "").strip()
    due_on = raw.get("due_on")
    department = assignee = None
    if raw.get("department_id"):
        department = Department.objects.filter(pk=raw["department_id"]).first()
    if raw.get("assignee_node_id"):
        assignee = Jurisdiction.objects.filter(pk=raw["assignee_node_id"]).first()
    problems = []
    if not description:
        problems.append(_("Describe the decided matter."))
    if not isinstance(due_on, dt.date):
        problems.append(_("Give the deadline."))
    elif held_on is not None and due_on <= held_on:
        problems.append(_("The deadline must follow the meeting."))
    if department is None and assignee is None:
        problems.append(_("Name the responsible department or office."))
    if node is not None:
        in_area = (department is None or department.node_path.startswith(_root(node))) and (
            assignee is None or assignee.path.startswith(_root(node))
        )
        if not in_area:
            problems.append(_("The responsible body must be within the convening area."))
    if problems:
        errors[where] = problems
        return {}
    return {
        "description": description,
        "due_on": due_on,
        "department": department,
        "assignee_node": assignee,
        "assignee_path": assignee.path if assignee else "",
    }


def _root(node: Jurisdiction) -> str:
    """Departments sit at the district; a street's meeting may still assign them."""
    top = Jurisdiction.objects.filter(pk__in=node.ancestor_ids()).order_by("depth").first()
    return (top or node).path


@transaction.atomic
def task_add(
    *,
    actor: Actor,
    meeting_id: int,
    description: str,
    due_on: dt.date | None,
    department_id: int | None = None,
    assignee_node_id: int | None = None,
) -> MeetingTask:
    """Add a follow-up task to a recorded meeting (the convening officials only)."""
    meeting = selectors.meeting_get(actor=actor, pk=meeting_id)
    if not convenes(actor, meeting.node_path):
        raise PermissionDeniedError(_("Only the officials who convened it may do this."))
    errors: FieldErrors = {}
    values = _task_values(
        meeting.node,
        {
            "description": description,
            "due_on": due_on,
            "department_id": department_id,
            "assignee_node_id": assignee_node_id,
        },
        "task",
        errors,
        meeting.held_on,
    )
    if errors:
        raise invalid({k if k != "task" else "__all__": v for k, v in errors.items()})
    task = MeetingTask.objects.create(meeting=meeting, node_path=meeting.node_path, **values)
    audit.record_create(actor=actor, obj=task)
    return task


@transaction.atomic
def task_act(
    *, actor: Actor, task_id: int, action: str, report: str = "", note: str = ""
) -> MeetingTask:
    """Report a task done, accept the report, or return it with a reason."""
    changes: dict[str, Any] = {}
    if action == "report":
        changes = {"report": report.strip(), "reported_at": clock.now()}
    elif action == "accept":
        changes = {"closed_at": clock.now()}
    task: MeetingTask = transition(
        actor=actor,
        workflow=TASK_FLOW,
        queryset=MeetingTask.objects.select_related("meeting"),
        pk=task_id,
        action=action,
        changes=changes,
        report=report,
        note=note,
    )
    return task


@transaction.atomic
def talk_schedule(
    *,
    actor: Actor,
    node_id: int,
    company_id: int,
    project_id: int | None = None,
    scheduled_on: dt.date | None,
    place: str,
    reason: str,
) -> Talk:
    """Call a company in for a talk. The substantiated complaints of the profile's window
    are counted and kept with the talk (seed 002 §四(三): 投诉集中)."""
    errors: FieldErrors = {}
    node = _convening_node(actor, node_id, errors)
    company = PropertyCompany.objects.filter(pk=company_id).first()
    if company is None:
        errors["company"] = [_("Choose a filed property company.")]
    project = None
    if project_id:
        project = Project.objects.visible_to(actor).filter(pk=project_id).first()
        if project is None or (company is not None and project.company_id != company.pk):
            errors["project"] = [_("Choose a project this company serves in your area.")]
    if scheduled_on is None:
        errors["scheduled_on"] = [_("Enter the day of the talk.")]
    place_text = _text({"place": place}, "place", errors, limit=200)
    reason_text = _text({"reason": reason}, "reason", errors)
    require(errors)
    assert node is not None and company is not None and scheduled_on is not None
    counted = selectors.substantiated_count(actor=actor, company_id=company.pk, node=node)
    talk = Talk.objects.create(
        company=company,
        project=project,
        node=node,
        node_path=node.path,
        reason=reason_text,
        complaints_counted=counted,
        scheduled_on=scheduled_on,
        place=place_text,
        created_by=user_of(actor),
    )
    audit.record_create(actor=actor, obj=talk)
    return talk


@transaction.atomic
def talk_act(
    *,
    actor: Actor,
    talk_id: int,
    action: str,
    outcome: str = "",
    held_on: dt.date | None = None,
    minutes: str = "",
    attendees: Iterable[str] | str = (),
    rectification_due: dt.date | None = None,
    report: str = "",
    note: str = "",
) -> Talk:
    """Record the talk (its outcome, minutes and rectification deadline), the company's
    rectification report, closure or cancellation. A warning emits WARNING_ISSUED."""
    changes: dict[str, Any] = {}
    if action == "hold":
        changes = {
            "outcome": outcome,
            "held_on": held_on,
            "minutes": minutes.strip(),
            "attendees": _lines(attendees),
            "rectification_due": rectification_due,
        }
    elif action == "report":
        changes = {"rectification_report": report.strip()}
    elif action in ("close", "cancel"):
        changes = {"closed_note": note.strip()}
    talk: Talk = transition(
        actor=actor,
        workflow=TALK_FLOW,
        queryset=Talk.objects.all(),
        pk=talk_id,
        action=action,
        changes=changes,
        outcome=outcome,
        held_on=held_on,
        minutes=minutes,
        rectification_due=rectification_due,
        report=report,
        note=note,
    )
    if action == "hold" and talk.outcome == Talk.Outcome.WARNING:
        emit(
            WARNING_ISSUED,
            subject=talk,
            data={
                "talk_id": talk.pk,
                "company_id": talk.company_id,
                "project_id": talk.project_id,
                "held_on": talk.held_on.isoformat() if talk.held_on else "",
                "reason": talk.reason[:200],
            },
            node_path=talk.node_path,
            actor=actor,
        )
    return talk
