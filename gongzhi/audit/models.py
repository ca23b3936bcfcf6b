"""The audit log: every write (who, when, what, before/after) and every display of
unmasked personal data. Rows are append-only: the model refuses updates and deletes."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import user_column
from gongzhi.core.scoping import Scope, ScopedModel


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    BULK_CREATE = "bulk_create", _("Bulk created")
    TRANSITION = "transition", _("Status changed")
    IMPORT = "import", _("Imported")
    EXPORT = "export", _("Exported")
    REVEAL = "reveal", _("Personal data revealed")
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOCKOUT = "lockout", _("Account locked")
    LOGOUT = "logout", _("Signed out")
    PASSWORD_RESET = "password_reset", _("Password reset")
    TOTP_ENABLED = "totp_enabled", _("Two-factor enabled")
    TOTP_DISABLED = "totp_disabled", _("Two-factor disabled")
    TOKEN_CREATED = "token_created", _("API token created")
    TOKEN_REVOKED = "token_revoked", _("API token revoked")


class AuditEntry(ScopedModel):
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = user_column(_("actor"))
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=32, choices=AuditAction.choices)
    target_type = models.CharField(_("object type"), max_length=100, blank=True)
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    # Jurisdiction path of the target, so an official reads the log of their subtree only.
    node_path = models.CharField(max_length=255, blank=True, db_index=True)
    field = models.CharField(_("field"), max_length=64, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    ip = models.GenericIPAddressField(_("address"), null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.target_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit entries are append-only.")
