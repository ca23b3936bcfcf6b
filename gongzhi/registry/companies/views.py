"""Property-company pages: the register (list, export, pending filings), the company page
with its filing, qualifications, staff and reports to streets, street officers' report
inbox, and the public look-up. Every write goes through ``companies.services``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.core.access import SUPERVISORS
from gongzhi.core.attachments import stored_file_response
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import DetailPage, form_page, page_of, run_action, run_form
from gongzhi.registry.companies import guard_views, permissions, selectors, services
from gongzhi.registry.companies.forms import (
    CompanyForm,
    FilingNoteForm,
    QualificationForm,
    StaffForm,
    StreetReportForm,
)
from gongzhi.registry.companies.workflow import FILING
from gongzhi.registry.models import PropertyCompany

T = "registry/companies/"


def _filters(request: HttpRequest) -> tuple[str, str]:
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in PropertyCompany.FilingStatus.values:
        status = ""
    return search, status


# --- lists -----------------------------------------------------------------------------


def company_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    search, status = _filters(request)
    qs = selectors.company_list(actor=actor, search=search, status=status)
    page = page_of(request, qs)
    return render(
        request,
        T + "list.html",
        {
            "page": page,
            "q": search,
            "status": status,
            "statuses": PropertyCompany.FilingStatus.choices,
            "may_create": bool(permissions.bureau_node_paths(actor)) or actor.is_platform_admin,
            "may_export": actor.has_role(*SUPERVISORS),
        },
    )


def company_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered list as Excel: exactly the rows the official sees."""
    search, status = _filters(request)
    qs = selectors.company_list(actor=request_actor(request), search=search, status=status)
    headers = [
        _("Name"),
        _("Unified social credit code"),
        _("Legal representative"),
        _("Contact phone"),
        _("Address"),
        _("Filing status"),
        _("Filed on"),
        _("Projects"),
    ]
    rows = (
        (
            c.name,
            c.uscc,
            c.legal_representative,
            c.contact_phone,
            c.address,
            c.get_filing_status_display(),
            c.filed_at,
            getattr(c, "project_count", 0),
        )
        for c in qs.iterator(chunk_size=500)
    )
    return xlsx_response("companies.xlsx", [str(h) for h in headers], rows, title="companies")


def company_pending_view(request: HttpRequest) -> HttpResponse:
    qs = selectors.pending_filings(actor=request_actor(request))
    page = page_of(request, qs)
    return render(request, T + "pending.html", {"page": page})


def my_company_view(request: HttpRequest) -> HttpResponse:
    ids = selectors.my_company_ids(actor=request_actor(request))
    if not ids:
        raise Http404
    return redirect("registry:company_detail", pk=ids[0])


# --- create / edit ---------------------------------------------------------------------


def company_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return form_page(
        request,
        CompanyForm(request.POST or None),
        template="registry/form.html",
        context={"title": _("Register a company"), "back_url": reverse("registry:company_list")},
        save=lambda data: services.company_create(actor=actor, **data),
        success_url=lambda company: COMPANY_PAGE.url(company.pk),
        message=_("The company is registered."),
        passes=(),
    )


def company_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=pk)
    editable = permissions.editable_fields(actor, company)
    if not editable:
        return HttpResponse(status=403)
    form = CompanyForm(
        request.POST or None, initial=CompanyForm.initial_for(company), editable=editable
    )
    return form_page(
        request,
        form,
        template="registry/form.html",
        context={
            "title": _("Edit %(name)s") % {"name": company.name},
            "back_url": COMPANY_PAGE.url(company.pk),
        },
        save=lambda data: services.company_update(actor=actor, company_id=company.pk, **data),
        success_url=COMPANY_PAGE.url(company.pk),
        message=_("The changes are saved."),
        passes=(),
    )


# --- the company page ------------------------------------------------------------------


def _company_context(actor: Actor, company: PropertyCompany, **forms_: Any) -> dict[str, Any]:
    may_edit = permissions.can_edit(actor, company)
    own = permissions.is_company_staff_of(actor, company)
    actions = [
        t
        for t in FILING.available(company, actor)
        if (t.action == "submit" and (own or actor.is_platform_admin))
        or (t.action != "submit" and permissions.is_filing_bureau(actor, company))
    ]
    may_report = permissions.can_report_to_street(actor, company) and services.company_may_serve(
        company
    )
    return {
        "company": company,
        "projects": selectors.company_projects(actor=actor, company=company)[:100],
        "qualifications": selectors.company_qualifications(actor=actor, company=company),
        "staff": selectors.company_staff(actor=actor, company=company),
        "reports": selectors.company_street_reports(actor=actor, company=company),
        "history": selectors.company_history(actor=actor, company=company),
        "may_edit": may_edit,
        "own_company": own,
        "actions": actions,
        "may_report": may_report,
        "may_serve": services.company_may_serve(company),
        "note_form": forms_.get("note_form") or FilingNoteForm(),
        "qualification_form": forms_.get("qualification_form") or QualificationForm(),
        "staff_form": forms_.get("staff_form") or StaffForm(),
        "report_form": forms_.get("report_form")
        or StreetReportForm(streets=selectors.street_choices(company=company)),
        # security-guard filings with the police (seed 004 §2)
        **guard_views.guard_context(actor, company, forms_.get("guard_form")),
    }


