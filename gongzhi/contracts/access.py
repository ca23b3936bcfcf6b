"""Who may open each contract page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

READERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER, Role.OWNER}

ACCESS: dict[str, Rule] = {
    "contracts:contract_list": Rule(roles=READERS),
    "contracts:contract_detail": Rule(roles=READERS),
    "contracts:attachment_download": Rule(roles=READERS),
    "contracts:contract_export": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "contracts:overdue": Rule(roles=SUPERVISORS),
    "contracts:contract_create": Rule(roles=frozenset({Role.COMPANY_STAFF})),
    "contracts:contract_edit": Rule(roles=frozenset({Role.COMPANY_STAFF})),
    "contracts:attachment_upload": Rule(roles=frozenset({Role.COMPANY_STAFF})),
    "contracts:contract_action": Rule(
        roles=frozenset({Role.COMPANY_STAFF, Role.STREET_OFFICER, Role.BUREAU})
    ),
}
