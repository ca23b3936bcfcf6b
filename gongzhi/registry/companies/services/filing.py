"""The filing workflow of a company with the housing bureau (seed 000 §11)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.errors import NotFoundError, invalid
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import transition
from gongzhi.registry.companies.workflow import FILING
from gongzhi.registry.models import PropertyCompany


def company_filing_action(
    *, actor: Actor, company_id: int, action: str, note: str = ""
) -> PropertyCompany:
    """Apply a filing action (``submit``, ``file``, ``return``, ``revoke``; seed 000 §11).

    ``submit`` needs a complete profile, a project manager and an engineer; ``return``
    and ``revoke`` need a note with the reason, which the company reads on its page.
    """
    note = (note or "").strip()
    changes: dict[str, Any]
    if action == "submit":
        changes = {"filing_submitted_at": clock.now(), "filing_note": ""}
    elif action == "file":
        changes = {"filed_at": clock.today(), "filing_note": note}
    elif action in ("return", "revoke"):
        changes = {"filing_note": note}
    else:
        raise NotFoundError(_("Not found."))
    if len(note) > 2000:
        raise invalid({"note": [_("This value is too long.")]})
    company: PropertyCompany = transition(
        actor=actor,
        workflow=FILING,
        queryset=PropertyCompany.objects.all(),
        pk=company_id,
        action=action,
        changes=changes,
        note=note,
    )
    return company
