"""Writes of the funds capability (one write path per action; STYLE principle 3).

Every service is keyword-only with the actor first, atomic, and audited in the same
transaction; bad input raises a translated DomainError naming the field and writes
nothing. Ledger postings go through ``gongzhi.funds.ledger.post`` (or ``post_rows``) only.
"""

from gongzhi.funds.services.fund_use import (
    fund_use_act,
    fund_use_apply,
    fund_use_disburse,
    fund_use_open_decision,
    fund_use_owners_decided,
)
from gongzhi.funds.services.holdings import (
    bond_deduct,
    bond_deposit,
    bond_refund,
    bond_requirement,
    deposit_record,
    deposit_release,
    old_fund_collect,
)
from gongzhi.funds.services.maintenance import (
    check_topups,
    first_deposit_record,
    first_deposits_record_all,
    interest_allocate,
    maintenance_open,
    topup_record,
)
from gongzhi.funds.services.revenue import revenue_record, revenue_statement_publish

__all__ = [
    "bond_deduct",
    "bond_deposit",
    "bond_refund",
    "bond_requirement",
    "check_topups",
    "deposit_record",
    "deposit_release",
    "first_deposit_record",
    "first_deposits_record_all",
    "fund_use_act",
    "fund_use_apply",
    "fund_use_disburse",
    "fund_use_open_decision",
    "fund_use_owners_decided",
    "interest_allocate",
    "maintenance_open",
    "old_fund_collect",
    "revenue_record",
    "revenue_statement_publish",
    "topup_record",
]
