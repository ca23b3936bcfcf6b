"""Who may do what to a property company (row scoping comes first, these narrow it).

* The housing bureau of the node the company files with (``filed_with``; its path is the
  company's ``node_path``) supervises it: edits every field, files, returns, revokes.
* The company's own staff edit their contacts and address, and their identity fields
  only while the company is not filed or its filing was returned; they submit the
  filing, keep qualifications and staff, and report to streets (seed 000 §11).
* Street officers acknowledge reports made to their street.
"""

from __future__ import annotations

from gongzhi.accounts.models import Role
from gongzhi.core.scoping import Actor
from gongzhi.registry.models import PropertyCompany

# Fields the company's staff may change whatever the filing status.
COMPANY_EDITABLE_ALWAYS = frozenset({"contact_name", "contact_phone", "address", "email"})
# Identity fields the company's staff may change only before filing.
COMPANY_EDITABLE_BEFORE_FILING = frozenset(
    {"name", "uscc", "legal_representative", "established_on"}
)
EDITABLE_STATES = frozenset(
    {PropertyCompany.FilingStatus.UNFILED, PropertyCompany.FilingStatus.REJECTED}
)


def bureau_node_paths(actor: Actor) -> list[str]:
    """The paths of the nodes where the actor is housing-bureau staff."""
    return [g.node_path for g in actor.grants_of("node") if g.role == Role.BUREAU and g.node_path]


def is_filing_bureau(actor: Actor, company: PropertyCompany) -> bool:
    """The actor is bureau staff of the node the company files with (or the admin)."""
    if actor.is_platform_admin:
        return True
    return any(company.node_path.startswith(path) for path in bureau_node_paths(actor))


def is_company_staff_of(actor: Actor, company: PropertyCompany) -> bool:
    return any(
        g.role == Role.COMPANY_STAFF and g.company_id == company.pk
        for g in actor.grants_of("company")
    )


def can_edit(actor: Actor, company: PropertyCompany) -> bool:
    return is_filing_bureau(actor, company) or is_company_staff_of(actor, company)


def editable_fields(actor: Actor, company: PropertyCompany) -> frozenset[str]:
    """The profile fields the actor may change on this company now."""
    if is_filing_bureau(actor, company):
        return COMPANY_EDITABLE_ALWAYS | COMPANY_EDITABLE_BEFORE_FILING
    if is_company_staff_of(actor, company):
        if company.filing_status in EDITABLE_STATES:
            return COMPANY_EDITABLE_ALWAYS | COMPANY_EDITABLE_BEFORE_FILING
        return COMPANY_EDITABLE_ALWAYS
    return frozenset()


def can_report_to_street(actor: Actor, company: PropertyCompany) -> bool:
    return actor.is_platform_admin or is_company_staff_of(actor, company)
