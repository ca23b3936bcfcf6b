"""Who may open the governance pages at all; row scoping and the services' role checks
apply on top (a street officer of street B gets 404 for street A's committee)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule, roles

EDITORS = roles(Role.STREET_OFFICER, Role.COMMUNITY_OFFICER)

ACCESS: dict[str, Rule] = {
    "registry:committee_list": Rule(roles=SUPERVISORS),
    "registry:committee_export": Rule(roles=SUPERVISORS),
    "registry:committee_detail": Rule(
        roles=SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER, Role.OWNER}
    ),
    "registry:committee_edit": EDITORS,
    "registry:committee_file": roles(Role.STREET_OFFICER, Role.BUREAU),
    "registry:committee_close": EDITORS,
    "registry:committee_member_add": EDITORS,
    "registry:committee_member_leave": EDITORS,
    "registry:committee_create": EDITORS,
    "registry:formation_step": EDITORS,
    "registry:my_committee": roles(Role.OWNER, Role.COMMITTEE_MEMBER),
}
