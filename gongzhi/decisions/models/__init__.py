"""Owners' decisions: matters put to the vote, the frozen roll, ballots and results.

A :class:`Matter` (民法典 art. 278; seed 000 §18, §33, §34; seed 004 §10) is drafted by the
owners' committee (or the street/community where there is none), published for the notice
period, voted on, closed and tallied; its :class:`Result` is published. The
:class:`RollEntry` rows are copied from the register when voting opens and never change
afterwards. One :class:`Ballot` per voter per matter (a unique constraint); every cast or
change is kept in :class:`BallotRevision` with its receipt code. Status changes only through
``gongzhi.decisions.workflow``.
"""

from gongzhi.decisions.models.matters import Candidate, Matter, MatterAttachment
from gongzhi.decisions.models.voting import (
    Ballot,
    BallotRevision,
    PaperBallot,
    Proxy,
    Result,
    RollEntry,
)

__all__ = [
    "Ballot",
    "BallotRevision",
    "Candidate",
    "Matter",
    "MatterAttachment",
    "PaperBallot",
    "Proxy",
    "Result",
    "RollEntry",
]
