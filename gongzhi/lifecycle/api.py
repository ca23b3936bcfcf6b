"""/api/v1/lifecycle: selections, handover inspections, exits (seed 000 §8, §12, §13, §16,
§24; 001 §(二)1; 004 §8, §10, §12, §14).

Schema in → the same services and selectors as the pages → Schema out. Every row is
scoped to the caller; absent and forbidden ids are both ``not_found``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attribute, known_action
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.lifecycle import selectors, services
from gongzhi.lifecycle.models import Bidder, Exit, ExitItem, Handover, HandoverFinding, Selection

router = Router(tags=["lifecycle"])


# --- schemas ---------------------------------------------------------------------------------


class SelectionIn(Schema):
    project_id: int
    kind: str
    title: str
    announced_on: dt.date
    bid_deadline: dt.date
    presale_permit_on: dt.date | None = None
    claimed_small: bool = False


class BidderIn(Schema):
    company_id: int


class MemberIn(Schema):
    party: str
    name: str


class CommitteeIn(Schema):
    members: list[MemberIn]


class ReasonIn(Schema):
    reason: str = ""


class DecisionIn(Schema):
    approve: bool
    note: str = ""


class ScoresIn(Schema):
    scores: dict[str, str]


class ContractIn(Schema):
    contract_id: int


class BidderOut(Schema):
    id: int
    company_id: int
    company_name: str
    eligible: bool
    reasons: list[str]
    score: Decimal | None
    rank: int | None

    resolve_company_name = attribute("company.name")


class SelectionOut(Schema):
    id: int
    project_id: int
    project_name: str
    kind: str
    mode: str
    status: str
    title: str
    announced_on: dt.date
    bid_deadline: dt.date
    presale_permit_on: dt.date | None
    winner_id: int | None
    published_on: dt.date | None
    matter_id: int | None
    contract_id: int | None

    resolve_project_name = attribute("project.name")


class SelectionDetailOut(SelectionOut):
    committee: list[dict[str, str]]
    negotiation_grounds: list[str]
    bidders: list[BidderOut]
    mode_reason: str

    @staticmethod
    def resolve_bidders(obj: Selection) -> list[Bidder]:
        return selectors.bidders(obj)

    @staticmethod
    def resolve_mode_reason(obj: Selection) -> str:
        return selectors.explain(selectors.selection_mode(obj).explanation)


class HandoverIn(Schema):
    project_id: int
    company_id: int
    delivery_on: dt.date
    developer_name: str = ""


class PreconditionsIn(Schema):
    met: dict[str, bool]


class FindingIn(Schema):
    location: str
    result: str
    description: str = ""
    rectify_by: dt.date | None = None


class ReinspectIn(Schema):
    passed: bool


class SignIn(Schema):
    developer_signatory: str
    company_signatory: str
    signed_on: dt.date | None = None


class FindingOut(Schema):
    id: int
    location: str
    description: str
    result: str
    found_on: dt.date
    rectify_by: dt.date | None
    rectified_on: dt.date | None
    reinspected_on: dt.date | None
    has_photo: bool

    @staticmethod
    def resolve_has_photo(obj: HandoverFinding) -> bool:
        return bool(obj.photo)


class HandoverOut(Schema):
    id: int
    project_id: int
    project_name: str
    company_id: int
    company_name: str
    developer_name: str
    delivery_on: dt.date
    due: dt.date
    overdue: bool
    status: str
    signed_on: dt.date | None
    published_on: dt.date | None
    filed_on: dt.date | None
    delivered_on: dt.date | None

    resolve_project_name = attribute("project.name")

    resolve_company_name = attribute("company.name")

    @staticmethod
    def resolve_due(obj: Handover) -> dt.date:
        return selectors.handover_due(obj).due

    @staticmethod
    def resolve_overdue(obj: Handover) -> bool:
        return selectors.handover_due(obj).overdue(
            done_on=obj.signed_on, today=selectors.clock.today()
        )


class HandoverDetailOut(HandoverOut):
    preconditions: dict[str, bool]
    findings: list[FindingOut]
    due_reason: str

    @staticmethod
    def resolve_findings(obj: Handover) -> list[HandoverFinding]:
        return selectors.findings(obj)

    @staticmethod
    def resolve_due_reason(obj: Handover) -> str:
        return selectors.explain(selectors.handover_due(obj).explanation)


class NoticeIn(Schema):
    contract_id: int
    kind: str
    notice_on: dt.date
    end_on: dt.date | None = None
    recipients: list[str]
    reason: str = ""


class ForcedIn(Schema):
    contract_id: int
    reason: str


class OrderIn(Schema):
    contract_id: int
    end_on: dt.date
    reason: str = ""


class ReviewIn(Schema):
    uphold: bool
    parties: list[str]
    note: str
    end_on: dt.date | None = None


class IncomingIn(Schema):
    incoming_company_id: int | None = None


class DescribeIn(Schema):
    detail: str
    amount_fen: int | None = None


class CloseIn(Schema):
    committee_opinion: str


class ExitItemOut(Schema):
    id: int
    code: str
    label_zh: str
    label_en: str
    source: str
    detail: str
    amount_fen: int | None
    confirmed_at: dt.datetime | None


class ExitOut(Schema):
    id: int
    project_id: int
    project_name: str
    company_id: int
    company_name: str
    contract_id: int | None
    kind: str
    status: str
    notice_on: dt.date | None
    end_on: dt.date | None
    notice_due: dt.date | None
    notice_timely: bool | None
    recipients: list[str]
    matter_id: int | None
    incoming_company_id: int | None
    closed_on: dt.date | None

    resolve_project_name = attribute("project.name")

    resolve_company_name = attribute("company.name")


class ExitDetailOut(ExitOut):
    reason: str
    review_parties: list[str]
    review_note: str
    committee_opinion: str
    bond_id: int | None
    items: list[ExitItemOut]

    @staticmethod
    def resolve_items(obj: Exit) -> list[ExitItem]:
        return list(obj._items)  # type: ignore[attr-defined]


class ReselectionOut(Schema):
    project_id: int
    project_name: str
    contract_id: int
    company_name: str
    due_on: dt.date | None
    reason: str


# --- selections --------------------------------------------------------------------------------


def _selection(request: HttpRequest, pk: int) -> Selection:
    return selectors.selection_get(actor=request_actor(request), pk=pk)


@router.get("/selections", response=list[SelectionOut])
@paginate(PageNumberPagination, page_size=50)
def selection_list(request: HttpRequest, status: str = "", q: str = "") -> Any:
    return selectors.selection_list(actor=request_actor(request), status=status, search=q)


@router.post("/selections", response={201: SelectionDetailOut})
def selection_create(request: HttpRequest, payload: SelectionIn) -> Any:
    found = services.selection_create(actor=request_actor(request), **payload.model_dump())
    return Status(201, _selection(request, found.pk))


@router.get("/selections/{selection_id}", response=SelectionDetailOut)
def selection_get(request: HttpRequest, selection_id: int) -> Any:
    return _selection(request, selection_id)


@router.post("/selections/{selection_id}/bidders", response={201: BidderOut})
def bidder_add(request: HttpRequest, selection_id: int, payload: BidderIn) -> Any:
    bidder = services.bidder_add(
        actor=request_actor(request), selection_id=selection_id, company_id=payload.company_id
    )
    return Status(201, bidder)


@router.put("/selections/{selection_id}/committee", response=SelectionDetailOut)
def committee_set(request: HttpRequest, selection_id: int, payload: CommitteeIn) -> Any:
    services.committee_set(
        actor=request_actor(request),
        selection_id=selection_id,
        members=[m.model_dump() for m in payload.members],
    )
    return _selection(request, selection_id)


@router.post("/selections/{selection_id}/negotiation", response=SelectionDetailOut)
def negotiation_request(request: HttpRequest, selection_id: int, payload: ReasonIn) -> Any:
    services.selection_request_negotiation(
        actor=request_actor(request), selection_id=selection_id, reason=payload.reason
    )
    return _selection(request, selection_id)


@router.post("/selections/{selection_id}/negotiation/decision", response=SelectionDetailOut)
def negotiation_decide(request: HttpRequest, selection_id: int, payload: DecisionIn) -> Any:
    services.selection_decide_negotiation(
        actor=request_actor(request),
        selection_id=selection_id,
        approve=payload.approve,
        note=payload.note,
    )
    return _selection(request, selection_id)


@router.post("/selections/{selection_id}/evaluation", response=SelectionDetailOut)
def evaluate(request: HttpRequest, selection_id: int, payload: ScoresIn) -> Any:
    services.selection_evaluate(
        actor=request_actor(request), selection_id=selection_id, scores=payload.scores
    )
    return _selection(request, selection_id)


@router.post("/selections/{selection_id}/publish", response=SelectionDetailOut)
def selection_publish(request: HttpRequest, selection_id: int) -> Any:
    services.selection_publish(actor=request_actor(request), selection_id=selection_id)
    return _selection(request, selection_id)


@router.post("/selections/{selection_id}/owners-vote", response=SelectionDetailOut)
def selection_owners_vote(request: HttpRequest, selection_id: int) -> Any:
    services.selection_owners_vote(actor=request_actor(request), selection_id=selection_id)
    return _selection(request, selection_id)


@router.post("/selections/{selection_id}/contract", response=SelectionDetailOut)
def selection_contract(request: HttpRequest, selection_id: int, payload: ContractIn) -> Any:
    services.selection_contract(
        actor=request_actor(request), selection_id=selection_id, contract_id=payload.contract_id
    )
    return _selection(request, selection_id)


@router.get("/reselection-due", response=list[ReselectionOut])
def reselection_due(request: HttpRequest) -> Any:
    return [
        ReselectionOut(
            project_id=row.project.pk,
            project_name=row.project.name,
            contract_id=row.contract.pk,
            company_name=row.contract.company.name,
            due_on=row.reminder.due_on,
            reason=row.text,
        )
        for row in selectors.reselection_due(actor=request_actor(request))
    ]


# --- handover inspections ----------------------------------------------------------------------

HANDOVER_ACTIONS = {
    "start": services.handover_start,
    "rectify": services.handover_rectify,
    "publish": services.handover_publish,
    "file": services.handover_file,
    "deliver": services.handover_deliver,
}


def _handover(request: HttpRequest, pk: int) -> Handover:
    return selectors.handover_get(actor=request_actor(request), pk=pk)


@router.get("/handovers", response=list[HandoverOut])
@paginate(PageNumberPagination, page_size=50)
def handover_list(
    request: HttpRequest, status: str = "", q: str = "", overdue: bool = False
) -> Any:
    return selectors.handover_list(
        actor=request_actor(request), status=status, search=q, overdue=overdue
    )


@router.post("/handovers", response={201: HandoverDetailOut})
def handover_create(request: HttpRequest, payload: HandoverIn) -> Any:
    found = services.handover_create(actor=request_actor(request), **payload.model_dump())
    return Status(201, _handover(request, found.pk))


@router.get("/handovers/{handover_id}", response=HandoverDetailOut)
def handover_get(request: HttpRequest, handover_id: int) -> Any:
    return _handover(request, handover_id)


@router.put("/handovers/{handover_id}/preconditions", response=HandoverDetailOut)
def preconditions_set(request: HttpRequest, handover_id: int, payload: PreconditionsIn) -> Any:
    services.preconditions_set(
        actor=request_actor(request), handover_id=handover_id, met=payload.met
    )
    return _handover(request, handover_id)


@router.post("/handovers/{handover_id}/findings", response={201: FindingOut})
def finding_add(request: HttpRequest, handover_id: int, payload: FindingIn) -> Any:
    """A finding without a photo (photos are uploaded on the page)."""
    finding = services.finding_add(
        actor=request_actor(request), handover_id=handover_id, **payload.model_dump()
    )
    return Status(201, finding)


@router.post("/findings/{finding_id}/rectified", response=FindingOut)
def finding_rectified(request: HttpRequest, finding_id: int) -> Any:
    return services.finding_rectified(actor=request_actor(request), finding_id=finding_id)


@router.post("/findings/{finding_id}/reinspection", response=FindingOut)
def finding_reinspect(request: HttpRequest, finding_id: int, payload: ReinspectIn) -> Any:
    return services.finding_reinspect(
        actor=request_actor(request), finding_id=finding_id, passed=payload.passed
    )


@router.post("/handovers/{handover_id}/sign", response=HandoverDetailOut)
def handover_sign(request: HttpRequest, handover_id: int, payload: SignIn) -> Any:
    services.handover_sign(
        actor=request_actor(request), handover_id=handover_id, **payload.model_dump()
    )
    return _handover(request, handover_id)


@router.post("/handovers/{handover_id}/actions/{action}", response=HandoverDetailOut)
def handover_action(request: HttpRequest, handover_id: int, action: str) -> Any:
    """Apply ``start``, ``rectify``, ``publish``, ``file`` or ``deliver``."""
    service = known_action(action, HANDOVER_ACTIONS)
    service(actor=request_actor(request), handover_id=handover_id)
    return _handover(request, handover_id)


# --- exits -----------------------------------------------------------------------------------


def _exit(request: HttpRequest, pk: int) -> Exit:
    actor = request_actor(request)
    found = selectors.exit_get(actor=actor, pk=pk)
    found._items = selectors.exit_items(actor=actor, exit_=found)  # type: ignore[attr-defined]
    return found


@router.get("/exits", response=list[ExitOut])
@paginate(PageNumberPagination, page_size=50)
def exit_list(request: HttpRequest, status: str = "", kind: str = "", q: str = "") -> Any:
    return selectors.exit_list(actor=request_actor(request), status=status, kind=kind, search=q)


@router.post("/exits/notices", response={201: ExitDetailOut})
def exit_notify(request: HttpRequest, payload: NoticeIn) -> Any:
    found = services.exit_notify(actor=request_actor(request), **payload.model_dump())
    return Status(201, _exit(request, found.pk))


@router.post("/exits/forced", response={201: ExitDetailOut})
def exit_forced(request: HttpRequest, payload: ForcedIn) -> Any:
    found = services.exit_forced_open(actor=request_actor(request), **payload.model_dump())
    return Status(201, _exit(request, found.pk))


@router.post("/exits/orders", response={201: ExitDetailOut})
def exit_order(request: HttpRequest, payload: OrderIn) -> Any:
    found = services.exit_order(actor=request_actor(request), **payload.model_dump())
    return Status(201, _exit(request, found.pk))


@router.get("/exits/{exit_id}", response=ExitDetailOut)
def exit_get(request: HttpRequest, exit_id: int) -> Any:
    return _exit(request, exit_id)


@router.post("/exits/{exit_id}/review", response=ExitDetailOut)
def exit_review(request: HttpRequest, exit_id: int, payload: ReviewIn) -> Any:
    services.exit_review(actor=request_actor(request), exit_id=exit_id, **payload.model_dump())
    return _exit(request, exit_id)


@router.post("/exits/{exit_id}/handover", response=ExitDetailOut)
def exit_start_handover(request: HttpRequest, exit_id: int, payload: IncomingIn) -> Any:
    services.exit_start_handover(
        actor=request_actor(request),
        exit_id=exit_id,
        incoming_company_id=payload.incoming_company_id,
    )
    return _exit(request, exit_id)


@router.put("/exits/{exit_id}/incoming", response=ExitDetailOut)
def exit_set_incoming(request: HttpRequest, exit_id: int, payload: IncomingIn) -> Any:
    services.exit_set_incoming(
        actor=request_actor(request),
        exit_id=exit_id,
        incoming_company_id=payload.incoming_company_id,
    )
    return _exit(request, exit_id)


@router.post("/exit-items/{item_id}/describe", response=ExitItemOut)
def exit_item_describe(request: HttpRequest, item_id: int, payload: DescribeIn) -> Any:
    return services.exit_item_describe(
        actor=request_actor(request), item_id=item_id, **payload.model_dump()
    )


@router.post("/exit-items/{item_id}/confirm", response=ExitItemOut)
def exit_item_confirm(request: HttpRequest, item_id: int) -> Any:
    return services.exit_item_confirm(actor=request_actor(request), item_id=item_id)


@router.post("/exits/{exit_id}/complete", response=ExitDetailOut)
def exit_complete(request: HttpRequest, exit_id: int) -> Any:
    services.exit_complete_handover(actor=request_actor(request), exit_id=exit_id)
    return _exit(request, exit_id)


@router.post("/exits/{exit_id}/close", response=ExitDetailOut)
def exit_close(request: HttpRequest, exit_id: int, payload: CloseIn) -> Any:
    services.exit_close(
        actor=request_actor(request), exit_id=exit_id, committee_opinion=payload.committee_opinion
    )
    return _exit(request, exit_id)
