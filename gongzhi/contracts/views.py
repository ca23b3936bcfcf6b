"""Contract pages: list (filters, search, Excel export), detail with documents, workflow
buttons, filing deadline and edit history; drafting forms; the overdue-filings list."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.contracts import selectors, services
from gongzhi.contracts.forms import AttachmentForm, ContractForm, ReturnForm
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.workflow import ACTIONS, available_actions, is_company_staff_of
from gongzhi.core import clock
from gongzhi.core.attachments import attachment_response
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import DetailPage, choice_param, form_page, page_of, run_action
from gongzhi.registry.models import PropertyCompany


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "search": request.GET.get("q", "").strip(),
        "status": choice_param(request, "status", ServiceContract.Status.values),
        "kind": choice_param(request, "kind", ServiceContract.Kind.values),
        "overdue": request.GET.get("overdue") == "1",
    }


def _rows(contracts: list[ServiceContract]) -> list[dict[str, Any]]:
    deadlines = selectors.deadlines_for(contracts)
    day = clock.today()
    return [
        {
            "contract": c,
            "deadline": deadlines[c.pk],
            "overdue": deadlines[c.pk].overdue(
                filed=c.status == ServiceContract.Status.FILED, today=day
            ),
        }
        for c in contracts
    ]


def contract_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = _filters(request)
    page = page_of(request, selectors.contract_list(actor=actor, **filters))
    return render(
        request,
        "contracts/contract_list.html",
        {
            "page": page,
            "rows": _rows(list(page.object_list)),
            "q": filters["search"],
            "filters": filters,
            "statuses": ServiceContract.Status.choices,
            "kinds": ServiceContract.Kind.choices,
            "can_create": any(True for _g in actor.grants_of("company")),
            "can_export": actor.has_role(
                Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER, Role.COMPANY_STAFF
            ),
        },
    )


def contract_export_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    contracts = list(selectors.contract_list(actor=actor, **_filters(request)))
    headers = [
        _t("Project"),
        _t("Property company"),
        _t("Contract kind"),
        _t("Signed on"),
        _t("Term start"),
        _t("Term end"),
        _t("Service grade"),
        _t("Fee standard (yuan per m² per month)"),
        _t("Fee mode"),
        _t("Status"),
        _t("Filing due"),
        _t("Overdue"),
        _t("Filed"),
    ]
    rows = [
        [
            r["contract"].project.name,
            r["contract"].company.name,
            r["contract"].get_kind_display(),
            r["contract"].signed_on,
            r["contract"].term_start,
            r["contract"].term_end,
            r["contract"].get_service_grade_display(),
            r["contract"].fee_per_m2_month,
            r["contract"].get_fee_mode_display(),
            r["contract"].get_status_display(),
            r["deadline"].due,
            _t("Yes") if r["overdue"] else "",
            r["contract"].filed_at,
        ]
        for r in _rows(contracts)
    ]
    return xlsx_response(f"{_t('Property service contracts')}.xlsx", headers, rows)


def _detail_context(actor: Actor, contract: ServiceContract, **extra: Any) -> dict[str, Any]:
    deadline = selectors.contract_deadline(contract)
    filed = contract.status == ServiceContract.Status.FILED
    editable = contract.status in services.EDITABLE and is_company_staff_of(actor, contract)
    return {
        "contract": contract,
        "attachments": selectors.contract_attachments(actor=actor, contract=contract),
        "deadline": deadline,
        "overdue": deadline.overdue(filed=filed, today=clock.today()),
        "filed_late": bool(
            filed and deadline.due and contract.filed_at and contract.filed_at.date() > deadline.due
        ),
        "actions": available_actions(contract, actor),
        "editable": editable,
        "upload_form": extra.pop("upload_form", None) or (AttachmentForm() if editable else None),
        "return_form": extra.pop("return_form", None) or ReturnForm(),
        "history": selectors.contract_history(actor=actor, contract=contract),
        **extra,
    }


CONTRACT_PAGE = DetailPage(
    "contracts/contract_detail.html",
    selectors.contract_get,
    _detail_context,
    "contracts:contract_detail",
)


contract_detail_view = CONTRACT_PAGE.view


def _drafting_company(actor: Actor) -> PropertyCompany:
    ids = [g.company_id for g in actor.grants_of("company") if g.role == Role.COMPANY_STAFF]
    if not ids:
        raise PermissionDenied
    return PropertyCompany.objects.get(pk=ids[0])


def contract_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    company = _drafting_company(actor)
    projects = selectors.draftable_projects(company=company)
    form = ContractForm(request.POST or None, projects=projects)
    return form_page(
        request,
        form,
        template="contracts/contract_form.html",
        context={"company": company, "contract": None},
        save=lambda _data: services.contract_create(
            actor=actor, company_id=company.pk, **form.service_data()
        ),
        success_url=lambda contract: CONTRACT_PAGE.url(contract.pk),
        message=_("The contract draft was saved."),
        passes=(PermissionDeniedError,),
    )


def contract_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    contract = selectors.contract_get(actor=actor, pk=pk)
    if not is_company_staff_of(actor, contract):
        raise PermissionDenied
    projects = selectors.draftable_projects(company=contract.company)
    initial = {
        "project": contract.project_id,
        "kind": contract.kind,
        "signed_on": contract.signed_on,
        "term_start": contract.term_start,
        "term_end": contract.term_end,
        "service_grade": contract.service_grade,
        "fee_per_m2_month": contract.fee_per_m2_month,
        "fee_mode": contract.fee_mode,
    }
    form = ContractForm(request.POST or None, projects=projects, initial=initial)
    return form_page(
        request,
        form,
        template="contracts/contract_form.html",
        context={"company": contract.company, "contract": contract},
        save=lambda _data: services.contract_update(
            actor=actor, contract_id=contract.pk, **form.service_data()
        ),
        success_url=CONTRACT_PAGE.url(contract.pk),
        message=_("The contract was saved."),
        passes=(PermissionDeniedError,),
    )


@require_POST
def contract_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in ACTIONS:
        raise Http404
    note = request.POST.get("note", "")
    return_form = ReturnForm(request.POST) if action == "return" else None
    if return_form is not None:
        return_form.is_valid()  # its errors show when the service refuses
    return run_action(
        request,
        call=lambda: services.contract_act(actor=actor, contract_id=pk, action=action, note=note),
        on_error=CONTRACT_PAGE.refused(request, actor, pk, return_form=return_form),
        success_url=CONTRACT_PAGE.url(pk),
    )


attachment_upload_view = CONTRACT_PAGE.upload_view(
    AttachmentForm,
    lambda actor, pk, data: services.attachment_add(
        actor=actor, contract_id=pk, kind=data["kind"], upload=data["file"]
    ),
    form_name="upload_form",
    message=_("The document was added."),
    errors_on=None,
)


def attachment_download_view(request: HttpRequest, pk: int) -> FileResponse:
    actor = request_actor(request)
    return attachment_response(selectors.attachment_get(actor=actor, pk=pk))


def overdue_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    ids = selectors.overdue_ids(actor=actor)
    counts = selectors.overdue_counts(actor=actor, ids=ids)
    qs = selectors.contract_list(actor=actor).filter(pk__in=ids).order_by("signed_on", "id")
    page = page_of(request, qs)
    stats = [
        (label, counts.by_status.get(value, 0))
        for value, label in ServiceContract.Status.choices
        if value != ServiceContract.Status.FILED
    ]
    return render(
        request,
        "contracts/overdue.html",
        {"page": page, "rows": _rows(list(page.object_list)), "counts": counts, "stats": stats},
    )
