"""Reads of the funds capability, scoped to the actor (``visible_to``); fetching by id
gives the same "not found" for absent and forbidden rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum

from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.funds import accounts, ledger
from gongzhi.funds.models import (
    Account,
    Deposit,
    Fund,
    FundUseApplication,
    FundUseShare,
    JournalEntry,
    PartFund,
    PerformanceBond,
    RevenueStatement,
    TopUpNotice,
)
from gongzhi.funds.selectors.revenue import statement_lines
from gongzhi.registry.models import ExclusivePart, Project

__all__ = [
    "application_get",
    "application_list",
    "application_shares",
    "bond_list",
    "deposit_list",
    "entry_list",
    "first_deposit_missing",
    "fund_totals",
    "my_old_fund_parts",
    "old_fund_parts",
    "my_part_funds",
    "part_fund_list",
    "project_get",
    "project_list",
    "reconciliation",
    "statement_get",
    "statement_lines",
    "statement_list",
    "topup_notices",
]


def project_list(*, actor: Actor, search: str = "") -> QuerySet[Project]:
    qs = Project.objects.visible_to(actor).select_related("community", "company")
    return narrowed(qs, search=search, search_in=("name",)).order_by("node_path", "name")


def project_get(*, actor: Actor, pk: Any) -> Project:
    return get_visible(Project.objects.select_related("community", "company"), actor, pk=pk)


def fund_totals(*, actor: Actor, project_ids: list[int]) -> dict[int, dict[str, int]]:
    """Money held per project and fund (asset balances), in one query."""
    rows = (
        Account.objects.visible_to(actor)
        .filter(project_id__in=project_ids, kind=Account.Kind.ASSET)
        .values("project_id", "fund")
        .annotate(total=Sum("balance_fen"))
    )
    out: dict[int, dict[str, int]] = {}
    for row in rows:
        out.setdefault(row["project_id"], {})[row["fund"]] = row["total"] or 0
    return out


def part_fund_list(*, actor: Actor, project: Project, search: str = "") -> QuerySet[PartFund]:
    qs = (
        PartFund.objects.visible_to(actor)
        .filter(project=project)
        .select_related("part", "account")
        .order_by("part__number")
    )
    return narrowed(qs, search=search, search_in=("part__number",))


def my_part_funds(*, actor: Actor) -> QuerySet[PartFund]:
    """An owner's own parts' accounts (the phone page "my maintenance fund")."""
    return (
        PartFund.objects.visible_to(actor.with_grant_kinds("owner"))
        .select_related("part", "project", "account")
        .order_by("project__name", "part__number")
    )


@dataclass(frozen=True)
class OldFundPart:
    """One part's old-project repair fund (001 §三(三)2): its owners' deposits and the
    district finance's matching of them, both owed to the part."""

    part: ExclusivePart
    project: Project
    owners_fen: int
    match_fen: int

    @property
    def balance_fen(self) -> int:
        return self.owners_fen + self.match_fen


def old_fund_parts(
    *, actor: Actor, project: Project | None = None, limit: int | None = None
) -> list[OldFundPart]:
    """The old-project fund by part (the first ``limit`` parts by number), from the
    parts' ledger accounts (one query): an owner sees only their own parts, an official
    or the committee every part of the project they may see."""
    qs = (
        Account.objects.visible_to(actor)
        .filter(fund=Fund.OLD_PROJECT, holder=Account.Holder.PART)
        .select_related("part", "project")
        .order_by("project__name", "part__number", "category")
    )
    if project is not None:
        qs = qs.filter(project=project)
    if limit is not None:
        qs = qs[: 2 * limit]  # two accounts a part, ordered by part
    rows: dict[int, dict[str, Any]] = {}
    for account in qs:
        assert account.part_id is not None
        row = rows.setdefault(account.part_id, {"part": account.part, "project": account.project})
        row[account.category] = account.balance_fen
    return [
        OldFundPart(
            r["part"],
            r["project"],
            r.get(accounts.OLD_FUND_OWNERS, 0),
            r.get(accounts.OLD_FUND_MATCH, 0),
        )
        for r in rows.values()
    ]


def my_old_fund_parts(*, actor: Actor) -> list[OldFundPart]:
    """An owner's own parts' old-project fund (next to "my maintenance fund")."""
    return old_fund_parts(actor=actor.with_grant_kinds("owner"))


def first_deposit_missing(project: Project) -> QuerySet[ExclusivePart]:
    """The project's parts whose first maintenance-fund deposit is not recorded: before
    delivery, none of them may be handed over where the profile says so (seed 004 §14,
    ``maintenance_fund_first_deposit_before_delivery``). For the handover capability."""
    return (
        ExclusivePart.objects.filter(project=project)
        .exclude(maintenance_fund__first_deposit_fen__isnull=False)
        .order_by("number")
    )


def topup_notices(
    *, actor: Actor, project: Project | None = None, open_only: bool = True
) -> QuerySet[TopUpNotice]:
    qs = TopUpNotice.objects.visible_to(actor).select_related("part_fund__part", "project")
    if project is not None:
        qs = qs.filter(project=project)
    if open_only:
        qs = qs.filter(resolved_on__isnull=True)
    return qs.order_by("-issued_at", "-id")


def application_list(
    *, actor: Actor, project: Project | None = None, status: str = ""
) -> QuerySet[FundUseApplication]:
    qs = FundUseApplication.objects.visible_to(actor).select_related("project")
    return narrowed(qs, project=project, status=status).order_by("-created_at", "-id")


def application_get(*, actor: Actor, pk: Any) -> FundUseApplication:
    return get_visible(
        FundUseApplication.objects.select_related("project", "project__company", "disbursement"),
        actor,
        pk=pk,
    )


def application_shares(*, actor: Actor, application: FundUseApplication) -> QuerySet[FundUseShare]:
    """The sharing parts; officials, the committee and the company see all, an owner
    only their own parts' shares."""
    return (
        FundUseShare.objects.visible_to(actor)
        .filter(application=application)
        .select_related("part")
        .order_by("part__number")
    )


def bond_list(*, actor: Actor, project: Project | None = None) -> QuerySet[PerformanceBond]:
    qs = PerformanceBond.objects.visible_to(actor).select_related("company", "project", "account")
    return qs.filter(project=project) if project is not None else qs


def deposit_list(*, actor: Actor, project: Project) -> QuerySet[Deposit]:
    return Deposit.objects.visible_to(actor).filter(project=project).select_related("account")


def statement_list(*, actor: Actor, project: Project) -> QuerySet[RevenueStatement]:
    return RevenueStatement.objects.visible_to(actor).filter(project=project).order_by("-year")


def statement_get(*, actor: Actor, pk: Any) -> RevenueStatement:
    return get_visible(RevenueStatement.objects.select_related("project"), actor, pk=pk)


def entry_list(*, actor: Actor, project: Project) -> QuerySet[JournalEntry]:
    return (
        JournalEntry.objects.visible_to(actor)
        .filter(project=project)
        .select_related("created_by")
        .order_by("-date", "-id")
    )


def reconciliation(*, actor: Actor) -> ledger.Reconciliation:
    """The reconciliation report over the accounts and entries the actor may see."""
    return ledger.reconcile(
        accounts=Account.objects.visible_to(actor), entries=JournalEntry.objects.visible_to(actor)
    )
