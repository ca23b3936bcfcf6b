"""Who may open each fees page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

STAFF = frozenset({Role.COMPANY_STAFF})
OWNER = frozenset({Role.OWNER})
COMMITTEE = frozenset({Role.COMMITTEE_MEMBER})
# bills carry names: the company, the officials over the project and the payer only
BILL_READERS = SUPERVISORS | STAFF | OWNER

ACCESS: dict[str, Rule] = {
    "fees:home": Rule(roles=BILL_READERS | COMMITTEE),
    "fees:my_bills": Rule(roles=OWNER),
    "fees:published": Rule(roles=SUPERVISORS | STAFF | COMMITTEE | OWNER),
    "fees:overview": Rule(roles=SUPERVISORS | STAFF | COMMITTEE),
    "fees:standard_list": Rule(roles=SUPERVISORS | STAFF),
    "fees:standard_create": Rule(roles=STAFF),
    "fees:standard_detail": Rule(roles=SUPERVISORS | STAFF | COMMITTEE | OWNER),
    "fees:standard_publish": Rule(roles=STAFF),
    "fees:run_list": Rule(roles=SUPERVISORS | STAFF),
    "fees:bill_list": Rule(roles=SUPERVISORS | STAFF),
    "fees:bill_detail": Rule(roles=BILL_READERS),
    "fees:payment_create": Rule(roles=STAFF),
    "fees:bill_cancel": Rule(roles=STAFF),
    "fees:receipt": Rule(roles=BILL_READERS),
    "fees:arrears": Rule(roles=SUPERVISORS | STAFF),
    "fees:arrears_export": Rule(roles=SUPERVISORS | STAFF),
    "fees:statement_list": Rule(roles=STAFF),
    "fees:statement_detail": Rule(roles=STAFF),
    "fees:row_match": Rule(roles=STAFF),
    "fees:reminder_list": Rule(roles=STAFF),
    "fees:publication_list": Rule(roles=SUPERVISORS | STAFF | COMMITTEE | OWNER),
    "fees:publication_detail": Rule(roles=SUPERVISORS | STAFF | COMMITTEE | OWNER),
}
