"""Writes of complaints: intake from every channel, the workflow steps, supervision
(督办), escalation of late matters and the bureau's responsibility list.

Seeds 002 §二(一)2 (three tiers, hotline, statistics), 003 §四(二)–(三) (street receives,
transfers to departments), §五 (responsibility list), §五(二)2(2) (12345 work orders);
002 §四(三) and 003 §六 (a substantiated complaint counts against the company's credit:
event ``complaints.substantiated``). Every write is atomic and audited in the same
transaction; bad input raises a translated DomainError naming the field and writes
nothing. Status changes only through ``gongzhi.core.workflow.transition``.
"""

from gongzhi.complaints.services.escalation import complaint_escalate_one, complaints_escalate
from gongzhi.complaints.services.intake import (
    complaint_submit,
    complaint_submit_with_history,
    owner_project_ids,
)
from gongzhi.complaints.services.responsibilities import (
    responsibility_list_reset,
    responsibility_list_save,
)
from gongzhi.complaints.services.steps import (
    ACTIONS,
    complaint_accept,
    complaint_assign,
    complaint_confirm,
    complaint_reopen,
    complaint_resolve,
    complaint_start,
    complaint_supervise,
    complaint_transfer,
)
from gongzhi.core.attachments import PHOTO_MAX_BYTES, PHOTOS_MAX

__all__ = [
    "ACTIONS",
    "PHOTOS_MAX",
    "PHOTO_MAX_BYTES",
    "complaint_accept",
    "complaint_assign",
    "complaint_confirm",
    "complaint_escalate_one",
    "complaint_reopen",
    "complaint_resolve",
    "complaint_start",
    "complaint_submit",
    "complaint_submit_with_history",
    "complaint_supervise",
    "complaint_transfer",
    "complaints_escalate",
    "owner_project_ids",
    "responsibility_list_reset",
    "responsibility_list_save",
]
