"""Reads of the audit log: an object's edit history, shown to officials."""

from __future__ import annotations

from django.db import models
from django.db.models import QuerySet

from gongzhi.audit.models import AuditEntry
from gongzhi.core.scoping import Actor


def history_for(*, actor: Actor, obj: models.Model, limit: int = 50) -> QuerySet[AuditEntry]:
    """The audited changes of ``obj`` the actor may read (officials of its subtree and
    the platform administrator; other roles see none)."""
    if not (actor.is_platform_admin or any(True for _ in actor.grants_of("node"))):
        return AuditEntry.objects.none()
    return (
        AuditEntry.objects.visible_to(actor)
        .filter(target_type=obj._meta.label, target_id=str(obj.pk))
        .order_by("-at", "-id")[:limit]
    )
