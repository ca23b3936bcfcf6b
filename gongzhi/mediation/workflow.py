"""The mediation workflow and the chain of levels (seed 000 §2: 社区调解组织 → 乡镇（街道）
人民调解委员会 → 市物业管理工作领导小组, 逐级调解).

    open ──agree──► agreed ──close──► closed
      │  ──fail───► no_agreement ──close──► closed
      │                 │
      ├──escalate◄──────┘   (to the next level up; the case is open again there)
      └──withdraw──► withdrawn     (also from no_agreement)

The chain is the profile's ``jurisdiction_levels`` read bottom-up, so a four-level profile
(seed 004: 新区 → 新城 → 镇街 → 社区) escalates community → street → new city → new area.
Only officials over the body now mediating act on a case (the community's officer at the
community level; the street's officer at the street level and below, and so on).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, require_text, steps
from gongzhi.mediation.models import MediationCase, MediationDocument, MediationSession

S = MediationCase.Status
MEDIATORS = frozenset({Role.COMMUNITY_OFFICER, Role.STREET_OFFICER, Role.BUREAU})


def chain(levels: tuple[str, ...]) -> tuple[str, ...]:
    """The mediation levels bottom-up: the profile's jurisdiction levels reversed."""
    return tuple(reversed(levels))


def next_level(levels: tuple[str, ...], current: str) -> str | None:
    """The level a case at ``current`` escalates to, or None at the top."""
    order = chain(levels)
    if current not in order:
        return None
    index = order.index(current)
    return order[index + 1] if index + 1 < len(order) else None


def mediates(actor: Actor, case: MediationCase) -> bool:
    """The actor is an official over the body now mediating the case."""
    path = case.level_node.path
    return actor.is_platform_admin or any(
        g.role in MEDIATORS and path.startswith(g.node_path or "~") for g in actor.grants_of("node")
    )


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Only the officials of the mediating body may do this."))


def _needs(field: str, message: Any) -> DomainError:
    return DomainError(message, fields={field: [message]})


def _guard_mediator(case: MediationCase, actor: Actor) -> None:
    if not mediates(actor, case):
        raise _refuse()


def guard_outcome(case: MediationCase, actor: Actor, **context: Any) -> None:
    """An outcome follows at least one session at the current level."""
    _guard_mediator(case, actor)
    if not MediationSession.objects.filter(case_id=case.pk, level=case.level).exists():
        raise ConflictError(_("Record a mediation session at this level first."))


def guard_escalate(case: MediationCase, actor: Actor, **context: Any) -> None:
    _guard_mediator(case, actor)
    require_text(context, "note", _("Give the reason for escalating the case."))
    if context.get("to_level") is None:
        raise ConflictError(_("The case is already at the highest level of mediation."))


def guard_withdraw(case: MediationCase, actor: Actor, **context: Any) -> None:
    _guard_mediator(case, actor)
    require_text(context, "note", _("Say why the case is withdrawn."))


def guard_close(case: MediationCase, actor: Actor, **context: Any) -> None:
    """An agreement is closed only once the signed agreement is on file."""
    _guard_mediator(case, actor)
    if case.status == S.AGREED and not MediationDocument.objects.filter(case_id=case.pk).exists():
        raise _needs("file", _("Upload the signed mediation agreement before closing the case."))


MEDIATION_FLOW = Workflow.of(
    "mediation-case",
    "status",
    *steps(
        MEDIATORS,
        guard_outcome,
        ("agree", _("Agreement reached"), {S.OPEN}, S.AGREED),
        ("fail", _("No agreement"), {S.OPEN}, S.NO_AGREEMENT),
    ),
    Transition.of(
        "escalate",
        _("Escalate to the next level"),
        {S.OPEN, S.NO_AGREEMENT},
        S.OPEN,
        MEDIATORS,
        guard_escalate,
    ),
    Transition.of(
        "withdraw", _("Withdrawn"), {S.OPEN, S.NO_AGREEMENT}, S.WITHDRAWN, MEDIATORS, guard_withdraw
    ),
    Transition.of(
        "close", _("Close the case"), {S.AGREED, S.NO_AGREEMENT}, S.CLOSED, MEDIATORS, guard_close
    ),
)
ACTIONS = tuple(MEDIATION_FLOW.transitions)
NEEDS_NOTE = ("escalate", "withdraw")


def available_actions(case: MediationCase, actor: Actor) -> list[Transition]:
    if not mediates(actor, case):
        return []
    return MEDIATION_FLOW.available(case, actor)
