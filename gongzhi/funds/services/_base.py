"""What every funds service shares: the project and its profile, amounts in fen from
user input, and the roles that may write."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.clock import today
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.funds.workflow import is_committee_of, is_company_of, is_official_over
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project
from gongzhi.rules.money import MoneyError, parse_yuan
from gongzhi.rules.profiles import PolicyProfile


def project_get(actor: Actor, project_id: Any) -> Project:
    project: Project = get_visible(
        Project.objects.select_related("community", "company"), actor, pk=project_id
    )
    return project


def profile_of(project: Project) -> PolicyProfile:
    return effective_profile(project.community)


def fen(value: Any, field: str, *, required: bool = True) -> int | None:
    """A yuan amount typed by a user → positive integer fen, or a DomainError on ``field``.

    Negative, zero, below-a-fen and non-numeric amounts are refused, never rounded."""
    if value in (None, ""):
        if required:
            raise DomainError(_("Enter an amount."), fields={field: [_("This field is required.")]})
        return None
    try:
        amount = parse_yuan(value)  # floats raise TypeError: money is never a float
    except (MoneyError, TypeError):
        amount = None
    if amount is None or amount <= 0:
        raise DomainError(
            _("Enter an amount in yuan greater than zero, with at most two decimals."),
            fields={
                field: [_("Enter an amount in yuan greater than zero, with at most two decimals.")]
            },
        )
    return amount


def area(value: Any) -> Decimal:
    return Decimal(str(value))


def as_date(value: Any, field: str = "date") -> dt.date:
    if value in (None, ""):
        return today()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise DomainError(
            _("Enter a valid date."), fields={field: [_("Enter a valid date.")]}
        ) from None


def require_official(actor: Actor, project: Project, *roles: str) -> None:
    if not is_official_over(actor, project.node_path, *roles):
        raise PermissionDeniedError(_("Your role may not do this for this project."))


def require_committee_or_company(actor: Actor, project: Project) -> str:
    """The committee of the project or its company's staff; returns which."""
    if is_committee_of(actor, project.pk) and actor.has_role(Role.COMMITTEE_MEMBER):
        return "committee"
    if project.company_id and is_company_of(actor, project.company_id):
        return "company"
    raise PermissionDeniedError(
        _("Only the project's owners' committee or property company may do this.")
    )


def required_text(value: Any, field: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise DomainError(
            _("This field is required."), fields={field: [_("This field is required.")]}
        )
    return text
