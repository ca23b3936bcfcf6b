"""Writes of property fees: one service per action, the same for pages, API and tasks.

Every service is keyword-only with the actor first, atomic, audited in the same
transaction, and refuses bad input with a translated DomainError naming the field.
"""

from gongzhi.fees.services.billing import bill_cancel, billing_run
from gongzhi.fees.services.payments import publication_create
from gongzhi.fees.services.providers import payment_record
from gongzhi.fees.services.reminders import reminders_send
from gongzhi.fees.services.standards import fee_items_publish, fee_standard_set
from gongzhi.fees.services.statements import bank_statement_import, unmatched_match

__all__ = [
    "bank_statement_import",
    "bill_cancel",
    "billing_run",
    "fee_items_publish",
    "fee_standard_set",
    "payment_record",
    "publication_create",
    "reminders_send",
    "unmatched_match",
]
