"""Who holds which role where: the predicates over an actor's grants that the workflows
and services of several apps ask (the platform administrator holds every capacity).

- :func:`is_official_over` — an official of one of ``roles`` at a node above the row;
- :func:`is_company_staff` — staff of the property company;
- :func:`is_committee_of` — a member of the project's owners' committee.
"""

from __future__ import annotations

from gongzhi.core.roles import Role
from gongzhi.core.scoping import Actor


def is_official_over(actor: Actor, node_path: str, *roles: str) -> bool:
    return actor.is_platform_admin or any(
        g.role in roles and node_path.startswith(g.node_path or "~")
        for g in actor.grants_of("node")
    )


def is_company_staff(actor: Actor, company_id: int | None) -> bool:
    return actor.is_platform_admin or any(
        g.role == Role.COMPANY_STAFF and g.company_id == company_id
        for g in actor.grants_of("company")
    )


def is_committee_of(actor: Actor, project_id: int) -> bool:
    return actor.is_platform_admin or any(
        g.role == Role.COMMITTEE_MEMBER and g.project_id == project_id
        for g in actor.grants_of("project")
    )
