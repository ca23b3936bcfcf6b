"""The survey workflow: open ─close─► closed ─publish─► published.

The organiser the profile names (``survey_organiser``: the project's property company,
seed 002 §二(二)2, or its community, seed 004 annex) closes the survey and publishes its
results; street officers over the project may act for the community.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Workflow, steps
from gongzhi.surveys.models import Survey

S = Survey.Status
ORGANISER_ROLES = {
    Survey.Organiser.COMPANY: frozenset({Role.COMPANY_STAFF}),
    Survey.Organiser.COMMUNITY: frozenset({Role.COMMUNITY_OFFICER, Role.STREET_OFFICER}),
}
ROLES = frozenset({Role.COMPANY_STAFF, Role.COMMUNITY_OFFICER, Role.STREET_OFFICER})


def organises(actor: Actor, *, organiser: str, company_id: int | None, node_path: str) -> bool:
    """Whether the actor runs surveys of a project with this company and place."""
    if actor.is_platform_admin:
        return True
    if organiser == Survey.Organiser.COMPANY:
        return company_id is not None and any(
            g.company_id == company_id for g in actor.grants_of("company")
        )
    return any(
        g.role in ORGANISER_ROLES[Survey.Organiser.COMMUNITY]
        and g.node_path
        and node_path.startswith(g.node_path)
        for g in actor.grants_of("node")
    )


def is_organiser(actor: Actor, survey: Survey) -> bool:
    return organises(
        actor, organiser=survey.organiser, company_id=survey.company_id, node_path=survey.node_path
    )


def guard_organiser(survey: Survey, actor: Actor, **context: Any) -> None:
    if not is_organiser(actor, survey):
        raise PermissionDeniedError(_("Only the survey's organiser may do this."))


SURVEY_FLOW = Workflow.of(
    "survey",
    "status",
    *steps(
        ROLES,
        guard_organiser,
        ("close", _("Close the survey"), {S.OPEN}, S.CLOSED),
        ("publish", _("Publish the results"), {S.CLOSED}, S.PUBLISHED),
    ),
)


def available_actions(survey: Survey, actor: Actor) -> list[str]:
    if not is_organiser(actor, survey):
        return []
    return [t.action for t in SURVEY_FLOW.available(survey, actor)]
