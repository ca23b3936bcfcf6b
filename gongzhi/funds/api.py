"""/api/v1/funds: maintenance fund, fund use, bonds, deposits, old-project fund, common
revenue and the reconciliation report. Schema in → the same services as the pages →
Schema out; amounts in are yuan strings ("12.34"), amounts out integer fen."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attached_actions, attribute, with_actions
from gongzhi.core.errors import NotFoundError
from gongzhi.core.explain import explain
from gongzhi.funds import selectors, services
from gongzhi.funds.models import Deposit, FundUseApplication, PartFund, PerformanceBond
from gongzhi.funds.workflow import available_actions

router = Router(tags=["funds"])


class OpenIn(Schema):
    cost_yuan_per_m2_elevator: str | None = None
    cost_yuan_per_m2_plain: str | None = None


class AmountIn(Schema):
    amount: str | None = None
    date: dt.date | None = None


class CountOut(Schema):
    count: int


class PartFundOut(Schema):
    part_id: int
    part_number: str
    project_id: int
    area: str
    standard_fen: int
    standard_reason: str
    first_deposit_fen: int | None
    first_deposited_on: dt.date | None
    balance_fen: int

    resolve_part_number = attribute("part.number")

    @staticmethod
    def resolve_area(obj: PartFund) -> str:
        return str(obj.part.area)

    @staticmethod
    def resolve_standard_reason(obj: PartFund) -> str:
        return explain(obj.standard_reason)

    resolve_balance_fen = attribute("account.balance_fen")


class OldFundPartOut(Schema):
    part_id: int
    part_number: str
    project_id: int
    area: str
    owners_fen: int
    match_fen: int
    balance_fen: int

    resolve_part_id = attribute("part.pk")
    resolve_part_number = attribute("part.number")
    resolve_project_id = attribute("project.pk")

    @staticmethod
    def resolve_area(obj: Any) -> str:
        return str(obj.part.area)


class ApplicationIn(Schema):
    project_id: int
    title: str
    work: str
    estimate: str
    part_ids: list[int]
    emergency: str = ""


class ActionIn(Schema):
    note: str = ""
    amount: str | None = None


class ShareOut(Schema):
    part_id: int
    area: str
    amount_fen: int | None

    @staticmethod
    def resolve_area(obj: Any) -> str:
        return str(obj.area)


class ApplicationOut(Schema):
    id: int
    project_id: int
    applicant: str
    title: str
    work: str
    estimate_fen: int
    emergency: str
    status: str
    matter_id: int | None
    owners_decided_on: dt.date | None
    review_note: str
    disbursed_at: dt.datetime | None
    published_at: dt.datetime | None
    publication_note: str
    shares: list[ShareOut]
    actions: list[str]

    @staticmethod
    def resolve_shares(obj: FundUseApplication) -> list[Any]:
        return list(getattr(obj, "_shares", []))

    resolve_actions = attached_actions


class BondIn(Schema):
    amount: str
    holder: str = "street"
    annual_fees: str | None = None
    date: dt.date | None = None


class BondOut(Schema):
    id: int
    company_id: int
    project_id: int
    holder: str
    amount_fen: int
    balance_fen: int
    status: str
    requirement: str
    committee_opinion: str

    @staticmethod
    def resolve_balance_fen(obj: PerformanceBond) -> int:
        obj.account.refresh_from_db()
        return obj.account.balance_fen

    @staticmethod
    def resolve_requirement(obj: PerformanceBond) -> str:
        return explain(obj.requirement)


class DeductIn(Schema):
    amount: str
    reason: str


class RefundIn(Schema):
    committee_opinion: str


class DepositIn(Schema):
    kind: str
    households: int | None = None
    construction_cost: str | None = None
    date: dt.date | None = None


class DepositOut(Schema):
    id: int
    kind: str
    project_id: int
    amount_fen: int
    basis: str
    status: str

    @staticmethod
    def resolve_basis(obj: Deposit) -> str:
        return explain(obj.basis)


class ReleaseIn(Schema):
    note: str


class OldFundIn(Schema):
    rate_yuan_per_m2_elevator: str | None = None
    rate_yuan_per_m2_plain: str | None = None
    date: dt.date | None = None


class EntryOut(Schema):
    id: int
    fund: str
    date: dt.date
    memo: str
    reference: str


class RevenueIn(Schema):
    category: str
    amount: str
    memo: str = ""
    date: dt.date | None = None


class StatementLineOut(Schema):
    direction: str
    category: str
    amount_fen: int


class StatementOut(Schema):
    project_id: int
    year: int
    published: bool
    lines: list[StatementLineOut]


class ReconciliationOut(Schema):
    ok: bool
    accounts: int
    entries: int
    postings: int
    mismatched_accounts: list[int]
    unbalanced_entries: list[int]


def _actor(request: HttpRequest) -> Any:
    return request_actor(request)


@router.get("/parts/mine", response=list[PartFundOut])
def my_parts(request: HttpRequest) -> Any:
    return list(selectors.my_part_funds(actor=_actor(request)))


@router.get("/old-fund/mine", response=list[OldFundPartOut])
def my_old_fund(request: HttpRequest) -> Any:
    return selectors.my_old_fund_parts(actor=_actor(request))


@router.get("/projects/{project_id}/old-fund", response=list[OldFundPartOut])
def project_old_fund(request: HttpRequest, project_id: int) -> Any:
    actor = _actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    return selectors.old_fund_parts(actor=actor, project=project)


@router.get("/projects/{project_id}/parts", response=list[PartFundOut])
def project_parts(request: HttpRequest, project_id: int) -> Any:
    actor = _actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    return list(selectors.part_fund_list(actor=actor, project=project)[:1000])


@router.post("/projects/{project_id}/maintenance/open", response=CountOut)
def maintenance_open(request: HttpRequest, project_id: int, payload: OpenIn) -> Any:
    count = services.maintenance_open(
        actor=_actor(request), project_id=project_id, **payload.model_dump()
    )
    return {"count": count}


@router.post("/projects/{project_id}/maintenance/first-deposits", response=CountOut)
def first_deposits(request: HttpRequest, project_id: int, payload: AmountIn) -> Any:
    count = services.first_deposits_record_all(
        actor=_actor(request), project_id=project_id, date=payload.date
    )
    return {"count": count}


@router.post("/parts/{part_id}/first-deposit", response=PartFundOut)
def first_deposit(request: HttpRequest, part_id: int, payload: AmountIn) -> Any:
    return services.first_deposit_record(
        actor=_actor(request), part_id=part_id, amount=payload.amount, date=payload.date
    )


@router.post("/parts/{part_id}/topup", response=PartFundOut)
def topup(request: HttpRequest, part_id: int, payload: AmountIn) -> Any:
    part_fund = services.topup_record(
        actor=_actor(request), part_id=part_id, amount=payload.amount, date=payload.date
    )
    part_fund.account.refresh_from_db()
    return part_fund


@router.post("/projects/{project_id}/maintenance/interest", response=CountOut)
def interest(request: HttpRequest, project_id: int, payload: AmountIn) -> Any:
    count = services.interest_allocate(
        actor=_actor(request), project_id=project_id, amount=payload.amount, date=payload.date
    )
    return {"count": count}


def _application(request: HttpRequest, pk: int) -> FundUseApplication:
    actor = _actor(request)
    app = selectors.application_get(actor=actor, pk=pk)
    app._shares = list(selectors.application_shares(actor=actor, application=app))  # type: ignore[attr-defined]
    return with_actions(app, available_actions(app, actor))


@router.get("/applications", response=list[ApplicationOut])
def application_list(request: HttpRequest, status: str = "") -> Any:
    actor = _actor(request)
    return list(selectors.application_list(actor=actor, status=status)[:200])


@router.post("/applications", response={201: ApplicationOut})
def application_create(request: HttpRequest, payload: ApplicationIn) -> Any:
    app = services.fund_use_apply(actor=_actor(request), **payload.model_dump())
    return Status(201, _application(request, app.pk))


@router.get("/applications/{application_id}", response=ApplicationOut)
def application_get(request: HttpRequest, application_id: int) -> Any:
    return _application(request, application_id)


@router.post("/applications/{application_id}/actions/{action}", response=ApplicationOut)
def application_action(
    request: HttpRequest, application_id: int, action: str, payload: ActionIn
) -> Any:
    """``open_decision``, ``pre_review``, ``refuse`` (note), ``disburse`` (amount, default
    the estimate) or ``publish`` (note)."""
    actor = _actor(request)
    if action == "open_decision":
        services.fund_use_open_decision(actor=actor, application_id=application_id)
    elif action == "disburse":
        services.fund_use_disburse(
            actor=actor, application_id=application_id, amount=payload.amount
        )
    elif action in ("pre_review", "refuse", "publish"):
        services.fund_use_act(
            actor=actor, application_id=application_id, action=action, note=payload.note
        )
    else:
        raise NotFoundError(_("Not found."))
    return _application(request, application_id)


@router.get("/projects/{project_id}/bonds", response=list[BondOut])
def bond_list(request: HttpRequest, project_id: int) -> Any:
    actor = _actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    return list(selectors.bond_list(actor=actor, project=project))


@router.post("/projects/{project_id}/bonds", response={201: BondOut})
def bond_create(request: HttpRequest, project_id: int, payload: BondIn) -> Any:
    bond = services.bond_deposit(
        actor=_actor(request), project_id=project_id, **payload.model_dump()
    )
    return Status(201, bond)


@router.post("/bonds/{bond_id}/deductions", response=BondOut)
def bond_deduct(request: HttpRequest, bond_id: int, payload: DeductIn) -> Any:
    return services.bond_deduct(actor=_actor(request), bond_id=bond_id, **payload.model_dump())


@router.post("/bonds/{bond_id}/refund", response=BondOut)
def bond_refund(request: HttpRequest, bond_id: int, payload: RefundIn) -> Any:
    return services.bond_refund(
        actor=_actor(request), bond_id=bond_id, opinion=payload.committee_opinion
    )


@router.post("/projects/{project_id}/deposits", response={201: DepositOut})
def deposit_create(request: HttpRequest, project_id: int, payload: DepositIn) -> Any:
    deposit = services.deposit_record(
        actor=_actor(request), project_id=project_id, **payload.model_dump()
    )
    return Status(201, deposit)


@router.post("/deposits/{deposit_id}/release", response=DepositOut)
def deposit_release(request: HttpRequest, deposit_id: int, payload: ReleaseIn) -> Any:
    return services.deposit_release(actor=_actor(request), deposit_id=deposit_id, note=payload.note)


@router.post("/projects/{project_id}/old-fund", response={201: EntryOut})
def old_fund(request: HttpRequest, project_id: int, payload: OldFundIn) -> Any:
    entry = services.old_fund_collect(
        actor=_actor(request), project_id=project_id, **payload.model_dump()
    )
    return Status(201, entry)


@router.post("/projects/{project_id}/revenue", response={201: EntryOut})
def revenue_create(request: HttpRequest, project_id: int, payload: RevenueIn) -> Any:
    entry = services.revenue_record(
        actor=_actor(request), project_id=project_id, **payload.model_dump()
    )
    return Status(201, entry)


@router.get("/projects/{project_id}/revenue/{year}", response=StatementOut)
def statement(request: HttpRequest, project_id: int, year: int) -> Any:
    actor = _actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    published = selectors.statement_list(actor=actor, project=project).filter(year=year).first()
    lines = (
        published.lines
        if published
        else selectors.statement_lines(project_id=project.pk, year=year)
    )
    return {
        "project_id": project.pk,
        "year": year,
        "published": published is not None,
        "lines": lines,
    }


@router.post("/projects/{project_id}/revenue/{year}/publish", response={201: StatementOut})
def statement_publish(request: HttpRequest, project_id: int, year: int) -> Any:
    published = services.revenue_statement_publish(
        actor=_actor(request), project_id=project_id, year=year
    )
    return Status(
        201,
        {"project_id": project_id, "year": year, "published": True, "lines": published.lines},
    )


@router.get("/reconciliation", response=ReconciliationOut)
def reconciliation(request: HttpRequest) -> Any:
    report = selectors.reconciliation(actor=_actor(request))
    return {
        "ok": report.ok,
        "accounts": report.accounts,
        "entries": report.entries,
        "postings": report.postings,
        "mismatched_accounts": [m.account_id for m in report.mismatches],
        "unbalanced_entries": [u.entry_id for u in report.unbalanced],
    }