COMPANY_PAGE = DetailPage(
    T + "detail.html", selectors.company_get, _company_context, "registry:company_detail"
)


company_detail_view = COMPANY_PAGE.view


@require_POST
def company_filing_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    selectors.company_get(actor=actor, pk=pk)
    form = FilingNoteForm(request.POST)
    form.is_valid()

    def refused(error: DomainError) -> HttpResponse:
        form.add_error_of(error)
        for message in error.fields.get("staff", []):
            form.add_error(None, str(message))
        return COMPANY_PAGE.render(request, actor, pk, status=error.status, note_form=form)

    return run_action(
        request,
        call=lambda: services.company_filing_action(
            actor=actor, company_id=pk, action=action, note=form.cleaned_data.get("note", "")
        ),
        on_error=refused,
        success_url=COMPANY_PAGE.url(pk),
        message=_("The filing status is updated."),
    )


def _company_page_form(
    request: HttpRequest,
    pk: int,
    *,
    name: str,
    form_for: Callable[[PropertyCompany], Any],
    save: Callable[[Actor, dict[str, Any]], Any],
    done: Any,
) -> HttpResponse:
    """A form posted from the company page: saved by a service, then back to the page
    with the message ``done``; or the page again with the form (``name`` in the page's
    context) and its errors."""
    actor = request_actor(request)
    form = form_for(selectors.company_get(actor=actor, pk=pk))
    return run_form(
        request,
        form,
        save=lambda data: save(actor, data),
        on_invalid=COMPANY_PAGE.with_form(request, actor, pk, **{name: form}),
        success_url=COMPANY_PAGE.url(pk),
        message=done,
        passes=(),
    )


@require_POST
def qualification_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _company_page_form(
        request,
        pk,
        name="qualification_form",
        form_for=lambda company: QualificationForm(request.POST, request.FILES),
        save=lambda actor, d: services.qualification_add(actor=actor, company_id=pk, **d),
        done=_("The qualification is recorded."),
    )


@require_POST
def qualification_remove_view(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    return _remove(request, pk, services.qualification_remove, qualification_id=item)


def qualification_document_view(request: HttpRequest, pk: int, item: int) -> FileResponse:
    """A qualification's scan, through the company's scoping (uploads are never served
    from MEDIA_URL): a download, typed by its first bytes, ``nosniff``."""
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=pk)
    found = selectors.company_qualifications(actor=actor, company=company).filter(pk=item).first()
    if found is None or not found.document:
        raise NotFoundError(_("Not found."))
    name = found.document.name.rsplit("/", 1)[-1]
    return stored_file_response(found.document, filename=name)


@require_POST
def staff_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _company_page_form(
        request,
        pk,
        name="staff_form",
        form_for=lambda company: StaffForm(request.POST),
        save=lambda actor, d: services.staff_add(actor=actor, company_id=pk, **d),
        done=_("The staff member is recorded."),
    )


@require_POST
def staff_remove_view(request: HttpRequest, pk: int, item: int) -> HttpResponse:
    return _remove(request, pk, services.staff_remove, staff_id=item)


def _remove(request: HttpRequest, pk: int, service: Any, **ids: int) -> HttpResponse:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=pk)
    try:
        service(actor=actor, company_id=company.pk, **ids)
    except NotFoundError:
        raise
    except DomainError as error:
        return HttpResponse(str(error.message), status=error.status)
    messages.success(request, _("Removed."))
    return redirect("registry:company_detail", pk=pk)


@require_POST
def street_report_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _company_page_form(
        request,
        pk,
        name="report_form",
        form_for=lambda company: StreetReportForm(
            request.POST, streets=selectors.street_choices(company=company)
        ),
        save=lambda actor, d: services.street_report_create(
            actor=actor, company_id=pk, street_id=d["street"], note=d["note"]
        ),
        done=_("The report is sent to the street."),
    )


# --- street officers -------------------------------------------------------------------


def street_report_list_view(request: HttpRequest) -> HttpResponse:
    qs = selectors.street_reports(
        actor=request_actor(request), pending_only=request.GET.get("pending") == "1"
    )
    page = page_of(request, qs)
    may_acknowledge = request_actor(request).has_role(Role.STREET_OFFICER)
    return render(
        request, T + "street_reports.html", {"page": page, "may_acknowledge": may_acknowledge}
    )


@require_POST
def street_report_acknowledge_view(request: HttpRequest, report_id: int) -> HttpResponse:
    try:
        services.street_report_acknowledge(actor=request_actor(request), report_id=report_id)
    except NotFoundError:
        raise
    except DomainError as error:
        messages.error(request, str(error.message))
        response = street_report_list_view(request)
        response.status_code = error.status
        return response
    messages.success(request, _("The report is acknowledged."))
    return redirect("registry:street_reports")


# --- public ----------------------------------------------------------------------------


def company_public_view(request: HttpRequest) -> HttpResponse:
    """No sign-in: filed and revoked companies' public fields only."""
    search = request.GET.get("q", "").strip()[:100]
    qs = selectors.public_company_list(search=search)
    page = page_of(request, qs, per_page=20)
    return render(request, T + "public.html", {"page": page, "q": search})
