from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from gongzhi.accounts.models import Membership, User
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
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        ("Gongzhi", {"fields": ("display_name", "mobile", "must_change_password")}),
    )
