"""Who may open each repair page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

STAFF = SUPERVISORS | {Role.COMPANY_STAFF}
OWNERS = frozenset({Role.OWNER})

ACCESS: dict[str, Rule] = {
    "repairs:list": Rule(roles=STAFF),
    "repairs:export": Rule(roles=STAFF),
    "repairs:times": Rule(roles=STAFF),
    "repairs:new": Rule(roles=OWNERS),
    "repairs:mine": Rule(roles=OWNERS),
    "repairs:detail": Rule(roles=STAFF | OWNERS),
    "repairs:action": Rule(roles=STAFF | OWNERS),
    "repairs:photo": Rule(roles=STAFF | OWNERS),
}
