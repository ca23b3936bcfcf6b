"""/api/v1/notices: the owner's inbox, unread count and read receipt; the issuers' list
with the share read; publishing (the same ``notice_publish`` as the pages and the other
capabilities)."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema, Status

from gongzhi.accounts.selectors import request_actor
from gongzhi.notices import selectors, services
from gongzhi.notices.models import Notice

router = Router(tags=["notices"])


class _NoticeFields(Schema):
    """What an owner's inbox and the issuer's list both show of a notice."""

    id: int
    project_id: int
    title: str
    body: str
    category: str
    issuer: str
    issuer_name: str


class InboxOut(_NoticeFields):
    published_at: dt.datetime
    unread: bool


class UnreadOut(Schema):
    unread: int


class ReadOut(Schema):
    first_read: bool


class NoticeOut(_NoticeFields):
    audience: str
    building_id: int | None
    building_unit_id: int | None
    channels: list[str]
    source_ref: str
    published_at: dt.datetime
    recipients: int
    read: int
    read_percent: int


class NoticeIn(Schema):
    project_id: int
    issuer: str
    title: str
    body: str
    category: str = "general"
    audience: str = "project"
    building_id: int | None = None
    building_unit_id: int | None = None
    part_ids: list[int] = []
    channels: list[str] = ["inbox"]


def _out(notice: Notice) -> NoticeOut:
    if hasattr(notice, "read_count"):  # lists: annotated in the same query
        receipts = selectors.Receipts(
            total=notice.recipient_count, read=getattr(notice, "read_count", 0) or 0
        )
    else:
        receipts = selectors.notice_receipts(notice=notice)
    return NoticeOut(
        id=notice.pk,
        project_id=notice.project_id,
        title=notice.title,
        body=notice.body,
        category=notice.category,
        issuer=notice.issuer,
        issuer_name=notice.issuer_name,
        audience=notice.audience,
        building_id=notice.building_id,
        building_unit_id=notice.building_unit_id,
        channels=list(notice.channels),
        source_ref=notice.source_ref,
        published_at=notice.published_at,
        recipients=receipts.total,
        read=receipts.read,
        read_percent=receipts.percent,
    )


@router.get("/inbox", response=list[InboxOut])
def inbox(request: HttpRequest) -> list[InboxOut]:
    return [
        InboxOut(
            id=n.pk,
            project_id=n.project_id,
            title=n.title,
            body=n.body,
            category=n.category,
            issuer=n.issuer,
            issuer_name=n.issuer_name,
            published_at=n.published_at,
            unread=bool(getattr(n, "is_unread", False)),
        )
        for n in selectors.notice_inbox(actor=request_actor(request))[:200]
    ]


@router.get("/inbox/unread-count", response=UnreadOut)
def unread_count(request: HttpRequest) -> UnreadOut:
    return UnreadOut(unread=selectors.notice_unread_count(actor=request_actor(request)))


@router.post("/inbox/{notice_id}/read", response=ReadOut)
def mark_read(request: HttpRequest, notice_id: int) -> ReadOut:
    first = services.notice_mark_read(actor=request_actor(request), notice_id=notice_id)
    return ReadOut(first_read=first)


@router.get("", response=list[NoticeOut])
def list_notices(
    request: HttpRequest, project_id: int | None = None, category: str | None = None
) -> list[NoticeOut]:
    notices = selectors.notice_list(
        actor=request_actor(request), project_id=project_id, category=category
    )[:200]
    return [_out(n) for n in notices]


@router.post("", response={201: NoticeOut})
def publish(request: HttpRequest, payload: NoticeIn) -> Status:
    notice = services.notice_publish(actor=request_actor(request), **payload.dict())
    return Status(201, _out(notice))


@router.get("/{notice_id}", response=NoticeOut)
def detail(request: HttpRequest, notice_id: int) -> NoticeOut:
    return _out(selectors.notice_get(actor=request_actor(request), pk=notice_id))
