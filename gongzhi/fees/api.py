"""/api/v1/fees: fee standards, billing runs, bills, payments and bank statements.

Schema in → the same services as the pages → Schema out; amounts are integer fen out and
yuan text in (``"1933.20"``), never floats.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attribute
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.fees import selectors, services
from gongzhi.fees.models import Bill, FeeStandard, Payment

router = Router(tags=["fees"])


class ItemIn(Schema):
    name: str
    part_kind: str
    basis: str
    price: str


class StandardIn(Schema):
    project_id: int
    service_grade: str
    mode: str
    effective_from: dt.date
    effective_to: dt.date | None = None
    unrenovated_reduction: bool = True
    items: list[ItemIn]


class ItemOut(Schema):
    name: str
    part_kind: str
    basis: str
    price: str


class StandardOut(Schema):
    id: int
    project_id: int
    service_grade: str
    mode: str
    effective_from: dt.date
    effective_to: dt.date | None
    status: str
    items: list[ItemOut]


class RunIn(Schema):
    project_id: int
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date | None = None
    items: list[str] | None = None


class RunOut(Schema):
    id: int
    project_id: int
    period_start: dt.date
    period_end: dt.date
    months: int
    bill_count: int
    skipped_count: int
    total_fen: int


class BillOut(Schema):
    id: int
    reference: str
    project_id: int
    part_number: str
    payer_kind: str
    payer_name: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    total_fen: int
    paid_fen: int
    status: str

    resolve_part_number = attribute("part.number")


class PaymentIn(Schema):
    amount: str
    method: str
    paid_on: dt.date | None = None
    reference: str = ""


class PaymentOut(Schema):
    id: int
    bill_id: int
    amount_fen: int
    method: str
    paid_on: dt.date
    receipt_number: str


class StatementOut(Schema):
    id: int
    project_id: int
    filename: str
    encoding: str
    row_count: int
    matched_count: int


class MatchIn(Schema):
    bill_id: int


def _standard(s: FeeStandard) -> StandardOut:
    return StandardOut(
        id=s.pk,
        project_id=s.project_id,
        service_grade=s.service_grade,
        mode=s.mode,
        effective_from=s.effective_from,
        effective_to=s.effective_to,
        status=s.status,
        items=[
            ItemOut(name=i.name, part_kind=i.part_kind, basis=i.basis, price=str(i.price))
            for i in s.items.all()
        ],
    )


def _payment(p: Payment) -> PaymentOut:
    return PaymentOut(
        id=p.pk,
        bill_id=p.bill_id,
        amount_fen=p.amount_fen,
        method=p.method,
        paid_on=p.paid_on,
        receipt_number=p.receipt_number,
    )


@router.get("/standards", response=list[StandardOut])
def list_standards(request: HttpRequest) -> list[StandardOut]:
    return [_standard(s) for s in selectors.standard_list(actor=request_actor(request))]


@router.post("/standards", response={201: StandardOut})
def create_standard(request: HttpRequest, payload: StandardIn) -> Status:
    data = payload.dict()
    standard = services.fee_standard_set(actor=request_actor(request), **data)
    return Status(201, _standard(standard))


@router.post("/standards/{standard_id}/publish", response=StandardOut)
def publish_standard(request: HttpRequest, standard_id: int) -> StandardOut:
    standard = services.fee_items_publish(actor=request_actor(request), standard_id=standard_id)
    return _standard(standard)


@router.post("/runs", response={201: RunOut})
def create_run(request: HttpRequest, payload: RunIn) -> Status:
    run = services.billing_run(actor=request_actor(request), **payload.dict())
    return Status(201, RunOut.from_orm(run))


@router.get("/bills", response=list[BillOut])
@paginate(PageNumberPagination, page_size=50)
def list_bills(
    request: HttpRequest,
    project_id: int | None = None,
    status: str = "",
    arrears: bool = False,
) -> QuerySet[Bill]:
    return selectors.bill_list(
        actor=request_actor(request), project_id=project_id, status=status, arrears=arrears
    )


@router.get("/bills/mine", response=list[BillOut])
def my_bills(request: HttpRequest) -> list[Bill]:
    return list(selectors.my_bills(actor=request_actor(request))[:200])


@router.get("/bills/{bill_id}", response=BillOut)
def get_bill(request: HttpRequest, bill_id: int) -> Bill:
    return selectors.bill_get(actor=request_actor(request), pk=bill_id)


@router.post("/bills/{bill_id}/payments", response={201: PaymentOut})
def pay_bill(request: HttpRequest, bill_id: int, payload: PaymentIn) -> Status:
    payment = services.payment_record(
        actor=request_actor(request), bill_id=bill_id, **payload.dict()
    )
    return Status(201, _payment(payment))


@router.get("/bills/{bill_id}/payments", response=list[PaymentOut])
def bill_payments(request: HttpRequest, bill_id: int) -> list[PaymentOut]:
    actor = request_actor(request)
    bill = selectors.bill_get(actor=actor, pk=bill_id)
    return [_payment(p) for p in selectors.payment_list(actor=actor, bill_id=bill.pk)]


@router.post("/statements", response={201: StatementOut})
def import_statement(
    request: HttpRequest, project_id: Form[int], file: File[UploadedFile]
) -> Status:
    statement = services.bank_statement_import(
        actor=request_actor(request),
        project_id=project_id,
        data=file.read(),
        filename=file.name or "",
    )
    return Status(201, StatementOut.from_orm(statement))


@router.post("/statements/rows/{row_id}/match", response=PaymentOut)
def match_row(request: HttpRequest, row_id: int, payload: MatchIn) -> PaymentOut:
    row = services.unmatched_match(
        actor=request_actor(request), row_id=row_id, bill_id=payload.bill_id
    )
    assert row.payment is not None  # noqa: S101 - the service just set it
    return _payment(row.payment)


@router.post("/projects/{project_id}/reminders")
def send_reminders(request: HttpRequest, project_id: int) -> dict[str, int]:
    return {"sent": services.reminders_send(actor=request_actor(request), project_id=project_id)}
