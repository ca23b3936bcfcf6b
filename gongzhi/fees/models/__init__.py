"""Property fees: fee standards and their published item lists, billing runs, bills with
their lines, payments and receipts, bank-statement imports, arrears reminders and the
payment-status publication (seed 000 §14,15; 001 §三(一)4; 002 §三(一)3(2); 004 §5-7).

Money is integer fen (分) everywhere; prices are ``Decimal`` yuan per m² (or per part) a
month. Bills are never edited: a cancellation adds reversing lines. State fields change
only through ``gongzhi.fees.workflow``.
"""

from gongzhi.fees.models.bills import Bill, BillingRun, BillLine
from gongzhi.fees.models.notices import PaymentPublication, ReminderNotice
from gongzhi.fees.models.payments import (
    BankStatementImport,
    BankStatementRow,
    Payment,
    ReceiptSequence,
)
from gongzhi.fees.models.standards import FeeItem, FeeStandard, PartKind

__all__ = [
    "BankStatementImport",
    "BankStatementRow",
    "Bill",
    "BillLine",
    "BillingRun",
    "FeeItem",
    "FeeStandard",
    "PartKind",
    "Payment",
    "PaymentPublication",
    "ReceiptSequence",
    "ReminderNotice",
]
