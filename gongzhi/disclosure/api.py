"""/api/v1/disclosure: a project's board (scoped), the public board (no sign-in), the
supervisors' overview, posting an entered item and its history (seed 000 §14)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.explain import explain
from gongzhi.disclosure import selectors, services

router = Router(tags=["disclosure"])


class LineOut(Schema):
    label: str
    value: str


class EntryOut(Schema):
    kind: str
    label: str
    derived: bool
    required: bool
    present: bool
    out_of_date: bool
    as_of: dt.date | None
    due_by: dt.date | None
    source: str
    version: int | None
    lines: list[LineOut]


class BoardOut(Schema):
    project_id: int
    project: str
    profile_id: str
    required: int
    current: int
    completeness_percent: int
    missing: list[str]
    out_of_date: list[str]
    explanation: str
    entries: list[EntryOut]


class OverviewOut(Schema):
    project_id: int
    project: str
    community: str
    profile_id: str
    required: int
    current: int
    completeness_percent: int
    missing: list[str]
    out_of_date: list[str]


class ItemIn(Schema):
    data: dict[str, str]
    as_of: dt.date | None = None
    note: str = ""


class RevisionOut(Schema):
    version: int
    as_of: dt.date
    data: dict[str, str]
    note: str
    changed_at: dt.datetime


def _board(board: selectors.Board) -> BoardOut:
    return BoardOut(
        project_id=board.project.pk,
        project=board.project.name,
        profile_id=board.profile_id,
        required=board.status.required,
        current=board.status.current,
        completeness_percent=board.status.percent,
        missing=list(board.status.missing),
        out_of_date=list(board.status.out_of_date),
        explanation=explain(board.status.explanation),
        entries=[
            EntryOut(
                kind=entry.kind,
                label=entry.label,
                derived=entry.derived,
                required=entry.status.required,
                present=entry.status.present,
                out_of_date=entry.status.out_of_date,
                as_of=entry.status.as_of,
                due_by=entry.status.due_by,
                source=entry.status.source,
                version=entry.version,
                lines=[LineOut(label=line.label, value=line.value) for line in entry.lines],
            )
            for entry in board.entries
        ],
    )


@router.get("/projects/{project_id}/board", response=BoardOut)
def project_board(request: HttpRequest, project_id: int) -> BoardOut:
    return _board(selectors.board_for_project(actor=request_actor(request), project_id=project_id))


@router.get("/public/{project_id}", response=BoardOut, auth=None)
def public_board(request: HttpRequest, project_id: int) -> BoardOut:
    """The public board, as the QR code's page shows it (no sign-in)."""
    return _board(selectors.board_public(project_id=project_id))


@router.get("/overview", response=list[OverviewOut])
def overview(request: HttpRequest, incomplete: bool = False) -> list[OverviewOut]:
    rows = selectors.board_overview(actor=request_actor(request), only_incomplete=incomplete)
    return [
        OverviewOut(
            project_id=r.project.pk,
            project=r.project.name,
            community=r.project.community.name,
            profile_id=r.profile_id,
            required=r.status.required,
            current=r.status.current,
            completeness_percent=r.status.percent,
            missing=list(r.status.missing),
            out_of_date=list(r.status.out_of_date),
        )
        for r in rows
    ]


@router.put("/projects/{project_id}/items/{kind}", response=BoardOut)
def put_item(request: HttpRequest, project_id: int, kind: str, payload: ItemIn) -> BoardOut:
    actor = request_actor(request)
    services.board_item_put(
        actor=actor,
        project_id=project_id,
        kind=kind,
        data=payload.data,
        as_of=payload.as_of,
        note=payload.note,
    )
    return _board(selectors.board_for_project(actor=actor, project_id=project_id))


@router.get("/projects/{project_id}/items/{kind}/history", response=list[RevisionOut])
def item_history(request: HttpRequest, project_id: int, kind: str) -> list[RevisionOut]:
    revisions = selectors.item_history(
        actor=request_actor(request), project_id=project_id, kind=kind
    )
    return [
        RevisionOut(
            version=r.version, as_of=r.as_of, data=r.data, note=r.note, changed_at=r.changed_at
        )
        for r in revisions
    ]
