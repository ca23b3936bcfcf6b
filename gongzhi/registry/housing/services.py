"""Writes for the register. Every write is atomic and audited."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import NotFoundError
from gongzhi.core.scoping import Actor
from gongzhi.registry.housing.permissions import can_reveal
from gongzhi.registry.models import Owner, Ownership


@transaction.atomic
def owner_reveal(*, actor: Actor, owner_id: int, field: str) -> str:
    """Return an owner's unmasked ID number or phone, and log who saw it."""
    owner = Owner.objects.filter(pk=owner_id).first()
    if owner is None or not can_reveal(actor, owner, field):
        raise NotFoundError(_("Not found."))
    node_path = (
        Ownership.objects.filter(owner=owner)
        .values_list("part__project__node_path", flat=True)
        .first()
    )
    audit.record(
        actor=actor, action=AuditAction.REVEAL, target=owner, field=field, node_path=node_path or ""
    )
    return str(getattr(owner, field))
