"""Writes for property companies: profile, filing, qualifications, staff, reports to
streets. Every write is atomic and audited in the same transaction; bad input raises a
translated :class:`DomainError` naming each bad field, and nothing is written.

Other areas (projects, contracts) import :func:`company_may_serve` and
:func:`require_company_may_serve` from here: an unfiled or blacklisted company may not be
given a project or a contract (seed 000 §11; blacklist seed 001 §三(二)3).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.uploads import validate_upload
from gongzhi.core.workflow import transition
from gongzhi.jurisdictions.models import Jurisdiction, Level
from gongzhi.registry.companies.permissions import (
    can_edit,
    can_report_to_street,
    editable_fields,
)
from gongzhi.registry.companies.workflow import FILING
from gongzhi.registry.models import (
    CompanyQualification,
    CompanyStaff,
    Project,
    PropertyCompany,
    StreetReport,
)
from gongzhi.rules.identity import CreditCodeError, validate_uscc

Fields = dict[str, list[Any]]

PROFILE_FIELDS = (
    "name",
    "uscc",
    "legal_representative",
    "contact_name",
    "contact_phone",
    "address",
    "email",
    "established_on",
)
_MAX_LENGTHS = {
    "name": 200,
    "legal_representative": 64,
    "contact_name": 64,
    "contact_phone": 32,
    "address": 255,
}
_PHONE = re.compile(r"^[0-9+\-() ]{5,32}$")

USCC_MESSAGES = {
    "length": _("A unified social credit code has 18 characters."),
    "format": _(
        "The unified social credit code contains characters that are not allowed "
        "(8 digits then letters or digits without I, O, S, V, Z)."
    ),
    "check_digit": _("The check digit of the unified social credit code is wrong."),
}


# --- may the company serve? -------------------------------------------------------------


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


# --- profile ---------------------------------------------------------------------------


def _clean_uscc(value: str, fields: Fields, *, exclude_pk: int | None = None) -> str:
    raw = (value or "").strip()
    if not raw:
        fields["uscc"] = [_("This field is required.")]
        return raw
    try:
        uscc = validate_uscc(raw)
    except CreditCodeError as error:
        fields["uscc"] = [
            USCC_MESSAGES.get(error.reason, _("Enter a valid unified social credit code."))
        ]
        return raw
    taken = PropertyCompany.objects.filter(uscc=uscc)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        fields["uscc"] = [
            _("A company with this unified social credit code is already registered.")
        ]
    return uscc


def _clean_profile(
    data: dict[str, Any], *, exclude_pk: int | None = None
) -> tuple[dict[str, Any], Fields]:
    """Normalise and check the given profile fields; return (values, field errors)."""
    fields: Fields = {}
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name == "uscc":
            out[name] = _clean_uscc(value, fields, exclude_pk=exclude_pk)
            continue
        if name == "established_on":
            if value is not None and not isinstance(value, dt.date):
                fields[name] = [_("Enter a valid date.")]
            elif value is not None and value > timezone.localdate():
                fields[name] = [_("The date cannot be in the future.")]
            out[name] = value
            continue
        text = str(value or "").strip()
        if name in ("name", "legal_representative") and not text:
            fields[name] = [_("This field is required.")]
        limit = _MAX_LENGTHS.get(name)
        if limit and len(text) > limit:
            fields[name] = [_("This value is too long.")]
        if name == "contact_phone" and text and not _PHONE.match(text):
            fields[name] = [_("Enter a valid phone number.")]
        if name == "email" and text:
            try:
                validate_email(text)
            except ValidationError:
                fields[name] = [_("Enter a valid e-mail address.")]
        out[name] = text
    return out, fields


def _invalid(fields: Fields) -> DomainError:
    return DomainError(_("Please correct the errors below."), fields=fields)


@transaction.atomic
def company_create(
    *,
    actor: Actor,
    name: str,
    uscc: str,
    legal_representative: str,
    contact_name: str = "",
    contact_phone: str = "",
    address: str = "",
    email: str = "",
    established_on: dt.date | None = None,
    filed_with_id: int | None = None,
) -> PropertyCompany:
    """Register a company with the housing bureau the actor works for.

    The company files with the bureau's own node (``filed_with``); the node's path becomes
    the company's ``node_path``, so the bureau's subtree supervises it (seed 000 §11).
    """
    bureau_nodes = {
        g.node_id: g.node_path
        for g in actor.grants_of("node")
        if g.role == Role.BUREAU and g.node_id is not None
    }
    if not (actor.is_platform_admin or bureau_nodes):
        raise PermissionDeniedError(_("Only the housing bureau may register a company."))
    values, fields = _clean_profile(
        {
            "name": name,
            "uscc": uscc,
            "legal_representative": legal_representative,
            "contact_name": contact_name,
            "contact_phone": contact_phone,
            "address": address,
            "email": email,
            "established_on": established_on,
        }
    )
    node: Jurisdiction | None = None
    if filed_with_id is None and len(bureau_nodes) == 1:
        filed_with_id = next(iter(bureau_nodes))
    if filed_with_id is None:
        fields["filed_with"] = [_("Choose the housing bureau the company files with.")]
    elif not actor.is_platform_admin and filed_with_id not in bureau_nodes:
        fields["filed_with"] = [_("You may register companies only with your own bureau.")]
    else:
        node = Jurisdiction.objects.filter(pk=filed_with_id).first()
        if node is None:
            fields["filed_with"] = [_("Unknown jurisdiction.")]
    if fields:
        raise _invalid(fields)
    assert node is not None
    company = PropertyCompany.objects.create(filed_with=node, node_path=node.path, **values)
    audit.record_create(actor, company)
    return company


@transaction.atomic
def company_update(*, actor: Actor, company_id: int, **changes: Any) -> PropertyCompany:
    """Change profile fields; the bureau may change all of them, the company's staff
    their contacts and address (and their identity only before filing). Audited with
    the before/after values."""
    company = _locked_company(actor, company_id)
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise _invalid({name: [_("This field cannot be changed here.")] for name in unknown})
    if not can_edit(actor, company):
        raise PermissionDeniedError(_("You may not edit this company."))
    allowed = editable_fields(actor, company)
    values, fields = _clean_profile(changes, exclude_pk=company.pk)
    for name, value in values.items():
        if name not in allowed and value != getattr(company, name):
            fields.setdefault(name, []).append(
                _("Only the housing bureau may change this once the filing is under way.")
            )
    if fields:
        raise _invalid(fields)
    before = audit.snapshot(company)
    for name, value in values.items():
        setattr(company, name, value)
    company.save(update_fields=list(values) or None)
    audit.record_update(actor, company, before=before)
    return company


def _locked_company(actor: Actor, company_id: int) -> PropertyCompany:
    company: PropertyCompany = get_visible(
        PropertyCompany.objects.select_for_update(), actor, pk=company_id
    )
    return company


# --- filing ----------------------------------------------------------------------------


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
        changes = {"filing_submitted_at": timezone.now(), "filing_note": ""}
    elif action == "file":
        changes = {"filed_at": timezone.localdate(), "filing_note": note}
    elif action in ("return", "revoke"):
        changes = {"filing_note": note}
    else:
        raise NotFoundError(_("Not found."))
    if len(note) > 2000:
        raise _invalid({"note": [_("This value is too long.")]})
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


# --- qualifications and staff ----------------------------------------------------------


def _editable_company(actor: Actor, company_id: int) -> PropertyCompany:
    company = _locked_company(actor, company_id)
    if not can_edit(actor, company):
        raise PermissionDeniedError(_("You may not edit this company."))
    return company


def _record_child(
    actor: Actor, action: str, obj: Any, company: PropertyCompany, **data: Any
) -> None:
    """Audit a qualification or staff row under the company's node (officials see it)."""
    audit.record(actor=actor, action=action, target=obj, node_path=company.node_path, **data)


