"""Who may open each joint-meeting and talk page; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

# departments read and report on the tasks assigned to them; companies on their talks
TASK_READERS = SUPERVISORS | {Role.DEPARTMENT_STAFF}
TALK_READERS = SUPERVISORS | {Role.COMPANY_STAFF}

ACCESS: dict[str, Rule] = {
    "oversight:meeting_list": Rule(roles=TASK_READERS),
    "oversight:meeting_create": Rule(roles=SUPERVISORS),
    "oversight:meeting_detail": Rule(roles=TASK_READERS),
    "oversight:task_add": Rule(roles=SUPERVISORS),
    "oversight:task_list": Rule(roles=TASK_READERS),
    "oversight:task_action": Rule(roles=TASK_READERS),
    "oversight:talk_list": Rule(roles=TALK_READERS),
    "oversight:talk_create": Rule(roles=SUPERVISORS),
    "oversight:talk_detail": Rule(roles=TALK_READERS),
    "oversight:talk_action": Rule(roles=TALK_READERS),
}
