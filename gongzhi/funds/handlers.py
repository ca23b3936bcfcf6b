"""What the funds capability does when another capability reports a fact (ADR 0005).

``decisions.matter_closed`` for a ``fund_use`` matter moves the application it refers to
(``source_ref = "funds.fund_use:<id>"``) to owners_approved or owners_rejected (seed 000
§33). The step is taken with a system actor on behalf of the user who closed the matter
(or, if none is recorded, the applicant), so the audit row names a person.
"""

from __future__ import annotations

import datetime as dt

from gongzhi.core.scoping import system_actor
from gongzhi.events.bus import subscribe
from gongzhi.events.models import DomainEvent
from gongzhi.funds.models import FundUseApplication
from gongzhi.funds.services import fund_use_owners_decided

PREFIX = "funds.fund_use:"


@subscribe("decisions.matter_closed")
def fund_use_decided(event: DomainEvent) -> None:
    data = event.data or {}
    source_ref = str(data.get("source_ref") or "")
    if data.get("kind") != "fund_use" or not source_ref.startswith(PREFIX):
        return
    app = FundUseApplication.objects.filter(pk=source_ref[len(PREFIX) :]).first()
    if app is None or app.status != FundUseApplication.Status.AWAITING_OWNERS:
        return
    user = event.actor or app.created_by
    closed = data.get("closed_on")
    fund_use_owners_decided(
        actor=system_actor(user),
        source_ref=source_ref,
        passed=bool(data.get("passed")),
        closed_on=dt.date.fromisoformat(closed) if closed else None,
        matter_id=data.get("matter_id"),
    )
