"""Billing: a billing run bills every exclusive part of a project for whole months from
the published fee list (seed 000 §14,15; seed 004 §7; 物业管理条例 art. 41).

The rules core computes each bill (memoised per distinct kind of part, since most parts
of a project share their facts); the rows are written with ``bulk_create`` in batches.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core import bulk
from gongzhi.core.errors import (
    ConflictError,
    DomainError,
    FieldErrors,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.explain import stored
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.fees.models import Bill, BillingRun, BillLine, FeeStandard
from gongzhi.fees.services.common import as_date, fee_rules_of, rule_error, staff_project
from gongzhi.fees.workflow import BILL_FLOW
from gongzhi.registry.models import ExclusivePart, Ownership
from gongzhi.rules import fees as rules
from gongzhi.rules.explain import Explanation, gettext_noop

DEFAULT_DUE_DAYS = 30  # Gongzhi default: the seeds set no payment term
_CANCELLED = gettext_noop("Cancelled: %(reason)s")


def published_items(standard: FeeStandard) -> tuple[rules.FeeItem, ...]:
    return tuple(rules.FeeItem(i.name, i.part_kind, i.basis, i.price) for i in standard.items.all())


def standard_for(project_id: int, start: dt.date, end: dt.date) -> FeeStandard | None:
    """The published standard in force for the whole period (the latest that started)."""
    from django.db.models import Q

    return (
        FeeStandard.objects.filter(
            project_id=project_id,
            status=FeeStandard.Status.PUBLISHED,
            effective_from__lte=start,
        )
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=end))
        .order_by("-effective_from", "-id")
        .first()
    )


def _first_payers(project_id: int) -> dict[int, tuple[int, str]]:
    """part id → (owner id, owner name) of its first registered owner."""
    payers: dict[int, tuple[int, str]] = {}
    rows = (
        Ownership.objects.filter(part__project_id=project_id)
        .order_by("part_id", "id")
        .values_list("part_id", "owner_id", "owner__name")
    )
    for part_id, owner_id, name in rows.iterator(chunk_size=5000):
        payers.setdefault(part_id, (owner_id, name))
    return payers


@transaction.atomic
def billing_run(
    *,
    actor: Actor,
    project_id: int,
    period_start: Any,
    period_end: Any,
    due_on: Any = None,
    items: Sequence[str] | None = None,
) -> BillingRun:
    """Bill every part of a project for the months from ``period_start``'s month to
    ``period_end``'s month, from the published standard in force.

    Refused, writing nothing: a period overlapping an existing bill of the project, no
    published standard, an item outside the published list (seed 000 §14).
    """
    project = staff_project(actor, project_id, lock=True)
    errors: FieldErrors = {}
    start = as_date(period_start, "period_start", errors)
    end = as_date(period_end, "period_end", errors)
    due = as_date(due_on, "due_on", errors, required=False)
    if errors or start is None or end is None:
        raise invalid(errors)
    start = start.replace(day=1)
    end = end.replace(day=calendar.monthrange(end.year, end.month)[1])
    months = rules.months_between(start.year, start.month, end.year, end.month)
    if months < 1:
        raise invalid({"period_end": [_("The period must end after it starts.")]})
    try:
        rules.check_months(months)
    except rules.FeeRuleError as error:
        raise rule_error(error) from None
    due = due or start + dt.timedelta(days=DEFAULT_DUE_DAYS)
    standard = standard_for(project.pk, start, end)
    if standard is None:
        raise DomainError(
            _("No published fee standard is in force for this whole period; publish one first."),
            fields={"period_start": [_("No published fee list for this period.")]},
        )
    published = published_items(standard)
    try:
        if items is not None:
            rules.check_published(items, published)
    except rules.FeeRuleError as error:
        raise rule_error(error) from None
    overlapping = Bill.objects.filter(
        project_id=project.pk, period_start__lte=end, period_end__gte=start
    ).exclude(status=Bill.Status.CANCELLED)
    if overlapping.exists():
        raise ConflictError(
            _("Parts of this project are already billed for part of this period."),
            fields={"period_start": [_("The period overlaps earlier bills.")]},
        )

    company_id = project.company_id
    if company_id is None:  # staff_project refuses such projects; narrows the type
        raise PermissionDeniedError(_("The project has no property company."))
    fee_rules = fee_rules_of(project)
    payers = _first_payers(project.pk)
    developer = project.developer
    run = BillingRun.objects.create(
        project=project,
        company_id=company_id,
        standard=standard,
        period_start=start,
        period_end=end,
        months=months,
        due_on=due,
        node_path=project.node_path,
        created_by=user_of(actor),
    )
    plans: dict[rules.PartFacts, rules.BillPlan] = {}
    bills: list[tuple[int, str, str, int, str, int]] = []
    line_plans: list[rules.BillPlan] = []
    skipped = count = 0
    total = 0
    parts = ExclusivePart.objects.filter(project_id=project.pk).values_list(
        "pk", "number", "kind", "area", "delivery", "vacant_unrenovated"
    )
    for part_id, number, kind, area, delivery, unrenovated in parts.iterator(chunk_size=5000):
        facts = rules.PartFacts(kind, area, delivery, unrenovated, part_id in payers)
        plan = plans.get(facts)
        if plan is None:
            plan = rules.plan_bill(
                fee_rules,
                published,
                facts,
                months,
                items=items,
                unrenovated_reduction=standard.unrenovated_reduction,
            )
            plans[facts] = plan
        if plan.total_fen <= 0 or plan.payer is None:
            skipped += 1
            continue
        if plan.payer == rules.PAYER_DEVELOPER:
            if developer is None:
                skipped += 1
                continue
            payer_id, payer_name = developer.pk, developer.name
        else:
            payer_id, payer_name = payers[part_id]
        bills.append(
            (
                part_id,
                f"{project.pk}-{number}-{start:%Y%m}",
                plan.payer,
                payer_id,
                payer_name[:200],
                plan.total_fen,
            )
        )
        line_plans.append(plan)
        count += 1
        total += plan.total_fen
    _write(run, bills, line_plans)
    if count == 0:
        raise DomainError(
            _("No part of this project could be billed from the published list."),
            fields={"items": [_("No part has an item of its kind and a payer.")]},
        )
    BillingRun.objects.filter(pk=run.pk).update(
        bill_count=count, skipped_count=skipped, total_fen=total
    )
    run.refresh_from_db()
    audit.record_create(actor, run)
    return run


def _write(
    run: BillingRun, bills: list[tuple[int, str, str, int, str, int]], plans: list[rules.BillPlan]
) -> None:
    """The run's bills and their lines: one ``executemany`` each and one read of the new
    bills' ids (a part has one bill per run), whatever the number of parts."""
    if not bills:
        return
    bulk.insert_rows(
        Bill,
        ("part", "reference", "payer_kind", "payer_owner", "payer_name", "total_fen"),
        bills,
        constants={
            "run": run.pk,
            "project": run.project_id,
            "company": run.company_id,
            "period_start": run.period_start,
            "period_end": run.period_end,
            "due_on": run.due_on,
            "node_path": run.node_path,
        },
    )
    bill_ids = dict(Bill.objects.filter(run_id=run.pk).values_list("part_id", "pk"))
    stored_lines: dict[int, list[tuple[Any, ...]]] = {}  # per plan: its lines, stored once
    lines: list[tuple[Any, ...]] = []
    for bill, plan in zip(bills, plans, strict=True):
        if id(plan) not in stored_lines:
            stored_lines[id(plan)] = [
                (
                    line.item,
                    line.basis,
                    line.quantity,
                    line.price_yuan,
                    str(line.share),
                    line.months,
                    line.amount_fen,
                    stored(line.explanation),
                )
                for line in plan.lines
            ]
        bill_id = bill_ids[bill[0]]
        lines.extend((bill_id, *line) for line in stored_lines[id(plan)])
    bulk.insert_rows(
        BillLine,
        (
            "bill",
            "item",
            "basis",
            "quantity",
            "price",
            "share",
            "months",
            "amount_fen",
            "explanation",
        ),
        lines,
    )


def bill_cancel(*, actor: Actor, bill_id: int, reason: str) -> Bill:
    """Cancel an unpaid bill by adding reversing lines (the original lines stay)."""
    reason = (reason or "").strip()
    if not reason:
        raise invalid({"reason": [_("Say why the bill is cancelled.")]})
    with transaction.atomic():
        bill = get_visible(Bill.objects.select_for_update(), actor, pk=bill_id)
        if bill.paid_fen > 0:
            raise ConflictError(_("A bill with payments cannot be cancelled."))
        cancelled: Bill = transition(
            actor=actor,
            workflow=BILL_FLOW,
            queryset=Bill.objects.all(),
            pk=bill.pk,
            action="cancel",
            note=reason,
        )
        reversal = [
            BillLine(
                bill_id=bill.pk,
                item=line.item,
                basis=line.basis,
                quantity=line.quantity,
                price=line.price,
                share=line.share,
                months=line.months,
                amount_fen=-line.amount_fen,
                reversal=True,
                explanation=stored(Explanation.of(_CANCELLED, reason=reason)),
            )
            for line in bill.lines.filter(reversal=False)
        ]
        BillLine.objects.bulk_create(reversal)
    return cancelled
