"""How a register row reaches each grant, shared by the models modules.

Officials reach a row through its project's ``node_path``, the company through the
project's company, the committee through the project; an owner reaches what the model
says (by default, every row of a project in which they hold a part).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.db.models import Model, Q, QuerySet

from gongzhi.core.scoping import Grant, Lookup, Scope

# The models modules import this one, so it names their models through Django's app
# registry (as a foreign key names its target), never by importing them.


def owner_project_ids(grant: Grant) -> QuerySet[Model, dict[str, Any]]:
    """The projects in which the signed-in owner holds a part (a subquery)."""
    parts = apps.get_model("registry", "ExclusivePart")
    return parts.objects.filter(ownerships__owner__user_id=grant.user_id).values("project_id")


def owner_part_ids(grant: Grant) -> QuerySet[Model, dict[str, Any]]:
    """The parts the signed-in owner holds a share of (a subquery)."""
    ownerships = apps.get_model("registry", "Ownership")
    return ownerships.objects.filter(owner__user_id=grant.user_id).values("part_id")


def owner_projects(prefix: str = "", **where: object) -> Callable[[Grant], Q]:
    """Owners read the rows (reached through ``prefix``, e.g. ``"contract__"``) of the
    projects in which they hold a part, narrowed by ``where`` (``status="filed"``,
    ``published_on__isnull=False``: lookups at the same prefix)."""

    def build(grant: Grant) -> Q:
        return Q(
            **{f"{prefix}project_id__in": owner_project_ids(grant)},
            **{f"{prefix}{lookup}": value for lookup, value in where.items()},
        )

    return build


def owned_projects(grant: Grant) -> Q:
    return Q(pk__in=owner_project_ids(grant))


def project_scope(via: str = "", *, owner: Lookup = None) -> Scope:
    """The scope of a row that belongs to a project through ``via`` (``""``, ``"part__"``,
    ``"committee__"``); ``owner`` narrows what an owner sees (default: the rows of the
    projects in which they hold a part)."""
    return Scope(
        node=f"{via}project__node_path",
        company=f"{via}project__company_id",
        project=f"{via}project_id",
        owner=owner or (lambda g: Q(**{f"{via}project_id__in": owner_project_ids(g)})),
    )
