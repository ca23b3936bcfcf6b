"""What the disclosure board does when another capability reports a fact (ADR 0005).

- ``lifecycle.handover_published`` (lifecycle.services.handover_publish) → the project's
  ``handover_results`` item (seed 000 §24: 物业服务企业应当向业主公开查验结果), posted by the
  platform on behalf of whoever published the result; a redelivered event posts the same
  content again, which only confirms the item.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from gongzhi.core.scoping import system_actor
from gongzhi.disclosure.services import board_item_put
from gongzhi.events.bus import subscribe
from gongzhi.events.models import DomainEvent

# as the producer defines it (lifecycle.events.HANDOVER_PUBLISHED); spelled here so the
# board does not import the lifecycle capability, which already imports the board's peers
HANDOVER_PUBLISHED = "lifecycle.handover_published"


@subscribe(HANDOVER_PUBLISHED)
def handover_results(event: DomainEvent) -> None:
    data = event.data or {}
    system = system_actor(event.actor)
    defects, rectified = int(data.get("defects") or 0), int(data.get("rectified") or 0)
    with translation.override(settings.LANGUAGE_CODE):  # the board is read by the owners
        result = gettext(
            "Handover inspection completed: %(findings)s items checked, %(defects)s defects "
            "found, %(rectified)s rectified; the agreement was signed on %(signed)s."
        ) % {
            "findings": data.get("findings", 0),
            "defects": defects,
            "rectified": rectified,
            "signed": data.get("signed_on") or "—",
        }
        rectification = (
            gettext("Every defect was rectified and passed re-inspection.")
            if rectified >= defects
            else gettext("%(open)s defects are still being rectified.")
            % {"open": defects - rectified}
        )
    board_item_put(
        actor=system,
        project_id=int(data["project_id"]),
        kind="handover_results",
        data={
            "inspected_on": str(data.get("inspected_on") or ""),
            "result": result[:1000],
            "issues": "；".join(str(i) for i in data.get("issues") or [])[:2000],
            "rectification": rectification[:1000],
        },
        note=f"lifecycle.handover:{data.get('handover_id')}",
    )
