"""/api/v1/oldprojects: old residential areas' service modes and "五有" checks, and the
company subsidy and the district's yearly company reward (seed 001 §三(三)3); the same
services as the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.oldprojects import selectors, services

router = Router(tags=["oldprojects"])


class ServiceIn(Schema):
    project_id: int
    mode: str
    basics: list[str] = []
    checked_on: dt.date | None = None
    note: str = ""


class ServiceOut(Schema):
    id: int
    project_id: int
    mode: str
    company_id: int | None
    basics: list[str]
    basics_passed: bool
    checked_on: dt.date
    note: str


class SubsidyIn(Schema):
    project_id: int
    year: int
    month_from: int
    month_to: int
    area_m2: Decimal | None = None
    note: str = ""


class CheckIn(Schema):
    basics: list[str] = []
    note: str = ""


class ApproveIn(Schema):
    rate: str  # yuan per m² a month, e.g. "0.25"


class PayIn(Schema):
    paid_on: dt.date | None = None


class RejectIn(Schema):
    note: str


class RewardIn(Schema):
    company_id: int
    year: int
    amount: str  # yuan, e.g. "20000"
    note: str = ""


class RewardOut(Schema):
    id: int
    company_id: int
    year: int
    amount_fen: int
    passed_projects: int
    explanation: str
    status: str
    journal_entry_id: int | None


class SubsidyOut(Schema):
    id: int
    project_id: int
    company_id: int
    year: int
    month_from: int
    month_to: int
    area_m2: Decimal
    basics: list[str]
    rate_fen: int | None
    computed_fen: int | None
    amount_fen: int | None
    explanation: str
    status: str
    journal_entry_id: int | None


@router.get("/services", response=list[ServiceOut])
@paginate(PageNumberPagination, page_size=50)
def service_list(request: HttpRequest, mode: str = "") -> Any:
    return selectors.service_list(actor=request_actor(request), mode=mode)


@router.get("/services/{service_id}", response=ServiceOut)
def service_get(request: HttpRequest, service_id: int) -> Any:
    return selectors.service_get(actor=request_actor(request), pk=service_id)


@router.post("/services", response=ServiceOut)
def service_record(request: HttpRequest, payload: ServiceIn) -> Any:
    return services.service_record(actor=request_actor(request), **payload.model_dump())


@router.get("/subsidies", response=list[SubsidyOut])
@paginate(PageNumberPagination, page_size=50)
def subsidy_list(request: HttpRequest, status: str = "", year: int | None = None) -> Any:
    return selectors.subsidy_list(actor=request_actor(request), status=status, year=year)


@router.post("/subsidies", response={201: SubsidyOut})
def subsidy_apply(request: HttpRequest, payload: SubsidyIn) -> Any:
    return Status(201, services.subsidy_apply(actor=request_actor(request), **payload.model_dump()))


@router.get("/subsidies/{application_id}", response=SubsidyOut)
def subsidy_get(request: HttpRequest, application_id: int) -> Any:
    return selectors.subsidy_get(actor=request_actor(request), pk=application_id)


@router.post("/subsidies/{application_id}/check", response=SubsidyOut)
def subsidy_check(request: HttpRequest, application_id: int, payload: CheckIn) -> Any:
    return services.subsidy_check(
        actor=request_actor(request), application_id=application_id, **payload.model_dump()
    )


@router.post("/subsidies/{application_id}/approve", response=SubsidyOut)
def subsidy_approve(request: HttpRequest, application_id: int, payload: ApproveIn) -> Any:
    return services.subsidy_approve(
        actor=request_actor(request), application_id=application_id, rate=payload.rate
    )


@router.post("/subsidies/{application_id}/pay", response=SubsidyOut)
def subsidy_pay(request: HttpRequest, application_id: int, payload: PayIn) -> Any:
    return services.subsidy_pay(
        actor=request_actor(request), application_id=application_id, paid_on=payload.paid_on
    )


@router.post("/subsidies/{application_id}/reject", response=SubsidyOut)
def subsidy_reject(request: HttpRequest, application_id: int, payload: RejectIn) -> Any:
    return services.subsidy_reject(
        actor=request_actor(request), application_id=application_id, note=payload.note
    )


@router.get("/rewards", response=list[RewardOut])
@paginate(PageNumberPagination, page_size=50)
def reward_list(request: HttpRequest, status: str = "", year: int | None = None) -> Any:
    return selectors.reward_list(actor=request_actor(request), status=status, year=year)


@router.post("/rewards", response={201: RewardOut})
def reward_grant(request: HttpRequest, payload: RewardIn) -> Any:
    return Status(201, services.reward_grant(actor=request_actor(request), **payload.model_dump()))


@router.get("/rewards/{reward_id}", response=RewardOut)
def reward_get(request: HttpRequest, reward_id: int) -> Any:
    return selectors.reward_get(actor=request_actor(request), pk=reward_id)


@router.post("/rewards/{reward_id}/pay", response=RewardOut)
def reward_pay(request: HttpRequest, reward_id: int, payload: PayIn) -> Any:
    return services.reward_pay(
        actor=request_actor(request), reward_id=reward_id, paid_on=payload.paid_on
    )


@router.post("/rewards/{reward_id}/withdraw", response=RewardOut)
def reward_withdraw(request: HttpRequest, reward_id: int, payload: RejectIn) -> Any:
    return services.reward_withdraw(
        actor=request_actor(request), reward_id=reward_id, note=payload.note
    )
