"""Pages of the old residential areas: their service modes and "五有" checks, and the
companies' subsidy applications through the street's check, the district's approval and
the payment (seed 001 §三(三)). Out-of-scope ids give the 404 page (core middleware)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.listing import int_param
from gongzhi.core.scoping import Actor
from gongzhi.core.views import form_page, page_of
from gongzhi.oldprojects import selectors, services
from gongzhi.oldprojects.forms import (
    ApproveForm,
    CheckForm,
    PayForm,
    RejectForm,
    RewardForm,
    ServiceForm,
    SubsidyForm,
)
from gongzhi.oldprojects.models import (
    BASIC_LABELS,
    CompanyReward,
    OldProjectService,
    SubsidyApplication,
)
from gongzhi.registry.models import PropertyCompany
from gongzhi.rules.money import format_fen


def _labels(codes: list[str]) -> str:
    return "、".join(str(BASIC_LABELS[c]) for c in codes if c in BASIC_LABELS)


def service_list_view(request: HttpRequest) -> HttpResponse:
    """Every old project in scope with its service mode and last "五有" check."""
    actor = request_actor(request)
    projects = list(selectors.old_projects(actor=actor))
    services_by_project = {
        s.project_id: s
        for s in selectors.service_list(actor=actor, mode=request.GET.get("mode", ""))
    }
    if request.GET.get("mode"):
        projects = [p for p in projects if p.pk in services_by_project]
    rows = [(p, services_by_project.get(p.pk)) for p in projects]
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            pgettext("oldprojects", "Old residential areas") + ".xlsx",
            [
                pgettext("oldprojects", "project"),
                pgettext("oldprojects", "community"),
                pgettext("oldprojects", "service mode"),
                pgettext("oldprojects", "serving company"),
                pgettext("oldprojects", "basic services in place"),
                pgettext("oldprojects", "五有 standard reached"),
                pgettext("oldprojects", "checked on"),
            ],
            [
                [
                    p.name,
                    p.community.name,
                    s.get_mode_display() if s else "",
                    s.company.name if s and s.company else "",
                    _labels(s.basics) if s else "",
                    (
                        pgettext("oldprojects", "yes")
                        if s.basics_passed
                        else pgettext("oldprojects", "no")
                    )
                    if s
                    else "",
                    s.checked_on if s else None,
                ]
                for p, s in rows
            ],
        )
    return render(
        request,
        "oldprojects/service_list.html",
        {
            "page": page_of(request, rows),
            "modes": OldProjectService._meta.get_field("mode").choices,
            "mode": request.GET.get("mode", ""),
            "can_record": actor.has_role(Role.STREET_OFFICER, Role.COMMUNITY_OFFICER),
            "basic_labels": BASIC_LABELS,
        },
    )


def service_edit_view(request: HttpRequest, project_id: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.old_project_get(actor=actor, pk=project_id)
    current = OldProjectService.objects.filter(project=project).first()
    initial = {"checked_on": clock.today()}
    if current is not None:
        initial.update({"mode": current.mode, "basics": current.basics, "note": current.note})
    form = ServiceForm(request.POST if request.method == "POST" else None, initial=initial)
    return form_page(
        request,
        form,
        template="oldprojects/service_form.html",
        context={"project": project},
        save=lambda data: services.service_record(
            actor=actor,
            project_id=project.pk,
            mode=data["mode"],
            basics=data["basics"],
            checked_on=data["checked_on"],
            note=data["note"],
        ),
        success_url=reverse("oldprojects:service_list"),
        message=pgettext("oldprojects", "The service mode and check were recorded."),
        passes=(),
    )


def subsidy_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = request.GET.get("status", "")
    year = request.GET.get("year", "")
    qs = selectors.subsidy_list(actor=actor, status=status, year=int_param(year))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            pgettext("oldprojects", "Old-area subsidies") + ".xlsx",
            [
                pgettext("oldprojects", "project"),
                pgettext("oldprojects", "company"),
                pgettext("oldprojects", "year"),
                pgettext("oldprojects", "first month"),
                pgettext("oldprojects", "last month"),
                pgettext("oldprojects", "managed area (m²)"),
                pgettext("oldprojects", "rate per m² a month (fen)"),
                pgettext("oldprojects", "granted amount (fen)"),
                pgettext("oldprojects", "status"),
            ],
            [
                [
                    a.project.name,
                    a.company.name,
                    a.year,
                    a.month_from,
                    a.month_to,
                    a.area_m2,
                    a.rate_fen,
                    a.amount_fen,
                    a.get_status_display(),
                ]
                for a in qs
            ],
        )
    return render(
        request,
        "oldprojects/subsidy_list.html",
        {
            "page": page_of(request, qs),
            "statuses": SubsidyApplication.Status.choices,
            "status": status,
            "year": year,
            "can_apply": actor.has_role(Role.COMPANY_STAFF),
        },
    )


def _apply_projects(actor: Actor) -> Any:
    companies = {g.company_id for g in actor.grants_of("company")}
    return selectors.old_projects(actor=actor).filter(company_id__in=companies)


def subsidy_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.has_role(Role.COMPANY_STAFF):
        raise PermissionDenied
    today = clock.today()
    last_month = today.month - 1 or 1
    form = SubsidyForm(
        request.POST if request.method == "POST" else None,
        projects=_apply_projects(actor),
        initial={"year": today.year, "month_from": 1, "month_to": last_month},
    )
    return form_page(
        request,
        form,
        template="oldprojects/subsidy_form.html",
        save=lambda data: services.subsidy_apply(
            actor=actor,
            project_id=data["project"].pk,
            year=data["year"],
            month_from=data["month_from"],
            month_to=data["month_to"],
            area_m2=data["area_m2"],
            note=data["note"],
        ),
        success_url=lambda app: reverse("oldprojects:subsidy_detail", args=[app.pk]),
        message=pgettext("oldprojects", "The application was submitted."),
        passes=(),
    )


FORMS: dict[str, Any] = {
    "check": CheckForm,
    "approve": ApproveForm,
    "pay": PayForm,
    "reject": RejectForm,
}


def _detail(
    request: HttpRequest, actor: Actor, app: SubsidyApplication, **extra: Any
) -> HttpResponse:
    actions = selectors.subsidy_actions(actor=actor, application=app)
    bounds = selectors.subsidy_range(app.project)
    forms = {a.action: extra.pop(f"{a.action}_form", None) or FORMS[a.action]() for a in actions}
    return render(
        request,
        "oldprojects/subsidy_detail.html",
        {
            "app": app,
            "basics": _labels(app.basics),
            "actions": [(a, forms[a.action]) for a in actions],
            "range": (
                f"{format_fen(bounds.min_fen)}–{format_fen(bounds.max_fen)}" if bounds else ""
            ),
            **extra,
        },
    )


def subsidy_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    return _detail(request, actor, selectors.subsidy_get(actor=actor, pk=pk))


@require_POST
def subsidy_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    app = selectors.subsidy_get(actor=actor, pk=pk)
    if action not in FORMS:
        raise Http404
    form = FORMS[action](request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "check":
                services.subsidy_check(
                    actor=actor, application_id=app.pk, basics=data["basics"], note=data["note"]
                )
            elif action == "approve":
                services.subsidy_approve(actor=actor, application_id=app.pk, rate=data["rate"])
            elif action == "pay":
                services.subsidy_pay(actor=actor, application_id=app.pk, paid_on=data["paid_on"])
            else:
                services.subsidy_reject(actor=actor, application_id=app.pk, note=data["note"])
        except DomainError as error:
            for field, errors in (error.fields or {}).items():
                form.add_error(field if field in form.fields else None, errors)
            if not error.fields:
                form.add_error(None, str(error))
            response = _detail(request, actor, app, **{f"{action}_form": form})
            response.status_code = error.status
            return response
        messages.success(request, pgettext("oldprojects", "Done."))
        return redirect("oldprojects:subsidy_detail", pk=app.pk)
    response = _detail(request, actor, app, **{f"{action}_form": form})
    response.status_code = 400
    return response


def _reward_companies(actor: Actor) -> Any:
    """Companies serving an old area the actor oversees (the rule checks the 五有)."""
    ids = selectors.service_list(actor=actor).values("company_id")
    return PropertyCompany.objects.filter(pk__in=ids).order_by("name")


def reward_list_view(request: HttpRequest) -> HttpResponse:
    """The district's yearly rewards to old-area companies (seed 001 §三(三)3(3)); the
    bureau grants on the same page."""
    actor = request_actor(request)
    status, year = request.GET.get("status", ""), request.GET.get("year", "")
    qs = selectors.reward_list(actor=actor, status=status, year=int_param(year))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            pgettext("oldprojects reward", "Old-area company rewards") + ".xlsx",
            [
                pgettext("oldprojects", "company"),
                pgettext("oldprojects", "year"),
                pgettext("oldprojects reward", "reward amount (fen)"),
                pgettext("oldprojects reward", "old areas served that passed the 五有 check"),
                pgettext("oldprojects", "status"),
            ],
            [
                [r.company.name, r.year, r.amount_fen, r.passed_projects, r.get_status_display()]
                for r in qs
            ],
        )

    def context() -> dict[str, Any]:
        page = page_of(request, qs)
        return {
            "page": page,
            "rows": [
                (r, selectors.reward_actions(actor=actor, reward=r)) for r in page.object_list
            ],
            "statuses": CompanyReward.Status.choices,
            "status": status,
            "year": year,
        }

    if not actor.has_role(Role.BUREAU):
        if request.method == "POST":
            raise PermissionDenied
        return render(request, "oldprojects/reward_list.html", {"form": None, **context()})
    form = RewardForm(
        request.POST if request.method == "POST" else None,
        companies=_reward_companies(actor),
        initial={"year": clock.today().year},
    )
    return form_page(
        request,
        form,
        template="oldprojects/reward_list.html",
        context=context,
        save=lambda data: services.reward_grant(
            actor=actor,
            company_id=data["company"].pk,
            year=data["year"],
            amount=data["amount"],
            note=data["note"],
        ),
        success_url=reverse("oldprojects:reward_list"),
        message=pgettext("oldprojects reward", "The reward was granted."),
        passes=(),
    )


@require_POST
def reward_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    reward = selectors.reward_get(actor=actor, pk=pk)
    try:
        if action == "pay":
            services.reward_pay(actor=actor, reward_id=reward.pk)
        elif action == "withdraw":
            services.reward_withdraw(
                actor=actor, reward_id=reward.pk, note=request.POST.get("note", "")
            )
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, " ".join(error.lines()))
    else:
        messages.success(request, pgettext("oldprojects", "Done."))
    return redirect("oldprojects:reward_list")
