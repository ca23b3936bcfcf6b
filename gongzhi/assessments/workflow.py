"""Workflows of assessments (seed 003 §五(二)1(7); seed 001 §四(一)(二)).

Project assessment::

    draft ──submit──► submitted ──forward──► forwarded ──publish──► published
      ▲                   │                       │
      └─── returned ◄─────┴─────── return ────────┘      (returned ──submit──► submitted)

The community (or the street that organised the on-site scoring) submits; the street
aggregates its round and forwards to the bureau (or returns a submitted one); the bureau
publishes (or returns a forwarded one). Committee assessment: draft ──decide──► decided,
by the street. Each guard checks the role *for this row* (the official's node covers it).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.assessments.models import CommitteeAssessment, ProjectAssessment
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.grants import is_official_over
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, require_text

S = ProjectAssessment.Status
ASSESSORS = frozenset({Role.COMMUNITY_OFFICER, Role.STREET_OFFICER})


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Your role may not do this for this assessment."))


def guard_submit(obj: ProjectAssessment, actor: Actor, **context: Any) -> None:
    if not is_official_over(actor, obj.node_path, *ASSESSORS):
        raise _refuse()


def guard_forward(obj: ProjectAssessment, actor: Actor, **context: Any) -> None:
    if not is_official_over(actor, obj.node_path, Role.STREET_OFFICER):
        raise _refuse()


def _return_role(obj: ProjectAssessment) -> str:
    return Role.STREET_OFFICER if obj.status == S.SUBMITTED else Role.BUREAU


def guard_return(obj: ProjectAssessment, actor: Actor, **context: Any) -> None:
    if not is_official_over(actor, obj.node_path, _return_role(obj)):
        raise _refuse()
    require_text(context, "note", _("Say why the assessment is returned."))


def guard_publish(obj: ProjectAssessment, actor: Actor, **context: Any) -> None:
    if not is_official_over(actor, obj.node_path, Role.BUREAU):
        raise _refuse()


PROJECT_FLOW = Workflow.of(
    "project-assessment",
    "status",
    Transition.of(
        "submit",
        _("Submit to the street"),
        {S.DRAFT, S.RETURNED},
        S.SUBMITTED,
        ASSESSORS,
        guard_submit,
    ),
    Transition.of(
        "forward",
        _("Forward to the bureau"),
        {S.SUBMITTED},
        S.FORWARDED,
        {Role.STREET_OFFICER},
        guard_forward,
    ),
    Transition.of(
        "return",
        _("Return for correction"),
        {S.SUBMITTED, S.FORWARDED},
        S.RETURNED,
        {Role.STREET_OFFICER, Role.BUREAU},
        guard_return,
    ),
    Transition.of(
        "publish", _("Publish"), {S.FORWARDED}, S.PUBLISHED, {Role.BUREAU}, guard_publish
    ),
)
PROJECT_ACTIONS = tuple(PROJECT_FLOW.transitions)
EDITABLE = (S.DRAFT, S.RETURNED)


def available_actions(obj: ProjectAssessment, actor: Actor) -> list[Transition]:
    """The buttons to show: available actions whose role fits this assessment."""
    roles = {
        "submit": tuple(ASSESSORS),
        "forward": (Role.STREET_OFFICER,),
        "return": (_return_role(obj),),
        "publish": (Role.BUREAU,),
    }
    return [
        step
        for step in PROJECT_FLOW.available(obj, actor)
        if is_official_over(actor, obj.node_path, *roles[step.action])
    ]


def guard_decide(obj: CommitteeAssessment, actor: Actor, **context: Any) -> None:
    if not is_official_over(actor, obj.node_path, Role.STREET_OFFICER):
        raise _refuse()


COMMITTEE_FLOW = Workflow.of(
    "committee-assessment",
    "status",
    Transition.of(
        "decide",
        _("Decide the result"),
        {CommitteeAssessment.Status.DRAFT},
        CommitteeAssessment.Status.DECIDED,
        {Role.STREET_OFFICER},
        guard_decide,
    ),
)
