"""The lifecycle's state machines, applied only by ``gongzhi.core.workflow.transition``.

Selection (seed 000 §13; 001 §(二)1; 004 §8)::

    open ──request_negotiation──► negotiation_requested ──approve/refuse──► open
    open ──evaluate──► evaluated ──publish──► published ──contract──► contracted
                                  published ──owners_vote──► awaiting_owners
                 awaiting_owners ──owners_approve──► owners_approved ──contract──► contracted
                 awaiting_owners ──owners_reject──► owners_rejected

Handover inspection (seed 000 §8, §24; 004 §12, §14)::

    preparing ──start──► inspecting ──rectify──► rectifying
    inspecting / rectifying ──sign──► signed ──publish──► published ──file──► filed
    filed ──deliver──► delivered

Exit (seed 000 §12, §16; 004 §10)::

    notified ──start_handover──► handing_over ──complete_handover──► handed_over ──close──► closed
    voting ──vote_passed_review──► review ──review_uphold──► handing_over
    voting ──vote_passed──► handing_over          review ──review_reject──► rejected
    voting ──vote_failed──► rejected
    (a blacklisted company ordered out starts in handing_over)

Roles: the organiser of a selection is the bureau or street over the project (a
preliminary tender, 001 §(二)1: 招投标的组织由行业主管部门负责) or the project's committee
(an owners' selection, 000 §13); the company inspects its handover under the street's
supervision, the bureau files it (004 §12); the street and community supervise the exit
handover (000 §12 乡镇（街道）、社区应指导协调; 004 §10), the incoming party confirms items.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core import grants
from gongzhi.core.errors import PermissionDeniedError, invalid
from gongzhi.core.grants import is_committee_of, is_official_over
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, steps
from gongzhi.lifecycle.models import Exit, Handover, Selection

S = Selection.Status
H = Handover.Status
E = Exit.Status
OFFICIALS = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
SUPERVISORS = frozenset({Role.BUREAU, Role.STREET_OFFICER})


def is_company_staff(actor: Actor, company_id: int | None) -> bool:
    """Staff of the company; no company (none chosen yet) is nobody's."""
    return company_id is not None and grants.is_company_staff(actor, company_id)


def refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Your role may not do this for this record."))


def _note_required(context: dict[str, Any], field: str = "note") -> None:
    if not str(context.get(field) or "").strip():
        raise invalid({field: [_("This field is required.")]})


def _run_check(context: dict[str, Any], obj: Any) -> None:
    """Run the service's own precondition (``check=``), once the actor may act on ``obj``."""
    check = context.get("check")
    if callable(check):
        check(obj)


# --- selection --------------------------------------------------------------------------


def organises(actor: Actor, selection: Selection) -> bool:
    if selection.kind == Selection.Kind.OWNERS and is_committee_of(actor, selection.project_id):
        return True
    return is_official_over(actor, selection.node_path, *SUPERVISORS)


def guard_organiser(selection: Selection, actor: Actor, **context: Any) -> None:
    if not organises(actor, selection):
        raise refuse()
    _run_check(context, selection)


def guard_bureau_decides(selection: Selection, actor: Actor, **context: Any) -> None:
    """The housing bureau approves a negotiated selection (物业管理条例 art. 24)."""
    if not is_official_over(actor, selection.node_path, Role.BUREAU):
        raise refuse()
    _note_required(context)


def guard_system(obj: Any, actor: Actor, **context: Any) -> None:
    """Only the owners' decision (``decisions.matter_closed``) moves this step."""
    if not actor.is_platform_admin:
        raise refuse()


def guard_contract(selection: Selection, actor: Actor, **context: Any) -> None:
    if not (organises(actor, selection) or is_company_staff(actor, selection.winner_id)):
        raise refuse()
    _run_check(context, selection)


ORGANISERS = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMITTEE_MEMBER})

SELECTION_FLOW = Workflow.of(
    "lifecycle-selection",
    "status",
    Transition.of(
        "request_negotiation",
        _("Request a negotiated selection"),
        {S.OPEN},
        S.NEGOTIATION_REQUESTED,
        ORGANISERS,
        guard_organiser,
    ),
    *steps(
        {Role.BUREAU},
        guard_bureau_decides,
        (
            "approve_negotiation",
            _("Approve the negotiated selection"),
            {S.NEGOTIATION_REQUESTED},
            S.OPEN,
        ),
        (
            "refuse_negotiation",
            _("Refuse the negotiated selection"),
            {S.NEGOTIATION_REQUESTED},
            S.OPEN,
        ),
    ),
    *steps(
        ORGANISERS,
        guard_organiser,
        ("evaluate", _("Evaluate"), {S.OPEN}, S.EVALUATED),
        ("publish", _("Publish the result"), {S.EVALUATED}, S.PUBLISHED),
        ("owners_vote", _("Put to the owners"), {S.PUBLISHED}, S.AWAITING_OWNERS),
    ),
    *steps(
        {Role.PLATFORM_ADMIN},
        guard_system,
        ("owners_approve", _("Owners approved"), {S.AWAITING_OWNERS}, S.OWNERS_APPROVED),
        ("owners_reject", _("Owners rejected"), {S.AWAITING_OWNERS}, S.OWNERS_REJECTED),
    ),
    Transition.of(
        "contract",
        _("Link the signed contract"),
        {S.PUBLISHED, S.OWNERS_APPROVED},
        S.CONTRACTED,
        ORGANISERS | {Role.COMPANY_STAFF},
        guard_contract,
    ),
)


