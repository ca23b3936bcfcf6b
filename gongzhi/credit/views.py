"""Credit pages: companies with their score, grade and every contributing record; manual
records with evidence and a second officer's approval; appeals; the blacklist with its
printable letters; random inspection plans; the public credit page; Excel export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.core.attachments import attachment_response
from gongzhi.core.clock import today
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import (
    DetailPage,
    choice_param,
    form_page,
    page_of,
    pdf_response,
    run_action,
)
from gongzhi.credit import selectors
from gongzhi.credit.forms import AppealForm, DecisionForm, DrawForm, RecordForm
from gongzhi.credit.models import Appeal, CreditRecord
from gongzhi.credit.services import inspections, records, scores
from gongzhi.credit.services.common import company_profile
from gongzhi.credit.workflow import APPEAL_FLOW, RECORD_FLOW, is_staff_of, supervises
from gongzhi.jurisdictions.selectors import nodes_of, subtree
from gongzhi.registry.models import Project
from gongzhi.rules import credit as rules


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return today().year
    return year if 2000 <= year <= 2100 else today().year


def company_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    year = _year(request)
    q = request.GET.get("q", "").strip()
    page = page_of(request, selectors.company_list(actor=actor, year=year, search=q))
    return render(
        request,
        "credit/company_list.html",
        {
            "page": page,
            "year": year,
            "q": q,
            "can_recompute": actor.has_role(Role.BUREAU),
        },
    )


def export_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    year = _year(request)
    rows = []
    for company in selectors.company_list(actor=actor, year=year):
        score = company.year_scores[0] if company.year_scores else None  # type: ignore[attr-defined]
        rows.append(
            [
                company.name,
                company.uscc,
                year,
                score.score if score else "",
                score.grade if score else "",
                score.record_count if score else "",
                _t("Yes") if company.blacklisted_since else "",
            ]
        )
    headers = [
        _t("Property company"),
        _t("Unified social credit code"),
        _t("Year"),
        _t("Score"),
        _t("Grade"),
        _t("Records"),
        _t("Blacklisted"),
    ]
    return xlsx_response(f"{_t('Credit scores')} {year}.xlsx", headers, rows)


@require_POST
def recompute_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    year = _year(request)
    count = scores.scores_recompute(actor=actor, year=year)
    messages.success(request, _("%(count)s scores recomputed.") % {"count": count})
    return redirect(f"{reverse('credit:company_list')}?year={year}")


def company_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=pk)
    year = _year(request)
    credit = selectors.company_credit(actor=actor, company=company, year=year)
    return render(
        request,
        "credit/company_detail.html",
        {
            "credit": credit,
            "company": company,
            "year": year,
            "eligibility": selectors.tender_eligibility(company),
            "records": selectors.record_list(actor=actor, company_id=company.pk)[:100],
            "can_enter": supervises(actor, company.pk),
            "is_staff": is_staff_of(actor, company.pk),
            "today": today(),
        },
    )


def record_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=pk)
    if not supervises(actor, company.pk):
        raise PermissionDenied
    kinds = [
        k for k in rules.catalogue(company_profile(company)) if k.source in records.MANUAL_SOURCES
    ]
    form = RecordForm(
        request.POST or None,
        request.FILES or None,
        kinds=kinds,
        projects=Project.objects.filter(company_id=company.pk).order_by("name"),
        initial={"occurred_on": today()},
    )

    def save(data: dict[str, Any]) -> CreditRecord:
        return records.record_enter(
            actor=actor,
            company_id=company.pk,
            kind_code=data["kind_code"],
            occurred_on=data["occurred_on"],
            evidence=data["evidence"],
            project_id=data["project"].pk if data["project"] else None,
            manager_name=data["manager_name"],
            manager_id_number=data["manager_id_number"],
            files=[data["evidence_file"]] if data["evidence_file"] else [],
        )

    return form_page(
        request,
        form,
        template="credit/record_form.html",
        context={"company": company},
        save=save,
        success_url=lambda record: RECORD_PAGE.url(record.pk),
        message=_("The record was entered; a second officer must approve it."),
        passes=(),
    )


def record_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = choice_param(request, "status", CreditRecord.Status.values)
    page = page_of(request, selectors.record_list(actor=actor, status=status))
    return render(
        request,
        "credit/record_list.html",
        {"page": page, "status": status, "statuses": CreditRecord.Status.choices},
    )


def _record_context(actor: Actor, record: CreditRecord, **extra: Any) -> dict[str, Any]:
    actions = [
        step
        for step in RECORD_FLOW.available(record, actor)
        if step.action != "withdraw" and supervises(actor, record.company_id)
    ]
    open_appeal = record.appeals.filter(status=Appeal.Status.OPEN).exists()
    return {
        "record": record,
        "files": selectors.record_files(actor=actor, record=record),
        "appeals": record.appeals.select_related("filed_by", "decided_by").all(),
        "actions": actions,
        "decision_form": DecisionForm(),
        "appeal_actions": list(APPEAL_FLOW.transitions.values())
        if supervises(actor, record.company_id)
        else [],
        "can_appeal": is_staff_of(actor, record.company_id)
        and record.status == CreditRecord.Status.ACTIVE
        and not open_appeal,
        "appeal_form": extra.pop("appeal_form", None) or AppealForm(),
        "today": today(),
        **extra,
    }


RECORD_PAGE = DetailPage(
    "credit/record_detail.html", selectors.record_get, _record_context, "credit:record_detail"
)


record_detail_view = RECORD_PAGE.view


record_action_view = RECORD_PAGE.action_view(
    ("approve", "reject"),
    lambda actor, pk, action, post: {
        "approve": records.record_approve,
        "reject": records.record_reject,
    }[action](actor=actor, record_id=pk),
)


@require_POST
def appeal_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    form = AppealForm(request.POST)

    form.is_valid()  # its errors show when the service refuses
    return run_action(
        request,
        call=lambda: records.appeal_file(
            actor=actor, record_id=pk, reason=request.POST.get("reason", "")
        ),
        on_error=RECORD_PAGE.refused(request, actor, pk, appeal_form=form),
        success_url=RECORD_PAGE.url(pk),
        message=_("Your appeal was filed; an officer will review it."),
    )


def file_download_view(request: HttpRequest, pk: int) -> FileResponse:
    actor = request_actor(request)
    return attachment_response(selectors.record_file_get(actor=actor, pk=pk))


def appeal_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = choice_param(request, "status", Appeal.Status.values, default=Appeal.Status.OPEN)
    page = page_of(request, selectors.appeal_list(actor=actor, status=status))
    return render(
        request,
        "credit/appeal_list.html",
        {"page": page, "status": status, "statuses": Appeal.Status.choices},
    )


@require_POST
def appeal_decide_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in APPEAL_FLOW.transitions:
        raise Http404

    def refused(error: DomainError) -> HttpResponse:
        record_id = selectors.appeal_get(actor=actor, pk=pk).record_id
        return RECORD_PAGE.refused(request, actor, record_id)(error)

    return run_action(
        request,
        call=lambda: records.appeal_decide(
            actor=actor, appeal_id=pk, action=action, note=request.POST.get("note", "")
        ),
        on_error=refused,
        success_url=lambda appeal: RECORD_PAGE.url(appeal.record_id),
        message=_("The appeal was decided."),
    )


def blacklist_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "credit/blacklist.html",
        {
            "listings": selectors.blacklist(actor=actor),
            "can_evaluate": actor.has_role(Role.BUREAU),
            "can_print": actor.has_role(Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER),
        },
    )


@require_POST
def blacklist_evaluate_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    outcome = scores.blacklist_evaluate(actor=actor)
    messages.success(
        request,
        _("Blacklist applied: %(listed)s listed, %(lifted)s lifted.")
        % {"listed": len(outcome.listed), "lifted": len(outcome.lifted)},
    )
    return redirect("credit:blacklist")


def _letter_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    actor = request_actor(request)
    letter = selectors.letter_get(actor=actor, pk=pk)
    return {
        "letter": letter,
        "listing": letter.blacklisting,
        "company": letter.blacklisting.company,
    }


def letter_view(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "credit/letter.html", _letter_context(request, pk))


def letter_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The letter as PDF where WeasyPrint is installed (extra "pdf"); else 404."""
    context = _letter_context(request, pk)
    return pdf_response(request, "credit/letter.html", context, f"{context['letter'].number}.pdf")


