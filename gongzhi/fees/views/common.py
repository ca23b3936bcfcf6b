"""Helpers of the fee pages."""

from __future__ import annotations

from gongzhi.accounts.models import Role
from gongzhi.core.scoping import Actor


def is_staff(actor: Actor) -> bool:
    return actor.has_role(Role.COMPANY_STAFF)
