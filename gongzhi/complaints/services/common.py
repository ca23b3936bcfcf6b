"""Helpers shared by the complaint services: field errors and the history rows."""

from __future__ import annotations

from gongzhi.complaints.models import (
    Complaint,
    ComplaintEvent,
)
from gongzhi.core.scoping import Actor, user_of

S = Complaint.Status
DESCRIPTION_MAX = 2000


def actor_label(actor: Actor | None) -> str:
    if actor is None:
        return "system"
    if not actor.is_authenticated:
        return "anonymous"
    return str(getattr(actor.user, "username", ""))


def record_event(
    complaint: Complaint,
    actor: Actor | None,
    action: str,
    from_status: str,
    to_status: str,
    *,
    public_note: str = "",
    internal_note: str = "",
) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=user_of(actor),
        actor_label=actor_label(actor)[:150],
        public_note=public_note.strip(),
        internal_note=internal_note.strip(),
    )
