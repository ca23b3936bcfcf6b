"""Accounts: users, their role memberships (a role bound to a scope) and API tokens."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, optional_foreign_key

# Role is core's vocabulary (the access rules speak it); apps import it from here too.
from gongzhi.core.roles import OFFICIAL_ROLES as OFFICIAL_ROLES
from gongzhi.core.roles import Role

mobile_validator = RegexValidator(
    r"^1[3-9]\d{9}$", _("Enter an 11-digit mainland mobile number starting with 1.")
)


class User(AbstractUser):
    mobile = models.CharField(
        _("mobile number"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[mobile_validator],
    )
    display_name = models.CharField(_("display name"), max_length=64, blank=True)
    failed_login_count = models.PositiveSmallIntegerField(default=0, editable=False)
    locked_until = models.DateTimeField(null=True, blank=True, editable=False)
    totp_secret = models.CharField(max_length=64, blank=True, editable=False)
    totp_enabled = models.BooleanField(_("two-factor authentication"), default=False)
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username

    def audit_node_path(self) -> str:
        """The jurisdiction of the user's first official membership ('' if none)."""
        for membership in self.memberships.select_related("node", "department"):
            path = membership.audit_node_path()
            if path:
                return path
        return ""


class Membership(models.Model):
    """A role held by a user within one scope (node, department, company, project)."""

    user = foreign_key(User, _("user"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    node = optional_foreign_key("jurisdictions.Jurisdiction", _("jurisdiction"), related_name=None)
    department = optional_foreign_key(
        "jurisdictions.Department", _("department"), related_name=None
    )
    company = optional_foreign_key(
        "registry.PropertyCompany", _("property company"), related_name=None
    )
    project = optional_foreign_key("registry.Project", _("project"), related_name=None)
    title = models.CharField(_("title"), max_length=64, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            # Each role names exactly the scope it needs; nothing more, nothing less.
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(
                        role="platform_admin",
                        node__isnull=True,
                        department__isnull=True,
                        company__isnull=True,
                        project__isnull=True,
                    )
                    | Q(
                        role__in=["bureau", "street_officer", "community_officer"],
                        node__isnull=False,
                        department__isnull=True,
                        company__isnull=True,
                        project__isnull=True,
                    )
                    | Q(
                        role="department_staff",
                        department__isnull=False,
                        company__isnull=True,
                        project__isnull=True,
                    )
                    | Q(
                        role="company_staff",
                        company__isnull=False,
                        node__isnull=True,
                        department__isnull=True,
                        project__isnull=True,
                    )
                    | Q(
                        role="committee_member",
                        project__isnull=False,
                        node__isnull=True,
                        department__isnull=True,
                        company__isnull=True,
                    )
                    | Q(
                        role="owner",
                        node__isnull=True,
                        department__isnull=True,
                        company__isnull=True,
                        project__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"

    def audit_node_path(self) -> str:
        if self.node is not None:
            return self.node.path
        if self.department is not None:
            return self.department.node_path
        return ""


class ApiToken(models.Model):
    """A bearer token for /api/v1. Only a SHA-256 digest is stored."""

    user = foreign_key(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=64)
    prefix = models.CharField(max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def audit_node_path(self) -> str:
        return self.user.audit_node_path()
