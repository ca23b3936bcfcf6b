"""Scope helpers shared by the fee models."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from gongzhi.core.scoping import Grant


def owner_projects(prefix: str = "") -> Callable[[Grant], Q]:
    """Owners read the public rows of projects where they hold a part."""

    def build(grant: Grant) -> Q:
        from gongzhi.registry.models import ExclusivePart

        projects = ExclusivePart.objects.filter(ownerships__owner__user_id=grant.user_id).values(
            "project_id"
        )
        return Q(**{f"{prefix}project_id__in": projects})

    return build
