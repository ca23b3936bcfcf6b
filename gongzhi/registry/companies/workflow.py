"""The company filing workflow (备案, seed 000 §11): a company files with the housing
bureau before it may serve.

    unfiled / rejected ──submit (company)──► submitted ──file (bureau)──► filed
                                              │                            │
                                              └─return (bureau, note)─► rejected
                                                        filed ──revoke (bureau, note)──► revoked

Only :func:`gongzhi.core.workflow.transition` changes ``filing_status``.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, require_text, steps
from gongzhi.registry.companies.permissions import is_company_staff_of, is_filing_bureau
from gongzhi.registry.models import CompanyStaff, PropertyCompany

S = PropertyCompany.FilingStatus

# Profile fields a filing must carry (the bureau needs someone to call and an address).
REQUIRED_FOR_FILING = (
    "name",
    "uscc",
    "legal_representative",
    "contact_name",
    "contact_phone",
    "address",
)


def guard_submit(company: PropertyCompany, actor: Actor, **context: Any) -> None:
    """The company's own staff submit; the profile is complete and the company has at
    least one project manager (项目负责人) and one engineer on record (seed 000 §11)."""
    if not (actor.is_platform_admin or is_company_staff_of(actor, company)):
        raise PermissionDeniedError(_("Only the company's own staff may submit its filing."))
    fields: FieldErrors = {}
    for name in REQUIRED_FOR_FILING:
        if not str(getattr(company, name) or "").strip():
            fields[name] = [_("This field is required for filing.")]
    roles = set(
        CompanyStaff.objects.filter(company=company, is_active=True).values_list("role", flat=True)
    )
    missing = []
    if CompanyStaff.Role.PROJECT_MANAGER not in roles:
        missing.append(_("Record at least one project manager before filing."))
    if CompanyStaff.Role.ENGINEER not in roles:
        missing.append(_("Record at least one engineer before filing."))
    if missing:
        fields["staff"] = missing
    if fields:
        raise invalid(fields, _("The filing is incomplete."))


def guard_bureau(company: PropertyCompany, actor: Actor, **context: Any) -> None:
    """Only the bureau of the node the company files with decides on its filing."""
    if not is_filing_bureau(actor, company):
        raise PermissionDeniedError(
            _("Only the housing bureau the company files with may decide on its filing.")
        )


def guard_bureau_with_note(company: PropertyCompany, actor: Actor, **context: Any) -> None:
    """Returning or revoking a filing needs a written reason the company can read."""
    guard_bureau(company, actor)
    require_text(
        context, "note", _("Give the reason."), detail=_("A note with the reason is required.")
    )


FILING = Workflow.of(
    "company-filing",
    "filing_status",
    Transition.of(
        "submit",
        _("Submit for filing"),
        {S.UNFILED, S.REJECTED},
        S.SUBMITTED,
        {Role.COMPANY_STAFF},
        guard_submit,
    ),
    Transition.of("file", _("File"), {S.SUBMITTED}, S.FILED, {Role.BUREAU}, guard_bureau),
    *steps(
        {Role.BUREAU},
        guard_bureau_with_note,
        ("return", _("Return for correction"), {S.SUBMITTED}, S.REJECTED),
        ("revoke", _("Revoke filing"), {S.FILED}, S.REVOKED),
    ),
)
