"""Writes of assessments (atomic, audited): ``projects`` — the quarterly project
assessment and its workflow; ``committees`` — the yearly committee assessment."""

from gongzhi.assessments.services.committees import (
    committee_assessment_create,
    committee_assessment_decide,
)
from gongzhi.assessments.services.projects import (
    PUBLISHED_EVENT,
    assessment_act,
    assessment_create,
    assessment_update,
    evidence_add,
    item_rows,
    published_event_data,
    round_forward,
    round_publish,
)

__all__ = [
    "PUBLISHED_EVENT",
    "assessment_act",
    "assessment_create",
    "assessment_update",
    "committee_assessment_create",
    "committee_assessment_decide",
    "evidence_add",
    "item_rows",
    "published_event_data",
    "round_forward",
    "round_publish",
]
