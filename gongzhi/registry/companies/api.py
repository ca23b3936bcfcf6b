"""/api/v1/registry/companies…"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.registry.companies import selectors

router = Router(tags=["registry: companies"])


class CompanyOut(Schema):
    id: int
    name: str
    uscc: str
    legal_representative: str
    filing_status: str
    contact_phone: str


@router.get("/companies", response=list[CompanyOut])
@paginate(PageNumberPagination, page_size=50)
def company_list(request: HttpRequest, q: str = "", status: str = "") -> object:
    return selectors.company_list(actor=request_actor(request), search=q, status=status)


@router.get("/companies/{company_id}", response=CompanyOut)
def company_get(request: HttpRequest, company_id: int) -> object:
    return selectors.company_get(actor=request_actor(request), pk=company_id)
