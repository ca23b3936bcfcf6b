"""The repair-request workflow (seed 000 §18 线上报修; 004 §21 在线报事).

    submitted ─dispatch─► dispatched ─start─► in_progress ─complete─► completed ─rate─► rated
        │  ▲                  │   │                                     │                │
        │  └── dispatch again ┘   └──────────── complete ───────────────┘                │
        ├─ cancel (owner) ──► cancelled                                                  │
        └─ escalate (owner, while unresolved, or after a bad rating) ──► escalated ◄─────┘

The company's staff dispatch, start and complete; the owner who asked cancels (before
the work starts), rates and escalates. ``escalate`` turns the request into a complaint
(``complaints.services.complaint_submit_with_history``) in the same transaction.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, require_text, steps
from gongzhi.repairs.models import RepairRequest

S = RepairRequest.Status
COMPANY = frozenset({Role.COMPANY_STAFF})
OWNER = frozenset({Role.OWNER})
# A rating at or below this counts as "badly rated": the owner may then complain.
# Gongzhi default (no seed sets one): the lower two of five stars.
BAD_RATING = 2
UNRESOLVED = frozenset({S.SUBMITTED, S.DISPATCHED, S.IN_PROGRESS, S.COMPLETED})


def is_company(actor: Actor, repair: RepairRequest) -> bool:
    """Staff of the company the request went to."""
    return actor.is_platform_admin or any(
        g.company_id == repair.company_id for g in actor.grants_of("company")
    )


def is_requester(actor: Actor, repair: RepairRequest) -> bool:
    return actor.user_id is not None and actor.user_id == repair.requester_id


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Your role may not do this for this repair request."))


def guard_company(repair: RepairRequest, actor: Actor, **context: Any) -> None:
    if not is_company(actor, repair):
        raise _refuse()


def guard_complete(repair: RepairRequest, actor: Actor, **context: Any) -> None:
    if not is_company(actor, repair):
        raise _refuse()
    require_text(context, "note", _("Say what was done, for the owner."))


def guard_requester(repair: RepairRequest, actor: Actor, **context: Any) -> None:
    if not is_requester(actor, repair):
        raise _refuse()


def guard_rate(repair: RepairRequest, actor: Actor, **context: Any) -> None:
    if not is_requester(actor, repair):
        raise _refuse()
    rating = context.get("rating")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        message = _("Rate the repair from 1 to 5 stars.")
        raise DomainError(message, fields={"rating": [message]})


def may_escalate(repair: RepairRequest) -> bool:
    """Unresolved, or rated at or below :data:`BAD_RATING`, and not yet a complaint."""
    if repair.complaint_id is not None:
        return False
    if repair.status in UNRESOLVED:
        return True
    return repair.status == S.RATED and (repair.rating or 5) <= BAD_RATING


def guard_escalate(repair: RepairRequest, actor: Actor, **context: Any) -> None:
    if not is_requester(actor, repair):
        raise _refuse()
    if not may_escalate(repair):
        raise DomainError(
            _("Only an unresolved repair or one rated %(n)s stars or less can become a complaint.")
            % {"n": BAD_RATING}
        )
    require_text(context, "reason", _("Say why you are not satisfied."))


REPAIR_FLOW = Workflow.of(
    "repair",
    "status",
    *steps(
        COMPANY,
        guard_company,
        ("dispatch", _("Dispatch to a worker"), {S.SUBMITTED, S.DISPATCHED}, S.DISPATCHED),
        ("start", _("Start the work"), {S.DISPATCHED}, S.IN_PROGRESS),
    ),
    Transition.of(
        "complete",
        _("Mark finished"),
        {S.DISPATCHED, S.IN_PROGRESS},
        S.COMPLETED,
        COMPANY,
        guard_complete,
    ),
    Transition.of("rate", _("Rate the repair"), {S.COMPLETED}, S.RATED, OWNER, guard_rate),
    Transition.of(
        "cancel",
        _("Cancel the request"),
        {S.SUBMITTED, S.DISPATCHED},
        S.CANCELLED,
        OWNER,
        guard_requester,
    ),
    Transition.of(
        "escalate",
        _("Turn into a complaint"),
        UNRESOLVED | {S.RATED},
        S.ESCALATED,
        OWNER,
        guard_escalate,
    ),
)


def available_actions(repair: RepairRequest, actor: Actor) -> list[str]:
    """The actions to offer this actor now (the guards still decide on submit)."""
    out = []
    for step in REPAIR_FLOW.available(repair, actor):
        if step.roles == COMPANY and not is_company(actor, repair):
            continue
        if step.roles == OWNER and not is_requester(actor, repair):
            continue
        if step.action == "escalate" and not may_escalate(repair):
            continue
        out.append(step.action)
    return out
