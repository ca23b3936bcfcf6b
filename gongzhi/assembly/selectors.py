"""Reads of the owners' assembly and committee, scoped to the actor: absent and
out-of-scope rows are the same NotFoundError."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongzhi.assembly.models import (
    ActingBody,
    CommitteeMeeting,
    GroupDocument,
    MemberBar,
    PreparationGroup,
    Reminder,
    SubsidyPayment,
)
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.models import Owner, Project


def reminder_list(*, actor: Actor, open_only: bool = True) -> QuerySet[Reminder]:
    qs = Reminder.objects.visible_to(actor).select_related("project")
    return qs.filter(resolved_on__isnull=True) if open_only else qs


def group_list(*, actor: Actor, status: str = "") -> QuerySet[PreparationGroup]:
    qs = PreparationGroup.objects.visible_to(actor).select_related("project")
    return qs.filter(status=status) if status else qs


def group_get(*, actor: Actor, pk: Any) -> PreparationGroup:
    return get_visible(
        PreparationGroup.objects.select_related("project__community").prefetch_related(
            "members", "documents", "candidates"
        ),
        actor,
        pk=pk,
    )


def document_get(*, actor: Actor, pk: Any) -> GroupDocument:
    return get_visible(GroupDocument.objects.all(), actor, pk=pk)


def project_get(*, actor: Actor, pk: Any) -> Project:
    return get_visible(Project.objects.select_related("community"), actor, pk=pk)


def project_owners(project: Project) -> QuerySet[Owner]:
    return Owner.objects.filter(ownerships__part__project=project).distinct().order_by("name")


def acting_list(*, actor: Actor) -> QuerySet[ActingBody]:
    return ActingBody.objects.visible_to(actor).select_related("project")


def bar_list(*, actor: Actor) -> QuerySet[MemberBar]:
    return MemberBar.objects.visible_to(actor).select_related("project", "owner")


def meeting_list(*, actor: Actor) -> QuerySet[CommitteeMeeting]:
    return CommitteeMeeting.objects.visible_to(actor).select_related("project")


def subsidy_list(*, actor: Actor) -> QuerySet[SubsidyPayment]:
    return SubsidyPayment.objects.visible_to(actor).select_related("project", "member")
