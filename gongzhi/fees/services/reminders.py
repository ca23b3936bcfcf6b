"""Arrears reminders (seed 001 §三(一)4 上门催缴; seed 004 §6 催交): one reminder per
overdue bill whose payer has a mobile number, logged here; ``fees.reminder_sent`` lets
gongzhi.notices deliver it to the part's owners (inbox and SMS, after commit)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.clock import now, today
from gongzhi.core.scoping import Actor, user_of
from gongzhi.events.bus import emit
from gongzhi.fees.models import Bill, ReminderNotice
from gongzhi.fees.services.common import staff_project
from gongzhi.rules.money import format_fen

EVENT_REMINDER_SENT = "fees.reminder_sent"  # → notices: the arrears notice to the part's owners
# Gongzhi default (the seeds set no interval): a bill is reminded at most once a week.
REMIND_INTERVAL_DAYS = 7


@transaction.atomic
def reminders_send(*, actor: Actor, project_id: int) -> int:
    """Send a reminder for every overdue, unpaid bill of the project not reminded in the
    last week; returns how many were sent."""
    project = staff_project(actor, project_id)
    since = now() - dt.timedelta(days=REMIND_INTERVAL_DAYS)
    bills = (
        Bill.objects.filter(
            project_id=project.pk,
            status__in=(Bill.Status.OPEN, Bill.Status.PARTLY_PAID),
            due_on__lt=today(),
        )
        .exclude(payer_owner__phone="")
        .exclude(reminders__sent_at__gte=since)
        .select_related("part", "payer_owner")
        .order_by("due_on", "id")
    )
    notices = []
    for bill in bills:
        if bill.payer_owner is None:  # a bill always has a payer; the type allows none
            continue
        text = gettext(
            "[%(project)s] Dear owner of %(part)s: the property fee of %(start)s–%(end)s, "
            "%(amount)s, was due on %(due)s. Please pay at the management office or by "
            "bank transfer. Thank you."
        ) % {
            "project": project.name,
            "part": bill.part.number,
            "start": f"{bill.period_start:%Y-%m}",
            "end": f"{bill.period_end:%Y-%m}",
            "amount": format_fen(bill.total_fen - bill.paid_fen),
            "due": f"{bill.due_on:%Y-%m-%d}",
        }
        notices.append(
            ReminderNotice(
                bill=bill,
                mobile=bill.payer_owner.phone,
                text=text,
                node_path=bill.node_path,
                company_id=bill.company_id,
                sent_by=user_of(actor),
            )
        )
    ReminderNotice.objects.bulk_create(notices)
    # the reminder reaches the part's owners (inbox and SMS) through gongzhi.notices
    for notice in notices:
        emit(
            EVENT_REMINDER_SENT,
            subject=notice,
            data={
                "reminder_id": notice.pk,
                "project_id": project.pk,
                "part_id": notice.bill.part_id,
                "part_number": notice.bill.part.number,
                "text": notice.text,
            },
            node_path=notice.node_path,
            actor=user_of(actor),
        )
    audit.record(
        actor=actor,
        action=AuditAction.BULK_CREATE,
        target=project,
        field="fee_reminders",
        after={"reminders": len(notices)},
    )
    return len(notices)
