"""What every housing write shares: the audit rows (with the project's ``node_path``, so
officials of the subtree read the history of rows that have no path of their own) and
the project locked for writing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.housing.permissions import writer
from gongzhi.registry.models import Project


def audit_create(actor: Actor, obj: Model, node_path: str) -> None:
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=obj,
        after=audit.snapshot(obj),
        node_path=node_path,
    )


def audit_update(actor: Actor, obj: Model, before: dict[str, Any], node_path: str) -> None:
    old, new = audit.diff(before, audit.snapshot(obj))
    if new:
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            target=obj,
            before=old,
            after=new,
            node_path=node_path,
        )


def writable_project(actor: Actor, project_id: int) -> Project:
    project: Project = get_visible(
        Project.objects.select_for_update(of=("self",)), writer(actor), pk=project_id
    )
    return project
