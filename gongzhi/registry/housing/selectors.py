"""Reads of the register, always scoped to the actor (deny by default)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet, Sum

from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.jurisdictions.models import Jurisdiction, Level
from gongzhi.registry.housing.permissions import writer
from gongzhi.registry.models import (
    Building,
    BuildingUnit,
    ExclusivePart,
    Occupant,
    Owner,
    Ownership,
    Project,
    PropertyCompany,
)


def project_list(
    *,
    actor: Actor,
    search: str = "",
    category: str = "",
    node_path: str = "",
    community_id: int | None = None,
    service_mode: str = "",
    company_id: int | None = None,
    formation: str = "",
) -> QuerySet[Project]:
    """Visible projects, filtered by name/address, category, subtree, community, service
    mode, company and owners'-organisation formation."""
    qs = Project.objects.visible_to(actor).select_related("community", "company")
    qs = narrowed(
        qs,
        category=category,
        node_path__startswith=node_path,
        community_id=community_id,
        service_mode=service_mode,
        company_id=company_id,
        formation=formation,
        search=search,
        search_in=("name", "address"),
    )
    return qs.order_by("node_path", "name")


def project_get(*, actor: Actor, pk: int) -> Project:
    return get_visible(
        Project.objects.select_related("community", "company", "developer"), actor, pk=pk
    )


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
    return get_visible(Owner.objects.all(), actor, pk=pk)


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


def project_parts(
    *, actor: Actor, project: Project, search: str = "", kind: str = "", delivery: str = ""
) -> QuerySet[ExclusivePart]:
    qs = (
        ExclusivePart.objects.visible_to(actor)
        .filter(project=project)
        .select_related("building_unit__building")
        .prefetch_related(
            Prefetch("ownerships", queryset=Ownership.objects.select_related("owner"))
        )
    )
    qs = narrowed(qs, kind=kind, delivery=delivery, search=search, search_in=("number",))
    return qs.order_by("number")


def project_owners(*, actor: Actor, project: Project, search: str = "") -> QuerySet[Owner]:
    """The visible owners holding a part of ``project``, with how many parts and how
    much registered area they hold there. Search by name only (never by ID number)."""
    in_project = Q(ownerships__part__project=project)
    qs = (
        Owner.objects.visible_to(actor)
        .filter(pk__in=Ownership.objects.filter(part__project=project).values("owner_id"))
        .annotate(
            part_count=Count("ownerships", filter=in_project, distinct=True),
            area=Sum("ownerships__part__area", filter=in_project),
        )
    )
    return narrowed(qs, search=search, search_in=("name",)).order_by("name", "id")


def owner_search(*, actor: Actor, search: str = "") -> QuerySet[Owner]:
    """Owners visible to the actor, found by name (officials search this way; ID
    numbers are never a search key shown back)."""
    qs = Owner.objects.visible_to(actor)
    return narrowed(qs, search=search, search_in=("name",)).order_by("name", "id")


def project_buildings(*, actor: Actor, project: Project) -> QuerySet[Building]:
    return (
        Building.objects.visible_to(actor)
        .filter(project=project)
        .prefetch_related(Prefetch("units", queryset=BuildingUnit.objects.order_by("name")))
        .order_by("name")
    )


def project_units(*, actor: Actor, project: Project) -> QuerySet[BuildingUnit]:
    return (
        BuildingUnit.objects.visible_to(actor)
        .filter(project=project)
        .select_related("building")
        .order_by("building__name", "name")
    )


def building_get(*, actor: Actor, pk: int) -> Building:
    return get_visible(Building.objects.select_related("project"), actor, pk=pk)


def unit_get(*, actor: Actor, pk: int) -> BuildingUnit:
    return get_visible(BuildingUnit.objects.select_related("building", "project"), actor, pk=pk)


def part_get(*, actor: Actor, pk: int) -> ExclusivePart:
    return get_visible(
        ExclusivePart.objects.select_related(
            "project", "project__community", "building_unit__building"
        ),
        actor,
        pk=pk,
    )


def part_ownerships(*, actor: Actor, part: ExclusivePart) -> QuerySet[Ownership]:
    return (
        Ownership.objects.visible_to(actor)
        .filter(part=part)
        .select_related("owner")
        .order_by("owner__name", "owner_id")
    )


def part_occupants(*, actor: Actor, part: ExclusivePart) -> QuerySet[Occupant]:
    return Occupant.objects.visible_to(actor).filter(part=part).order_by("moved_in", "name")


def occupant_get(*, actor: Actor, pk: int) -> Occupant:
    return get_visible(Occupant.objects.select_related("part", "part__project"), actor, pk=pk)


def writable_communities(*, actor: Actor) -> QuerySet[Jurisdiction]:
    """Community-level nodes in the official's subtree (where they may register projects)."""
    return (
        Jurisdiction.objects.visible_to(writer(actor))
        .filter(level=Level.COMMUNITY)
        .order_by("path")
    )


def assignable_companies() -> QuerySet[PropertyCompany]:
    """Companies that may be given a project: filed and not blacklisted (seed 000 §11).
    Company filing data is public (the public look-up lists it)."""
    return PropertyCompany.objects.filter(
        filing_status=PropertyCompany.FilingStatus.FILED, blacklisted_since__isnull=True
    ).order_by("name")


def visible_communities(*, actor: Actor) -> QuerySet[Jurisdiction]:
    """Communities for the project-list filter (officials; empty for other roles)."""
    return Jurisdiction.objects.visible_to(actor).filter(level=Level.COMMUNITY).order_by("path")


def visible_companies(*, actor: Actor) -> QuerySet[PropertyCompany]:
    return PropertyCompany.objects.visible_to(actor).order_by("name")


def project_get_writable(*, actor: Actor, pk: int) -> Project:
    """A project the actor may edit (officials of its subtree); else NotFoundError."""
    return get_visible(
        Project.objects.select_related("community", "company", "developer"),
        writer(actor),
        pk=pk,
    )


def building_get_writable(*, actor: Actor, pk: int) -> Building:
    return building_get(actor=writer(actor), pk=pk)


def unit_get_writable(*, actor: Actor, pk: int) -> BuildingUnit:
    return unit_get(actor=writer(actor), pk=pk)


def part_get_writable(*, actor: Actor, pk: int) -> ExclusivePart:
    return part_get(actor=writer(actor), pk=pk)


def occupant_get_writable(*, actor: Actor, pk: int) -> Occupant:
    return occupant_get(actor=writer(actor), pk=pk)


def owner_get_writable(*, actor: Actor, pk: int) -> Owner:
    return owner_get(actor=writer(actor), pk=pk)


def is_writable(*, actor: Actor, project: Project) -> bool:
    """Whether the actor may edit ``project`` (no query: the node grants decide)."""
    for grant in writer(actor).grants:
        if grant.kind == "all":
            return True
        if grant.node_path and project.node_path.startswith(grant.node_path):
            return True
    return False


def owner_is_writable(*, actor: Actor, owner: Owner) -> bool:
    w = writer(actor)
    return bool(w.grants) and Owner.objects.visible_to(w).filter(pk=owner.pk).exists()


def category_warning(project: Project) -> str | None:
    """Whether the category disagrees with the completion year (seed 001 §五)."""
    from gongzhi.jurisdictions.selectors import effective_profile
    from gongzhi.registry.housing.validation import FieldError, check_category

    try:
        warning = check_category(
            effective_profile(project.community), project.category, project.completed_year
        )
    except FieldError as error:
        return str(error.message)
    return str(warning) if warning else None
