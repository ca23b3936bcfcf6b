"""Who may open each complaints page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

HANDLERS = SUPERVISORS | {Role.DEPARTMENT_STAFF, Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER}
OWNERS = frozenset({Role.OWNER})

ACCESS: dict[str, Rule] = {
    "complaints:complaint_list": Rule(roles=HANDLERS),
    "complaints:complaint_export": Rule(roles=HANDLERS),
    "complaints:complaint_new": Rule(roles=OWNERS),
    "complaints:my_complaints": Rule(roles=OWNERS),
    "complaints:staff_new": Rule(roles=SUPERVISORS),
    "complaints:statistics": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "complaints:statistics_export": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "complaints:responsibilities": Rule(roles=SUPERVISORS | {Role.DEPARTMENT_STAFF}),
    "complaints:complaint_detail": Rule(roles=HANDLERS | OWNERS),
    "complaints:complaint_action": Rule(roles=HANDLERS | OWNERS),
    "complaints:photo": Rule(roles=HANDLERS | OWNERS),
}
