"""Who may open each disclosure page at all; rows are scoped on top (``visible_to``).

The public board and its QR code need no sign-in (seed 000 §14: the board is posted in a
visible place and may be told to owners online)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import PUBLIC, SUPERVISORS, Rule

STAFF = frozenset({Role.COMPANY_STAFF})
READERS = SUPERVISORS | STAFF | {Role.COMMITTEE_MEMBER, Role.OWNER}
EDITORS = STAFF | {Role.STREET_OFFICER, Role.COMMUNITY_OFFICER}  # officials: handover only

ACCESS: dict[str, Rule] = {
    "disclosure:home": Rule(roles=READERS),
    "disclosure:overview": Rule(roles=SUPERVISORS | STAFF | {Role.COMMITTEE_MEMBER}),
    "disclosure:overview_export": Rule(roles=SUPERVISORS | STAFF | {Role.COMMITTEE_MEMBER}),
    "disclosure:board": Rule(roles=READERS),
    "disclosure:item_edit": Rule(roles=EDITORS),
    "disclosure:item_history": Rule(roles=READERS),
    "disclosure:public_board": PUBLIC,
    "disclosure:public_qr": PUBLIC,
}
