"""Common-revenue figures (seed 000 §22): a year's income and expenses by category,
summed by the database from the ledger's postings."""

from __future__ import annotations

from typing import Any

from django.db.models import Sum

from gongzhi.funds import accounts
from gongzhi.funds.models import Account, Fund, Posting, Side


def statement_lines(*, project_id: int, year: int) -> list[dict[str, Any]]:
    """``[{direction, category, amount_fen}]`` for every category, in a fixed order; an
    income is credited to an income account, an expense debited to an expense account;
    reversals net out."""
    rows = (
        Posting.objects.filter(
            account__project_id=project_id,
            account__fund=Fund.COMMON_REVENUE,
            account__kind__in=[Account.Kind.INCOME, Account.Kind.EXPENSE],
            entry__date__year=year,
        )
        .values("account__category", "account__kind", "side")
        .annotate(total=Sum("amount_fen"))
    )
    net: dict[str, int] = {}
    for row in rows:
        normal = Side.CREDIT if row["account__kind"] == Account.Kind.INCOME else Side.DEBIT
        sign = 1 if row["side"] == normal else -1
        net[row["account__category"]] = net.get(row["account__category"], 0) + sign * row["total"]
    lines = [
        {"direction": "income", "category": c, "amount_fen": net.get(c, 0)}
        for c in accounts.INCOME_CATEGORIES
    ]
    lines += [
        {"direction": "expense", "category": c, "amount_fen": net.get(c, 0)}
        for c in accounts.EXPENSE_CATEGORIES
    ]
    return lines
