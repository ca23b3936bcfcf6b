"""The states of a credit record and of an appeal against it.

    record:  pending_approval ──approve──► active ──withdraw──► withdrawn
                     └────────reject─────► rejected
    appeal:  open ──uphold──► upheld        (the record stays active)
               └───withdraw─► withdrawn     (the record is withdrawn with it)

A manual record needs a second officer's approval: the approver may not be the officer
who entered it (a Gongzhi safeguard; the seeds name no entry procedure, seed 000 §17 asks
for credit information to be collected and supervised). Automatic records are created
active. Officials act only on companies they supervise (filed in their subtree or serving
a project there); an appeal is decided by an officer, never by the company. Expiry is
not a state: a record past ``valid_until`` simply stops counting (see
``rules.credit.counts_in_year``).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, steps
from gongzhi.credit.models import Appeal, CreditRecord
from gongzhi.registry.models import PropertyCompany

R = CreditRecord.Status
A = Appeal.Status
DECIDERS = frozenset({Role.BUREAU, Role.STREET_OFFICER})


def supervises(actor: Actor, company_id: int) -> bool:
    """An officer (bureau or street) who sees the company: filed in, or serving, their area."""
    officer = actor.restricted_to(DECIDERS)
    return actor.is_platform_admin or (
        bool(officer.grants)
        and PropertyCompany.objects.visible_to(officer).filter(pk=company_id).exists()
    )


def is_staff_of(actor: Actor, company_id: int) -> bool:
    return any(
        g.role == Role.COMPANY_STAFF and g.company_id == company_id
        for g in actor.grants_of("company")
    )


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Your role may not do this for this company."))


def guard_approve(record: CreditRecord, actor: Actor, **context: Any) -> None:
    if not supervises(actor, record.company_id):
        raise _refuse()
    if record.entered_by_id is not None and record.entered_by_id == actor.user_id:
        message = _("A second officer must approve: you entered this record yourself.")
        raise PermissionDeniedError(message, fields={"approved_by": [message]})


def guard_decide(obj: CreditRecord | Appeal, actor: Actor, **context: Any) -> None:
    record = obj.record if isinstance(obj, Appeal) else obj
    if not supervises(actor, record.company_id):
        raise _refuse()


RECORD_FLOW = Workflow.of(
    "credit-record",
    "status",
    Transition.of("approve", _("Approve"), {R.PENDING}, R.ACTIVE, DECIDERS, guard_approve),
    *steps(
        DECIDERS,
        guard_decide,
        ("reject", _("Reject"), {R.PENDING}, R.REJECTED),
        ("withdraw", _("Withdraw"), {R.ACTIVE}, R.WITHDRAWN),
    ),
)

APPEAL_FLOW = Workflow.of(
    "credit-appeal",
    "status",
    *steps(
        DECIDERS,
        guard_decide,
        ("uphold", _("Uphold the record"), {A.OPEN}, A.UPHELD),
        ("withdraw", _("Withdraw the record"), {A.OPEN}, A.WITHDRAWN),
    ),
)
