"""The housing bureau's edited responsibility list (职责清单, seed 000 §5; 003 §五)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.complaints.models import (
    ResponsibilityList,
)
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.rules import complaints as rules
from gongzhi.rules.profiles.schema import InvalidValue


@transaction.atomic
def responsibility_list_save(
    *, actor: Actor, node: Jurisdiction, entries: Any
) -> ResponsibilityList:
    """Store the bureau's edited list for ``node`` and below, checked by the profile's
    parser (seed 000 §5: 制定物业管理职责清单)."""
    if not actor.has_role(Role.BUREAU) or not (
        actor.is_platform_admin
        or any(
            g.role == Role.BUREAU and node.path.startswith(g.node_path or "~")
            for g in actor.grants_of("node")
        )
    ):
        raise PermissionDeniedError(_("Only the housing bureau edits the responsibility list."))
    try:
        parsed = rules.parse_responsibilities(entries)
    except InvalidValue as error:
        raise DomainError(
            _("The list is not valid: %(where)s expected %(expected)s, got %(got)s.")
            % {"where": error.where or "list", "expected": error.expected, "got": error.got},
            fields={"entries": [str(error)]},
        ) from None
    stored = rules.dump_responsibilities(parsed)
    existing = ResponsibilityList.objects.select_for_update().filter(node=node).first()
    if existing is None:
        row = ResponsibilityList.objects.create(
            node=node, node_path=node.path, entries=stored, updated_by=user_of(actor)
        )
        audit.record_create(actor, row)
        return row
    before = audit.snapshot(existing)
    ResponsibilityList.objects.filter(pk=existing.pk).update(
        entries=stored, updated_by=user_of(actor)
    )
    existing.refresh_from_db()
    audit.record_update(actor, existing, before)
    return existing


@transaction.atomic
def responsibility_list_reset(*, actor: Actor, node: Jurisdiction) -> None:
    """Drop the bureau's list for ``node``: the profile's list applies again."""
    row = get_visible(ResponsibilityList.objects.all(), actor, node=node)
    if not actor.has_role(Role.BUREAU):
        raise PermissionDeniedError(_("Only the housing bureau edits the responsibility list."))
    audit.record_delete(actor, row)
    row.delete()
