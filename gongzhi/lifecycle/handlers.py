"""What the lifecycle capability does when the decisions capability reports a closed vote
(ADR 0005).

``decisions.matter_closed`` with ``source_ref = "lifecycle.exit:<id>"`` (a ``forced_exit``
matter, seed 004 §10) moves the exit to the joint review, the handover or "not forced
out"; with ``source_ref = "lifecycle.selection:<id>"`` (an ordinary matter, 民法典 art. 278)
moves the owners' selection to approved or rejected. The step is taken with a system
actor on behalf of the user who closed the vote, so the audit row names a person.
"""

from __future__ import annotations

from gongzhi.core.scoping import system_actor
from gongzhi.decisions.services import EVENT_CLOSED
from gongzhi.events.bus import subscribe
from gongzhi.events.models import DomainEvent
from gongzhi.lifecycle.models import Exit, Selection
from gongzhi.lifecycle.services.exits import SOURCE_PREFIX as EXIT_PREFIX
from gongzhi.lifecycle.services.exits import exit_vote_closed
from gongzhi.lifecycle.services.selection import SOURCE_PREFIX as SELECTION_PREFIX
from gongzhi.lifecycle.services.selection import selection_owners_decided


def _ref_id(source_ref: str, prefix: str) -> int | None:
    rest = source_ref[len(prefix) :] if source_ref.startswith(prefix) else ""
    return int(rest) if rest.isdigit() else None


@subscribe(EVENT_CLOSED)
def forced_exit_vote_closed(event: DomainEvent) -> None:
    data = event.data or {}
    exit_id = _ref_id(str(data.get("source_ref") or ""), EXIT_PREFIX)
    if data.get("kind") != "forced_exit" or exit_id is None:
        return
    exit_ = Exit.objects.filter(pk=exit_id, status=Exit.Status.VOTING).first()
    if exit_ is None:  # delivered twice, or the exit moved on
        return
    exit_vote_closed(
        actor=system_actor(event.actor or exit_.created_by),
        exit_id=exit_.pk,
        passed=bool(data.get("passed")),
    )


@subscribe(EVENT_CLOSED)
def owners_selection_decided(event: DomainEvent) -> None:
    data = event.data or {}
    selection_id = _ref_id(str(data.get("source_ref") or ""), SELECTION_PREFIX)
    if selection_id is None:
        return
    selection = Selection.objects.filter(
        pk=selection_id, status=Selection.Status.AWAITING_OWNERS
    ).first()
    if selection is None:
        return
    selection_owners_decided(
        actor=system_actor(event.actor or selection.created_by),
        selection_id=selection.pk,
        passed=bool(data.get("passed")),
    )
