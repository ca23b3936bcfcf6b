"""/api/v1/registry: projects, buildings, building units, exclusive parts, owners and
their shares, occupants. Same selectors and services as the pages; personal data masked
(``POST /owners/{id}/reveal/{field}`` shows it and is audited)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.registry.housing import selectors, services
from gongzhi.registry.housing.schemas import (
    BuildingIn,
    BuildingOut,
    BuildingWithUnitsOut,
    HomeOut,
    OccupantIn,
    OccupantOut,
    OwnerIn,
    OwnerOut,
    OwnershipsIn,
    PartDetailOut,
    PartIn,
    PartOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ProjectOwnerOut,
    RevealOut,
    UnitIn,
    UnitOut,
)
from gongzhi.registry.models import ExclusivePart, Occupant, Owner, Project
from gongzhi.rules.identity import mask_id_number, mask_phone

router = Router(tags=["registry: projects and owners"])


def _owner_out(owner: Owner) -> Owner:
    return owner  # OwnerOut masks the ID number and phone


def _occupant_out(o: Occupant) -> dict[str, Any]:
    return {
        "id": o.pk,
        "part_id": o.part_id,
        "kind": o.kind,
        "name": o.name,
        "id_number": mask_id_number(o.id_number),
        "phone": mask_phone(o.phone),
        "moved_in": o.moved_in,
        "moved_out": o.moved_out,
    }


def _project_detail(project: Project, warning: object = None) -> dict[str, Any]:
    data = ProjectOut.from_orm(project).dict()
    data.update(
        address=project.address,
        developer_id=project.developer_id,
        totals=selectors.project_totals(project),
        warning=str(warning) if warning else None,
    )
    return data


def _part_detail(request: HttpRequest, part: ExclusivePart) -> dict[str, Any]:
    data = PartOut.from_orm(part).dict()
    data["ownerships"] = [
        {
            "owner_id": o.owner_id,
            "owner_name": o.owner.name,
            "share": f"{o.share_numerator}/{o.share_denominator}",
            "since": o.since,
        }
        for o in selectors.part_ownerships(actor=request_actor(request), part=part)
    ]
    return data


# --- projects ----------------------------------------------------------------------


@router.get("/projects", response=list[ProjectOut])
@paginate(PageNumberPagination, page_size=50)
def project_list(
    request: HttpRequest,
    q: str = "",
    category: str = "",
    service_mode: str = "",
    community: int | None = None,
    company: int | None = None,
    formation: str = "",
) -> object:
    return selectors.project_list(
        actor=request_actor(request),
        search=q,
        category=category,
        service_mode=service_mode,
        community_id=community,
        company_id=company,
        formation=formation,
    )


@router.post("/projects", response={201: ProjectDetailOut})
def project_create(request: HttpRequest, payload: ProjectIn) -> Status:
    result = services.project_create(actor=request_actor(request), **payload.dict())
    return Status(201, _project_detail(result.project, result.warning))


@router.get("/projects/{project_id}", response=ProjectDetailOut)
def project_get(request: HttpRequest, project_id: int) -> dict:
    project = selectors.project_get(actor=request_actor(request), pk=project_id)
    return _project_detail(project)


@router.put("/projects/{project_id}", response=ProjectDetailOut)
def project_update(request: HttpRequest, project_id: int, payload: ProjectIn) -> dict:
    result = services.project_update(
        actor=request_actor(request), project_id=project_id, **payload.dict()
    )
    return _project_detail(result.project, result.warning)


@router.get("/projects/{project_id}/buildings", response=list[BuildingWithUnitsOut])
def project_buildings(request: HttpRequest, project_id: int) -> list[dict]:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    return [
        {**BuildingOut.from_orm(b).dict(), "units": [UnitOut.from_orm(u) for u in b.units.all()]}
        for b in selectors.project_buildings(actor=actor, project=project)
    ]


@router.post("/projects/{project_id}/buildings", response={201: BuildingOut})
def building_create(request: HttpRequest, project_id: int, payload: BuildingIn) -> Status:
    building = services.building_create(
        actor=request_actor(request), project_id=project_id, **payload.dict()
    )
    return Status(201, building)


@router.put("/buildings/{building_id}", response=BuildingOut)
def building_update(request: HttpRequest, building_id: int, payload: BuildingIn) -> object:
    return services.building_update(
        actor=request_actor(request), building_id=building_id, **payload.dict()
    )


@router.post("/buildings/{building_id}/units", response={201: UnitOut})
def unit_create(request: HttpRequest, building_id: int, payload: UnitIn) -> Status:
    unit = services.building_unit_create(
        actor=request_actor(request), building_id=building_id, **payload.dict()
    )
    return Status(201, unit)


@router.put("/units/{unit_id}", response=UnitOut)
def unit_update(request: HttpRequest, unit_id: int, payload: UnitIn) -> object:
    return services.building_unit_update(
        actor=request_actor(request), unit_id=unit_id, **payload.dict()
    )


# --- parts and ownerships ----------------------------------------------------------


@router.get("/projects/{project_id}/parts", response=list[PartOut])
@paginate(PageNumberPagination, page_size=100)
def project_parts(
    request: HttpRequest, project_id: int, q: str = "", kind: str = "", delivery: str = ""
) -> object:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    return selectors.project_parts(
        actor=actor, project=project, search=q, kind=kind, delivery=delivery
    ).prefetch_related(None)


@router.post("/projects/{project_id}/parts", response={201: PartDetailOut})
def part_create(request: HttpRequest, project_id: int, payload: PartIn) -> Status:
    part = services.part_create(
        actor=request_actor(request), project_id=project_id, **payload.dict()
    )
    return Status(201, _part_detail(request, part))


@router.get("/parts/{part_id}", response=PartDetailOut)
def part_get(request: HttpRequest, part_id: int) -> dict:
    part = selectors.part_get(actor=request_actor(request), pk=part_id)
    return _part_detail(request, part)


@router.put("/parts/{part_id}", response=PartDetailOut)
def part_update(request: HttpRequest, part_id: int, payload: PartIn) -> dict:
    part = services.part_update(actor=request_actor(request), part_id=part_id, **payload.dict())
    return _part_detail(request, part)


@router.put("/parts/{part_id}/ownerships", response=PartDetailOut)
def part_ownerships_replace(request: HttpRequest, part_id: int, payload: OwnershipsIn) -> dict:
    """Replace the part's whole ownership set; shares are fractions summing to 1."""
    actor = request_actor(request)
    rows = [services.OwnerInput(**row.dict()) for row in payload.owners]
    services.part_ownerships_replace(actor=actor, part_id=part_id, rows=rows)
    return _part_detail(request, selectors.part_get(actor=actor, pk=part_id))


