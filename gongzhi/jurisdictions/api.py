from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.core.scoping import get_visible
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import community_staffing, effective_profile_id, subtree

router = Router(tags=["jurisdictions"])


class JurisdictionOut(Schema):
    id: int
    name: str
    level: str
    parent_id: int | None
    depth: int
    division_code: str
    profile_id: str


class JurisdictionDetailOut(JurisdictionOut):
    effective_profile_id: str
    # communities: officers bound to it and the profile's community_property_officers_min
    property_officers: int | None = None
    property_officers_min: int | None = None
    property_officers_short: bool = False


@router.get("/", response=list[JurisdictionOut])
@paginate(PageNumberPagination, page_size=100)
def jurisdiction_list(request: HttpRequest) -> object:
    return subtree(actor=request_actor(request))


@router.get("/{node_id}", response=JurisdictionDetailOut)
def jurisdiction_get(request: HttpRequest, node_id: int) -> dict:
    node = get_visible(Jurisdiction.objects.all(), request_actor(request), pk=node_id)
    data = JurisdictionOut.from_orm(node).dict()
    data["effective_profile_id"] = effective_profile_id(node)
    check = community_staffing([node]).get(node.pk)
    if check is not None:
        data["property_officers"] = check.staffed
        data["property_officers_min"] = check.required
        data["property_officers_short"] = check.short
    return data
