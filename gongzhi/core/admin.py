"""Admin base class: admin writes go to the audit log like every other write."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest

from gongzhi.accounts.selectors import request_actor
from gongzhi.audit import services as audit


class AuditedAdmin(admin.ModelAdmin):
    def save_model(self, request: HttpRequest, obj: Model, form: Any, change: bool) -> None:
        actor = request_actor(request)
        before = audit.snapshot(obj._meta.model._default_manager.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        if before is None:
            audit.record_create(actor, obj)
        else:
            audit.record_update(actor, obj, before)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        audit.record_delete(request_actor(request), obj)
        super().delete_model(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(request.user.is_superuser)
