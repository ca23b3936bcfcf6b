"""Who may open each notices page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

OWNER = frozenset({Role.OWNER})
ISSUERS = frozenset(
    {Role.COMMITTEE_MEMBER, Role.COMPANY_STAFF, Role.COMMUNITY_OFFICER, Role.STREET_OFFICER}
)
READERS = SUPERVISORS | ISSUERS

ACCESS: dict[str, Rule] = {
    "notices:inbox": Rule(roles=OWNER),
    "notices:inbox_detail": Rule(roles=OWNER),
    "notices:list": Rule(roles=READERS),
    "notices:list_export": Rule(roles=READERS),
    "notices:create": Rule(roles=ISSUERS),
    "notices:detail": Rule(roles=READERS),
    "notices:recipients_export": Rule(roles=READERS),
    "notices:print": Rule(roles=READERS | OWNER),
    "notices:pdf": Rule(roles=READERS | OWNER),
}
