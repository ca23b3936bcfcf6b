"""Who may open each mediation page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

# Parties read their own cases: owners, the company's staff, the committee's members.
READERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER, Role.OWNER}

ACCESS: dict[str, Rule] = {
    "mediation:case_list": Rule(roles=READERS),
    "mediation:case_detail": Rule(roles=READERS),
    "mediation:document_download": Rule(roles=READERS),
    "mediation:case_create": Rule(roles=SUPERVISORS),
    "mediation:session_add": Rule(roles=SUPERVISORS),
    "mediation:document_upload": Rule(roles=SUPERVISORS),
    "mediation:case_action": Rule(roles=SUPERVISORS),
}
