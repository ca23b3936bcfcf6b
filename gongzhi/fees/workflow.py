"""State machines of fees: publishing a fee standard and a bill's payment state.

    standard:  draft ──publish──► published                     (seed 000 §14 公示)
    bill:      open ──pay──► partly_paid ──pay──► partly_paid
               open / partly_paid ──settle──► paid
               open ──cancel──► cancelled   (reversing lines, never edits)

Only the staff of the company that issued the row act on it.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.grants import is_company_staff
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, steps
from gongzhi.fees.models import Bill, FeeItem, FeeStandard

STAFF = frozenset({Role.COMPANY_STAFF})


def guard_company(obj: models.Model, actor: Actor, **context: Any) -> None:
    if not is_company_staff(actor, obj.company_id):  # type: ignore[attr-defined]
        raise PermissionDeniedError(_("Only the staff of the company that issued it may do this."))


def guard_publish(standard: FeeStandard, actor: Actor, **context: Any) -> None:
    from gongzhi.core.errors import DomainError

    guard_company(standard, actor)
    if not FeeItem.objects.filter(standard_id=standard.pk).exists():
        raise DomainError(
            _("Add at least one fee item before publishing the list."),
            fields={"items": [_("The published list may not be empty.")]},
        )


STANDARD_FLOW = Workflow.of(
    "fee-standard",
    "status",
    Transition.of(
        "publish",
        _("Publish the fee list"),
        {FeeStandard.Status.DRAFT},
        FeeStandard.Status.PUBLISHED,
        STAFF,
        guard_publish,
    ),
)

B = Bill.Status
BILL_FLOW = Workflow.of(
    "bill",
    "status",
    *steps(
        STAFF,
        guard_company,
        ("pay", _("Record a part payment"), {B.OPEN, B.PARTLY_PAID}, B.PARTLY_PAID),
        ("settle", _("Record the final payment"), {B.OPEN, B.PARTLY_PAID}, B.PAID),
        ("cancel", _("Cancel the bill"), {B.OPEN}, B.CANCELLED),
    ),
)
