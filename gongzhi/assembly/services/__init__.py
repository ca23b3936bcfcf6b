"""Writes of the owners' assembly and committee (the only write path for pages, API,
demo and tasks). Formation: :mod:`.formation`; the committee's work: :mod:`.committee`."""

from gongzhi.assembly.services.committee import (
    committees_check,
    meeting_record,
    passed_assessment,
    subsidy_pay,
    yearly_publish,
)
from gongzhi.assembly.services.formation import (
    SOURCE_PREFIX,
    bar_lift,
    bar_publish,
    candidate_add,
    document_upload,
    formation_scan,
    group_create,
    group_file,
    group_fund_record,
    group_owners_unwilling,
    group_publish,
    group_vote_closed,
    publish_problems,
)

__all__ = [
    "SOURCE_PREFIX",
    "bar_lift",
    "bar_publish",
    "candidate_add",
    "committees_check",
    "document_upload",
    "formation_scan",
    "group_create",
    "group_file",
    "group_fund_record",
    "group_owners_unwilling",
    "group_publish",
    "group_vote_closed",
    "meeting_record",
    "passed_assessment",
    "publish_problems",
    "subsidy_pay",
    "yearly_publish",
]
