"""What the assembly does when another capability reports a fact (ADR 0005).

``decisions.matter_closed`` (emitted by ``gongzhi.decisions.services.matters.matter_close``)
for a matter whose ``source_ref`` is ``assembly.group:<id>:rules|election`` brings the
first assembly's result back to its preparation group (:func:`group_vote_closed`), on
behalf of the user who closed the vote.
"""

from __future__ import annotations

from gongzhi.assembly.services import SOURCE_PREFIX, group_vote_closed
from gongzhi.core.scoping import system_actor
from gongzhi.decisions.services import EVENT_CLOSED
from gongzhi.events.bus import subscribe
from gongzhi.events.models import DomainEvent


@subscribe(EVENT_CLOSED)
def first_assembly_vote_closed(event: DomainEvent) -> None:
    ref = str((event.data or {}).get("source_ref") or "")
    if not ref.startswith(SOURCE_PREFIX):
        return
    group_id = ref[len(SOURCE_PREFIX) :].split(":", 1)[0]
    if group_id.isdigit():
        group_vote_closed(actor=system_actor(event.actor), group_id=int(group_id))