def _qualification_data(qualification: CompanyQualification) -> dict[str, Any]:
    """The audit snapshot, with the scan as its stored file name (not the file object)."""
    fields = [f.name for f in CompanyQualification._meta.concrete_fields if f.name != "document"]
    data = audit.snapshot(qualification, fields=fields)
    data["document"] = qualification.document.name or ""
    return data


@transaction.atomic
def qualification_add(
    *,
    actor: Actor,
    company_id: int,
    name: str,
    certificate_number: str = "",
    issued_by: str = "",
    valid_until: dt.date | None = None,
    document: UploadedFile | None = None,
) -> CompanyQualification:
    """Record a qualification with its scan; the scan must really be a PDF or an image
    within the upload limit (the file's bytes decide)."""
    company = _editable_company(actor, company_id)
    fields: Fields = {}
    name = (name or "").strip()
    if not name:
        fields["name"] = [_("This field is required.")]
    elif len(name) > 100:
        fields["name"] = [_("This value is too long.")]
    certificate_number = (certificate_number or "").strip()
    if len(certificate_number) > 64:
        fields["certificate_number"] = [_("This value is too long.")]
    issued_by = (issued_by or "").strip()
    if len(issued_by) > 100:
        fields["issued_by"] = [_("This value is too long.")]
    if document is not None:
        try:
            validate_upload(document)
        except ValidationError as error:
            fields["document"] = list(error.messages)
    if fields:
        raise _invalid(fields)
    qualification = CompanyQualification(
        company=company,
        name=name,
        certificate_number=certificate_number,
        issued_by=issued_by,
        valid_until=valid_until,
    )
    if document is not None:
        qualification.document.save(document.name or "scan", document, save=False)
    qualification.save()
    _record_child(
        actor, AuditAction.CREATE, qualification, company, after=_qualification_data(qualification)
    )
    return qualification


