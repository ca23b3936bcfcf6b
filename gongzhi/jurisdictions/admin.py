from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.admin import AuditedAdmin
from gongzhi.core.errors import DomainError
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.jurisdictions.services import jurisdiction_create, jurisdiction_validate


class JurisdictionAdminForm(forms.ModelForm[Jurisdiction]):
    class Meta:
        model = Jurisdiction
        fields = ["name", "level", "parent", "division_code", "profile_id", "phone"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None and not self.errors:
            try:
                jurisdiction_validate(
                    name=(data.get("name") or "").strip(),
                    level=data.get("level", ""),
                    parent=data.get("parent"),
                    division_code=data.get("division_code", ""),
                    profile_id=data.get("profile_id", ""),
                )
            except DomainError as exc:
                for field, errors in exc.fields.items():
                    for error in errors:
                        self.add_error(field if field in self.fields else None, str(error))
        return data


@admin.register(Jurisdiction)
class JurisdictionAdmin(AuditedAdmin):
    """New nodes go through ``jurisdiction_create`` (level check, path, audit); an
    existing node's place in the tree cannot be changed here."""

    list_display = ["name", "level", "division_code", "profile_id", "path"]
    list_filter = ["level"]
    search_fields = ["name", "division_code"]
    readonly_fields = ["path", "depth"]
    raw_id_fields = ["parent"]
    form = JurisdictionAdminForm

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [*self.readonly_fields, "parent", "level"] if obj else list(self.readonly_fields)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        created = jurisdiction_create(
            actor=request_actor(request),
            name=obj.name,
            level=obj.level,
            parent=obj.parent,
            division_code=obj.division_code,
            profile_id=obj.profile_id,
            phone=obj.phone,
        )
        obj.pk, obj.path, obj.depth = created.pk, created.path, created.depth


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["name", "kind", "node"]
    list_filter = ["kind"]
    raw_id_fields = ["node"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.node_path = obj.node.path
        super().save_model(request, obj, form, change)
