"""Payment providers: how money reaches a bill.

A provider takes a payment for a bill and, when the money is confirmed, records it with
the one write path (``services.payments.payment_apply``: this module builds on that one,
never the reverse). The offline providers are implemented: cash at the office, bank
transfer, and a bank-statement import; for them the money is already received when staff
record it, so ``create_payment`` confirms at once and ``confirm`` has nothing left to do.
``payment_record`` is how staff record cash or a transfer by hand; the statement import
(``services.statements``) goes through :data:`BANK_STATEMENT`.

An online gateway (WeChat Pay, Alipay, UnionPay) is *not* shipped and not faked. One
would plug in by implementing this protocol in a module of its own: ``create_payment``
asks the gateway for a pending order and returns ``PaymentResult(confirmed=False,
provider_reference=…)`` without touching the bill; the gateway's signed callback view
verifies the signature and calls ``confirm``, which records the payment through
``payment_apply`` under the bill's row lock, idempotently on ``provider_reference``.
Then add it to :data:`PROVIDERS` (see docs/domains/fees.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core.clock import today
from gongzhi.core.errors import ConflictError, DomainError, FieldErrors, invalid
from gongzhi.core.scoping import Actor
from gongzhi.fees.models import Payment
from gongzhi.fees.services.common import as_date, as_fen
from gongzhi.fees.services.payments import payment_apply


@dataclass(frozen=True)
class PaymentResult:
    confirmed: bool
    payment: Payment | None
    provider_reference: str = ""


class PaymentProvider(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def label(self) -> str | Promise: ...

    @property
    def online(self) -> bool: ...

    def create_payment(
        self,
        *,
        actor: Actor,
        bill_id: int,
        amount_fen: int,
        paid_on: dt.date,
        reference: str = "",
    ) -> PaymentResult: ...

    def confirm(self, *, actor: Actor, provider_reference: str) -> PaymentResult: ...


@dataclass(frozen=True)
class OfflineProvider:
    """Money already received (cash, transfer, a statement line): recorded and confirmed."""

    name: str
    label: str | Promise
    online: bool = False

    def create_payment(
        self,
        *,
        actor: Actor,
        bill_id: int,
        amount_fen: int,
        paid_on: dt.date,
        reference: str = "",
    ) -> PaymentResult:
        payment = payment_apply(
            actor=actor,
            bill_id=bill_id,
            amount_fen=amount_fen,
            method=self.name,
            paid_on=paid_on,
            reference=reference,
        )
        return PaymentResult(True, payment, payment.receipt_number)

    def confirm(self, *, actor: Actor, provider_reference: str) -> PaymentResult:
        raise ConflictError(_("Offline payments are confirmed when they are recorded."))


CASH = OfflineProvider(Payment.Method.CASH, _("Cash at the office"))
BANK_TRANSFER = OfflineProvider(Payment.Method.BANK_TRANSFER, _("Bank transfer"))
BANK_STATEMENT = OfflineProvider(Payment.Method.BANK_STATEMENT, _("Bank statement import"))

PROVIDERS: dict[str, PaymentProvider] = {p.name: p for p in (CASH, BANK_TRANSFER, BANK_STATEMENT)}
# What staff may choose when they record a payment by hand (statement lines come in
# through the import).
MANUAL_METHODS = (Payment.Method.CASH, Payment.Method.BANK_TRANSFER)


def payment_record(
    *,
    actor: Actor,
    bill_id: int,
    amount: Any,
    method: str,
    paid_on: Any = None,
    reference: str = "",
) -> Payment:
    """Record a cash or bank-transfer payment (yuan) through its offline provider."""
    errors: FieldErrors = {}
    fen = as_fen(amount, "amount", errors)
    day = as_date(paid_on, "paid_on", errors, required=False) or today()
    if method not in MANUAL_METHODS:
        errors["method"] = [_("Choose cash or bank transfer.")]
    if errors or fen is None:
        raise invalid(errors)
    result = PROVIDERS[method].create_payment(
        actor=actor, bill_id=bill_id, amount_fen=fen, paid_on=day, reference=reference.strip()
    )
    if result.payment is None:  # pragma: no cover - offline providers always confirm
        raise DomainError(_("The payment was not confirmed."))
    return result.payment
