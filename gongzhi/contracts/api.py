"""/api/v1/contracts: property-service contracts and their filing (seed 000 §11,16; 004 §8).

Schema in → service/selector → Schema out; the same services as the pages.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.contracts import selectors, services
from gongzhi.contracts.models import ContractAttachment, ServiceContract
from gongzhi.contracts.rules import FilingDeadline
from gongzhi.contracts.workflow import ACTIONS, available_actions
from gongzhi.core import clock
from gongzhi.core.api import attached_actions, attribute, known_action, optional_body, with_actions
from gongzhi.core.pagination import PageNumberPagination

router = Router(tags=["contracts"])


class ContractIn(Schema):
    project_id: int
    kind: str
    signed_on: dt.date
    term_start: dt.date
    term_end: dt.date
    service_grade: str
    fee_per_m2_month: Decimal
    fee_mode: str
    company_id: int | None = None


class ContractPatch(Schema):
    project_id: int | None = None
    kind: str | None = None
    signed_on: dt.date | None = None
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    service_grade: str | None = None
    fee_per_m2_month: Decimal | None = None
    fee_mode: str | None = None


class ActionIn(Schema):
    note: str = ""


class DeadlineOut(Schema):
    due: dt.date | None
    days: int | None
    day_kind: str
    provisional: bool
    explanation: str
    citation: str
    overdue: bool


class AttachmentOut(Schema):
    id: int
    kind: str
    original_name: str
    size: int
    uploaded_at: dt.datetime


class ContractOut(Schema):
    id: int
    project_id: int
    project_name: str
    company_id: int
    company_name: str
    kind: str
    signed_on: dt.date
    term_start: dt.date
    term_end: dt.date
    service_grade: str
    fee_per_m2_month: Decimal
    fee_mode: str
    status: str
    submitted_at: dt.datetime | None
    street_reviewed_at: dt.datetime | None
    filed_at: dt.datetime | None
    return_note: str
    filing_deadline: DeadlineOut

    resolve_project_name = attribute("project.name")

    resolve_company_name = attribute("company.name")

    @staticmethod
    def resolve_filing_deadline(obj: ServiceContract) -> dict[str, Any]:
        deadline: FilingDeadline = getattr(obj, "_filing", None) or selectors.contract_deadline(obj)
        return {
            "due": deadline.due,
            "days": deadline.days,
            "day_kind": deadline.day_kind,
            "provisional": deadline.provisional,
            "explanation": deadline.text,
            "citation": deadline.citation,
            "overdue": deadline.overdue(
                filed=obj.status == ServiceContract.Status.FILED, today=clock.today()
            ),
        }


class ContractDetailOut(ContractOut):
    attachments: list[AttachmentOut]
    actions: list[str]

    @staticmethod
    def resolve_attachments(obj: ServiceContract) -> list[ContractAttachment]:
        return list(getattr(obj, "_documents", []))

    resolve_actions = attached_actions


class OverdueSummaryOut(Schema):
    total: int
    by_status: dict[str, int]


class _WithDeadlines:
    """A lazy page source: slicing loads the rows and their deadlines in one go."""

    def __init__(self, qs: QuerySet[ServiceContract]) -> None:
        self.qs = qs

    def __len__(self) -> int:
        return self.qs.count()

    def __getitem__(self, window: slice) -> list[ServiceContract]:
        rows = list(self.qs[window])
        deadlines = selectors.deadlines_for(rows)
        for row in rows:
            row._filing = deadlines[row.pk]  # type: ignore[attr-defined]
        return rows


@router.get("", response=list[ContractOut])
@paginate(PageNumberPagination, page_size=50)
def contract_list(
    request: HttpRequest, q: str = "", status: str = "", kind: str = "", overdue: bool = False
) -> Any:
    qs = selectors.contract_list(
        actor=request_actor(request), search=q, status=status, kind=kind, overdue=overdue
    )
    return _WithDeadlines(qs)


@router.get("/overdue", response=list[ContractOut])
@paginate(PageNumberPagination, page_size=50)
def overdue_list(request: HttpRequest) -> Any:
    actor = request_actor(request)
    ids = selectors.overdue_ids(actor=actor)
    qs = selectors.contract_list(actor=actor).filter(pk__in=ids).order_by("signed_on", "id")
    return _WithDeadlines(qs)


@router.get("/overdue/summary", response=OverdueSummaryOut)
def overdue_summary(request: HttpRequest) -> Any:
    actor = request_actor(request)
    counts = selectors.overdue_counts(actor=actor, ids=selectors.overdue_ids(actor=actor))
    return {"total": counts.total, "by_status": counts.by_status}


def _detail(request: HttpRequest, contract_id: int) -> ServiceContract:
    actor = request_actor(request)
    contract = selectors.contract_get(actor=actor, pk=contract_id)
    contract._documents = list(  # type: ignore[attr-defined]
        selectors.contract_attachments(actor=actor, contract=contract)
    )
    return with_actions(contract, available_actions(contract, actor))


@router.get("/{contract_id}", response=ContractDetailOut)
def contract_get(request: HttpRequest, contract_id: int) -> Any:
    return _detail(request, contract_id)


@router.post("", response={201: ContractDetailOut})
def contract_create(request: HttpRequest, payload: ContractIn) -> Any:
    contract = services.contract_create(actor=request_actor(request), **payload.model_dump())
    return Status(201, _detail(request, contract.pk))


@router.patch("/{contract_id}", response=ContractDetailOut)
def contract_update(request: HttpRequest, contract_id: int, payload: ContractPatch) -> Any:
    services.contract_update(
        actor=request_actor(request),
        contract_id=contract_id,
        **payload.model_dump(exclude_unset=True),
    )
    return _detail(request, contract_id)


@router.post("/{contract_id}/actions/{action}", response=ContractDetailOut)
def contract_action(request: HttpRequest, contract_id: int, action: str) -> Any:
    """Apply ``submit``, ``review``, ``return`` or ``file``. Optional JSON body
    ``{"note": "…"}`` (required for ``return``)."""
    known_action(action, ACTIONS)
    body = optional_body(request, ActionIn)
    services.contract_act(
        actor=request_actor(request), contract_id=contract_id, action=action, note=body.note
    )
    return _detail(request, contract_id)


@router.post("/{contract_id}/attachments", response={201: AttachmentOut})
def attachment_upload(
    request: HttpRequest,
    contract_id: int,
    kind: Form[str],
    file: File[UploadedFile],
) -> Any:
    attachment: ContractAttachment = services.attachment_add(
        actor=request_actor(request), contract_id=contract_id, kind=kind, upload=file
    )
    return Status(201, attachment)
