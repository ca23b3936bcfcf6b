"""Who may open each survey page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

ORGANISERS = frozenset({Role.COMPANY_STAFF, Role.COMMUNITY_OFFICER, Role.STREET_OFFICER})
READERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER}
OWNERS = frozenset({Role.OWNER})

ACCESS: dict[str, Rule] = {
    "surveys:list": Rule(roles=READERS | OWNERS),
    "surveys:export": Rule(roles=READERS),
    "surveys:new": Rule(roles=ORGANISERS),
    "surveys:detail": Rule(roles=READERS | OWNERS),
    "surveys:results_export": Rule(roles=READERS | OWNERS),
    "surveys:answer": Rule(roles=OWNERS),
    "surveys:action": Rule(roles=ORGANISERS),
}
