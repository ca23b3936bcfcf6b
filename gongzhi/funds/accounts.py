"""Which ledger account holds what: the chart of accounts of every fund, by key.

Each fund keeps the money in an asset account ("bank": the special account, the
street's designated account, the finance bureau's account) and records to whom it is
owed in liability accounts (an exclusive part, a company's bond, the developer's
deposit), or, for common revenue, in income and expense accounts by category.
"""

from __future__ import annotations

from django.utils.translation import gettext

from gongzhi.funds.ledger import account_for
from gongzhi.funds.models import Account, Fund
from gongzhi.registry.models import ExclusivePart, Project

K = Account.Kind
H = Account.Holder

INCOME_CATEGORIES = ("parking", "advertising", "venue", "other_income")
EXPENSE_CATEGORIES = ("committee_office", "staff", "repair", "subsidy", "other_expense")


def maintenance_bank(project: Project) -> Account:
    """The project's share of the maintenance-fund special account (专户, bureau-run)."""
    return account_for(
        f"mf:bank:{project.pk}",
        name=gettext("Maintenance fund special account · %(project)s") % {"project": project.name},
        fund=Fund.MAINTENANCE,
        kind=K.ASSET,
        holder=H.BUREAU,
        node_path=project.node_path,
        project=project,
    )


def maintenance_part_key(part_id: int) -> str:
    return f"mf:part:{part_id}"


def maintenance_part_account(part: ExclusivePart, project: Project) -> Account:
    return Account(
        key=maintenance_part_key(part.pk),
        name=gettext("Maintenance fund · %(project)s %(part)s")
        % {"project": project.name, "part": part.number},
        fund=Fund.MAINTENANCE,
        kind=K.LIABILITY,
        holder=H.PART,
        node_path=project.node_path,
        project=project,
        part=part,
    )


def old_fund_accounts(project: Project) -> tuple[Account, Account, Account]:
    """Bank (held by the district finance), owners' deposits, finance matching (001 §三(三)2)."""
    bank = account_for(
        f"op:bank:{project.pk}",
        name=gettext("Old-project fund account at the district finance · %(project)s")
        % {"project": project.name},
        kind=K.ASSET,
        holder=H.FINANCE,
        fund=Fund.OLD_PROJECT,
        node_path=project.node_path,
        project=project,
    )
    owners = account_for(
        f"op:owners:{project.pk}",
        name=gettext("Old-project fund, owners' deposits · %(project)s")
        % {"project": project.name},
        kind=K.LIABILITY,
        holder=H.PROJECT,
        fund=Fund.OLD_PROJECT,
        node_path=project.node_path,
        project=project,
    )
    match = account_for(
        f"op:match:{project.pk}",
        name=gettext("Old-project fund, finance matching · %(project)s")
        % {"project": project.name},
        kind=K.LIABILITY,
        holder=H.PROJECT,
        fund=Fund.OLD_PROJECT,
        node_path=project.node_path,
        project=project,
    )
    return bank, owners, match


def bond_bank(project: Project, holder: str) -> Account:
    kind_holder = H.STREET if holder == "street" else H.ASSEMBLY
    return account_for(
        f"pb:bank:{project.pk}:{holder}",
        name=(
            gettext("Street's bond account · %(project)s")
            if holder == "street"
            else gettext("Owners' assembly account · %(project)s")
        )
        % {"project": project.name},
        fund=Fund.PERFORMANCE_BOND,
        kind=K.ASSET,
        holder=kind_holder,
        node_path=project.node_path,
        project=project,
    )


def bond_deductions(project: Project) -> Account:
    return account_for(
        f"pb:deductions:{project.pk}",
        name=gettext("Bond deductions for the owners · %(project)s") % {"project": project.name},
        fund=Fund.PERFORMANCE_BOND,
        kind=K.INCOME,
        holder=H.PROJECT,
        node_path=project.node_path,
        project=project,
    )


def deposit_bank(project: Project, kind: str) -> Account:
    fund = Fund.PREPARATION if kind == "preparation" else Fund.WARRANTY
    name = (
        gettext("Street's designated account for the preparation fund · %(project)s")
        if kind == "preparation"
        else gettext("Supervised warranty account · %(project)s")
    )
    return account_for(
        f"{fund}:bank:{project.pk}",
        name=name % {"project": project.name},
        fund=fund,
        kind=K.ASSET,
        holder=H.STREET if kind == "preparation" else H.BUREAU,
        node_path=project.node_path,
        project=project,
    )


def revenue_bank(project: Project) -> Account:
    return account_for(
        f"cr:bank:{project.pk}",
        name=gettext("Common revenue account · %(project)s") % {"project": project.name},
        fund=Fund.COMMON_REVENUE,
        kind=K.ASSET,
        holder=H.PROJECT,
        node_path=project.node_path,
        project=project,
    )


def revenue_category(project: Project, category: str) -> Account:
    income = category in INCOME_CATEGORIES
    return account_for(
        f"cr:{'income' if income else 'expense'}:{project.pk}:{category}",
        name=f"{category} · {project.name}",
        fund=Fund.COMMON_REVENUE,
        kind=K.INCOME if income else K.EXPENSE,
        holder=H.PROJECT,
        node_path=project.node_path,
        project=project,
        category=category,
    )
