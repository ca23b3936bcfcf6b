"""Domain errors shared by every app: one shape for UI, API and commands.

A service raises these; views turn them into form errors or messages, the API into
``{"code", "message", "fields"}`` (see ``gongzhi.api.errors``).
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

FieldErrors = dict[str, list[Any]]
"""Messages per field name (``"__all__"`` or an unknown name: the whole form)."""


class DomainError(Exception):
    """A request that the rules refuse. ``message`` is translatable, shown as is."""

    code = "invalid"
    status = 400

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        fields: dict[str, list[str | Promise]] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        if code:
            self.code = code
        self.fields = fields or {}

    def lines(self) -> list[str]:
        """What a page shows: every field's message, or the message when none names a field."""
        found = [str(m) for messages in self.fields.values() for m in messages]
        return found or [str(self.message)]


class NotFoundError(DomainError):
    """Absent or not visible to the actor: the two are indistinguishable on purpose."""

    code = "not_found"
    status = 404


class PermissionDeniedError(DomainError):
    code = "forbidden"
    status = 403


class ConflictError(DomainError):
    code = "conflict"
    status = 409


def invalid(fields: FieldErrors, message: str | Promise | None = None) -> DomainError:
    """The error a service raises for bad input: messages per field, nothing changed."""
    return DomainError(message or _("Please correct the errors below."), fields=fields)


def require(errors: FieldErrors) -> None:
    """Raise :func:`invalid` when any field collected an error."""
    if errors:
        raise invalid(errors)
