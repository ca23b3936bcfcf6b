"""Writes of the disclosure board: posting or confirming an entered item (seed 000 §14).

The property company posts and keeps current the board's items under the street's and
community's supervision (000 §14); every change is a new :class:`BoardItemRevision`, so the
board's history is complete. The handover inspection results (000 §24 向业主公开查验结果)
are an item of their own, ``handover_results``, which the lifecycle capability fills by
calling :func:`board_item_put` with the inspection's result; the street and community
officers over the project may post that one too, since the inspection happens under their
supervision. The derived items (fees, funds, assessments) are never written here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.errors import PermissionDeniedError, invalid
from gongzhi.core.explain import explain
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.disclosure.models import BoardItem, BoardItemRevision
from gongzhi.registry.models import Project
from gongzhi.rules import disclosure as rules

SUPERVISED_KINDS = frozenset({"handover_results"})
"""Kinds the street and community officers over the project may post as well."""


def can_edit(actor: Actor, project: Project, kind: str) -> bool:
    """The project's company staff post every entered item; officials over the project
    also post the handover results; the platform administrator may do anything."""
    if actor.is_platform_admin:
        return True
    for grant in actor.grants_of("company"):
        if grant.role == Role.COMPANY_STAFF and grant.company_id == project.company_id:
            return True
    if kind in SUPERVISED_KINDS:
        for grant in actor.grants_of("node"):
            if grant.role in (Role.STREET_OFFICER, Role.COMMUNITY_OFFICER) and (
                project.node_path.startswith(grant.node_path or "\0")
            ):
                return True
    return False


@transaction.atomic
def board_item_put(
    *,
    actor: Actor,
    project_id: int,
    kind: str,
    data: Mapping[str, object],
    as_of: dt.date | None = None,
    note: str = "",
) -> BoardItem:
    """Post an entered item, or bring it up to date: checks every field (nothing is stored
    when one is wrong), stores the content as the item's new version with the day it is
    up to date as of (today unless given; never in the future) and keeps the old version.
    Posting the same content again with a later date confirms it (seed 000 §14 及时更新)."""
    project = get_visible(Project.objects.select_for_update(), actor, pk=project_id)
    if kind not in rules.FIELDS:
        raise invalid({"kind": [_("This item is not entered by hand.")]})
    if not can_edit(actor, project, kind):
        raise PermissionDeniedError(_("You may not post this item on the project's board."))
    clean, problems = rules.clean_entry(kind, data)
    errors = {name: [explain(e, cite=False)] for name, e in problems.items()}
    today = clock.today()
    day = as_of or today
    if day > today:
        errors["as_of"] = [gettext("The date cannot be in the future.")]
    if len(note) > 200:
        errors["note"] = [gettext("At most %(max)s characters.") % {"max": 200}]
    if errors:
        raise invalid(errors)
    now = clock.now()
    item = BoardItem.objects.select_for_update().filter(project_id=project.pk, kind=kind).first()
    if item is None:
        item = BoardItem.objects.create(
            project=project,
            kind=kind,
            data=clean,
            as_of=day,
            version=1,
            node_path=project.node_path,
            updated_by=user_of(actor),
            updated_at=now,
        )
        audit.record_create(actor, item)
    else:
        if item.data == clean and item.as_of == day:
            return item  # nothing to record: the same content as of the same day
        before = {"data": item.data, "as_of": item.as_of.isoformat(), "version": item.version}
        item.data, item.as_of, item.version = clean, day, item.version + 1
        item.updated_by, item.updated_at = user_of(actor), now
        item.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=item,
            before=before,
            after={"data": clean, "as_of": day.isoformat(), "version": item.version},
            node_path=project.node_path,
        )
    BoardItemRevision.objects.create(
        item=item,
        version=item.version,
        data=clean,
        as_of=day,
        note=note.strip(),
        changed_by=user_of(actor),
        changed_at=now,
    )
    return item
