"""Writes of the owners' organisation: formation steps, committees, members, filing.

Seeds 000 §19 (preparation group → first assembly → committee; the preparation group
becomes a property-management committee when no committee is elected), 000 §20–21
(members, party members, office and reception hours), 003 §五(二)1(1) (the street files
the committee). Every service is keyword-only, actor first, atomic and audited in the
same transaction; bad input raises a DomainError naming each field and writes nothing.
Every public name is importable from here.
"""

from gongzhi.registry.governance.services.committees import (
    CREATE_ALLOWED_IN,
    committee_close,
    committee_create,
    committee_file,
    committee_update,
)
from gongzhi.registry.governance.services.common import PHONE_RE, CommitteeInput
from gongzhi.registry.governance.services.formation import (
    formation_apply,
    formation_committee_elected,
    formation_first_assembly_held,
    formation_preparation_formed,
)
from gongzhi.registry.governance.services.members import member_add, member_leave

__all__ = [
    "CREATE_ALLOWED_IN",
    "PHONE_RE",
    "CommitteeInput",
    "committee_close",
    "committee_create",
    "committee_file",
    "committee_update",
    "formation_apply",
    "formation_committee_elected",
    "formation_first_assembly_held",
    "formation_preparation_formed",
    "member_add",
    "member_leave",
]
