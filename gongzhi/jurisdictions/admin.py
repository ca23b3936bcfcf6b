from django.contrib import admin

from gongzhi.core.admin import AuditedAdmin
from gongzhi.jurisdictions.models import Department, Jurisdiction


@admin.register(Jurisdiction)
class JurisdictionAdmin(AuditedAdmin):
    list_display = ["name", "level", "division_code", "profile_id", "path"]
    list_filter = ["level"]
    search_fields = ["name", "division_code"]
    readonly_fields = ["path", "depth"]


@admin.register(Department)
class DepartmentAdmin(AuditedAdmin):
    list_display = ["name", "kind", "node"]
    list_filter = ["kind"]
