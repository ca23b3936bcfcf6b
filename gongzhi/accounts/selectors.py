"""Reads for accounts: the acting user's grants (the input of every scoped query)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from gongzhi.accounts.models import Membership, Role, User
from gongzhi.core.scoping import ANONYMOUS, Actor, Grant

# The request's actor is built with actor_for below (installed by AccountsConfig.ready);
# views import request_actor from here or from core.scoping, the same function.
from gongzhi.core.scoping import request_actor as request_actor

_NODE_ROLES = {Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER}


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related(
        "node", "department", "department__node", "company", "project"
    )


def actor_for(user: Any) -> Actor:
    """Build the actor of ``user`` (one query). Inactive or anonymous users hold nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    grants: list[Grant] = []
    roles: set[str] = set()
    if user.is_superuser:
        grants.append(Grant(kind="all", role=Role.PLATFORM_ADMIN))
        roles.add(Role.PLATFORM_ADMIN)
    for m in memberships_of(user):
        roles.add(m.role)
        if m.role == Role.PLATFORM_ADMIN:
            grants.append(Grant(kind="all", role=m.role))
        elif m.role in _NODE_ROLES and m.node is not None:
            grants.append(Grant(kind="node", role=m.role, node_path=m.node.path, node_id=m.node_id))
        elif m.role == Role.DEPARTMENT_STAFF and m.department is not None:
            grants.append(
                Grant(
                    kind="department",
                    role=m.role,
                    department_id=m.department_id,
                    node_path=m.department.node_path,
                )
            )
        elif m.role == Role.COMPANY_STAFF and m.company_id is not None:
            grants.append(Grant(kind="company", role=m.role, company_id=m.company_id))
        elif m.role == Role.COMMITTEE_MEMBER and m.project_id is not None:
            grants.append(Grant(kind="project", role=m.role, project_id=m.project_id))
        elif m.role == Role.OWNER:
            grants.append(Grant(kind="owner", role=m.role, user_id=user.pk))
    return Actor(user=user, grants=tuple(grants), roles=frozenset(roles))
