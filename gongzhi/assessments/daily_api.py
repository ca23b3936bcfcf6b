"""/api/v1/assessments/daily: the community's daily checks (seed 004 §10), the same
services as the pages (photos are added on the page, multipart)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.assessments import awards, daily

router = Router(tags=["assessments"])


class DailyIn(Schema):
    project_id: int
    checked_on: dt.date
    problems: dict[str, str] = {}
    note: str = ""


class CloseIn(Schema):
    note: str


class DailyOut(Schema):
    id: int
    project_id: int
    company_id: int | None
    checked_on: dt.date
    findings: list[dict[str, str]]
    note: str
    status: str
    close_note: str


@router.get("", response=list[DailyOut])
@paginate(PageNumberPagination, page_size=50)
def daily_list(request: HttpRequest, status: str = "", project_id: int | None = None) -> Any:
    return daily.daily_check_list(
        actor=request_actor(request), status=status, project_id=project_id
    )


@router.post("", response={201: DailyOut})
def daily_record(request: HttpRequest, payload: DailyIn) -> Any:
    return Status(
        201, daily.daily_check_record(actor=request_actor(request), **payload.model_dump())
    )


@router.get("/{check_id}", response=DailyOut)
def daily_get(request: HttpRequest, check_id: int) -> Any:
    return daily.daily_check_get(actor=request_actor(request), pk=check_id)


@router.post("/{check_id}/close", response=DailyOut)
def daily_close(request: HttpRequest, check_id: int, payload: CloseIn) -> Any:
    return daily.daily_check_close(
        actor=request_actor(request), check_id=check_id, note=payload.note
    )


class AwardIn(Schema):
    year: int
    recipient: str
    name: str
    title: str
    amount: str
    company_id: int | None = None


class AwardOut(Schema):
    id: int
    year: int
    recipient: str
    name: str
    title: str
    company_id: int | None
    amount_fen: int


awards_router = Router(tags=["assessments"])


@awards_router.get("", response=list[AwardOut])
def award_list(request: HttpRequest, year: int | None = None) -> Any:
    """The yearly assessment awards (seed 001 §四(二)) the caller sees."""
    return list(awards.award_list(actor=request_actor(request), year=year))


@awards_router.post("", response={201: AwardOut})
def award_grant(request: HttpRequest, payload: AwardIn) -> Any:
    return Status(201, awards.award_grant(actor=request_actor(request), **payload.model_dump()))
