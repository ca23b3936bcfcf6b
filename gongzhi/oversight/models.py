"""The supervisors' own institutions: the joint meeting with its follow-up tasks, and
warning talks (约谈) with property companies.

* Joint meeting / leading group (联席会议 / 领导小组): convened by a node (seed 000 §3,
  §4; 001 §三(一)1; 002 §二(一)1(1); 003 §四(一): every half year; 004 §1), with its
  attendees, minutes and the matters it decided, each a task with an assignee and a
  deadline that is reported on and accepted.
* Talk (约谈): a company whose complaints concentrate is called in; a warning (约谈警告)
  makes a credit record (seed 002 §四(三)). Status changes only through
  ``gongzhi.oversight.workflow``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key
from gongzhi.core.models import Recorded
from gongzhi.core.scoping import Scope, ScopedModel


def _task_meetings(**lookup: object) -> models.QuerySet:
    return MeetingTask.objects.filter(**lookup).values("meeting_id")


class JointMeeting(Recorded, ScopedModel):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular joint meeting")
        AD_HOC = "ad_hoc", _("Ad hoc meeting")
        LEADING_GROUP = "leading_group", _("Leading group meeting")

    node = foreign_key(
        "jurisdictions.Jurisdiction", _("convened by"), related_name="joint_meetings"
    )
    kind = models.CharField(_("meeting kind"), max_length=16, choices=Kind.choices)
    held_on = models.DateField(_("meeting date"))
    place = models.CharField(_("place"), max_length=200)
    topic = models.CharField(_("topic"), max_length=200)
    attendees = models.JSONField(_("attendees"), default=list)
    minutes = models.TextField(_("meeting minutes"))
    node_path = node_path_column()

    # the convening area, and the departments and offices a decided matter was given to
    scope = Scope(
        node=lambda g: (
            Q(node_path__startswith=g.node_path)
            | Q(pk__in=_task_meetings(assignee_path__startswith=g.node_path, assignee_path__gt=""))
        ),
        department=lambda g: Q(pk__in=_task_meetings(department_id=g.department_id)),
    )

    class Meta:
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["node", "kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class MeetingTask(ScopedModel):
    """A matter the meeting decided (议定事项), followed up to its deadline."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        REPORTED = "reported", _("Reported done")
        DONE = "done", _("Accepted as done")

    meeting = foreign_key(
        JointMeeting, _("meeting"), on_delete=models.CASCADE, related_name="tasks"
    )
    description = models.TextField(_("decided matter"))
    department = optional_foreign_key(
        "jurisdictions.Department", _("responsible department"), related_name="meeting_tasks"
    )
    assignee_node = optional_foreign_key(
        "jurisdictions.Jurisdiction", _("responsible office"), related_name="meeting_tasks"
    )
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    report = models.TextField(_("report"), blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    closed_at = models.DateTimeField(_("accepted as done on"), null=True, blank=True)
    # the convening node's path, and the responsible office's (which sees its own tasks)
    node_path = node_path_column()
    assignee_path = models.CharField(max_length=255, blank=True, db_index=True, editable=False)

    scope = Scope(
        node=lambda g: (
            Q(node_path__startswith=g.node_path)
            | Q(assignee_path__startswith=g.node_path, assignee_path__gt="")
        ),
        department="department_id",
    )

    class Meta:
        verbose_name = _("meeting task")
        verbose_name_plural = _("meeting tasks")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False) | Q(assignee_node__isnull=False),
                name="oversight_task_has_assignee",
            )
        ]

    def __str__(self) -> str:
        return self.description[:60]


class Talk(Recorded, ScopedModel):
    """A talk (约谈) with a property company, and its rectification (seed 002 §四(三))."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        HELD = "held", _("Held, rectification due")
        RECTIFIED = "rectified", _("Rectification reported")
        CLOSED = "closed", _("Talk closed")
        CANCELLED = "cancelled", _("Talk cancelled")

    class Outcome(models.TextChoices):
        NONE = "", _("Not held yet")
        REMINDER = "reminder", _("Reminder talk")
        WARNING = "warning", _("Warning talk")

    company = foreign_key("registry.PropertyCompany", _("property company"), related_name="talks")
    project = optional_foreign_key("registry.Project", _("project"), related_name="talks")
    node = foreign_key("jurisdictions.Jurisdiction", _("talk held by"), related_name="talks")
    reason = models.TextField(_("reason for the talk"))
    complaints_counted = models.PositiveIntegerField(_("substantiated complaints counted"))
    scheduled_on = models.DateField(_("scheduled for"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SCHEDULED
    )
    outcome = models.CharField(
        _("talk outcome"), max_length=16, choices=Outcome.choices, blank=True, default=""
    )
    attendees = models.JSONField(_("attendees"), default=list)
    minutes = models.TextField(_("talk record"), blank=True)
    rectification_due = models.DateField(_("rectify by"), null=True, blank=True)
    rectification_report = models.TextField(_("rectification report"), blank=True)
    held_on = models.DateField(_("talk held on"), null=True, blank=True)
    closed_note = models.TextField(_("closing note"), blank=True)
    node_path = node_path_column()

    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = _("talk")
        verbose_name_plural = _("talks")
        ordering = ["-scheduled_on", "-id"]
        indexes = [models.Index(fields=["company", "status"])]

    def __str__(self) -> str:
        return f"{self.scheduled_on} {self.company}"
