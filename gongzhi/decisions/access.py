"""Who may open each decisions page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SIGNED_IN, SUPERVISORS, Rule

READERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER, Role.OWNER}
ORGANISERS = frozenset({Role.COMMITTEE_MEMBER, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
ORGANISE = Rule(roles=ORGANISERS)

ACCESS: dict[str, Rule] = {
    "decisions:matter_list": Rule(roles=READERS),
    "decisions:matter_detail": Rule(roles=READERS),
    "decisions:matter_progress": Rule(roles=READERS),
    "decisions:attachment_download": Rule(roles=READERS),
    "decisions:roll": Rule(roles=READERS - {Role.COMPANY_STAFF}),
    "decisions:result": Rule(roles=READERS),
    "decisions:export_xlsx": Rule(roles=READERS),
    "decisions:export_csv": Rule(roles=READERS),
    "decisions:export_tally": Rule(roles=READERS),
    "decisions:matter_create": ORGANISE,
    "decisions:matter_action": ORGANISE,
    "decisions:candidate_add": ORGANISE,
    "decisions:attachment_upload": ORGANISE,
    "decisions:paper_enter": ORGANISE,
    "decisions:paper_confirm": ORGANISE,
    "decisions:proxy_record": ORGANISE,
    # Any signed-in user may open these; the frozen roll, the proxies and row scoping decide
    # what they see and for whom they vote.
    "decisions:my_votes": SIGNED_IN,
    "decisions:vote": SIGNED_IN,
    "decisions:receipt": SIGNED_IN,
}
