"""Who may open each old-project page; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

READERS = SUPERVISORS | {Role.COMPANY_STAFF}

ACCESS: dict[str, Rule] = {
    "oldprojects:service_list": Rule(roles=READERS),
    "oldprojects:service_edit": Rule(
        roles=frozenset({Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
    ),
    "oldprojects:subsidy_list": Rule(roles=READERS),
    "oldprojects:subsidy_create": Rule(roles=frozenset({Role.COMPANY_STAFF})),
    "oldprojects:subsidy_detail": Rule(roles=READERS),
    "oldprojects:subsidy_action": Rule(roles=frozenset({Role.STREET_OFFICER, Role.BUREAU})),
    "oldprojects:reward_list": Rule(roles=READERS),
    "oldprojects:reward_action": Rule(roles=frozenset({Role.BUREAU})),
}
