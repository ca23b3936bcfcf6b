from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest

from gongzhi.accounts.models import Membership, User
from gongzhi.accounts.selectors import request_actor
from gongzhi.audit import services as audit
from gongzhi.core.admin import AuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["node", "department", "company", "project"]


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    list_display = ["username", "display_name", "mobile", "is_active", "totp_enabled"]
    search_fields = ["username", "display_name", "mobile"]
    inlines = [MembershipInline]

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        actor = request_actor(request)
        befores = {obj.pk: audit.snapshot(obj) for obj in formset.queryset if obj.pk is not None}
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record_delete(actor, obj)
            obj.delete()
        for obj in instances:
            is_new = obj.pk is None
            obj.save()
            if is_new:
                audit.record_create(actor, obj)
            else:
                audit.record_update(actor, obj, befores.get(obj.pk, {}))
        formset.save_m2m()

    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Gongzhi", {"fields": ("display_name", "mobile", "must_change_password")}),
    )
