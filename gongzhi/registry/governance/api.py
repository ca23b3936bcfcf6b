"""/api/v1/registry: committees, members, filing and formation steps of a project's
owners' organisation (seed 000 §19–23; 003 §五(二)1(1)). Same selectors and services as
the pages; member phones are masked."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attribute
from gongzhi.core.errors import NotFoundError
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.registry.governance import selectors, services
from gongzhi.registry.models import CommitteeMember, OwnersCommittee
from gongzhi.rules.identity import mask_phone

router = Router(tags=["registry: governance"])


class CommitteeOut(Schema):
    id: int
    project_id: int
    project_name: str
    kind: str
    term_start: dt.date
    term_end: dt.date
    seats: int
    active_members: int
    party_members: int
    filed_at: dt.date | None
    is_current: bool
    office_address: str
    office_hours: str
    phone: str
    residents_committee_acting: bool = Field(
        description="Fewer than half the seats filled: the residents' committee acts (000 §21)"
    )
    term_state: str = Field(description='"ended", "ending" (within 90 days) or ""')

    resolve_project_name = attribute("project.name")

    @staticmethod
    def resolve_residents_committee_acting(obj: OwnersCommittee) -> bool:
        return bool(obj.acting)  # type: ignore[attr-defined]


class MemberOut(Schema):
    id: int
    owner_id: int | None
    name: str
    position: str
    party_member: bool
    phone: str = Field(description="masked")
    left_on: dt.date | None

    @staticmethod
    def resolve_phone(obj: CommitteeMember) -> str:
        return mask_phone(obj.phone)


class CommitteeDetailOut(CommitteeOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(obj: OwnersCommittee) -> list[CommitteeMember]:
        return list(obj.member_list)  # type: ignore[attr-defined]


class CommitteeData(Schema):
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    seats: int | None = None
    office_address: str = ""
    office_hours: str = ""
    phone: str = ""

    def to_input(self) -> services.CommitteeInput:
        return services.CommitteeInput(**self.dict())


class CommitteeIn(CommitteeData):
    project_id: int
    kind: str = OwnersCommittee.Kind.OWNERS_COMMITTEE


class CommitteePatch(Schema):
    term_start: dt.date | None = None
    term_end: dt.date | None = None
    seats: int | None = None
    office_address: str | None = None
    office_hours: str | None = None
    phone: str | None = None


class MemberIn(Schema):
    owner_id: int | None = None
    position: str = CommitteeMember.Position.MEMBER
    phone: str = ""
    party_member: bool = False


class LeaveIn(Schema):
    left_on: dt.date | None = None


class FileIn(Schema):
    filed_on: dt.date | None = None


class FormationIn(Schema):
    on: dt.date | None = None
    committee: CommitteeData | None = None


class FormationOut(Schema):
    project_id: int
    formation: str
    formation_changed_on: dt.date | None
    committee: CommitteeOut | None
    actions: list[str]


def _detail(request: HttpRequest, pk: int) -> OwnersCommittee:
    actor = request_actor(request)
    committee = selectors.committee_get(actor=actor, pk=pk)
    committee.member_list = list(  # type: ignore[attr-defined]
        selectors.committee_members(actor=actor, committee=committee)
    )
    return committee


@router.get("/committees", response=list[CommitteeOut])
@paginate(PageNumberPagination, page_size=50)
def committee_list(
    request: HttpRequest,
    q: str = "",
    filed: str = "",
    kind: str = "",
    acting: bool = False,
    expiring: bool = False,
    current: str = "yes",
) -> object:
    filters = selectors.CommitteeFilters(
        search=q, filed=filed, kind=kind, acting=acting, expiring=expiring, current=current
    )
    return selectors.committee_list(actor=request_actor(request), filters=filters)


@router.post("/committees", response={201: CommitteeDetailOut})
def committee_create(request: HttpRequest, payload: CommitteeIn) -> Status:
    committee = services.committee_create(
        actor=request_actor(request),
        project_id=payload.project_id,
        kind=payload.kind,
        data=services.CommitteeInput(
            **payload.dict(exclude={"project_id", "kind"}),
        ),
    )
    return Status(201, _detail(request, committee.pk))


@router.get("/committees/{committee_id}", response=CommitteeDetailOut)
def committee_get(request: HttpRequest, committee_id: int) -> OwnersCommittee:
    return _detail(request, committee_id)


@router.patch("/committees/{committee_id}", response=CommitteeDetailOut)
def committee_update(
    request: HttpRequest, committee_id: int, payload: CommitteePatch
) -> OwnersCommittee:
    services.committee_update(
        actor=request_actor(request),
        committee_id=committee_id,
        **payload.dict(exclude_unset=True),
    )
    return _detail(request, committee_id)


@router.post("/committees/{committee_id}/file", response=CommitteeDetailOut)
def committee_file(request: HttpRequest, committee_id: int, payload: FileIn) -> OwnersCommittee:
    services.committee_file(
        actor=request_actor(request), committee_id=committee_id, filed_on=payload.filed_on
    )
    return _detail(request, committee_id)


@router.post("/committees/{committee_id}/close", response=CommitteeDetailOut)
def committee_close(request: HttpRequest, committee_id: int) -> OwnersCommittee:
    services.committee_close(actor=request_actor(request), committee_id=committee_id)
    return _detail(request, committee_id)


@router.post("/committees/{committee_id}/members", response={201: MemberOut})
def member_add(request: HttpRequest, committee_id: int, payload: MemberIn) -> Status:
    member = services.member_add(
        actor=request_actor(request),
        committee_id=committee_id,
        owner_id=payload.owner_id,
        position=payload.position,
        phone=payload.phone,
        party_member=payload.party_member,
    )
    return Status(201, member)


@router.post("/committees/{committee_id}/members/{member_id}/leave", response=MemberOut)
def member_leave(
    request: HttpRequest, committee_id: int, member_id: int, payload: LeaveIn
) -> CommitteeMember:
    actor = request_actor(request)
    committee = selectors.committee_get(actor=actor, pk=committee_id)
    if not committee.members.filter(pk=member_id).exists():
        raise NotFoundError(_("Not found."))
    return services.member_leave(actor=actor, member_id=member_id, left_on=payload.left_on)


def _formation(request: HttpRequest, project_id: int) -> dict:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    gov = selectors.project_governance(actor=actor, project=project)
    return {
        "project_id": project.pk,
        "formation": project.formation,
        "formation_changed_on": project.formation_changed_on,
        "committee": gov.committee,
        "actions": [t.action for t in gov.actions],
    }


@router.get("/projects/{project_id}/formation", response=FormationOut)
def formation_get(request: HttpRequest, project_id: int) -> dict:
    return _formation(request, project_id)


@router.post("/projects/{project_id}/formation/{action}", response=FormationOut)
def formation_step(
    request: HttpRequest, project_id: int, action: str, payload: FormationIn
) -> dict:
    """Actions: preparation_formed, first_assembly_held, committee_elected (``committee``
    optional when one is already current), management_committee_formed (``committee``
    required). Seed 000 §19."""
    services.formation_apply(
        actor=request_actor(request),
        project_id=project_id,
        action=action,
        on=payload.on,
        committee=payload.committee.to_input() if payload.committee else None,
    )
    return _formation(request, project_id)
