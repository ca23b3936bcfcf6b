"""Funds models: the double-entry ledger (``ledger``) and the fund records around it
(``funds``): maintenance-fund part accounts, fund-use applications, bonds, deposits,
common-revenue statements and top-up notices."""

from gongzhi.funds.models.funds import (
    Deposit,
    FundUseApplication,
    FundUseShare,
    PartFund,
    PerformanceBond,
    RevenueStatement,
    TopUpNotice,
)
from gongzhi.funds.models.ledger import Account, Fund, JournalEntry, Posting, Side

__all__ = [
    "Account",
    "Deposit",
    "Fund",
    "FundUseApplication",
    "FundUseShare",
    "JournalEntry",
    "PartFund",
    "PerformanceBond",
    "Posting",
    "RevenueStatement",
    "Side",
    "TopUpNotice",
]
