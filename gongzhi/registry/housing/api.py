from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.registry.housing import selectors, services
from gongzhi.rules.identity import mask_id_number, mask_phone

router = Router(tags=["registry: projects and owners"])


class ProjectOut(Schema):
    id: int
    name: str
    community_id: int
    category: str
    service_mode: str
    company_id: int | None
    completed_year: int | None
    total_building_area: Decimal | None


class ProjectDetailOut(ProjectOut):
    address: str
    developer_id: int | None
    totals: dict[str, int | Decimal | None]


class OwnerOut(Schema):
    id: int
    kind: str
    name: str
    id_number: str
    uscc: str
    phone: str
    is_developer: bool


class HomeOut(Schema):
    part_id: int
    project_id: int
    project_name: str
    number: str
    kind: str
    area: Decimal
    share: str


class RevealOut(Schema):
    field: str
    value: str


@router.get("/projects", response=list[ProjectOut])
@paginate(PageNumberPagination, page_size=50)
def project_list(request: HttpRequest, q: str = "", category: str = "") -> object:
    return selectors.project_list(actor=request_actor(request), search=q, category=category)


@router.get("/projects/{project_id}", response=ProjectDetailOut)
def project_get(request: HttpRequest, project_id: int) -> dict:
    project = selectors.project_get(actor=request_actor(request), pk=project_id)
    data = ProjectOut.from_orm(project).dict()
    data.update(
        address=project.address,
        developer_id=project.developer_id,
        totals=selectors.project_totals(project),
    )
    return data


@router.get("/owners/{owner_id}", response=OwnerOut)
def owner_get(request: HttpRequest, owner_id: int) -> dict:
    """Personal data is masked; POST .../reveal/{field} shows it and is audited."""
    owner = selectors.owner_get(actor=request_actor(request), pk=owner_id)
    return {
        "id": owner.pk,
        "kind": owner.kind,
        "name": owner.name,
        "id_number": mask_id_number(owner.id_number),
        "uscc": owner.uscc,
        "phone": mask_phone(owner.phone),
        "is_developer": owner.is_developer,
    }


@router.post("/owners/{owner_id}/reveal/{field}", response=RevealOut)
def owner_reveal(request: HttpRequest, owner_id: int, field: str) -> dict:
    value = services.owner_reveal(actor=request_actor(request), owner_id=owner_id, field=field)
    return {"field": field, "value": value}


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