@transaction.atomic
def qualification_remove(*, actor: Actor, company_id: int, qualification_id: int) -> None:
    company = _editable_company(actor, company_id)
    qualification = CompanyQualification.objects.filter(
        company=company, pk=qualification_id
    ).first()
    if qualification is None:
        raise NotFoundError(_("Not found."))
    _record_child(
        actor, AuditAction.DELETE, qualification, company, before=_qualification_data(qualification)
    )
    qualification.delete()


@transaction.atomic
def staff_add(
    *,
    actor: Actor,
    company_id: int,
    name: str,
    role: str,
    specialty: str = "",
    certificate_number: str = "",
    phone: str = "",
    project_id: int | None = None,
) -> CompanyStaff:
    """Record an engineer, a project manager (项目负责人) or other staff (seed 000 §11)."""
    company = _editable_company(actor, company_id)
    fields: Fields = {}
    name = (name or "").strip()
    if not name:
        fields["name"] = [_("This field is required.")]
    elif len(name) > 64:
        fields["name"] = [_("This value is too long.")]
    if role not in CompanyStaff.Role.values:
        fields["role"] = [_("Choose a valid role.")]
    specialty = (specialty or "").strip()
    certificate_number = (certificate_number or "").strip()
    for key, value in (("specialty", specialty), ("certificate_number", certificate_number)):
        if len(value) > 64:
            fields[key] = [_("This value is too long.")]
    phone = (phone or "").strip()
    if phone and not _PHONE.match(phone):
        fields["phone"] = [_("Enter a valid phone number.")]
    if (
        project_id is not None
        and not Project.objects.filter(pk=project_id, company=company).exists()
    ):
        fields["project"] = [_("Choose one of the company's projects.")]
    if fields:
        raise _invalid(fields)
    member = CompanyStaff.objects.create(
        company=company,
        name=name,
        role=role,
        specialty=specialty,
        certificate_number=certificate_number,
        phone=phone,
        project_id=project_id,
    )
    _record_child(actor, AuditAction.CREATE, member, company, after=audit.snapshot(member))
    return member


@transaction.atomic
def staff_remove(*, actor: Actor, company_id: int, staff_id: int) -> None:
    company = _editable_company(actor, company_id)
    member = CompanyStaff.objects.filter(company=company, pk=staff_id).first()
    if member is None:
        raise NotFoundError(_("Not found."))
    _record_child(actor, AuditAction.DELETE, member, company, before=audit.snapshot(member))
    member.delete()


# --- reports to streets ----------------------------------------------------------------


@transaction.atomic
def street_report_create(
    *, actor: Actor, company_id: int, street_id: int | None, note: str = ""
) -> StreetReport:
    """A filed company reports to a street where it serves or will serve (报街道, seed 000
    §11). The street must lie below the bureau the company files with."""
    company = _locked_company(actor, company_id)
    if not can_report_to_street(actor, company):
        raise PermissionDeniedError(_("Only the company's own staff may report to a street."))
    require_company_may_serve(company)
    fields: Fields = {}
    street = None
    if street_id is not None:
        street = Jurisdiction.objects.filter(
            pk=street_id, level=Level.STREET, path__startswith=company.node_path
        ).first()
    if street is None:
        fields["street"] = [_("Choose a street under the bureau the company files with.")]
    note = (note or "").strip()
    if len(note) > 255:
        fields["note"] = [_("This value is too long.")]
    if fields:
        raise _invalid(fields)
    assert street is not None
    if StreetReport.objects.filter(company=company, street=street).exists():
        raise ConflictError(
            _("The company has already reported to this street."),
            fields={"street": [_("The company has already reported to this street.")]},
        )
    report = StreetReport.objects.create(
        company=company, street=street, node_path=street.path, note=note
    )
    audit.record_create(actor, report)
    return report


@transaction.atomic
def street_report_acknowledge(*, actor: Actor, report_id: int) -> StreetReport:
    """The street officer confirms the company's report to their street."""
    report: StreetReport = get_visible(
        StreetReport.objects.select_for_update(), actor, pk=report_id
    )
    if not actor.has_role(Role.STREET_OFFICER):
        raise PermissionDeniedError(_("Only the street's officers acknowledge reports."))
    if report.acknowledged_at is not None:
        raise ConflictError(_("This report has already been acknowledged."))
    before = audit.snapshot(report)
    report.acknowledged_at = timezone.now()
    report.save(update_fields=["acknowledged_at"])
    audit.record_update(actor, report, before=before)
    return report
