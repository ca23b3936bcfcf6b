"""Assessment pages: ``projects`` (rounds, forms, results) and ``committees``."""

from gongzhi.assessments.views.committees import (
    committee_create_view,
    committee_decide_view,
    committee_detail_view,
    committee_list_view,
)
from gongzhi.assessments.views.projects import (
    assessment_action_view,
    assessment_create_view,
    assessment_detail_view,
    assessment_edit_view,
    evidence_download_view,
    evidence_upload_view,
    results_view,
    round_action_view,
    round_detail_view,
    round_export_view,
    round_list_view,
)

__all__ = [
    "assessment_action_view",
    "assessment_create_view",
    "assessment_detail_view",
    "assessment_edit_view",
    "committee_create_view",
    "committee_decide_view",
    "committee_detail_view",
    "committee_list_view",
    "evidence_download_view",
    "evidence_upload_view",
    "results_view",
    "round_action_view",
    "round_detail_view",
    "round_export_view",
    "round_list_view",
]
