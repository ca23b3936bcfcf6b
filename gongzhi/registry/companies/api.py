"""/api/v1/registry/companies…, /api/v1/registry/street-reports… and the public look-up
/api/v1/registry/public/companies (no authentication). Same selectors and services as
the pages."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attribute
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.registry.companies import selectors, services
from gongzhi.registry.models import CompanyQualification, PropertyCompany
from gongzhi.rules.identity import mask_phone

router = Router(tags=["registry: companies"])


class CompanyOut(Schema):
    id: int
    name: str
    uscc: str
    legal_representative: str
    filing_status: str
    contact_phone: str
    filed_at: dt.date | None
    blacklisted: bool

    @staticmethod
    def resolve_blacklisted(obj: PropertyCompany) -> bool:
        return obj.blacklisted_since is not None


class CompanyDetailOut(CompanyOut):
    contact_name: str
    address: str
    email: str
    established_on: dt.date | None
    filed_with_id: int
    filing_submitted_at: dt.datetime | None
    filing_note: str
    blacklisted_since: dt.date | None
    may_serve: bool

    @staticmethod
    def resolve_may_serve(obj: PropertyCompany) -> bool:
        return services.company_may_serve(obj)


class CompanyIn(Schema):
    name: str
    uscc: str
    legal_representative: str
    contact_name: str = ""
    contact_phone: str = ""
    address: str = ""
    email: str = ""
    established_on: dt.date | None = None
    filed_with_id: int | None = None


class CompanyPatch(Schema):
    name: str | None = None
    uscc: str | None = None
    legal_representative: str | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    address: str | None = None
    email: str | None = None
    established_on: dt.date | None = None


class NoteIn(Schema):
    note: str = ""


class QualificationIn(Schema):
    name: str
    certificate_number: str = ""
    issued_by: str = ""
    valid_until: dt.date | None = None


class QualificationOut(Schema):
    id: int
    name: str
    certificate_number: str
    issued_by: str
    valid_until: dt.date | None
    document_url: str

    @staticmethod
    def resolve_document_url(obj: CompanyQualification) -> str:
        if not obj.document:
            return ""
        return reverse("registry:company_qualification_document", args=[obj.company_id, obj.pk])


class StaffIn(Schema):
    name: str
    role: str
    specialty: str = ""
    certificate_number: str = ""
    phone: str = ""
    project_id: int | None = None


class StaffOut(Schema):
    id: int
    name: str
    role: str
    specialty: str
    certificate_number: str
    phone: str
    project_id: int | None
    is_active: bool


class StreetReportIn(Schema):
    street_id: int
    note: str = ""


class StreetReportOut(Schema):
    id: int
    company_id: int
    company_name: str
    street_id: int
    street_name: str
    reported_at: dt.datetime
    note: str
    acknowledged_at: dt.datetime | None

    @staticmethod
    def resolve_company_name(obj: object) -> str:
        return str(obj.company.name)  # type: ignore[attr-defined]

    @staticmethod
    def resolve_street_name(obj: object) -> str:
        return str(obj.street.name)  # type: ignore[attr-defined]


class PublicProjectOut(Schema):
    name: str
    community: str


class PublicCompanyOut(Schema):
    """Public fields only: no person's name, phone or ID."""

    id: int
    name: str
    uscc: str
    filing_status: str
    filed_at: dt.date | None
    company_phone: str
    address: str
    projects: list[PublicProjectOut]

    resolve_company_phone = attribute("contact_phone")

    @staticmethod
    def resolve_projects(obj: PropertyCompany) -> list[dict[str, str]]:
        return [{"name": p.name, "community": p.community.name} for p in obj.projects.all()]


# --- companies -------------------------------------------------------------------------


@router.get("/companies", response=list[CompanyOut])
@paginate(PageNumberPagination, page_size=50)
def company_list(request: HttpRequest, q: str = "", status: str = "") -> object:
    return selectors.company_list(actor=request_actor(request), search=q, status=status)


@router.post("/companies", response={201: CompanyDetailOut})
def company_create(request: HttpRequest, payload: CompanyIn) -> Status:
    company = services.company_create(actor=request_actor(request), **payload.dict())
    return Status(201, company)


@router.get("/companies/{company_id}", response=CompanyDetailOut)
def company_get(request: HttpRequest, company_id: int) -> object:
    return selectors.company_get(actor=request_actor(request), pk=company_id)


