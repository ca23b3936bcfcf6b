"""Reads of property fees, always scoped to the actor (``visible_to``); aggregates for
supervisors start from the projects the actor sees and never expose names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from gongzhi.core.clock import today
from gongzhi.core.explain import StoredExplanation, stored
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.fees.models import (
    BankStatementImport,
    BankStatementRow,
    Bill,
    BillingRun,
    FeeStandard,
    Payment,
    PaymentPublication,
    ReminderNotice,
)
from gongzhi.registry.models import Project

UNPAID = (Bill.Status.OPEN, Bill.Status.PARTLY_PAID)


def staff_projects(actor: Actor) -> QuerySet[Project]:
    """Projects whose company employs the actor (where they may bill and record)."""
    ids = [g.company_id for g in actor.grants_of("company")]
    queryset = Project.objects.visible_to(actor)
    if not actor.is_platform_admin:
        queryset = queryset.filter(company_id__in=ids)
    return queryset.exclude(company__isnull=True).order_by("name")


def standard_list(*, actor: Actor, project_id: int | None = None) -> QuerySet[FeeStandard]:
    qs = FeeStandard.objects.visible_to(actor).select_related("project", "company")
    if project_id:
        qs = qs.filter(project_id=project_id)
    return qs.prefetch_related("items")


def standard_get(*, actor: Actor, pk: int) -> FeeStandard:
    return get_visible(FeeStandard.objects.select_related("project", "company"), actor, pk=pk)


def run_list(*, actor: Actor) -> QuerySet[BillingRun]:
    return BillingRun.objects.visible_to(actor).select_related("project", "created_by")


def bill_list(
    *,
    actor: Actor,
    project_id: int | None = None,
    status: str = "",
    search: str = "",
    arrears: bool = False,
) -> QuerySet[Bill]:
    qs = Bill.objects.visible_to(actor).select_related("project", "part")
    qs = narrowed(
        qs,
        project_id=project_id,
        status=status,
        search=search,
        search_in=("part__number", "payer_name", "reference"),
    )
    if arrears:
        qs = qs.filter(status__in=UNPAID, due_on__lt=today())
    return qs.order_by("-period_start", "part__number")


def bill_get(*, actor: Actor, pk: int) -> Bill:
    return get_visible(
        Bill.objects.select_related("project", "part", "payer_owner", "run"), actor, pk=pk
    )


def payment_list(*, actor: Actor, bill_id: int | None = None) -> QuerySet[Payment]:
    qs = Payment.objects.visible_to(actor).select_related("bill", "bill__part", "bill__project")
    if bill_id:
        qs = qs.filter(bill_id=bill_id)
    return qs


def payment_get(*, actor: Actor, pk: int) -> Payment:
    return get_visible(
        Payment.objects.select_related("bill", "bill__part", "bill__project", "company"),
        actor,
        pk=pk,
    )


def statement_list(*, actor: Actor) -> QuerySet[BankStatementImport]:
    return BankStatementImport.objects.visible_to(actor).select_related("project")


def statement_get(*, actor: Actor, pk: int) -> BankStatementImport:
    return get_visible(BankStatementImport.objects.select_related("project"), actor, pk=pk)


def unmatched_rows(*, actor: Actor, statement_id: int) -> QuerySet[BankStatementRow]:
    return BankStatementRow.objects.visible_to(actor).filter(
        statement_id=statement_id, payment__isnull=True
    )


def reminder_list(*, actor: Actor) -> QuerySet[ReminderNotice]:
    return ReminderNotice.objects.visible_to(actor).select_related("bill", "bill__part")


def publication_list(*, actor: Actor) -> QuerySet[PaymentPublication]:
    return PaymentPublication.objects.visible_to(actor).select_related("project")


def publication_get(*, actor: Actor, pk: int) -> PaymentPublication:
    return get_visible(PaymentPublication.objects.select_related("project"), actor, pk=pk)


def published_standards(*, actor: Actor) -> QuerySet[FeeStandard]:
    return (
        FeeStandard.objects.visible_to(actor)
        .filter(status=FeeStandard.Status.PUBLISHED)
        .select_related("project", "company")
        .prefetch_related("items")
    )


@dataclass(frozen=True)
class ProjectArrears:
    project_id: int
    project_name: str
    bills: int
    receivable_fen: int
    paid_fen: int
    overdue_bills: int
    overdue_fen: int

    @property
    def outstanding_fen(self) -> int:
        return self.receivable_fen - self.paid_fen


def arrears_overview(*, actor: Actor) -> list[ProjectArrears]:
    """Per project the actor sees: receivable, paid and overdue amounts (one aggregate)."""
    projects = Project.objects.visible_to(actor).values("pk")
    day = today()
    overdue = Q(status__in=UNPAID, due_on__lt=day)
    rows = (
        Bill.objects.filter(project_id__in=projects)
        .exclude(status=Bill.Status.CANCELLED)
        .values("project_id", "project__name")
        .annotate(
            bills=Count("id"),
            receivable=Coalesce(Sum("total_fen"), 0),
            paid=Coalesce(Sum("paid_fen"), 0),
            overdue_bills=Count("id", filter=overdue),
            overdue_fen=Coalesce(Sum(F("total_fen") - F("paid_fen"), filter=overdue), 0),
        )
        .order_by("project__name")
    )
    return [
        ProjectArrears(
            r["project_id"],
            r["project__name"],
            r["bills"],
            r["receivable"],
            r["paid"],
            r["overdue_bills"],
            r["overdue_fen"],
        )
        for r in rows
    ]


def my_bills(*, actor: Actor) -> QuerySet[Bill]:
    """An owner's own bills (the scope's owner grant: bills whose payer is them)."""
    return (
        Bill.objects.visible_to(actor.with_grant_kinds("owner"))
        .select_related("project", "part")
        .prefetch_related("payments")
        .order_by("-period_start", "part__number")
    )


def lines_of(bill: Bill) -> list[Any]:
    return list(bill.lines.all())


def unmatched_rows_statement(*, actor: Actor, row_id: int) -> int:
    """The statement of a row the actor sees (404 otherwise)."""
    row = get_visible(BankStatementRow.objects.all(), actor, pk=row_id)
    return row.statement_id


@dataclass(frozen=True)
class ReserveNote:
    project_name: str
    unsold_parts: int
    explanation: StoredExplanation


def reserve_notes(*, actor: Actor) -> list[ReserveNote]:
    """For the staff's projects with unsold parts: the developer's reserve subsidy the
    profile requires (seed 004 §7), as a stated requirement (one aggregate)."""
    from gongzhi.jurisdictions.selectors import effective_profile
    from gongzhi.registry.models import ExclusivePart
    from gongzhi.rules import fees as rules

    projects = (
        staff_projects(actor)
        .select_related("community")
        .annotate(unsold=Count("parts", filter=Q(parts__delivery=ExclusivePart.Delivery.UNSOLD)))
    )
    notes = []
    for project in projects:
        if not project.unsold:
            continue
        explanation = rules.reserve_subsidy(
            rules.fee_rules(effective_profile(project.community)), project.unsold
        )
        notes.append(
            ReserveNote(
                project.name,
                project.unsold,
                stored(explanation),
            )
        )
    return notes
