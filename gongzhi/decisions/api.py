"""/api/v1/decisions: matters, the vote, progress, roll, results and receipts
(seed 000 §18; 民法典 art. 278).

Schema in → the same service or selector as the pages → Schema out; DomainErrors come out
as ``{code, message, fields}``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attached_actions, known_action, with_actions
from gongzhi.core.errors import NotFoundError
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.decisions import selectors, services
from gongzhi.decisions.models import Ballot, Matter, RollEntry
from gongzhi.decisions.workflow import available_actions

router = Router(tags=["decisions"])


class MatterIn(Schema):
    project_id: int
    kind: str
    title: str
    body: str = ""
    building_unit_id: int | None = None
    part_ids: list[int] | None = None
    seats: int | None = None


class PublishIn(Schema):
    voting_starts_on: dt.date
    voting_ends_on: dt.date


class CandidateIn(Schema):
    name: str
    owner_id: int | None = None
    statement: str = ""


class CandidateOut(Schema):
    id: int
    name: str


class MatterOut(Schema):
    id: int
    project_id: int
    kind: str
    title: str
    body: str
    scope_kind: str
    building_unit_id: int | None
    seats: int | None
    source_ref: str
    status: str
    published_on: dt.date | None
    voting_starts_on: dt.date | None
    voting_ends_on: dt.date | None
    closed_on: dt.date | None
    result_published_on: dt.date | None
    result_until: dt.date | None


class MatterDetailOut(MatterOut):
    candidates: list[CandidateOut]
    actions: list[str]
    rule: str

    @staticmethod
    def resolve_candidates(obj: Matter) -> list[Any]:
        return list(obj.candidates.all())

    resolve_actions = attached_actions

    @staticmethod
    def resolve_rule(obj: Matter) -> str:
        return selectors.rule_of(obj).describe()


class VoteIn(Schema):
    choice: str | None = None
    candidate_ids: list[int] | None = None
    voter_key: str | None = None


class BallotOut(Schema):
    voter_key: str
    choice: str
    candidate_ids: list[int]
    receipt: str
    version: int
    channel: str
    cast_at: dt.datetime

    @staticmethod
    def resolve_candidate_ids(obj: Ballot) -> list[int]:
        return [c.pk for c in obj.candidates.all()]


class AmountOut(Schema):
    area: Decimal
    owners: int


class CriterionOut(Schema):
    criterion: str
    required: str
    part: Decimal
    whole: Decimal
    met: bool


class ProgressOut(Schema):
    total: AmountOut
    participating: AmountOut
    participation: list[CriterionOut]


class ResultOut(Schema):
    passed: bool
    total: AmountOut
    participating: AmountOut
    yes: AmountOut
    unmet: list[str]
    per_building: list[dict[str, Any]]
    election: dict[str, Any]
    rule: str


class RollEntryOut(Schema):
    part_number: str
    area: Decimal
    building: str
    unit: str
    voter_key: str
    owner: str
    developer_unsold: bool

    @staticmethod
    def resolve_owner(obj: RollEntry) -> str:
        return selectors.mask_name(obj.owner_name)


class ReceiptOut(Schema):
    matter_id: int
    choice: str
    candidate_ids: list[int]
    channel: str
    cast_at: dt.datetime
    counted: bool


def _detail(request: HttpRequest, matter_id: int) -> Matter:
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=matter_id)
    return with_actions(matter, available_actions(matter, actor))


@router.get("", response=list[MatterOut])
@paginate(PageNumberPagination, page_size=50)
def matter_list(request: HttpRequest, status: str = "") -> Any:
    return selectors.matter_list(actor=request_actor(request), status=status)


@router.post("", response={201: MatterDetailOut})
def matter_create(request: HttpRequest, payload: MatterIn) -> Any:
    data = payload.model_dump()
    matter = services.matter_create(
        actor=request_actor(request),
        project=data["project_id"],
        kind=data["kind"],
        title=data["title"],
        body=data["body"],
        building_unit=data["building_unit_id"],
        part_ids=data["part_ids"],
        seats=data["seats"],
    )
    return Status(201, _detail(request, matter.pk))


@router.get("/{matter_id}", response=MatterDetailOut)
def matter_get(request: HttpRequest, matter_id: int) -> Any:
    return _detail(request, matter_id)


@router.post("/{matter_id}/candidates", response={201: CandidateOut})
def candidate_add(request: HttpRequest, matter_id: int, payload: CandidateIn) -> Any:
    candidate = services.candidate_add(
        actor=request_actor(request), matter=matter_id, **payload.model_dump()
    )
    return Status(201, candidate)


@router.post("/{matter_id}/publish", response=MatterDetailOut)
def matter_publish(request: HttpRequest, matter_id: int, payload: PublishIn) -> Any:
    services.matter_publish(actor=request_actor(request), matter=matter_id, **payload.model_dump())
    return _detail(request, matter_id)


@router.post("/{matter_id}/actions/{action}", response=MatterDetailOut)
def matter_action(request: HttpRequest, matter_id: int, action: str) -> Any:
    """``open`` (freezes the roll), ``close`` (tallies) or ``publish_result``."""
    steps = {
        "open": services.voting_open,
        "close": services.matter_close,
        "publish_result": services.result_publish,
    }
    known_action(action, steps)(actor=request_actor(request), matter=matter_id)
    return _detail(request, matter_id)


@router.post("/{matter_id}/ballot", response=list[BallotOut])
def ballot_cast(request: HttpRequest, matter_id: int, payload: VoteIn) -> Any:
    """``{"choice": "yes"|"no"|"abstain"}``, or for an election ``{"candidate_ids": [..]}``."""
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=matter_id)
    choice: Any = payload.candidate_ids if matter.is_election else payload.choice
    return services.ballot_cast(
        actor=actor, matter=matter, choice=choice, voter_key=payload.voter_key
    )


@router.get("/{matter_id}/ballot", response=list[BallotOut])
def my_ballot(request: HttpRequest, matter_id: int) -> Any:
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=matter_id)
    return selectors.ballots_of(actor=actor, matter=matter)


def _amount(area: Decimal, owners: int) -> dict[str, Any]:
    return {"area": area, "owners": owners}


@router.get("/{matter_id}/progress", response=ProgressOut)
def progress(request: HttpRequest, matter_id: int) -> Any:
    matter = selectors.matter_get(actor=request_actor(request), pk=matter_id)
    outcome = selectors.progress(matter)
    tally = outcome.tally
    return {
        "total": _amount(tally.total_area, tally.total_owners),
        "participating": _amount(tally.participating_area, tally.participating_owners),
        "participation": [
            {
                "criterion": c.criterion,
                "required": c.threshold.symbol,
                "part": c.part,
                "whole": c.whole,
                "met": c.met,
            }
            for c in outcome.criteria
            if c.criterion.startswith("participation")
        ],
    }


@router.get("/{matter_id}/roll", response=list[RollEntryOut])
@paginate(PageNumberPagination, page_size=200)
def roll(request: HttpRequest, matter_id: int) -> Any:
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=matter_id)
    return selectors.roll(actor=actor, matter=matter)


@router.get("/{matter_id}/result", response=ResultOut)
def result(request: HttpRequest, matter_id: int) -> Any:
    matter = selectors.matter_get(actor=request_actor(request), pk=matter_id)
    found = selectors.result_of(matter)
    if found is None:
        raise NotFoundError(_("Not found."))
    return {
        "passed": found.passed,
        "total": _amount(found.total_area, found.total_owners),
        "participating": _amount(found.participating_area, found.participating_owners),
        "yes": _amount(found.yes_area, found.yes_owners),
        "unmet": found.unmet,
        "per_building": found.per_building,
        "election": found.election,
        "rule": found.rule,
    }


@router.get("/receipts/{code}", response=ReceiptOut)
def receipt(request: HttpRequest, code: str) -> Any:
    revision = selectors.receipt_lookup(actor=request_actor(request), code=code)
    if revision is None:
        raise NotFoundError(_("Not found."))
    return {
        "matter_id": revision.ballot.matter_id,
        "choice": revision.choice,
        "candidate_ids": revision.candidate_ids,
        "channel": revision.channel,
        "cast_at": revision.cast_at,
        "counted": revision.receipt == revision.ballot.receipt,
    }


class PaperOut(Schema):
    id: int
    voter_key: str
    choice: str
    candidate_ids: list[int]
    confirmed_at: dt.datetime | None


class ProxyOut(Schema):
    id: int
    voter_key: str
    agent_id: int


@router.post("/{matter_id}/paper", response={201: PaperOut})
def paper_ballot_enter(
    request: HttpRequest,
    matter_id: int,
    part_number: Form[str],
    scan: File[UploadedFile],
    choice: Form[str] = "",
    candidate_ids: Form[str] = "",
) -> Any:
    """A paper ballot with its scan; ``candidate_ids`` comma-separated for an election."""
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=matter_id)
    chosen: Any = (
        [c for c in candidate_ids.split(",") if c.strip()] if matter.is_election else choice
    )
    paper = services.paper_ballot_enter(
        actor=actor, matter=matter, part_number=part_number, choice=chosen, scan=scan
    )
    return Status(201, paper)


@router.post("/paper/{paper_id}/confirm", response=list[BallotOut])
def paper_ballot_confirm(request: HttpRequest, paper_id: int) -> Any:
    """A second organiser confirms a paper ballot; it then counts."""
    return [services.paper_ballot_confirm(actor=request_actor(request), paper_ballot=paper_id)]


@router.post("/{matter_id}/proxies", response={201: ProxyOut})
def proxy_record(
    request: HttpRequest,
    matter_id: int,
    owner_id: Form[int],
    agent_mobile: Form[str],
    document: File[UploadedFile],
) -> Any:
    proxy = services.proxy_record(
        actor=request_actor(request),
        matter=matter_id,
        owner_id=owner_id,
        agent_mobile=agent_mobile,
        document=document,
    )
    return Status(201, proxy)