@router.patch("/companies/{company_id}", response=CompanyDetailOut)
def company_update(request: HttpRequest, company_id: int, payload: CompanyPatch) -> object:
    changes = payload.dict(exclude_unset=True)
    return services.company_update(actor=request_actor(request), company_id=company_id, **changes)


@router.post("/companies/{company_id}/filing/{action}", response=CompanyDetailOut)
def company_filing(request: HttpRequest, company_id: int, action: str, payload: NoteIn) -> object:
    """``action`` is submit, file, return or revoke (seed 000 §11)."""
    return services.company_filing_action(
        actor=request_actor(request), company_id=company_id, action=action, note=payload.note
    )


# --- qualifications and staff ----------------------------------------------------------


@router.get("/companies/{company_id}/qualifications", response=list[QualificationOut])
def qualification_list(request: HttpRequest, company_id: int) -> object:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=company_id)
    return list(selectors.company_qualifications(actor=actor, company=company))


@router.post("/companies/{company_id}/qualifications", response={201: QualificationOut})
def qualification_add(
    request: HttpRequest,
    company_id: int,
    payload: Form[QualificationIn],
    document: UploadedFile | None = File(None),  # noqa: B008
) -> Status:
    """Multipart form; ``document`` must be a PDF or an image within the upload limit."""
    qualification = services.qualification_add(
        actor=request_actor(request), company_id=company_id, document=document, **payload.dict()
    )
    return Status(201, qualification)


@router.delete("/companies/{company_id}/qualifications/{item_id}", response={204: None})
def qualification_remove(request: HttpRequest, company_id: int, item_id: int) -> Status:
    services.qualification_remove(
        actor=request_actor(request), company_id=company_id, qualification_id=item_id
    )
    return Status(204, None)


@router.get("/companies/{company_id}/staff", response=list[StaffOut])
def staff_list(request: HttpRequest, company_id: int) -> list[dict]:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=company_id)
    own = company.pk in selectors.my_company_ids(actor=actor)
    rows = []
    for member in selectors.company_staff(actor=actor, company=company):
        data = StaffOut.from_orm(member).dict()
        if not own:
            data["phone"] = mask_phone(member.phone)
        rows.append(data)
    return rows


@router.post("/companies/{company_id}/staff", response={201: StaffOut})
def staff_add(request: HttpRequest, company_id: int, payload: StaffIn) -> Status:
    member = services.staff_add(
        actor=request_actor(request), company_id=company_id, **payload.dict()
    )
    return Status(201, member)


@router.delete("/companies/{company_id}/staff/{item_id}", response={204: None})
def staff_remove(request: HttpRequest, company_id: int, item_id: int) -> Status:
    services.staff_remove(actor=request_actor(request), company_id=company_id, staff_id=item_id)
    return Status(204, None)


# --- reports to streets ----------------------------------------------------------------


@router.get("/companies/{company_id}/street-reports", response=list[StreetReportOut])
def company_street_reports(request: HttpRequest, company_id: int) -> object:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=company_id)
    return list(
        selectors.company_street_reports(actor=actor, company=company).select_related("company")
    )


@router.post("/companies/{company_id}/street-reports", response={201: StreetReportOut})
def street_report_create(request: HttpRequest, company_id: int, payload: StreetReportIn) -> Status:
    report = services.street_report_create(
        actor=request_actor(request),
        company_id=company_id,
        street_id=payload.street_id,
        note=payload.note,
    )
    return Status(201, report)


@router.get("/street-reports", response=list[StreetReportOut])
@paginate(PageNumberPagination, page_size=50)
def street_report_list(request: HttpRequest, pending: bool = False) -> object:
    return selectors.street_reports(actor=request_actor(request), pending_only=pending)


@router.post("/street-reports/{report_id}/acknowledge", response=StreetReportOut)
def street_report_acknowledge(request: HttpRequest, report_id: int) -> object:
    return services.street_report_acknowledge(actor=request_actor(request), report_id=report_id)


# --- public ----------------------------------------------------------------------------


@router.get("/public/companies", response=list[PublicCompanyOut], auth=None)
@paginate(PageNumberPagination, page_size=20)
def public_company_list(request: HttpRequest, q: str = "") -> object:
    """No sign-in: filed and revoked companies' public fields (seed 000 §11)."""
    return selectors.public_company_list(search=q[:100])
