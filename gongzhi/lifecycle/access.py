"""Who may open each lifecycle page at all; rows are scoped on top (``visible_to``)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import SUPERVISORS, Rule

# Parties read what concerns them: companies (bidders, outgoing, incoming), the committee,
# owners (what is published to them: the selection result, the handover result).
READERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER, Role.OWNER}
WORKERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER}

ACCESS: dict[str, Rule] = {
    "lifecycle:selection_list": Rule(roles=READERS),
    "lifecycle:selection_detail": Rule(roles=READERS),
    "lifecycle:selection_create": Rule(
        roles=frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMITTEE_MEMBER})
    ),
    "lifecycle:selection_step": Rule(roles=WORKERS),
    "lifecycle:reselection": Rule(roles=SUPERVISORS),
    "lifecycle:handover_list": Rule(roles=READERS),
    "lifecycle:handover_detail": Rule(roles=READERS),
    "lifecycle:handover_agreement": Rule(roles=READERS),
    "lifecycle:handover_agreement_pdf": Rule(roles=READERS),
    "lifecycle:handover_create": Rule(
        roles=frozenset({Role.STREET_OFFICER, Role.COMMUNITY_OFFICER, Role.COMPANY_STAFF})
    ),
    "lifecycle:handover_step": Rule(roles=WORKERS),
    "lifecycle:finding_photo": Rule(roles=READERS),
    "lifecycle:finding_step": Rule(roles=WORKERS),
    "lifecycle:exit_list": Rule(roles=WORKERS),
    "lifecycle:exit_detail": Rule(roles=WORKERS),
    "lifecycle:exit_create": Rule(roles=WORKERS),
    "lifecycle:exit_step": Rule(roles=WORKERS),
    "lifecycle:item_step": Rule(roles=WORKERS),
    "lifecycle:exit_notice": Rule(roles=WORKERS),
    "lifecycle:exit_notice_pdf": Rule(roles=WORKERS),
    "lifecycle:exit_record": Rule(roles=WORKERS),
    "lifecycle:exit_record_pdf": Rule(roles=WORKERS),
    "lifecycle:project": Rule(roles=WORKERS),
}
