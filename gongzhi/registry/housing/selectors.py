"""Reads of the register, always scoped to the actor (deny by default)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.models import ExclusivePart, Owner, Ownership, Project


def project_list(
    *, actor: Actor, search: str = "", category: str = "", node_path: str = ""
) -> QuerySet[Project]:
    qs = Project.objects.visible_to(actor).select_related("community", "company")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(address__icontains=search))
    if category:
        qs = qs.filter(category=category)
    if node_path:
        qs = qs.filter(node_path__startswith=node_path)
    return qs.order_by("node_path", "name")


def project_get(*, actor: Actor, pk: int) -> Project:
    project: Project = get_visible(
        Project.objects.select_related("community", "company", "developer"), actor, pk=pk
    )
    return project


def project_totals(project: Project) -> dict[str, object]:
    """Totals computed by the database in one aggregate (area, parts, owners)."""
    agg = ExclusivePart.objects.filter(project=project).aggregate(
        parts=Count("id"),
        dwellings=Count("id", filter=Q(kind=ExclusivePart.Kind.DWELLING)),
        area=Sum("area"),
        unsold=Count("id", filter=Q(delivery=ExclusivePart.Delivery.UNSOLD)),
    )
    agg["owners"] = (
        Ownership.objects.filter(part__project=project).values("owner_id").distinct().count()
    )
    agg["buildings"] = project.buildings.count()
    return agg


def owner_get(*, actor: Actor, pk: int) -> Owner:
    owner: Owner = get_visible(Owner.objects.all(), actor, pk=pk)
    return owner


def owner_parts(*, actor: Actor, owner: Owner) -> QuerySet[Ownership]:
    return (
        Ownership.objects.visible_to(actor)
        .filter(owner=owner)
        .select_related("part", "part__project", "part__building_unit__building")
        .order_by("part__project__name", "part__number")
    )


def my_homes(*, actor: Actor) -> QuerySet[Ownership]:
    return (
        Ownership.objects.filter(owner__user_id=actor.user_id)
        .select_related(
            "owner",
            "part",
            "part__project",
            "part__building_unit__building",
            "part__project__company",
        )
        .order_by("part__project__name", "part__number")
    )


def project_parts(*, actor: Actor, project: Project) -> QuerySet[ExclusivePart]:
    return (
        ExclusivePart.objects.visible_to(actor)
        .filter(project=project)
        .select_related("building_unit__building")
        .prefetch_related(
            Prefetch("ownerships", queryset=Ownership.objects.select_related("owner"))
        )
        .order_by("number")
    )
