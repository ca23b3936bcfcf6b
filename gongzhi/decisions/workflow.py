"""The life of a matter put to the owners' vote (民法典 art. 278, 280; seed 000 §19-20).

    draft ──publish──► published ──open──► voting ──close──► closed ──publish_result──►
                       (notice period)     (roll frozen)     (tallied)  result_published

Only the organiser acts: the members of the project's owners' committee, or, where the
project has no committee in office, the street or community officer over the project
(seed 000 §19-20: 乡镇（街道）、社区 organise where no committee exists). Each guard checks
the dates against today (:func:`gongzhi.core.clock.today`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow
from gongzhi.decisions.models import Matter

S = Matter.Status
ORGANISER_ROLES = frozenset({Role.COMMITTEE_MEMBER, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})


def has_committee(project_id: int) -> bool:
    from gongzhi.registry.models import OwnersCommittee

    return OwnersCommittee.objects.filter(project_id=project_id, is_current=True).exists()


def is_organiser(actor: Actor, project: Any) -> bool:
    """The committee of ``project``, or the street/community over it when it has none."""
    if actor.is_platform_admin:
        return True
    if any(
        g.role == Role.COMMITTEE_MEMBER and g.project_id == project.pk
        for g in actor.grants_of("project")
    ):
        return True
    officials = [
        g
        for g in actor.grants_of("node")
        if g.role in (Role.STREET_OFFICER, Role.COMMUNITY_OFFICER)
        and project.node_path.startswith(g.node_path or "~")
    ]
    return bool(officials) and not has_committee(project.pk)


def _require_organiser(matter: Matter, actor: Actor) -> None:
    if not is_organiser(actor, matter.project):
        raise PermissionDeniedError(_("Only the organiser of this vote may do this."))


def guard_publish(matter: Matter, actor: Actor, **context: Any) -> None:
    _require_organiser(matter, actor)
    if matter.is_election and matter.candidates.count() == 0:
        raise ConflictError(_("Add the candidates before publishing the election."))


def guard_open(matter: Matter, actor: Actor, **context: Any) -> None:
    _require_organiser(matter, actor)
    if matter.voting_starts_on is None or clock.today() < matter.voting_starts_on:
        raise ConflictError(
            _("Voting may open on %(day)s, at the end of the notice period.")
            % {"day": matter.voting_starts_on}
        )


def guard_close(matter: Matter, actor: Actor, **context: Any) -> None:
    _require_organiser(matter, actor)
    if matter.voting_ends_on is not None and clock.today() <= matter.voting_ends_on:
        raise ConflictError(
            _("Voting runs until %(day)s; it can be closed the day after.")
            % {"day": matter.voting_ends_on}
        )


def guard_publish_result(matter: Matter, actor: Actor, **context: Any) -> None:
    _require_organiser(matter, actor)


MATTER_FLOW = Workflow.of(
    "decision-matter",
    "status",
    Transition(
        "publish",
        _("Publish"),
        frozenset({S.DRAFT}),
        S.PUBLISHED,
        ORGANISER_ROLES,
        guard_publish,
    ),
    Transition(
        "open",
        _("Open voting"),
        frozenset({S.PUBLISHED}),
        S.VOTING,
        ORGANISER_ROLES,
        guard_open,
    ),
    Transition(
        "close",
        _("Close and tally"),
        frozenset({S.VOTING}),
        S.CLOSED,
        ORGANISER_ROLES,
        guard_close,
    ),
    Transition(
        "publish_result",
        _("Publish the result"),
        frozenset({S.CLOSED}),
        S.RESULT_PUBLISHED,
        ORGANISER_ROLES,
        guard_publish_result,
    ),
)


def available_actions(matter: Matter, actor: Actor) -> list[Transition]:
    """The buttons to show: only for the organiser of this matter's project."""
    if not is_organiser(actor, matter.project):
        return []
    return MATTER_FLOW.available(matter, actor)
