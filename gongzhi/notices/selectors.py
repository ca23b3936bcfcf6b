"""Reads of notices: an owner's inbox and unread count, the issuers' lists with the share
read, and one notice's receipts (seed 004 §21 通知公告).

Every read starts from ``visible_to(actor)``: an owner sees only the notices addressed to
them (``NoticeRecipient.owner.user``), company staff the notices of their projects,
committee members their project's, officials their subtree's. The inbox and the unread
count look only at the actor's owner grant, so an official who is also an owner sees
their own notices there and not the whole district's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext

from gongzhi.core.scoping import Actor, get_visible
from gongzhi.notices.models import Notice, NoticeRecipient
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Project


def _mine(actor: Actor) -> QuerySet[NoticeRecipient]:
    """The actor's own recipient rows (as an owner), whatever other roles they hold."""
    if not actor.is_authenticated:
        return NoticeRecipient.objects.none()
    return NoticeRecipient.objects.filter(owner__user_id=actor.user_id)


def notice_unread_count(*, actor: Actor) -> int:
    """How many notices addressed to the actor (as an owner) they have not opened."""
    return _mine(actor).filter(read_at__isnull=True).values("notice_id").distinct().count()


def notice_inbox(*, actor: Actor) -> QuerySet[Notice]:
    """The notices addressed to the actor as an owner, newest first, each annotated with
    ``is_unread`` (no receipt yet) — two queries at most, whatever the length."""
    mine = _mine(actor)
    unread = mine.filter(notice_id=OuterRef("pk"), read_at__isnull=True)
    return (
        Notice.objects.filter(pk__in=mine.values("notice_id"))
        .annotate(is_unread=Exists(unread))
        .order_by("-published_at", "-id")
    )


def notice_get_for_owner(*, actor: Actor, pk: int) -> Notice:
    """One notice of the actor's inbox (absent and not addressed to them: not found)."""
    return get_visible(
        Notice.objects.filter(pk__in=_mine(actor).values("notice_id")).select_related("project"),
        actor,
        pk=pk,
    )


def notice_list(
    *, actor: Actor, project_id: int | None = None, category: str | None = None
) -> QuerySet[Notice]:
    """Notices the actor may see as issuer or supervisor, with ``read_count``."""
    qs = Notice.objects.visible_to(actor.with_grant_kinds("all", "node", "company", "project"))
    if project_id:
        qs = qs.filter(project_id=project_id)
    if category:
        qs = qs.filter(category=category)
    reads = (
        NoticeRecipient.objects.filter(notice_id=OuterRef("pk"), read_at__isnull=False)
        .values("notice_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        qs.select_related("project")
        .annotate(read_count=Subquery(reads))
        .order_by("-published_at", "-id")
    )


def notice_get(*, actor: Actor, pk: int) -> Notice:
    """One notice for its issuer or a supervisor; owners reach theirs via the inbox."""
    return get_visible(
        Notice.objects.select_related("project", "building", "building_unit", "published_by"),
        actor.with_grant_kinds("all", "node", "company", "project"),
        pk=pk,
    )


@dataclass(frozen=True)
class Receipts:
    total: int
    read: int

    @property
    def percent(self) -> int:
        """Share read in whole percent, rounded down."""
        return self.read * 100 // self.total if self.total else 0


def notice_receipts(*, notice: Notice) -> Receipts:
    """Recipients and read receipts of a notice: one aggregate, each owner counted once."""
    counts = NoticeRecipient.objects.filter(notice_id=notice.pk).aggregate(
        total=Count("id"), read=Count("id", filter=Q(read_at__isnull=False))
    )
    return Receipts(total=counts["total"], read=counts["read"])


def notice_recipients(*, notice: Notice) -> QuerySet[NoticeRecipient]:
    """The owners a notice reached, with their receipt (for the issuer's list)."""
    return NoticeRecipient.objects.filter(notice_id=notice.pk).select_related("owner")


def issuable_projects(*, actor: Actor) -> QuerySet[Project]:
    """Projects the actor may notify in some capacity (the form's choices)."""
    return Project.objects.visible_to(
        actor.with_grant_kinds("all", "node", "company", "project")
    ).order_by("name")


def audience_ids(
    *, project_id: int, building: str = "", building_unit: str = "", parts: str = ""
) -> tuple[int | None, int | None, list[int], dict[str, list[str]]]:
    """The building, unit and part ids named in a form (``1栋``, ``1栋-1单元``, part
    numbers separated by commas or spaces) within one project, with field errors for names
    that match nothing."""
    errors: dict[str, list[str]] = {}
    building_id = unit_id = None
    if building.strip():
        building_id = (
            Building.objects.filter(project_id=project_id, name=building.strip())
            .values_list("pk", flat=True)
            .first()
        )
        if building_id is None:
            errors["building"] = [gettext("No building of this project has that name.")]
    if building_unit.strip():
        name, _sep, unit = building_unit.strip().rpartition("-")
        unit_id = (
            BuildingUnit.objects.filter(project_id=project_id, building__name=name, name=unit)
            .values_list("pk", flat=True)
            .first()
        )
        if unit_id is None:
            errors["building_unit"] = [gettext("No building unit of this project has that name.")]
    numbers = [n for n in re.split(r"[\s,，、;；]+", parts.strip()) if n]
    found = dict(
        ExclusivePart.objects.filter(project_id=project_id, number__in=numbers).values_list(
            "number", "pk"
        )
    )
    unknown = [n for n in numbers if n not in found]
    if unknown:
        errors["parts"] = [
            gettext("Not parts of this project: %(numbers)s") % {"numbers": "、".join(unknown)}
        ]
    return building_id, unit_id, [found[n] for n in numbers if n in found], errors
