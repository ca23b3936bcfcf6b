"""How the fund records reach their readers (ADR 0002): officials by the project's node,
the company's staff and the committee by the project, owners by the parts they hold."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from gongzhi.core.scoping import Grant, Scope


def owner_parts(prefix: str = "") -> Callable[[Grant], Q]:
    """Owners read the rows of the exclusive parts they hold (``<prefix>part_id``)."""

    def build(grant: Grant) -> Q:
        from gongzhi.registry.models import Ownership

        parts = Ownership.objects.filter(owner__user_id=grant.user_id).values("part_id")
        return Q(**{f"{prefix}part_id__in": parts})

    return build


def project_scope(prefix: str = "", *, owner: Any = None) -> Scope:
    """The scope of a row of one project, reached through ``prefix`` (e.g. ``account__``):
    the node path copied onto it, the project's company, the project; owners as given."""
    return Scope(
        node=f"{prefix}node_path",
        company=f"{prefix}project__company_id",
        project=f"{prefix}project_id",
        owner=owner,
    )
