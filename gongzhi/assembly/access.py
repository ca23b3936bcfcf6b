"""Who may open each assembly page; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

# the committee reads its own project's group, meetings and subsidies; owners the
# published papers of their project's group
READERS = SUPERVISORS | {Role.COMMITTEE_MEMBER, Role.OWNER}
WORKERS = SUPERVISORS | {Role.COMMITTEE_MEMBER}

ACCESS: dict[str, Rule] = {
    "assembly:overview": Rule(roles=READERS),
    "assembly:group_create": Rule(roles=SUPERVISORS),
    "assembly:group_detail": Rule(roles=READERS),
    "assembly:group_action": Rule(roles=SUPERVISORS),
    "assembly:document": Rule(roles=READERS),
    "assembly:committee_work": Rule(roles=WORKERS),
}
