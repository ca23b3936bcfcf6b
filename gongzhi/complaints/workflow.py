"""The complaint workflow (seed 002 §二(一)2; 003 §四(二)–(三), §五(二)2(2)).

    received ─accept─► accepted ─assign─► assigned ─start─► in_progress ─resolve─► resolved
        │                 │                  │                  │                   │
        └──── transfer (with a reason) ──────┴──────────────────┘        confirm ◄──┴──► reopen
                                 ▼                                      (rating 1–5)      │
                              assigned                      confirmed       reopened ─start┘

The tier that holds the complaint (community, street, district) accepts and assigns it;
the responsible party the list names (company, committee, community, street or
department) starts and resolves it; the complainant confirms with a rating or reopens it.
For a hotline or patrol matter without a signed-in complainant, an official of the place
records the call-back (回访). Supervision (督办) and escalation change no status and live in
the services.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.complaints.models import Complaint, Party
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, require_text, steps

S = Complaint.Status
NODE_ROLES = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
HANDLER_ROLES = NODE_ROLES | {Role.DEPARTMENT_STAFF, Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER}
OPEN_STATES = frozenset({S.RECEIVED, S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS, S.REOPENED})


def is_tier_official(actor: Actor, complaint: Complaint) -> bool:
    """An official whose node is the complaint's current tier or above it."""
    path = complaint.tier_node.path
    return actor.is_platform_admin or any(
        g.role in NODE_ROLES and g.node_path and path.startswith(g.node_path)
        for g in actor.grants_of("node")
    )


def is_place_official(actor: Actor, complaint: Complaint) -> bool:
    """An official whose subtree holds the complaint's place."""
    return actor.is_platform_admin or any(
        g.role in NODE_ROLES and g.node_path and complaint.node_path.startswith(g.node_path)
        for g in actor.grants_of("node")
    )


def is_responsible(actor: Actor, complaint: Complaint) -> bool:
    """The party the list names for this complaint (not the tier officials)."""
    if complaint.party == Party.COMPANY:
        return any(g.company_id == complaint.company_id for g in actor.grants_of("company"))
    if complaint.party == Party.COMMITTEE:
        return any(g.project_id == complaint.project_id for g in actor.grants_of("project"))
    if complaint.party == Party.DEPARTMENT:
        return any(
            g.department_id == complaint.department_id for g in actor.grants_of("department")
        )
    return False


def is_handler(actor: Actor, complaint: Complaint) -> bool:
    return is_responsible(actor, complaint) or is_tier_official(actor, complaint)


def is_complainant(actor: Actor, complaint: Complaint) -> bool:
    """The signed-in complainant, or for a matter without one an official of the place."""
    if complaint.submitter_id is not None and complaint.channel in ("owner", "api"):
        return actor.user_id == complaint.submitter_id
    return is_place_official(actor, complaint)


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Your role may not do this for this complaint."))


def guard_handler(complaint: Complaint, actor: Actor, **context: Any) -> None:
    if not is_handler(actor, complaint):
        raise _refuse()


def guard_resolve(complaint: Complaint, actor: Actor, **context: Any) -> None:
    """The handler says what was done; against a company, whether it was substantiated."""
    if not is_handler(actor, complaint):
        raise _refuse()
    require_text(context, "public_note", _("Say what was done, for the complainant."))
    if complaint.party == Party.COMPANY and context.get("substantiated") is None:
        message = _("Say whether the complaint against the company is substantiated.")
        raise DomainError(message, fields={"substantiated": [message]})


def guard_confirm(complaint: Complaint, actor: Actor, **context: Any) -> None:
    if not is_complainant(actor, complaint):
        raise _refuse()
    rating = context.get("rating")
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        message = _("Rate your satisfaction from 1 to 5.")
        raise DomainError(message, fields={"rating": [message]})


def guard_reopen(complaint: Complaint, actor: Actor, **context: Any) -> None:
    if not is_complainant(actor, complaint):
        raise _refuse()
    require_text(context, "public_note", _("Say why the matter is not resolved."))


def guard_transfer(complaint: Complaint, actor: Actor, **context: Any) -> None:
    if not is_handler(actor, complaint):
        raise _refuse()
    require_text(context, "reason", _("Give the reason for the transfer."))


COMPLAINT_FLOW = Workflow.of(
    "complaint",
    "status",
    *steps(
        HANDLER_ROLES,
        guard_handler,
        ("accept", _("Accept"), {S.RECEIVED}, S.ACCEPTED),
        ("assign", _("Assign to the responsible party"), {S.ACCEPTED}, S.ASSIGNED),
        ("start", _("Start handling"), {S.ASSIGNED, S.REOPENED}, S.IN_PROGRESS),
    ),
    Transition.of(
        "resolve",
        _("Mark resolved"),
        {S.ACCEPTED, S.ASSIGNED, S.IN_PROGRESS},
        S.RESOLVED,
        HANDLER_ROLES,
        guard_resolve,
    ),
    Transition.of(
        "confirm",
        _("Confirm and rate"),
        {S.RESOLVED},
        S.CONFIRMED,
        NODE_ROLES | {Role.OWNER},
        guard_confirm,
    ),
    Transition.of(
        "reopen",
        _("Not resolved: reopen"),
        {S.RESOLVED},
        S.REOPENED,
        NODE_ROLES | {Role.OWNER},
        guard_reopen,
    ),
    Transition.of(
        "transfer", _("Transfer"), OPEN_STATES, S.ASSIGNED, HANDLER_ROLES, guard_transfer
    ),
)

ACTIONS = tuple(COMPLAINT_FLOW.transitions)


def available_actions(complaint: Complaint, actor: Actor) -> list[Transition]:
    """The buttons to show: the table's actions whose guard role fits this complaint."""
    out = []
    for step in COMPLAINT_FLOW.available(complaint, actor):
        if step.action in ("confirm", "reopen"):
            ok = is_complainant(actor, complaint)
        else:
            ok = is_handler(actor, complaint)
        if ok:
            out.append(step)
    return out
