"""Writes for property companies: profile, filing, qualifications, staff, reports to
streets. Every write is atomic and audited in the same transaction; bad input raises a
translated :class:`DomainError` naming each bad field, and nothing is written.

Other areas (projects, contracts) import :func:`company_may_serve` and
:func:`require_company_may_serve` from here: an unfiled or blacklisted company may not be
given a project or a contract (seed 000 §11; blacklist seed 001 §三(二)3). Every public
name is importable from here.
"""

from gongzhi.registry.companies.services.filing import company_filing_action
from gongzhi.registry.companies.services.profile import (
    PROFILE_FIELDS,
    USCC_MESSAGES,
    company_create,
    company_update,
)
from gongzhi.registry.companies.services.records import (
    qualification_add,
    qualification_remove,
    staff_add,
    staff_remove,
    street_report_acknowledge,
    street_report_create,
)
from gongzhi.registry.companies.services.serving import (
    company_blacklist_set,
    company_may_serve,
    require_company_may_serve,
)

__all__ = [
    "PROFILE_FIELDS",
    "USCC_MESSAGES",
    "company_blacklist_set",
    "company_create",
    "company_filing_action",
    "company_may_serve",
    "company_update",
    "qualification_add",
    "qualification_remove",
    "require_company_may_serve",
    "staff_add",
    "staff_remove",
    "street_report_acknowledge",
    "street_report_create",
]
