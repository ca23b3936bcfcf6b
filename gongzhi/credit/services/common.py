"""What the credit services share: the profile that governs a company, dates, errors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import DomainError
from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules.profiles import PolicyProfile

FieldErrors = dict[str, list[str | Promise]]


def invalid(fields: FieldErrors) -> DomainError:
    return DomainError(_("Please correct the errors below."), fields=fields)


def today() -> dt.date:
    return timezone.localdate()


def company_profile(company: PropertyCompany) -> PolicyProfile:
    """The profile of the jurisdiction the company is filed with (its supervisor's rules)."""
    return effective_profile(company.filed_with)


def project_profile(project: Project) -> PolicyProfile:
    return effective_profile(project.community)


def user_of(actor: Actor | None) -> Any:
    return actor.user if actor is not None and actor.is_authenticated else None
