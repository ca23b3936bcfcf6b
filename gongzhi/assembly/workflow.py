"""The preparation group's transition table (seed 000 §19-21; 004 §19; 指导规则).

    forming ──publish──► published ──elect──► committee_elected ──file──► filed
       │                     ├──management_committee──► management_committee
       └──residents_committee┴──residents_committee──► residents_committee

``publish`` needs the profile's composition, both drafts and the candidates; ``elect``
and the two fall-backs follow the decisions app's final result (``handlers.py``);
``residents_committee`` from ``forming`` is the owners' unwillingness (seed 004 §19).
Street and community officers over the project act; the street (or the bureau) files.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.assembly.models import PreparationGroup
from gongzhi.core.errors import ConflictError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, steps

S = PreparationGroup.Status
ORGANISERS = frozenset({Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
FILERS = frozenset({Role.STREET_OFFICER, Role.BUREAU})


def guard_publish(group: PreparationGroup, actor: Actor, **context: Any) -> None:
    problems = context.get("problems") or []
    if problems:
        raise ConflictError(
            _("The group's papers are not ready to publish."), fields={"group": list(problems)}
        )


def guard_file(group: PreparationGroup, actor: Actor, **context: Any) -> None:
    if not group.committee_id:
        raise ConflictError(_("No elected committee is on record."))


GROUP_FLOW = Workflow.of(
    "preparation-group",
    "status",
    Transition.of(
        "publish",
        _("Publish the papers and put them to the vote"),
        {S.FORMING},
        S.PUBLISHED,
        ORGANISERS,
        guard_publish,
    ),
    Transition.of(
        "elect", _("Register the elected committee"), {S.PUBLISHED}, S.COMMITTEE_ELECTED, ORGANISERS
    ),
    Transition.of(
        "file", _("File the committee"), {S.COMMITTEE_ELECTED}, S.FILED, FILERS, guard_file
    ),
    *steps(
        ORGANISERS,
        None,
        (
            "management_committee",
            _("Become the property-management committee"),
            {S.PUBLISHED},
            S.MANAGEMENT_COMMITTEE,
        ),
        (
            "residents_committee",
            _("Hand over to the residents' committee"),
            {S.FORMING, S.PUBLISHED},
            S.RESIDENTS_COMMITTEE,
        ),
    ),
)
