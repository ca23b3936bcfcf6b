"""Helpers shared by the fee services: the acting company, the project's profile, and
reading dates and yuan amounts typed by staff (seed 000 §14,15)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.fees.workflow import is_company_staff
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project
from gongzhi.rules import fees as rules
from gongzhi.rules.money import MoneyError, parse_yuan


def rule_error(error: rules.FeeRuleError) -> DomainError:
    """A rules-core refusal as a translated DomainError on its field."""
    message = gettext(error.message) % error.params if error.params else gettext(error.message)
    return invalid({error.field: [message]})


def staff_project(actor: Actor, project_id: Any, *, lock: bool = False) -> Project:
    """A project the actor sees and whose company employs the actor (else 404 / 403)."""
    queryset = Project.objects.select_related("company", "developer", "community")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    project: Project = get_visible(queryset, actor, pk=project_id)
    if project.company_id is None or not is_company_staff(actor, project.company_id):
        raise PermissionDeniedError(
            _("Only the staff of the project's property company may do this.")
        )
    return project


def fee_rules_of(project: Project) -> rules.FeeRules:
    return rules.fee_rules(effective_profile(project.community))


def as_date(
    value: Any, field: str, errors: FieldErrors, *, required: bool = True
) -> dt.date | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            errors[field] = [_("Enter a valid date.")]
            return None
    if required:
        errors[field] = [_("This field is required.")]
    return None


def as_fen(value: Any, field: str, errors: FieldErrors) -> int | None:
    """Yuan (text, Decimal or int) as fen; errors name the field."""
    if value in (None, ""):
        errors[field] = [_("This field is required.")]
        return None
    try:
        fen = parse_yuan(value, allow_negative=True)
    except (MoneyError, TypeError):
        errors[field] = [_("Enter an amount in yuan with at most two decimals.")]
        return None
    if fen <= 0:
        errors[field] = [_("The amount must be greater than zero.")]
        return None
    return fen
