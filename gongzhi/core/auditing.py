"""The audit log as core's own writers see it.

Core has two writers that must leave an audit row: the guarded state change
(``core.workflow.transition``) and the admin base class (``core.admin.AuditedAdmin``).
The log itself is the ``audit`` app, which sits above core (its rows are scoped with
``core.scoping``), so core cannot import it: ``gongzhi.audit.apps.AuditConfig.ready``
hands ``gongzhi.audit.services`` to :func:`use` when Django starts, and core writes
through :func:`log`. Apps call ``gongzhi.audit.services`` directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from gongzhi.core.scoping import Actor


class AuditLog(Protocol):
    """What core writes to the audit log (``gongzhi.audit.services`` implements it)."""

    def snapshot(
        self, obj: models.Model, fields: Iterable[str] | None = None
    ) -> dict[str, Any]: ...

    def record_create(self, actor: Actor | None, obj: models.Model) -> object: ...

    def record_update(
        self, actor: Actor | None, obj: models.Model, before: dict[str, Any]
    ) -> object: ...

    def record_delete(self, actor: Actor | None, obj: models.Model) -> object: ...

    def record_transition(
        self,
        *,
        actor: Actor,
        target: models.Model,
        before: dict[str, Any],
        action: str,
        field: str,
    ) -> object: ...


_log: AuditLog | None = None


def use(audit_log: AuditLog) -> None:
    """Install the audit log core writes to (called once, by the audit app at start-up)."""
    global _log
    _log = audit_log


def log() -> AuditLog:
    if _log is None:
        raise ImproperlyConfigured("No audit log installed: is gongzhi.audit in INSTALLED_APPS?")
    return _log
