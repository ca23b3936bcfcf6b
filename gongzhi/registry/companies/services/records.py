"""What a company keeps on its record: qualifications with their scans, staff (project
managers and engineers, seed 000 §11), and its reports to the streets where it serves.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.errors import (
    ConflictError,
    FieldErrors,
    NotFoundError,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.uploads import validate_upload
from gongzhi.jurisdictions.models import Jurisdiction, Level
from gongzhi.registry.companies.permissions import can_report_to_street
from gongzhi.registry.companies.services.profile import PHONE, editable_company, locked_company
from gongzhi.registry.companies.services.serving import require_company_may_serve
from gongzhi.registry.models import (
    CompanyQualification,
    CompanyStaff,
    Project,
    PropertyCompany,
    StreetReport,
)


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
    company = editable_company(actor, company_id)
    fields: FieldErrors = {}
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
        raise invalid(fields)
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
    company = editable_company(actor, company_id)
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
    company = editable_company(actor, company_id)
    fields: FieldErrors = {}
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
    if phone and not PHONE.match(phone):
        fields["phone"] = [_("Enter a valid phone number.")]
    if (
        project_id is not None
        and not Project.objects.filter(pk=project_id, company=company).exists()
    ):
        fields["project"] = [_("Choose one of the company's projects.")]
    if fields:
        raise invalid(fields)
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
    company = editable_company(actor, company_id)
    member = CompanyStaff.objects.filter(company=company, pk=staff_id).first()
    if member is None:
        raise NotFoundError(_("Not found."))
    _record_child(actor, AuditAction.DELETE, member, company, before=audit.snapshot(member))
    member.delete()


# --- reports to streets ------------------------------------------------------------


@transaction.atomic
def street_report_create(
    *, actor: Actor, company_id: int, street_id: int | None, note: str = ""
) -> StreetReport:
    """A filed company reports to a street where it serves or will serve (报街道, seed 000
    §11). The street must lie below the bureau the company files with."""
    company = locked_company(actor, company_id)
    if not can_report_to_street(actor, company):
        raise PermissionDeniedError(_("Only the company's own staff may report to a street."))
    require_company_may_serve(company)
    fields: FieldErrors = {}
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
        raise invalid(fields)
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
    report.acknowledged_at = clock.now()
    report.save(update_fields=["acknowledged_at"])
    audit.record_update(actor, report, before=before)
    return report
