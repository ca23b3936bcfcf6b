"""Who may open each company page (row scoping and the services' checks apply on top)."""

from gongzhi.accounts.models import Role
from gongzhi.core.access import PUBLIC, REGISTRY_READERS, SUPERVISORS, Rule, roles

_EDITORS = roles(Role.BUREAU, Role.COMPANY_STAFF)

ACCESS: dict[str, Rule] = {
    "registry:company_list": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "registry:company_export": Rule(roles=SUPERVISORS),
    "registry:company_create": roles(Role.BUREAU),
    "registry:company_pending": roles(Role.BUREAU),
    "registry:my_company": roles(Role.COMPANY_STAFF),
    "registry:company_public": PUBLIC,
    "registry:company_detail": Rule(roles=REGISTRY_READERS),
    "registry:company_edit": _EDITORS,
    "registry:company_filing": _EDITORS,
    "registry:company_qualification_add": _EDITORS,
    "registry:company_qualification_remove": _EDITORS,
    "registry:company_qualification_document": Rule(roles=REGISTRY_READERS),
    "registry:company_staff_add": _EDITORS,
    "registry:company_staff_remove": _EDITORS,
    "registry:company_street_report": roles(Role.COMPANY_STAFF),
    "registry:company_guard_filing_add": _EDITORS,
    "registry:guard_filing_review": roles(Role.BUREAU),
    "registry:guard_filings": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "registry:street_reports": roles(Role.STREET_OFFICER, Role.BUREAU),
    "registry:street_report_acknowledge": roles(Role.STREET_OFFICER),
}
