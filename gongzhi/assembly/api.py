"""/api/v1/assembly: the to-do, preparation groups and their first assembly, bars, the
committee's meetings and member subsidies (seed 000 §19-23; 001 §四(一); 004 §19).

Schema in → the same services and selectors as the pages → Schema out. Documents are
uploaded on the pages (multipart); the API lists them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.assembly import selectors, services
from gongzhi.assembly.models import PreparationGroup
from gongzhi.core.explain import explain

router = Router(tags=["assembly"])


class ReminderOut(Schema):
    id: int
    kind: str
    project_id: int
    found_on: dt.date
    basis: str
    resolved_on: dt.date | None

    @staticmethod
    def resolve_basis(obj: Any) -> str:
        return explain(obj.basis)


class MemberIn(Schema):
    party: str
    name: str = ""
    owner_id: int | None = None
    is_leader: bool = False


class GroupIn(Schema):
    project_id: int
    formed_on: dt.date | None = None
    seats: int | None = None
    members: list[MemberIn]


class MemberOut(Schema):
    party: str
    name: str
    owner_id: int | None
    is_leader: bool


class DocumentOut(Schema):
    id: int
    kind: str
    version: int
    original_name: str


class CandidateOut(Schema):
    id: int
    owner_id: int
    name: str
    statement: str


class GroupOut(Schema):
    id: int
    project_id: int
    status: str
    formed_on: dt.date
    seats: int
    published_on: dt.date | None
    publication_ends_on: dt.date | None
    roll_owners: int
    rules_matter_id: int | None
    election_matter_id: int | None
    rules_adopted: bool | None
    committee_id: int | None
    deposit_id: int | None
    members: list[MemberOut]
    documents: list[DocumentOut]
    candidates: list[CandidateOut]

    @staticmethod
    def resolve_members(obj: PreparationGroup) -> list[Any]:
        return list(obj.members.all())

    @staticmethod
    def resolve_documents(obj: PreparationGroup) -> list[Any]:
        return list(obj.documents.all())

    @staticmethod
    def resolve_candidates(obj: PreparationGroup) -> list[Any]:
        return list(obj.candidates.all())


class CandidateIn(Schema):
    owner_id: int | None = None
    statement: str = ""


class FundIn(Schema):
    households: int | None = None


class UnwillingIn(Schema):
    on: dt.date | None = None


class BarIn(Schema):
    project_id: int
    owner_id: int | None = None
    reason: str = ""
    on: dt.date | None = None


class BarOut(Schema):
    id: int
    project_id: int
    owner_id: int
    reason: str
    published_on: dt.date
    lifted_on: dt.date | None


class MeetingIn(Schema):
    committee_id: int
    held_on: dt.date | None = None
    topic: str = ""
    attendance: int | None = None
    minutes: str = ""


class MeetingOut(Schema):
    id: int
    committee_id: int
    project_id: int
    held_on: dt.date
    topic: str
    attendance: int
    minutes: str


class SubsidyIn(Schema):
    member_id: int
    month: dt.date | None = None
    amount: str = ""


class SubsidyOut(Schema):
    id: int
    committee_id: int
    member_id: int
    month: dt.date
    amount_fen: int
    assessment_id: int
    journal_entry_id: int


@router.get("/reminders", response=list[ReminderOut])
@paginate(PageNumberPagination, page_size=50)
def reminder_list(request: HttpRequest) -> Any:
    return selectors.reminder_list(actor=request_actor(request))


@router.get("/groups", response=list[GroupOut])
@paginate(PageNumberPagination, page_size=50)
def group_list(request: HttpRequest, status: str = "") -> Any:
    return selectors.group_list(actor=request_actor(request), status=status).prefetch_related(
        "members", "documents", "candidates"
    )


@router.post("/groups", response={201: GroupOut})
def group_create(request: HttpRequest, payload: GroupIn) -> Any:
    actor = request_actor(request)
    data = payload.model_dump()
    group = services.group_create(actor=actor, **data)
    return Status(201, selectors.group_get(actor=actor, pk=group.pk))


@router.get("/groups/{group_id}", response=GroupOut)
def group_get(request: HttpRequest, group_id: int) -> Any:
    return selectors.group_get(actor=request_actor(request), pk=group_id)


@router.post("/groups/{group_id}/candidates", response={201: CandidateOut})
def candidate_add(request: HttpRequest, group_id: int, payload: CandidateIn) -> Any:
    actor = request_actor(request)
    selectors.group_get(actor=actor, pk=group_id)
    return Status(201, services.candidate_add(actor=actor, group_id=group_id, **payload.dict()))


@router.post("/groups/{group_id}/fund", response=GroupOut)
def group_fund(request: HttpRequest, group_id: int, payload: FundIn) -> Any:
    actor = request_actor(request)
    services.group_fund_record(actor=actor, group_id=group_id, households=payload.households)
    return selectors.group_get(actor=actor, pk=group_id)


@router.post("/groups/{group_id}/publish", response=GroupOut)
def group_publish(request: HttpRequest, group_id: int) -> Any:
    actor = request_actor(request)
    services.group_publish(actor=actor, group_id=group_id)
    return selectors.group_get(actor=actor, pk=group_id)


@router.post("/groups/{group_id}/file", response=GroupOut)
def group_file(request: HttpRequest, group_id: int) -> Any:
    actor = request_actor(request)
    services.group_file(actor=actor, group_id=group_id)
    return selectors.group_get(actor=actor, pk=group_id)


@router.post("/groups/{group_id}/unwilling", response=GroupOut)
def group_unwilling(request: HttpRequest, group_id: int, payload: UnwillingIn) -> Any:
    actor = request_actor(request)
    services.group_owners_unwilling(actor=actor, group_id=group_id, on=payload.on)
    return selectors.group_get(actor=actor, pk=group_id)


@router.get("/bars", response=list[BarOut])
@paginate(PageNumberPagination, page_size=50)
def bar_list(request: HttpRequest) -> Any:
    return selectors.bar_list(actor=request_actor(request))


@router.post("/bars", response={201: BarOut})
def bar_publish(request: HttpRequest, payload: BarIn) -> Any:
    return Status(201, services.bar_publish(actor=request_actor(request), **payload.dict()))


@router.post("/bars/{bar_id}/lift", response=BarOut)
def bar_lift(request: HttpRequest, bar_id: int) -> Any:
    return services.bar_lift(actor=request_actor(request), bar_id=bar_id)


@router.get("/meetings", response=list[MeetingOut])
@paginate(PageNumberPagination, page_size=50)
def meeting_list(request: HttpRequest) -> Any:
    return selectors.meeting_list(actor=request_actor(request))


@router.post("/meetings", response={201: MeetingOut})
def meeting_record(request: HttpRequest, payload: MeetingIn) -> Any:
    return Status(201, services.meeting_record(actor=request_actor(request), **payload.dict()))


@router.get("/subsidies", response=list[SubsidyOut])
@paginate(PageNumberPagination, page_size=50)
def subsidy_list(request: HttpRequest) -> Any:
    return selectors.subsidy_list(actor=request_actor(request))


@router.post("/subsidies", response={201: SubsidyOut})
def subsidy_pay(request: HttpRequest, payload: SubsidyIn) -> Any:
    return Status(201, services.subsidy_pay(actor=request_actor(request), **payload.dict()))


class YearlyIn(Schema):
    committee_id: int
    year: int | None = None


class YearlyOut(Schema):
    id: int
    project_id: int
    year: int
    income_fen: int
    expense_fen: int


@router.post("/yearly-publications", response={201: YearlyOut})
def yearly_publish(request: HttpRequest, payload: YearlyIn) -> Any:
    """The committee publishes the year's common revenue and expenses (seed 000 §22);
    the disclosure board shows it as the committee's yearly publication."""
    return Status(201, services.yearly_publish(actor=request_actor(request), **payload.dict()))
