"""Escalation of late complaints, community → street → district, once per lateness
(seed 002 §二(一)2; 003 §四(二)).
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Membership
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.complaints import routing, stats
from gongzhi.complaints.models import (
    Complaint,
    ComplaintEscalation,
)
from gongzhi.complaints.services.common import S, record_event
from gongzhi.complaints.workflow import (
    NODE_ROLES,
    OPEN_STATES,
)
from gongzhi.core import clock
from gongzhi.core.tasks import send_sms_on_commit
from gongzhi.jurisdictions.models import Jurisdiction


def _officer_phones(node: Jurisdiction) -> list[str]:
    mobiles = (
        Membership.objects.filter(node=node, is_active=True, role__in=NODE_ROLES)
        .exclude(user__mobile="")
        .values_list("user__mobile", flat=True)
        .distinct()
    )
    return [str(m) for m in mobiles if m]


def notify_tier(complaint: Complaint, text: str) -> None:
    for phone in _officer_phones(complaint.tier_node):
        send_sms_on_commit(phone, text)


def complaint_escalate_one(complaint_id: int, *, today: dt.date) -> bool:
    """Escalate one late complaint to the next tier; False if nothing was due.

    The escalation row is unique per (complaint, missed due date), so a rerun, a second
    worker or a retried task never escalates the same lateness twice.
    """
    with transaction.atomic():
        complaint = (
            Complaint.objects.select_for_update()
            .filter(pk=complaint_id, status__in=OPEN_STATES, due_on__lt=today)
            .first()
        )
        if complaint is None or complaint.due_on is None:
            return False
        missed = complaint.due_on
        node = Jurisdiction.objects.get(pk=complaint.node_id)
        current = Jurisdiction.objects.get(pk=complaint.tier_node_id)
        target = routing.next_tier_node(node, current)
        try:
            with transaction.atomic():
                ComplaintEscalation.objects.create(
                    complaint=complaint, missed_due=missed, from_node=current, to_node=target
                )
        except IntegrityError:
            return False
        due = routing.deadlines(node, today)
        next_due = due.acknowledge.date if complaint.status == S.RECEIVED else due.resolve.date
        before = audit.snapshot(complaint)
        Complaint.objects.filter(pk=complaint.pk).update(
            tier_node=target or current,
            escalations=complaint.escalations + 1,
            due_on=next_due,
            resolve_due=max(complaint.resolve_due, next_due),
        )
        complaint.refresh_from_db()
        old, new = audit.diff(before, audit.snapshot(complaint))
        audit.record(actor=None, action=AuditAction.UPDATE, target=complaint, before=old, after=new)
        if target is not None:
            note = _("Overdue since %(due)s: escalated from %(from)s to %(to)s.") % {
                "due": missed,
                "from": current.name,
                "to": target.name,
            }
        else:
            note = _("Overdue since %(due)s at the top tier (%(tier)s): reported again.") % {
                "due": missed,
                "tier": current.name,
            }
        record_event(
            complaint, None, "escalate", complaint.status, complaint.status, public_note=str(note)
        )
        if complaint.escalations == 1:
            stats.bump(complaint, today, overdue=1)
        text = str(
            _("Complaint %(number)s is overdue: %(note)s")
            % {"number": complaint.number, "note": note}
        )
        notify_tier(complaint, text)
        for phone in _officer_phones(current) if target is not None else []:
            send_sms_on_commit(phone, text)
        if complaint.contact_phone:
            send_sms_on_commit(complaint.contact_phone, text)
    return True


def complaints_escalate(*, today: dt.date | None = None) -> int:
    """Escalate every open complaint past its running deadline; returns how many."""
    day = today or clock.today()
    ids = list(
        Complaint.objects.filter(status__in=OPEN_STATES, due_on__lt=day)
        .order_by("due_on", "pk")
        .values_list("pk", flat=True)
    )
    return sum(1 for pk in ids if complaint_escalate_one(pk, today=day))
