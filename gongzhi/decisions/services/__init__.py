"""Writes of owners' decisions (the only write path for pages, API, demo and other apps).

Matters: :func:`matter_create`, :func:`candidate_add`, :func:`attachment_add`,
:func:`matter_publish`, :func:`voting_open`, :func:`matter_close`, :func:`result_publish`.
Ballots: :func:`ballot_cast`, :func:`paper_ballot_enter`, :func:`paper_ballot_confirm`,
:func:`proxy_record`.
"""

from gongzhi.decisions.services.ballots import (
    PostedChoice,
    ballot_cast,
    paper_ballot_confirm,
    paper_ballot_enter,
    proxy_record,
)
from gongzhi.decisions.services.matters import (
    EVENT_CLOSED,
    EVENT_PUBLISHED,
    EVENT_RESULT_PUBLISHED,
    attachment_add,
    candidate_add,
    matter_close,
    matter_create,
    matter_publish,
    result_publish,
    voting_open,
)

__all__ = [
    "EVENT_CLOSED",
    "EVENT_PUBLISHED",
    "EVENT_RESULT_PUBLISHED",
    "PostedChoice",
    "attachment_add",
    "ballot_cast",
    "candidate_add",
    "matter_close",
    "matter_create",
    "matter_publish",
    "paper_ballot_confirm",
    "paper_ballot_enter",
    "proxy_record",
    "result_publish",
    "voting_open",
]
