"""/api/v1/registry guard-filing endpoints (seed 004 §2): the same services as the pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.registry.companies import guards, selectors
from gongzhi.registry.models import GuardFiling

router = Router(tags=["registry"])


class GuardFilingIn(Schema):
    police_bureau: str
    filing_number: str
    filed_on: dt.date | None = None
    valid_until: dt.date | None = None
    guards: int | None = None
    note: str = ""


class ReviewIn(Schema):
    note: str = ""


class GuardFilingOut(Schema):
    id: int
    company_id: int
    police_bureau: str
    filing_number: str
    filed_on: dt.date
    valid_until: dt.date | None
    guards: int | None
    status: str
    review_note: str
    valid_today: bool

    @staticmethod
    def resolve_valid_today(obj: GuardFiling) -> bool:
        return obj.is_valid_on(clock.today())


@router.get("/companies/{company_id}/guard-filings", response=list[GuardFilingOut])
def guard_filing_list(request: HttpRequest, company_id: int) -> object:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=company_id)
    return list(guards.guard_filings(actor=actor, company=company))


@router.post("/companies/{company_id}/guard-filings", response={201: GuardFilingOut})
def guard_filing_record(request: HttpRequest, company_id: int, payload: GuardFilingIn) -> object:
    filing = guards.guard_filing_record(
        actor=request_actor(request), company_id=company_id, **payload.model_dump()
    )
    return Status(201, filing)


@router.get("/guard-filings/{filing_id}", response=GuardFilingOut)
def guard_filing_get(request: HttpRequest, filing_id: int) -> object:
    return guards.guard_filing_get(actor=request_actor(request), pk=filing_id)


@router.post("/guard-filings/{filing_id}/{action}", response=GuardFilingOut)
def guard_filing_review(
    request: HttpRequest, filing_id: int, action: str, payload: ReviewIn
) -> object:
    """``verify`` or ``return`` (with a note) by the bureau the company files with."""
    return guards.guard_filing_review(
        actor=request_actor(request), filing_id=filing_id, action=action, note=payload.note
    )
