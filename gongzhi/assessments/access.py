"""Who may open each assessments page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

ASSESSORS = frozenset({Role.COMMUNITY_OFFICER, Role.STREET_OFFICER})
READERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER, Role.OWNER}
STREET = frozenset({Role.STREET_OFFICER})

ACCESS: dict[str, Rule] = {
    "assessments:round_list": Rule(roles=SUPERVISORS),
    "assessments:round_detail": Rule(roles=SUPERVISORS),
    "assessments:round_export": Rule(roles=SUPERVISORS),
    "assessments:round_action": Rule(roles=frozenset({Role.STREET_OFFICER, Role.BUREAU})),
    "assessments:assessment_create": Rule(roles=ASSESSORS),
    "assessments:assessment_detail": Rule(roles=READERS),
    "assessments:assessment_edit": Rule(roles=ASSESSORS),
    "assessments:assessment_action": Rule(roles=SUPERVISORS),
    "assessments:evidence_upload": Rule(roles=ASSESSORS),
    "assessments:evidence_download": Rule(roles=READERS),
    "assessments:results": Rule(roles=READERS),
    "assessments:committee_list": Rule(roles=SUPERVISORS | {Role.COMMITTEE_MEMBER}),
    "assessments:committee_create": Rule(roles=STREET),
    "assessments:committee_detail": Rule(roles=SUPERVISORS | {Role.COMMITTEE_MEMBER}),
    "assessments:committee_decide": Rule(roles=STREET),
    "assessments:awards": Rule(roles=SUPERVISORS),
    # daily community checks (seed 004 §10); companies read their own
    "assessments:daily_list": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "assessments:daily_create": Rule(roles=ASSESSORS),
    "assessments:daily_detail": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "assessments:daily_close": Rule(roles=ASSESSORS),
    "assessments:daily_photo": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
}
