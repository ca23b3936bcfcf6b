"""Formation of the owners' organisation (seed 000 §19): preparation group → first
assembly → owners' committee, or a property-management committee when none is elected.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import (
    invalid,
)
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import transition
from gongzhi.registry.governance.services.common import (
    CommitteeInput,
    Kind,
    check_date,
    close_committee,
    projects_for,
    put_on_record,
    validate_committee,
    writable,
)
from gongzhi.registry.governance.workflow import (
    CREATES_COMMITTEE,
    EDITOR_ROLES,
    FORMATION,
)
from gongzhi.registry.models import OwnersCommittee, Project


@transaction.atomic
def formation_apply(
    *,
    actor: Actor,
    project_id: int,
    action: str,
    on: dt.date | None,
    committee: CommitteeInput | None = None,
) -> Project:
    """Record a formation step of the project's owners' organisation on date ``on``.

    Street and community officers of the project's subtree record: the preparation group
    formed, the first owners' assembly held, the owners' committee elected (its record
    given here or already current), or — when no committee is elected — the preparation
    group turned into a property-management committee, which is recorded here (seed 000
    §19). The date lands on the project and in the transition's audit row.
    """
    project = writable(actor, Project.objects.all(), EDITOR_ROLES, project_id)
    check_date(
        "on",
        on,
        not_before=project.formation_changed_on,
        too_early=_("The date cannot be before the previous step."),
    )
    kind = CREATES_COMMITTEE.get(action)
    values = None
    if kind == Kind.MANAGEMENT_COMMITTEE and committee is None:
        raise invalid(
            {"committee": [_("The committee's term and seats are required.")]},
            _("Enter the property-management committee's details."),
        )
    if kind is not None and committee is not None:
        values = validate_committee(committee, default_start=on)
    updated: Project = transition(
        actor=actor,
        workflow=FORMATION,
        queryset=projects_for(actor, EDITOR_ROLES),
        pk=project.pk,
        action=action,
        changes={"formation_changed_on": on},
        new_committee=values,
    )
    if kind is not None and values is not None:
        if kind == Kind.OWNERS_COMMITTEE:
            # an elected owners' committee replaces the interim management committee
            for interim in OwnersCommittee.objects.select_for_update().filter(
                project=updated, is_current=True, kind=Kind.MANAGEMENT_COMMITTEE
            ):
                close_committee(actor, interim, updated.node_path)
        put_on_record(actor, updated, kind, values)
    return updated


def formation_preparation_formed(*, actor: Actor, project_id: int, on: dt.date) -> Project:
    """The street/community formed the preparation group (seed 000 §19-20)."""
    return formation_apply(actor=actor, project_id=project_id, action="preparation_formed", on=on)


def formation_first_assembly_held(*, actor: Actor, project_id: int, on: dt.date) -> Project:
    """The first owners' assembly was held (seed 000 §19)."""
    return formation_apply(actor=actor, project_id=project_id, action="first_assembly_held", on=on)


def formation_committee_elected(
    *, actor: Actor, project_id: int, on: dt.date, committee: CommitteeInput | None = None
) -> Project:
    """The owners' committee was elected (seed 000 §19)."""
    return formation_apply(
        actor=actor, project_id=project_id, action="committee_elected", on=on, committee=committee
    )