# --- handover inspection ------------------------------------------------------------------


def inspects(actor: Actor, handover: Handover) -> bool:
    """The receiving company's staff, or the street / community over the project."""
    return is_company_staff(actor, handover.company_id) or is_official_over(
        actor, handover.node_path, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER
    )


def guard_inspector(handover: Handover, actor: Actor, **context: Any) -> None:
    if not inspects(actor, handover):
        raise refuse()
    _run_check(context, handover)


def guard_bureau_handover(handover: Handover, actor: Actor, **context: Any) -> None:
    """Seed 004 §12: 在新城房屋管理部门备案后交付."""
    roles = context.get("roles") or (Role.BUREAU,)
    if not is_official_over(actor, handover.node_path, *roles):
        raise refuse()
    _run_check(context, handover)


INSPECTORS = frozenset({Role.COMPANY_STAFF, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})

HANDOVER_FLOW = Workflow.of(
    "lifecycle-handover",
    "status",
    *steps(
        INSPECTORS,
        guard_inspector,
        ("start", _("Start the inspection"), {H.PREPARING}, H.INSPECTING),
        ("rectify", _("Send findings for rectification"), {H.INSPECTING}, H.RECTIFYING),
        ("sign", _("Sign the agreement"), {H.INSPECTING, H.RECTIFYING}, H.SIGNED),
        ("publish", _("Publish to the owners"), {H.SIGNED}, H.PUBLISHED),
    ),
    Transition.of("file", _("File"), {H.PUBLISHED}, H.FILED, {Role.BUREAU}, guard_bureau_handover),
    Transition.of(
        "deliver",
        _("Allow delivery"),
        {H.FILED},
        H.DELIVERED,
        {Role.BUREAU, Role.STREET_OFFICER},
        guard_bureau_handover,
    ),
)


# --- exit ---------------------------------------------------------------------------------


def supervises_exit(actor: Actor, exit_: Exit) -> bool:
    """The street or community over the project (seed 000 §12; 004 §10)."""
    return is_official_over(
        actor, exit_.node_path, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER, Role.BUREAU
    )


def guard_supervisor(exit_: Exit, actor: Actor, **context: Any) -> None:
    if not supervises_exit(actor, exit_):
        raise refuse()
    _run_check(context, exit_)


def guard_reviewer(exit_: Exit, actor: Actor, **context: Any) -> None:
    """The joint review is convened by the street or the bureau (seed 004 §10)."""
    if not is_official_over(actor, exit_.node_path, *SUPERVISORS):
        raise refuse()
    _note_required(context)
    _run_check(context, exit_)


def guard_start_handover(exit_: Exit, actor: Actor, **context: Any) -> None:
    if not (supervises_exit(actor, exit_) or is_company_staff(actor, exit_.company_id)):
        raise refuse()


EXIT_SUPERVISORS = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})

EXIT_FLOW = Workflow.of(
    "lifecycle-exit",
    "status",
    *steps(
        {Role.PLATFORM_ADMIN},
        guard_system,
        ("vote_passed_review", _("Owners voted for the exit"), {E.VOTING}, E.REVIEW),
        ("vote_passed", _("Owners voted for the exit"), {E.VOTING}, E.HANDING_OVER),
        ("vote_failed", _("Owners did not vote for the exit"), {E.VOTING}, E.REJECTED),
    ),
    *steps(
        SUPERVISORS,
        guard_reviewer,
        ("review_uphold", _("Joint review: the company leaves"), {E.REVIEW}, E.HANDING_OVER),
        ("review_reject", _("Joint review: the company stays"), {E.REVIEW}, E.REJECTED),
    ),
    Transition.of(
        "start_handover",
        _("Start the handover"),
        {E.NOTIFIED},
        E.HANDING_OVER,
        EXIT_SUPERVISORS | {Role.COMPANY_STAFF},
        guard_start_handover,
    ),
    Transition.of(
        "complete_handover",
        _("Complete the handover"),
        {E.HANDING_OVER},
        E.HANDED_OVER,
        EXIT_SUPERVISORS,
        guard_supervisor,
    ),
    Transition.of(
        "close",
        _("Refund the bond and end the contract"),
        {E.HANDED_OVER},
        E.CLOSED,
        SUPERVISORS,
        guard_supervisor,
    ),
)

USER_EXIT_ACTIONS = ("start_handover", "complete_handover")
"""Exit actions offered as plain buttons; review and close have their own forms."""
