"""Who may open each funds page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

STAFF = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER}
READERS = STAFF | {Role.OWNER}

ACCESS: dict[str, Rule] = {
    "funds:overview": Rule(roles=READERS),
    "funds:mine": Rule(roles=frozenset({Role.OWNER})),
    "funds:reconcile": Rule(roles=SUPERVISORS),
    "funds:project": Rule(roles=STAFF),
    "funds:project_action": Rule(
        roles=frozenset(
            {Role.BUREAU, Role.STREET_OFFICER, Role.COMMITTEE_MEMBER, Role.COMPANY_STAFF}
        )
    ),
    "funds:application_create": Rule(roles=frozenset({Role.COMMITTEE_MEMBER, Role.COMPANY_STAFF})),
    "funds:application": Rule(roles=READERS),
    "funds:application_action": Rule(
        roles=frozenset(
            {Role.BUREAU, Role.STREET_OFFICER, Role.COMMITTEE_MEMBER, Role.COMPANY_STAFF}
        )
    ),
    "funds:statement": Rule(roles=READERS),
    "funds:statement_export": Rule(roles=READERS),
    "funds:record_action": Rule(roles=frozenset({Role.BUREAU, Role.STREET_OFFICER})),
}