def plan_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    nodes = [(n.pk, n.name) for n in subtree(actor=actor).exclude(level="community")] or [
        (n.pk, n.name) for n in nodes_of(actor)
    ]
    form = DrawForm(
        request.POST or None,
        nodes=nodes,
        initial={"year": today().year, "per_project": 2},
    )
    can_draw = actor.has_role(Role.BUREAU, Role.STREET_OFFICER)
    if request.method == "POST" and not can_draw:
        raise PermissionDenied
    return form_page(
        request,
        form,
        template="credit/plan_list.html",
        context=lambda: {
            "page": page_of(request, selectors.plan_list(actor=actor)),
            "can_draw": can_draw,
        },
        save=lambda data: inspections.inspection_draw(
            actor=actor,
            node_id=int(data["node"]),
            seed=data["seed"],
            year=data["year"],
            per_project=data["per_project"],
        ),
        success_url=lambda plan: reverse("credit:plan_detail", args=[plan.pk]),
        message=_("The inspection plan was drawn and recorded."),
    )


def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    plan = selectors.plan_get(actor=actor, pk=pk)
    return render(request, "credit/plan_detail.html", {"plan": plan})


def public_view(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    q = request.GET.get("q", "").strip()
    page = page_of(request, selectors.public_credit(year=year, search=q))
    return render(request, "credit/public.html", {"page": page, "year": year, "q": q})
