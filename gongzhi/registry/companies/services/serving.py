"""May a company serve? Other areas (projects, contracts) ask here: an unfiled or
blacklisted company may not be given a project or a contract (seed 000 §11; blacklist seed
001 §三(二)3). The credit domain sets the blacklist through :func:`company_blacklist_set`.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core.errors import DomainError
from gongzhi.core.scoping import Actor
from gongzhi.registry.models import PropertyCompany


def company_may_serve(company: PropertyCompany) -> bool:
    """A company may be given a project or a contract only when it is filed with the
    housing bureau (seed 000 §11) and not on the blacklist (seed 001 §三(二)3)."""
    return (
        company.filing_status == PropertyCompany.FilingStatus.FILED
        and company.blacklisted_since is None
    )


def require_company_may_serve(company: PropertyCompany, *, field: str = "company") -> None:
    """Raise a translated DomainError (on ``field``) when the company may not serve."""
    if company.blacklisted_since is not None:
        message = _("This property company is blacklisted and may not serve.")
    elif company.filing_status != PropertyCompany.FilingStatus.FILED:
        message = _("This property company is not filed with the housing bureau.")
    else:
        return
    raise DomainError(message, code="company_may_not_serve", fields={field: [message]})


@transaction.atomic
def company_blacklist_set(
    *, actor: Actor | None, company_id: int, since: dt.date | None
) -> PropertyCompany:
    """Put the company on the blacklist from ``since``, or take it off (``None``).

    Called only by the credit domain, which decides the blacklist (seed 001 §三(二)3);
    audited with the before/after value."""
    company = PropertyCompany.objects.select_for_update().get(pk=company_id)
    before = audit.snapshot(company)
    company.blacklisted_since = since
    company.save(update_fields=["blacklisted_since"])
    audit.record_update(actor, company, before=before)
    return company
