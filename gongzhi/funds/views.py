"""Funds pages: the overview of projects and money held, a project's funds (part
accounts, top-up notices, applications, bonds, deposits, common revenue, the journal),
fund-use applications, the common-revenue statement (page and Excel), the owner's own
parts on the phone, and the reconciliation report. Every write calls a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.core.clock import today
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.views import NOT_FOUND_OR_FORBIDDEN, page_of, run_action
from gongzhi.funds import selectors, services
from gongzhi.funds.models import Deposit, Fund, FundUseApplication, PerformanceBond
from gongzhi.funds.workflow import (
    available_actions,
    is_committee_of,
    is_company_of,
    is_official_over,
)
from gongzhi.registry.models import BuildingUnit, ExclusivePart, Project
from gongzhi.rules.money import format_fen

PAGE_SIZE = 50
CATEGORY_LABELS = {
    "parking": _("Parking"),
    "advertising": _("Advertising"),
    "venue": _("Venue use"),
    "other_income": _("Other income"),
    "committee_office": _("Committee office costs"),
    "staff": _("Staff"),
    "repair": _("Repairs"),
    "subsidy": _("Committee member subsidies"),
    "other_expense": _("Other expenses"),
}


def _error_lines(error: DomainError) -> list[str]:
    lines = [f"{m}" for messages_ in error.fields.values() for m in messages_]
    return [str(error.message), *lines] if error.fields else [str(error.message)]


def overview_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.has_role(*(r for r in Role.values if r != Role.OWNER)):
        return redirect("funds:mine")
    search = request.GET.get("q", "").strip()
    page = page_of(request, selectors.project_list(actor=actor, search=search), per_page=PAGE_SIZE)
    totals = selectors.fund_totals(actor=actor, project_ids=[p.pk for p in page.object_list])
    rows = [(p, totals.get(p.pk, {})) for p in page.object_list]
    return render(
        request,
        "funds/overview.html",
        {"page": page, "rows": rows, "q": search, "funds": Fund.choices},
    )


def _project_roles(actor: Actor, project: Project) -> dict[str, bool]:
    official = is_official_over(actor, project.node_path, Role.BUREAU, Role.STREET_OFFICER)
    committee = is_committee_of(actor, project.pk) and actor.has_role(Role.COMMITTEE_MEMBER)
    company = bool(project.company_id) and is_company_of(actor, project.company_id)
    return {
        "official": official,
        "bureau": is_official_over(actor, project.node_path, Role.BUREAU),
        "committee": committee,
        "company": company,
        "applicant": committee or company,
    }


def project_view(request: HttpRequest, pk: int, **extra: Any) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    search = request.GET.get("q", "").strip()
    parts = page_of(
        request,
        selectors.part_fund_list(actor=actor, project=project, search=search),
        per_page=PAGE_SIZE,
    )
    year = today().year
    context = {
        "project": project,
        "totals": selectors.fund_totals(actor=actor, project_ids=[project.pk]).get(project.pk, {}),
        "funds": Fund.choices,
        "parts": parts,
        "q": search,
        "missing": selectors.first_deposit_missing(project).count(),
        "notices": selectors.topup_notices(actor=actor, project=project)[:50],
        "applications": selectors.application_list(actor=actor, project=project)[:50],
        "bonds": selectors.bond_list(actor=actor, project=project),
        "deposits": selectors.deposit_list(actor=actor, project=project),
        "statements": selectors.statement_list(actor=actor, project=project),
        "entries": selectors.entry_list(actor=actor, project=project)[:20],
        "roles": _project_roles(actor, project),
        "year": year,
        "categories": [(c, CATEGORY_LABELS[c]) for c in services.revenue.CATEGORIES],
        "deposit_kinds": Deposit.Kind.choices,
        "holders": PerformanceBond.Holder.choices,
        "is_old": project.category == Project.Category.OLD,
        "old_fund_parts": selectors.old_fund_parts(actor=actor, project=project, limit=PAGE_SIZE)
        if project.category == Project.Category.OLD
        else [],
        **extra,
    }
    status = 400 if extra.get("action_errors") else 200
    return render(request, "funds/project.html", context, status=extra.pop("status", status))


PROJECT_ACTIONS = {
    "open": lambda a, p, d: services.maintenance_open(
        actor=a,
        project_id=p,
        cost_yuan_per_m2_elevator=d.get("cost_yuan_per_m2_elevator"),
        cost_yuan_per_m2_plain=d.get("cost_yuan_per_m2_plain"),
    ),
    "first_deposits": lambda a, p, d: services.first_deposits_record_all(
        actor=a, project_id=p, date=d.get("date")
    ),
    "interest": lambda a, p, d: services.interest_allocate(
        actor=a, project_id=p, amount=d.get("amount"), date=d.get("date")
    ),
    "bond": lambda a, p, d: services.bond_deposit(
        actor=a,
        project_id=p,
        amount=d.get("amount"),
        holder=d.get("holder") or "street",
        annual_fees=d.get("annual_fees"),
        date=d.get("date"),
    ),
    "deposit": lambda a, p, d: services.deposit_record(
        actor=a,
        project_id=p,
        kind=d.get("kind", ""),
        households=d.get("households"),
        construction_cost=d.get("construction_cost"),
        date=d.get("date"),
    ),
    "old_fund": lambda a, p, d: services.old_fund_collect(
        actor=a,
        project_id=p,
        rate_yuan_per_m2_elevator=d.get("rate_yuan_per_m2_elevator"),
        rate_yuan_per_m2_plain=d.get("rate_yuan_per_m2_plain"),
        date=d.get("date"),
    ),
    "revenue": lambda a, p, d: services.revenue_record(
        actor=a,
        project_id=p,
        category=d.get("category", ""),
        amount=d.get("amount"),
        memo=d.get("memo", ""),
        date=d.get("date"),
    ),
    "publish_statement": lambda a, p, d: services.revenue_statement_publish(
        actor=a, project_id=p, year=int(d.get("year") or 0)
    ),
}


@require_POST
def project_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    handler = PROJECT_ACTIONS.get(action)
    if handler is None:
        raise Http404
    return run_action(
        request,
        call=lambda: handler(actor, pk, request.POST),
        on_error=_project_again(request, pk),
        success_url=reverse("funds:project", args=[pk]),
        passes=NOT_FOUND_OR_FORBIDDEN,
    )


def _project_again(request: HttpRequest, pk: int) -> Callable[[DomainError], HttpResponse]:
    """The project's page again with a refused action's lines."""
    return lambda error: project_view(
        request, pk, action_errors=_error_lines(error), status=error.status
    )


@require_POST
def record_action_view(request: HttpRequest, kind: str, pk: int, action: str) -> HttpResponse:
    """Actions on one bond or deposit: deduct, refund, release."""
    actor = request_actor(request)
    data = request.POST
    calls: dict[tuple[str, str], Callable[[], PerformanceBond | Deposit]] = {
        ("bond", "deduct"): lambda: services.bond_deduct(
            actor=actor, bond_id=pk, amount=data.get("amount"), reason=data.get("reason", "")
        ),
        ("bond", "refund"): lambda: services.bond_refund(
            actor=actor, bond_id=pk, opinion=data.get("committee_opinion", "")
        ),
        ("deposit", "release"): lambda: services.deposit_release(
            actor=actor, deposit_id=pk, note=data.get("note", "")
        ),
    }
    call = calls.get((kind, action))
    if call is None:
        raise Http404

    def refused(error: DomainError) -> HttpResponse:
        rows = PerformanceBond.objects if kind == "bond" else Deposit.objects
        held = get_visible(rows.only("project_id"), actor, pk=pk)
        return _project_again(request, held.project_id)(error)

    return run_action(
        request,
        call=call,
        on_error=refused,
        success_url=lambda record: reverse("funds:project", args=[record.project_id]),
        passes=NOT_FOUND_OR_FORBIDDEN,
    )


def application_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    if not _project_roles(actor, project)["applicant"]:
        raise PermissionDenied
    units = BuildingUnit.objects.filter(project=project).select_related("building")
    errors: list[str] = []
    field_errors: dict[str, list[Any]] = {}
    if request.method == "POST":
        unit_ids = [int(u) for u in request.POST.getlist("units") if u.isdigit()]
        parts = ExclusivePart.objects.filter(project=project)
        if request.POST.get("scope") != "all":
            parts = parts.filter(building_unit_id__in=unit_ids)
        try:
            app = services.fund_use_apply(
                actor=actor,
                project_id=project.pk,
                title=request.POST.get("title", ""),
                work=request.POST.get("work", ""),
                estimate=request.POST.get("estimate"),
                part_ids=list(parts.values_list("pk", flat=True)),
                emergency=request.POST.get("emergency", ""),
            )
        except PermissionDeniedError:
            raise  # the 403 page, not a form error
        except DomainError as error:
            errors = [str(error.message)]
            field_errors = {k: [str(m) for m in v] for k, v in error.fields.items()}
        else:
            messages.success(request, _("The application was submitted."))
            return redirect("funds:application", pk=app.pk)
    return render(
        request,
        "funds/application_form.html",
        {
            "project": project,
            "units": units,
            "emergencies": FundUseApplication.Emergency.choices,
            "errors": errors,
            "field_errors": field_errors,
            "data": request.POST,
        },
        status=400 if errors else 200,
    )


def application_view(request: HttpRequest, pk: int, **extra: Any) -> HttpResponse:
    actor = request_actor(request)
    app = selectors.application_get(actor=actor, pk=pk)
    return render(
        request,
        "funds/application.html",
        {
            "app": app,
            "shares": selectors.application_shares(actor=actor, application=app)[:500],
            "actions": available_actions(app, actor),
            "can_open_decision": app.status == FundUseApplication.Status.AWAITING_OWNERS
            and app.matter_id is None
            and (
                is_committee_of(actor, app.project_id)
                or is_official_over(
                    actor, app.node_path, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER
                )
            ),
            **extra,
        },
        status=extra.pop("status", 200),
    )


@require_POST
def application_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in ("open_decision", "pre_review", "refuse", "disburse", "publish"):
        raise Http404

    def act() -> object:
        if action == "open_decision":
            return services.fund_use_open_decision(actor=actor, application_id=pk)
        if action == "disburse":
            return services.fund_use_disburse(
                actor=actor, application_id=pk, amount=request.POST.get("amount") or None
            )
        return services.fund_use_act(
            actor=actor, application_id=pk, action=action, note=request.POST.get("note", "")
        )

    return run_action(
        request,
        call=act,
        on_error=lambda error: application_view(
            request, pk, action_errors=_error_lines(error), status=error.status
        ),
        success_url=reverse("funds:application", args=[pk]),
    )


def _statement(actor: Actor, pk: int, year: int) -> tuple[Project, Any, list[dict[str, Any]]]:
    project = selectors.project_get(actor=actor, pk=pk)
    published = selectors.statement_list(actor=actor, project=project).filter(year=year).first()
    roles = _project_roles(actor, project)
    if published is None and not (
        roles["official"] or roles["applicant"] or actor.has_role(Role.COMMUNITY_OFFICER)
    ):
        raise Http404
    lines = (
        published.lines
        if published
        else selectors.statement_lines(project_id=project.pk, year=year)
    )
    for line in lines:
        line["label"] = CATEGORY_LABELS.get(line["category"], line["category"])
    return project, published, lines


def statement_view(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    actor = request_actor(request)
    project, published, lines = _statement(actor, pk, year)
    income = sum(x["amount_fen"] for x in lines if x["direction"] == "income")
    expense = sum(x["amount_fen"] for x in lines if x["direction"] == "expense")
    return render(
        request,
        "funds/statement.html",
        {
            "project": project,
            "year": year,
            "published": published,
            "lines": lines,
            "income": income,
            "expense": expense,
            "net": income - expense,
        },
    )


def statement_export_view(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    actor = request_actor(request)
    project, _published, lines = _statement(actor, pk, year)
    rows = [
        [
            gettext("Income") if x["direction"] == "income" else gettext("Expense"),
            str(x["label"]),
            format_fen(x["amount_fen"]),
        ]
        for x in lines
    ]
    return xlsx_response(
        f"{project.name} {year} {gettext('Common revenue statement')}.xlsx",
        [gettext("Direction"), gettext("Category"), gettext("Amount")],
        rows,
    )


def mine_view(request: HttpRequest) -> HttpResponse:
    """An owner's own parts: balance, first deposit, the old-project fund of each part
    (owners' deposit and the district's matching), open top-up notices, the
    applications their parts share and the published statements of their projects."""
    actor = request_actor(request)
    owner = actor.with_grant_kinds("owner")
    part_funds = list(selectors.my_part_funds(actor=actor))
    notices = selectors.topup_notices(actor=owner)
    applications = selectors.application_list(actor=owner)[:20]
    projects = {pf.project for pf in part_funds}
    statements = [s for p in projects for s in selectors.statement_list(actor=owner, project=p)]
    return render(
        request,
        "funds/mine.html",
        {
            "part_funds": part_funds,
            "old_fund_parts": selectors.my_old_fund_parts(actor=actor),
            "notices": notices,
            "applications": applications,
            "statements": statements,
        },
    )


def reconcile_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request, "funds/reconcile.html", {"report": selectors.reconciliation(actor=actor)}
    )
