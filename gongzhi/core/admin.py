"""Admin base class: admin writes go to the audit log like every other write.

The log is written through ``core.auditing`` and the actor comes from
``core.scoping.request_actor``: core imports no app (docs/adr/0006-layers.md)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from gongzhi.core.auditing import log as audit_log
from gongzhi.core.scoping import request_actor


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        actor = request_actor(request)
        audit = audit_log()
        before = audit.snapshot(obj._meta.model._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if before is None:
            audit.record_create(actor, obj)
        else:
            audit.record_update(actor, obj, before)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit_log().record_delete(request_actor(request), obj)
        super().delete_model(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(request.user.is_superuser)
