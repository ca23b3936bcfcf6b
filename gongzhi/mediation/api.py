"""/api/v1/mediation: three-level mediation cases (seed 000 §2).

Schema in → the same services and selectors as the pages → Schema out. Parties' phones
come out masked.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attached_actions, attribute, known_action, optional_body, with_actions
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.mediation import selectors, services
from gongzhi.mediation.models import MediationCase, MediationDocument, MediationParty
from gongzhi.mediation.workflow import ACTIONS
from gongzhi.rules.identity import mask_phone

router = Router(tags=["mediation"])


class PartyIn(Schema):
    kind: str
    owner_id: int | None = None
    name: str = ""
    phone: str = ""


class CaseIn(Schema):
    project_id: int
    subject: str
    description: str
    parties: list[PartyIn]
    complaint_id: int | None = None


class SessionIn(Schema):
    held_on: dt.date
    place: str
    mediators: str
    minutes: str


class ActionIn(Schema):
    note: str = ""


class PartyOut(Schema):
    id: int
    kind: str
    name: str
    phone: str

    @staticmethod
    def resolve_phone(obj: MediationParty) -> str:
        return mask_phone(obj.phone) if obj.phone else ""


class SessionOut(Schema):
    id: int
    level: str
    held_on: dt.date
    place: str
    mediators: str
    minutes: str


class EscalationOut(Schema):
    from_level: str
    to_level: str
    reason: str
    escalated_at: dt.datetime


class CaseOut(Schema):
    id: int
    complaint_id: int | None
    project_id: int
    project_name: str
    subject: str
    level: str
    level_node_id: int
    level_node_name: str
    status: str
    outcome: str
    created_at: dt.datetime
    closed_at: dt.datetime | None

    resolve_project_name = attribute("project.name")

    resolve_level_node_name = attribute("level_node.name")


class CaseDetailOut(CaseOut):
    description: str
    outcome_note: str
    chain: list[str]
    parties: list[PartyOut]
    sessions: list[SessionOut]
    escalations: list[EscalationOut]
    actions: list[str]

    @staticmethod
    def resolve_parties(obj: MediationCase) -> list[Any]:
        return list(obj.parties.all())

    @staticmethod
    def resolve_sessions(obj: MediationCase) -> list[Any]:
        return list(obj.sessions.all())

    @staticmethod
    def resolve_escalations(obj: MediationCase) -> list[Any]:
        return list(obj.escalations.all())

    @staticmethod
    def resolve_chain(obj: MediationCase) -> list[str]:
        return list(selectors.level_chain(obj))

    resolve_actions = attached_actions


class DocumentOut(Schema):
    id: int
    original_name: str
    size: int
    uploaded_at: dt.datetime


def _detail(request: HttpRequest, case_id: int) -> MediationCase:
    actor = request_actor(request)
    case = selectors.case_get(actor=actor, pk=case_id)
    return with_actions(case, selectors.actions_for(case, actor))


@router.get("", response=list[CaseOut])
@paginate(PageNumberPagination, page_size=50)
def case_list(request: HttpRequest, status: str = "", level: str = "", q: str = "") -> Any:
    return selectors.case_list(actor=request_actor(request), status=status, level=level, search=q)


@router.post("", response={201: CaseDetailOut})
def case_create(request: HttpRequest, payload: CaseIn) -> Any:
    case = services.case_create(
        actor=request_actor(request),
        project_id=payload.project_id,
        subject=payload.subject,
        description=payload.description,
        parties=[p.model_dump() for p in payload.parties],
        complaint_id=payload.complaint_id,
    )
    return Status(201, _detail(request, case.pk))


@router.get("/{case_id}", response=CaseDetailOut)
def case_get(request: HttpRequest, case_id: int) -> Any:
    return _detail(request, case_id)


@router.post("/{case_id}/sessions", response={201: SessionOut})
def session_add(request: HttpRequest, case_id: int, payload: SessionIn) -> Any:
    session = services.session_add(
        actor=request_actor(request), case_id=case_id, **payload.model_dump()
    )
    return Status(201, session)


@router.post("/{case_id}/actions/{action}", response=CaseDetailOut)
def case_action(request: HttpRequest, case_id: int, action: str) -> Any:
    """Apply ``agree``, ``fail``, ``escalate``, ``withdraw`` or ``close``. JSON body
    ``{"note": "…"}``: required for ``escalate`` and ``withdraw`` (the reason)."""
    known_action(action, ACTIONS)
    body = optional_body(request, ActionIn)
    services.case_act(actor=request_actor(request), case_id=case_id, action=action, note=body.note)
    return _detail(request, case_id)


@router.post("/{case_id}/documents", response={201: DocumentOut})
def document_upload(request: HttpRequest, case_id: int, file: File[UploadedFile]) -> Any:
    document: MediationDocument = services.document_add(
        actor=request_actor(request), case_id=case_id, upload=file
    )
    return Status(201, document)
