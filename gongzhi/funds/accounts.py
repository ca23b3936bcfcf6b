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
    fund = Fund.OLD_PROJECT
    return (
        _project_account(
            project,
            f"op:bank:{project.pk}",
            gettext("Old-project fund account at the district finance · %(project)s"),
            fund=fund,
            kind=K.ASSET,
            holder=H.FINANCE,
        ),
        _project_account(
            project,
            f"op:owners:{project.pk}",
            gettext("Old-project fund, owners' deposits · %(project)s"),
            fund=fund,
            kind=K.LIABILITY,
            holder=H.PROJECT,
        ),
        _project_account(
            project,
            f"op:match:{project.pk}",
            gettext("Old-project fund, finance matching · %(project)s"),
            fund=fund,
            kind=K.LIABILITY,
            holder=H.PROJECT,
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