@router.get("/projects/{project_id}/owners", response=list[ProjectOwnerOut])
@paginate(PageNumberPagination, page_size=50)
def project_owners(request: HttpRequest, project_id: int, q: str = "") -> object:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    return selectors.project_owners(actor=actor, project=project, search=q)


# --- owners ------------------------------------------------------------------------


@router.get("/owners", response=list[OwnerOut])
@paginate(PageNumberPagination, page_size=50)
def owner_list(request: HttpRequest, q: str = "") -> object:
    """Search owners by name (never by ID number); numbers are masked."""
    return selectors.owner_search(actor=request_actor(request), search=q)


@router.get("/owners/{owner_id}", response=OwnerOut)
def owner_get(request: HttpRequest, owner_id: int) -> Owner:
    """Personal data is masked; POST .../reveal/{field} shows it and is audited."""
    return _owner_out(selectors.owner_get(actor=request_actor(request), pk=owner_id))


@router.put("/owners/{owner_id}", response=OwnerOut)
def owner_update(request: HttpRequest, owner_id: int, payload: OwnerIn) -> Owner:
    owner = services.owner_update(actor=request_actor(request), owner_id=owner_id, **payload.dict())
    return _owner_out(owner)


@router.post("/owners/{owner_id}/reveal/{field}", response=RevealOut)
def owner_reveal(request: HttpRequest, owner_id: int, field: str) -> dict:
    value = services.owner_reveal(actor=request_actor(request), owner_id=owner_id, field=field)
    return {"field": field, "value": value}


# --- occupants ---------------------------------------------------------------------


@router.get("/parts/{part_id}/occupants", response=list[OccupantOut])
def part_occupants(request: HttpRequest, part_id: int) -> list[dict]:
    actor = request_actor(request)
    part = selectors.part_get(actor=actor, pk=part_id)
    return [_occupant_out(o) for o in selectors.part_occupants(actor=actor, part=part)]


@router.post("/parts/{part_id}/occupants", response={201: OccupantOut})
def occupant_create(request: HttpRequest, part_id: int, payload: OccupantIn) -> Status:
    data = payload.dict()
    data["id_number"] = data["id_number"] or ""
    occupant = services.occupant_create(actor=request_actor(request), part_id=part_id, **data)
    return Status(201, _occupant_out(occupant))


@router.put("/occupants/{occupant_id}", response=OccupantOut)
def occupant_update(request: HttpRequest, occupant_id: int, payload: OccupantIn) -> dict:
    occupant = services.occupant_update(
        actor=request_actor(request), occupant_id=occupant_id, **payload.dict()
    )
    return _occupant_out(occupant)


@router.get("/my-homes", response=list[HomeOut])
def my_homes(request: HttpRequest) -> list[dict]:
    return [
        {
            "part_id": o.part_id,
            "project_id": o.part.project_id,
            "project_name": o.part.project.name,
            "number": o.part.number,
            "kind": o.part.kind,
            "area": o.part.area,
            "share": f"{o.share_numerator}/{o.share_denominator}",
        }
        for o in selectors.my_homes(actor=request_actor(request))
    ]
