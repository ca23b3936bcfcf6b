"""The roles a membership grants: the vocabulary of access rules and scoping grants.

A role is bound to a scope by ``accounts.Membership``; the access rules (``core.access``,
every app's ``access.py``) and the actor's grants (``core.scoping``) speak these names.
They live in core so that core's access primitives need no app; ``accounts.models``
uses them for its ``Membership.role`` choices.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")
    BUREAU = "bureau", _("Housing bureau staff")
    STREET_OFFICER = "street_officer", _("Street / town officer")
    COMMUNITY_OFFICER = "community_officer", _("Community property officer")
    DEPARTMENT_STAFF = "department_staff", _("Functional department staff")
    COMPANY_STAFF = "company_staff", _("Property company staff")
    COMMITTEE_MEMBER = "committee_member", _("Owners' committee member")
    OWNER = "owner", _("Owner")


OFFICIAL_ROLES = frozenset(
    {Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER, Role.DEPARTMENT_STAFF}
)
