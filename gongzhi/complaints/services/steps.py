"""The workflow steps of a complaint (through ``core.workflow.transition``) and supervision
(督办); a substantiated complaint against a company emits ``complaints.substantiated``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.complaints import routing, stats
from gongzhi.complaints.models import (
    Complaint,
    Party,
)
from gongzhi.complaints.services.common import record_event
from gongzhi.complaints.services.escalation import notify_tier
from gongzhi.complaints.workflow import (
    COMPLAINT_FLOW,
    OPEN_STATES,
    is_place_official,
)
from gongzhi.core import clock
from gongzhi.core.errors import DomainError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.events.bus import emit
from gongzhi.jurisdictions.models import Department, Jurisdiction


def _locked(actor: Actor, pk: Any) -> Complaint:
    return get_visible(Complaint.objects.select_related("node", "tier_node"), actor, pk=pk)


def _step(
    actor: Actor,
    pk: Any,
    action: str,
    *,
    changes: dict[str, Any] | None = None,
    public_note: str = "",
    internal_note: str = "",
    **context: Any,
) -> Complaint:
    before = _locked(actor, pk)
    complaint = transition(
        actor=actor,
        workflow=COMPLAINT_FLOW,
        queryset=Complaint.objects.select_related("tier_node"),
        pk=before.pk,
        action=action,
        changes=changes,
        public_note=public_note,
        internal_note=internal_note,
        **context,
    )
    record_event(
        complaint,
        actor,
        action,
        before.status,
        complaint.status,
        public_note=public_note,
        internal_note=internal_note,
    )
    return complaint


@transaction.atomic
def complaint_accept(
    *, actor: Actor, pk: Any, public_note: str = "", internal_note: str = ""
) -> Complaint:
    """The tier accepts the matter; the resolution deadline now runs."""
    current = _locked(actor, pk)
    now = clock.now()
    return _step(
        actor,
        pk,
        "accept",
        changes={"accepted_at": now, "due_on": current.resolve_due},
        public_note=public_note,
        internal_note=internal_note,
    )


@transaction.atomic
def complaint_assign(
    *, actor: Actor, pk: Any, public_note: str = "", internal_note: str = ""
) -> Complaint:
    """The tier passes the matter to the responsible party the list names."""
    return _step(actor, pk, "assign", public_note=public_note, internal_note=internal_note)


@transaction.atomic
def complaint_start(
    *, actor: Actor, pk: Any, public_note: str = "", internal_note: str = ""
) -> Complaint:
    """The responsible party starts handling (also after a reopening)."""
    return _step(actor, pk, "start", public_note=public_note, internal_note=internal_note)


@transaction.atomic
def complaint_resolve(
    *,
    actor: Actor,
    pk: Any,
    public_note: str = "",
    internal_note: str = "",
    substantiated: bool | None = None,
) -> Complaint:
    """The handler reports what was done; against a company, whether it was substantiated.

    A substantiated complaint against a company emits ``complaints.substantiated``, which
    the credit capability turns into a credit record (002 §四(三); 003 §六).
    """
    now = clock.now()
    complaint = _step(
        actor,
        pk,
        "resolve",
        changes={
            "resolved_at": now,
            "due_on": None,
            "substantiated": substantiated,
            "resolution": (public_note or "").strip(),
        },
        public_note=public_note,
        internal_note=internal_note,
        substantiated=substantiated,
    )
    day = timezone.localdate(now)
    seconds = int((now - complaint.created_at).total_seconds())
    stats.bump(complaint, day, resolved=1, handling_seconds=max(seconds, 0))
    if substantiated and complaint.party == Party.COMPANY:
        stats.bump(complaint, day, substantiated=1)
        emit(
            "complaints.substantiated",
            subject=complaint,
            data={
                "complaint_id": complaint.pk,
                "number": complaint.number,
                "company_id": complaint.company_id,
                "project_id": complaint.project_id,
                "category": complaint.category,
                "category_label": complaint.category_label,
                "found_on": day.isoformat(),
                "summary": complaint.resolution[:500] or complaint.description[:500],
            },
            node_path=complaint.node_path,
            actor=user_of(actor),
        )
    return complaint


@transaction.atomic
def complaint_confirm(*, actor: Actor, pk: Any, rating: Any, public_note: str = "") -> Complaint:
    """The complainant confirms the resolution and rates it 1–5."""
    try:
        value = int(rating) if rating not in (None, "") and not isinstance(rating, bool) else None
    except (TypeError, ValueError):
        value = None
    complaint = _step(
        actor,
        pk,
        "confirm",
        changes={"satisfaction": value, "closed_at": clock.now()},
        public_note=public_note,
        rating=value,
    )
    stats.bump(complaint, clock.today(), rated=1, satisfaction_sum=value or 0)
    return complaint


@transaction.atomic
def complaint_reopen(*, actor: Actor, pk: Any, public_note: str = "") -> Complaint:
    """The complainant says the matter is not resolved; a new resolution period runs."""
    current = _locked(actor, pk)
    due = routing.deadlines(current.node, clock.today())
    return _step(
        actor,
        pk,
        "reopen",
        changes={
            "resolved_at": None,
            "resolve_due": due.resolve.date,
            "due_on": due.resolve.date,
            "due_provisional": due.provisional,
        },
        public_note=public_note,
    )


@transaction.atomic
def complaint_transfer(
    *,
    actor: Actor,
    pk: Any,
    reason: str,
    party: str = "",
    department: Department | None = None,
    tier_node: Jurisdiction | None = None,
    internal_note: str = "",
) -> Complaint:
    """Transfer to another party, department or tier, always with a reason (003 §四(二)2)."""
    current = _locked(actor, pk)
    errors: FieldErrors = {}
    target_party = party or current.party
    if target_party not in Party.values:
        errors["party"] = [_("Select a valid choice.")]
    changes: dict[str, Any] = {"party": target_party, "department": None}
    if target_party == Party.DEPARTMENT:
        chain = current.node.ancestor_ids()
        if department is None or department.node_id not in chain:
            errors["department"] = [_("Choose a department over this place.")]
        changes["department"] = department
    if target_party == Party.COMPANY and current.company_id is None:
        errors["party"] = [_("No property company serves this place.")]
    if target_party == Party.COMMITTEE and current.project_id is None:
        errors["party"] = [_("No project is named, so no owners' committee.")]
    if tier_node is not None:
        if tier_node.pk not in current.node.ancestor_ids() or tier_node.level not in (
            routing.tiers_of(current.node)
        ):
            errors["tier_node"] = [_("Choose a tier over this place.")]
        changes["tier_node"] = tier_node
    elif target_party == Party.STREET:
        changes["tier_node"] = routing.ancestor_at(current.node, "street") or current.tier_node
    if (
        target_party == current.party
        and changes.get("department") == current.department
        and changes.get("tier_node", current.tier_node) == current.tier_node
    ):
        errors.setdefault("party", []).append(_("Transfer to a different party or tier."))
    if not (reason or "").strip():
        errors["reason"] = [_("Give the reason for the transfer.")]
    if errors:
        raise invalid(errors)
    due = routing.deadlines(current.node, clock.today())
    changes.update(resolve_due=due.resolve.date, due_on=due.resolve.date)
    return _step(
        actor,
        pk,
        "transfer",
        changes=changes,
        public_note=reason,
        internal_note=internal_note,
        reason=reason,
    )


@transaction.atomic
def complaint_supervise(
    *, actor: Actor, pk: Any, note: str, due: dt.date | None, internal_note: str = ""
) -> Complaint:
    """Supervision (督办) by the district or city: a note and a new deadline (003 §四(二)1)."""
    complaint = _locked(actor, pk)
    if not actor.has_role(Role.BUREAU) or not is_place_official(actor, complaint):
        raise PermissionDeniedError(_("Only the district or city housing bureau supervises."))
    errors: FieldErrors = {}
    if not (note or "").strip():
        errors["note"] = [_("Write the supervision note.")]
    if due is None or due <= clock.today():
        errors["due"] = [_("Set a new deadline after today.")]
    if complaint.status not in OPEN_STATES:
        raise DomainError(_("Only an open complaint can be supervised."))
    if errors:
        raise invalid(errors)
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    before = audit.snapshot(locked)
    Complaint.objects.filter(pk=locked.pk).update(
        supervised_at=clock.now(), resolve_due=due, due_on=due
    )
    locked.refresh_from_db()
    old, new = audit.diff(before, audit.snapshot(locked))
    audit.record(actor=actor, action=AuditAction.UPDATE, target=locked, before=old, after=new)
    record_event(
        locked,
        actor,
        "supervise",
        locked.status,
        locked.status,
        public_note=note,
        internal_note=internal_note,
    )
    notify_tier(
        locked,
        str(
            _("Complaint %(number)s is under supervision (督办), due %(due)s.")
            % {"number": locked.number, "due": due}
        ),
    )
    return locked


ACTIONS: dict[str, Callable[..., Complaint]] = {
    "accept": complaint_accept,
    "assign": complaint_assign,
    "start": complaint_start,
    "resolve": complaint_resolve,
    "confirm": complaint_confirm,
    "reopen": complaint_reopen,
}
