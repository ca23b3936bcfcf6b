"""The formation of a project's owners' organisation (seed 000 §19, 21; 001 §三(四)2;
003 §五(二)1(1)) as one transition table on ``Project.formation``.

none → preparation (the street/community forms the preparation group)
preparation → first_assembly (the first owners' assembly is held)
first_assembly | management_committee → committee (an owners' committee is elected)
preparation | first_assembly → management_committee (no committee elected: the
preparation group becomes a property-management committee, seed 000 §19)

Only street and community officers whose subtree holds the project record these steps
(000 §19: "乡镇（街道）、社区应及时牵头组织成立业主大会"; 003 §五(二)1(1)).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import ConflictError
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, steps
from gongzhi.registry.models import OwnersCommittee, Project

F = Project.Formation

# Who records formation steps and keeps the committee register (street and community).
EDITOR_ROLES = frozenset({Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
# Who files a committee (备案): the street, or the bureau above it (003 §五(二)1(1)).
FILER_ROLES = frozenset({Role.STREET_OFFICER, Role.BUREAU})

PREPARATION_FORMED = "preparation_formed"
FIRST_ASSEMBLY_HELD = "first_assembly_held"
COMMITTEE_ELECTED = "committee_elected"
MANAGEMENT_COMMITTEE_FORMED = "management_committee_formed"


def _committee_on_record(obj: Project, actor: Actor, **context: Any) -> None:
    """An elected committee must be on record: either recorded in the same call
    (``new_committee``) or already the project's current owners' committee."""
    if context.get("new_committee"):
        return
    exists = OwnersCommittee.objects.filter(
        project=obj, is_current=True, kind=OwnersCommittee.Kind.OWNERS_COMMITTEE
    ).exists()
    if not exists:
        raise ConflictError(
            _("Record the elected owners' committee (term, seats, office) first."),
            fields={"committee": [_("The elected committee is missing.")]},
        )


FORMATION = Workflow.of(
    "formation",
    "formation",
    *steps(
        EDITOR_ROLES,
        None,
        (PREPARATION_FORMED, _("Preparation group formed"), {F.NONE}, F.PREPARATION),
        (FIRST_ASSEMBLY_HELD, _("First owners' assembly held"), {F.PREPARATION}, F.FIRST_ASSEMBLY),
    ),
    Transition.of(
        COMMITTEE_ELECTED,
        _("Owners' committee elected"),
        {F.FIRST_ASSEMBLY, F.MANAGEMENT_COMMITTEE},
        F.COMMITTEE,
        EDITOR_ROLES,
        guard=_committee_on_record,
    ),
    Transition.of(
        MANAGEMENT_COMMITTEE_FORMED,
        _("Property management committee formed"),
        {F.PREPARATION, F.FIRST_ASSEMBLY},
        F.MANAGEMENT_COMMITTEE,
        EDITOR_ROLES,
    ),
)

# Actions whose form records a committee in the same call.
CREATES_COMMITTEE = {
    COMMITTEE_ELECTED: OwnersCommittee.Kind.OWNERS_COMMITTEE,
    MANAGEMENT_COMMITTEE_FORMED: OwnersCommittee.Kind.MANAGEMENT_COMMITTEE,
}
