"""Who may open each credit page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import PUBLIC, SUPERVISORS, Rule, roles

READERS = SUPERVISORS | {Role.COMPANY_STAFF}
DECIDERS = roles(Role.BUREAU, Role.STREET_OFFICER)

ACCESS: dict[str, Rule] = {
    "credit:company_list": Rule(roles=READERS),
    "credit:export": Rule(roles=READERS),
    "credit:recompute": roles(Role.BUREAU),
    "credit:public": PUBLIC,
    "credit:company_detail": Rule(roles=READERS),
    "credit:record_create": DECIDERS,
    "credit:record_list": Rule(roles=READERS),
    "credit:record_detail": Rule(roles=READERS),
    "credit:appeal_create": roles(Role.COMPANY_STAFF),
    "credit:record_action": DECIDERS,
    "credit:file_download": Rule(roles=READERS),
    "credit:appeal_list": Rule(roles=READERS),
    "credit:appeal_decide": DECIDERS,
    "credit:blacklist": Rule(roles=READERS),
    "credit:blacklist_evaluate": roles(Role.BUREAU),
    "credit:letter": Rule(roles=SUPERVISORS),
    "credit:letter_pdf": Rule(roles=SUPERVISORS),
    "credit:plan_list": Rule(roles=SUPERVISORS),
    "credit:plan_detail": Rule(roles=SUPERVISORS),
}
