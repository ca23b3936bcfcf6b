"""Which ledger account holds what: the chart of accounts of every fund, by key.

Each fund keeps the money in an asset account ("bank": the special account, the
street's designated account, the finance bureau's account) and records to whom it is
owed in liability accounts (an exclusive part, a company's bond, the developer's
deposit), or, for common revenue, in income and expense accounts by category.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

from gongzhi.funds.ledger import account_for
from gongzhi.funds.models import Account, Fund
from gongzhi.registry.models import ExclusivePart, Project

K = Account.Kind
H = Account.Holder

INCOME_CATEGORIES = ("parking", "advertising", "venue", "other_income")
EXPENSE_CATEGORIES = ("committee_office", "staff", "repair", "subsidy", "other_expense")


def _project_account(
    project: Project, key: str, name: str, *, fund: str, kind: str, holder: str, **links: Any
) -> Account:
    """The project's account with this key; ``name`` names the project as ``%(project)s``."""
    return account_for(
        key,
        name=name % {"project": project.name},
        fund=fund,
        kind=kind,
        holder=holder,
        node_path=project.node_path,
        project=project,
        **links,
    )


def maintenance_bank(project: Project) -> Account:
    """The project's share of the maintenance-fund special account (专户, bureau-run)."""
    return _project_account(
        project,
        f"mf:bank:{project.pk}",
        gettext("Maintenance fund special account · %(project)s"),
        fund=Fund.MAINTENANCE,
        kind=K.ASSET,
        holder=H.BUREAU,
    )


PART_KEY_PREFIX: dict[str, str] = {Fund.MAINTENANCE: "mf:part", Fund.OLD_PROJECT: "op:part"}
OLD_FUND_OWNERS = "owners"  # category of a part's old-project account: its owners' deposits
OLD_FUND_MATCH = "match"  # … and the district finance's matching of them (等额配套)


def part_key(part_id: int, *, fund: str = Fund.MAINTENANCE, category: str = "") -> str:
    """The key of a part's account in ``fund`` (``category`` tells two apart in one fund)."""
    key = f"{PART_KEY_PREFIX[fund]}:{part_id}"
    return f"{key}:{category}" if category else key


def maintenance_part_key(part_id: int) -> str:
    return part_key(part_id)


def part_account(
    part: ExclusivePart,
    project: Project,
    *,
    fund: str = Fund.MAINTENANCE,
    category: str = "",
    name: str = "",
) -> Account:
    """An unsaved liability account owed to one exclusive part (holder = the part, read by
    its owners through the accounts' owner scope); for ``bulk_create``."""
    return Account(
        key=part_key(part.pk, fund=fund, category=category),
        name=(name or gettext("Maintenance fund · %(project)s %(part)s"))
        % {"project": project.name, "part": part.number},
        fund=fund,
        kind=K.LIABILITY,
        holder=H.PART,
        category=category,
        node_path=project.node_path,
        project=project,
        part=part,
    )


def maintenance_part_account(part: ExclusivePart, project: Project) -> Account:
    return part_account(part, project)


def part_accounts(
    parts: list[ExclusivePart],
    project: Project,
    *,
    fund: str = Fund.MAINTENANCE,
    category: str = "",
    name: str = "",
) -> dict[int, Account]:
    """Each part's account with this fund and category by part id, the missing ones
    created: one read, one ``bulk_create`` per 1 000 parts and one re-read, whatever the
    number of parts."""
    keys = {part_key(p.pk, fund=fund, category=category): p for p in parts}
    existing = set(Account.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    Account.objects.bulk_create(
        [
            part_account(p, project, fund=fund, category=category, name=name)
            for key, p in keys.items()
            if key not in existing
        ],
        batch_size=1000,
        ignore_conflicts=True,  # a concurrent collection created them first
    )
    return {a.part_id: a for a in Account.objects.filter(key__in=list(keys))}


def old_fund_bank(project: Project) -> Account:
    """The project's old-project fund account held by the district finance (001 §三(三)2:
    存入区财政设立的老旧小区住宅维修资金专用帐户)."""
    return _project_account(
        project,
        f"op:bank:{project.pk}",
        gettext("Old-project fund account at the district finance · %(project)s"),
        fund=Fund.OLD_PROJECT,
        kind=K.ASSET,
        holder=H.FINANCE,
    )


def old_fund_part_accounts(
    parts: list[ExclusivePart], project: Project
) -> tuple[dict[int, Account], dict[int, Account]]:
    """Each part's two old-project accounts by part id: its owners' deposits and the
    district finance's matching of them (both owed to the part: 归全体业主所有)."""
    return (
        part_accounts(
            parts,
            project,
            fund=Fund.OLD_PROJECT,
            category=OLD_FUND_OWNERS,
            name=gettext("Old-project fund, owners' deposit · %(project)s %(part)s"),
        ),
        part_accounts(
            parts,
            project,
            fund=Fund.OLD_PROJECT,
            category=OLD_FUND_MATCH,
            name=gettext("Old-project fund, finance matching · %(project)s %(part)s"),
        ),
    )


def bond_bank(project: Project, holder: str) -> Account:
    street = holder == "street"
    return _project_account(
        project,
        f"pb:bank:{project.pk}:{holder}",
        gettext("Street's bond account · %(project)s")
        if street
        else gettext("Owners' assembly account · %(project)s"),
        fund=Fund.PERFORMANCE_BOND,
        kind=K.ASSET,
        holder=H.STREET if street else H.ASSEMBLY,
    )


def bond_deductions(project: Project) -> Account:
    return _project_account(
        project,
        f"pb:deductions:{project.pk}",
        gettext("Bond deductions for the owners · %(project)s"),
        fund=Fund.PERFORMANCE_BOND,
        kind=K.INCOME,
        holder=H.PROJECT,
    )


def deposit_bank(project: Project, kind: str) -> Account:
    preparation = kind == "preparation"
    fund = Fund.PREPARATION if preparation else Fund.WARRANTY
    return _project_account(
        project,
        f"{fund}:bank:{project.pk}",
        gettext("Street's designated account for the preparation fund · %(project)s")
        if preparation
        else gettext("Supervised warranty account · %(project)s"),
        fund=fund,
        kind=K.ASSET,
        holder=H.STREET if preparation else H.BUREAU,
    )


def revenue_bank(project: Project) -> Account:
    return _project_account(
        project,
        f"cr:bank:{project.pk}",
        gettext("Common revenue account · %(project)s"),
        fund=Fund.COMMON_REVENUE,
        kind=K.ASSET,
        holder=H.PROJECT,
    )


def revenue_category(project: Project, category: str) -> Account:
    income = category in INCOME_CATEGORIES
    return _project_account(
        project,
        f"cr:{'income' if income else 'expense'}:{project.pk}:{category}",
        f"{category} · %(project)s",
        fund=Fund.COMMON_REVENUE,
        kind=K.INCOME if income else K.EXPENSE,
        holder=H.PROJECT,
        category=category,
    )
