from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gongzhi.core.admin import AuditedAdmin
from gongzhi.registry import models


@admin.register(models.PropertyCompany)
class PropertyCompanyAdmin(AuditedAdmin):
    list_display = ["name", "uscc", "filing_status"]
    list_filter = ["filing_status"]
    search_fields = ["name", "uscc"]
    raw_id_fields = ["filed_with"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.node_path = obj.filed_with.path
        super().save_model(request, obj, form, change)


@admin.register(models.Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["name", "community", "category", "service_mode", "company"]
    list_filter = ["category", "service_mode"]
    search_fields = ["name"]
    raw_id_fields = ["community", "company", "developer"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.node_path = obj.community.path
        super().save_model(request, obj, form, change)


@admin.register(models.Owner)
class OwnerAdmin(AuditedAdmin):
    list_display = ["name", "kind", "is_developer"]
    search_fields = ["name"]
    raw_id_fields = ["user"]
    exclude = ["id_number"]
