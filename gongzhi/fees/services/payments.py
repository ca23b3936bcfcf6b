"""Payments against bills, receipts, and the payment-status publication (seed 002
§三(一)3(2); seed 001 §三(一)4).

Every payment locks its bill (``select_for_update``) before it reads the amount still
due, so two payments racing on one bill never overpay; the database check
``paid_fen <= total_fen`` is the last guard.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core.clock import today
from gongzhi.core.errors import ConflictError, FieldErrors, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.fees.models import Bill, Payment, PaymentPublication, ReceiptSequence
from gongzhi.fees.services.common import as_date, staff_project
from gongzhi.fees.workflow import BILL_FLOW, guard_company
from gongzhi.registry.models import ExclusivePart
from gongzhi.rules.money import format_fen


def _next_receipt(company_id: int, year: int) -> str:
    """The company's next receipt number of the year, e.g. ``2026-0001-000042``."""
    sequence, _created = ReceiptSequence.objects.get_or_create(company_id=company_id, year=year)
    sequence = ReceiptSequence.objects.select_for_update().get(pk=sequence.pk)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return f"{year}-{company_id:04d}-{sequence.last:06d}"


@transaction.atomic
def payment_apply(
    *,
    actor: Actor,
    bill_id: int,
    amount_fen: int,
    method: str,
    paid_on: dt.date,
    reference: str = "",
) -> Payment:
    """Record money received against a bill (called by the payment providers).

    Refused: a cancelled or settled bill, an amount not above zero, more than the amount
    still due (no overpayment), a date in the future.
    """
    bill = get_visible(Bill.objects.select_for_update(), actor, pk=bill_id)
    guard_company(bill, actor)
    if bill.status in (Bill.Status.CANCELLED, Bill.Status.PAID):
        raise ConflictError(
            _("This bill is %(status)s; no payment can be recorded.")
            % {"status": bill.get_status_display()}
        )
    if amount_fen <= 0:
        raise invalid({"amount": [_("The amount must be greater than zero.")]})
    outstanding = bill.total_fen - bill.paid_fen
    if amount_fen > outstanding:
        raise invalid(
            {
                "amount": [
                    _("%(amount)s is more than the %(due)s still due on this bill.")
                    % {"amount": format_fen(amount_fen), "due": format_fen(outstanding)}
                ]
            }
        )
    if paid_on > today():
        raise invalid({"paid_on": [_("The payment date cannot be in the future.")]})
    payment = Payment.objects.create(
        bill=bill,
        amount_fen=amount_fen,
        method=method,
        paid_on=paid_on,
        reference=reference[:128],
        receipt_number=_next_receipt(bill.company_id, paid_on.year),
        node_path=bill.node_path,
        company_id=bill.company_id,
        recorded_by=user_of(actor),
    )
    paid = bill.paid_fen + amount_fen
    transition(
        actor=actor,
        workflow=BILL_FLOW,
        queryset=Bill.objects.all(),
        pk=bill.pk,
        action="settle" if paid == bill.total_fen else "pay",
        changes={"paid_fen": paid},
    )
    audit.record_create(actor, payment)
    return payment


@transaction.atomic
def publication_create(
    *, actor: Actor, project_id: int, period_start: Any, period_end: Any
) -> PaymentPublication:
    """Publish which parts have paid their bills of a period, by part number only
    (seed 002 §三(一)3(2) 公示业主交纳物业服务费用情况; seed 001 §三(一)4): a part is in
    arrears when one of its bills overlapping the period still has money due."""
    project = staff_project(actor, project_id)
    errors: FieldErrors = {}
    start = as_date(period_start, "period_start", errors)
    end = as_date(period_end, "period_end", errors)
    if start and end and end < start:
        errors["period_end"] = [_("The end must not be before the start.")]
    if errors:
        raise invalid(errors)
    bills = Bill.objects.filter(
        project_id=project.pk, period_start__lte=end, period_end__gte=start
    ).exclude(status=Bill.Status.CANCELLED)
    unpaid = bills.exclude(status=Bill.Status.PAID).filter(part_id=OuterRef("pk"))
    parts = (
        ExclusivePart.objects.filter(project_id=project.pk)
        .filter(Exists(bills.filter(part_id=OuterRef("pk"))))
        .annotate(in_arrears=Exists(unpaid))
        .order_by("number")
        .values_list("number", "in_arrears")
    )
    paid_parts = [number for number, late in parts if not late]
    unpaid_parts = [number for number, late in parts if late]
    if not paid_parts and not unpaid_parts:
        raise invalid({"period_start": [_("No bills of this project fall in this period.")]})
    publication = PaymentPublication.objects.create(
        project=project,
        company_id=project.company_id,
        period_start=start,
        period_end=end,
        paid_parts=paid_parts,
        unpaid_parts=unpaid_parts,
        node_path=project.node_path,
        published_by=user_of(actor),
    )
    audit.record_create(actor, publication)
    return publication
