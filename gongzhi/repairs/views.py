"""Repair pages: the owner's phone form and "my repairs", the company's work queue (a
phone list of cards) with Excel export, the detail page with each step's form (htmx), and
the time to respond and to finish per company."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _t
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.attachments import attachment_response
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import choice_param, page_of
from gongzhi.registry.models import Project
from gongzhi.repairs import selectors, services
from gongzhi.repairs.forms import CompleteForm, DispatchForm, RateForm, ReasonForm, RepairForm
from gongzhi.repairs.models import Category, RepairRequest
from gongzhi.repairs.workflow import available_actions, is_company, is_requester

PAGE_SIZE = 20
ACTIONS = ("dispatch", "start", "complete", "rate", "cancel", "escalate")


def _owner_forms_querysets(actor: Actor) -> tuple[Any, Any]:
    parts = services.owned_parts(actor).order_by("project__name", "number")
    projects = Project.objects.filter(pk__in=parts.values("project_id")).order_by("name")
    return parts, projects


def repair_new_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    parts, projects = _owner_forms_querysets(actor)
    form = RepairForm(
        request.POST or None,
        request.FILES or None,
        parts=parts,
        projects=projects,
        initial={"contact_phone": getattr(actor.user, "mobile", "")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            repair = services.repair_submit(
                actor=actor,
                place=data["place"],
                category=data["category"],
                description=data["description"],
                part_id=data["part"].pk if data["part"] else None,
                project_id=data["project"].pk if data["project"] else None,
                location=data["location"],
                appointment_at=data["appointment_at"],
                contact_phone=data["contact_phone"],
                photos=data["photos"],
            )
        except DomainError as error:
            if error.code != "invalid":
                raise
            form.add_error_of(error)
        else:
            messages.success(
                request,
                _t("Repair request %(number)s sent to your property company.")
                % {"number": repair.number},
            )
            return redirect("repairs:detail", pk=repair.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "repairs/repair_form.html",
        {"form": form, "has_homes": parts.exists()},
        status=status,
    )


def my_repairs_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    page = page_of(
        request,
        selectors.repair_list(actor=actor.with_grant_kinds("owner"), mine=True),
        per_page=PAGE_SIZE,
    )
    return render(request, "repairs/my_repairs.html", {"page": page})


def _filters(request: HttpRequest) -> dict[str, Any]:
    status = request.GET.get("status", "")
    return {
        "status": choice_param(request, "status", RepairRequest.Status.values),
        "open_only": request.GET.get("open", "1" if not status else "") == "1",
        "category": choice_param(request, "category", Category.values),
        "search": request.GET.get("q", "").strip()[:32],
    }


def _staff_actor(actor: Actor) -> Actor:
    """The capacity staff work in: company and official grants, not a home they own."""
    return actor.with_grant_kinds("all", "node", "company")


def repair_list_view(request: HttpRequest) -> HttpResponse:
    actor = _staff_actor(request_actor(request))
    filters = _filters(request)
    page = page_of(request, selectors.repair_list(actor=actor, **filters), per_page=PAGE_SIZE)
    return render(
        request,
        "repairs/repair_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": RepairRequest.Status.choices,
            "categories": Category.choices,
        },
    )


def repair_export_view(request: HttpRequest) -> HttpResponse:
    actor = _staff_actor(request_actor(request))
    rows = selectors.repair_list(actor=actor, **_filters(request))[:50_000]
    headers = [
        _t("Number"),
        _t("Requested"),
        _t("Project"),
        _t("Place"),
        _t("Home"),
        _t("Where exactly"),
        _t("Category"),
        _t("Status"),
        _t("Worker"),
        _t("Appointment"),
        _t("Dispatched"),
        _t("Completed"),
        _t("Hours to respond"),
        _t("Hours to finish"),
        _t("Rating"),
    ]

    def hours(seconds: int | None) -> Any:
        return selectors._hours(seconds) if seconds is not None else ""

    data = (
        [
            r.number,
            r.created_at,
            r.project.name,
            r.get_place_display(),
            r.part.number if r.part else "",
            r.location,
            r.get_category_display(),
            r.get_status_display(),
            r.worker.name if r.worker else "",
            r.appointment_at,
            r.dispatched_at,
            r.completed_at,
            hours(r.respond_seconds),
            hours(r.finish_seconds),
            r.rating,
        ]
        for r in rows.iterator(chunk_size=2000)
    )
    return xlsx_response(f"{_t('Repair requests')}.xlsx", headers, data)


def _as_date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        return None


def repair_times_view(request: HttpRequest) -> HttpResponse:
    actor = _staff_actor(request_actor(request))
    today = clock.today()
    since = _as_date(request.GET.get("since", "")) or today - dt.timedelta(days=90)
    until = _as_date(request.GET.get("until", "")) or today
    rows = selectors.company_times(actor=actor, since=since, until=until)
    if request.GET.get("format") == "xlsx":
        headers = [
            _t("Property company"),
            _t("Requests"),
            _t("Open"),
            _t("Hours to respond"),
            _t("Hours to finish"),
            _t("Rated"),
            _t("Average rating"),
            _t("Turned into complaints"),
        ]
        data = (
            [
                r.company_name,
                r.requests,
                r.open,
                r.respond_hours,
                r.finish_hours,
                r.rated,
                r.rating,
                r.escalated,
            ]
            for r in rows
        )
        return xlsx_response(f"{_t('Repair times')}.xlsx", headers, data)
    return render(request, "repairs/times.html", {"rows": rows, "since": since, "until": until})


def _detail_context(actor: Actor, repair: RepairRequest, **extra: Any) -> dict[str, Any]:
    actions = available_actions(repair, actor)
    return {
        "repair": repair,
        "photos": selectors.photos_of(repair),
        "history": selectors.history(repair),
        "actions": actions,
        "staff": is_company(actor, repair),
        "requester": is_requester(actor, repair),
        "dispatch_form": extra.pop("dispatch_form", None)
        or DispatchForm(
            workers=selectors.workers_for(repair),
            initial={
                "worker": repair.worker_id,
                "appointment_at": repair.appointment_at,
            },
        ),
        "complete_form": extra.pop("complete_form", None) or CompleteForm(),
        "rate_form": extra.pop("rate_form", None) or RateForm(),
        "reason_form": extra.pop("reason_form", None) or ReasonForm(),
        **extra,
    }


def repair_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    repair = selectors.repair_get(actor=actor, pk=pk)
    return render(request, "repairs/repair_detail.html", _detail_context(actor, repair))


def _run(actor: Actor, repair: RepairRequest, action: str, request: HttpRequest) -> None:
    post = request.POST
    if action == "dispatch":
        appointment = post.get("appointment_at", "").strip().replace(" ", "T")
        services.repair_dispatch(
            actor=actor,
            pk=repair.pk,
            worker_id=post.get("worker"),
            appointment_at=appointment or None,
            note=post.get("note", ""),
        )
    elif action == "start":
        services.repair_start(actor=actor, pk=repair.pk)
    elif action == "complete":
        services.repair_complete(
            actor=actor,
            pk=repair.pk,
            note=post.get("note", ""),
            photos=request.FILES.getlist("photos"),
        )
    elif action == "rate":
        services.repair_rate(
            actor=actor, pk=repair.pk, rating=post.get("rating"), comment=post.get("comment", "")
        )
    elif action == "cancel":
        services.repair_cancel(actor=actor, pk=repair.pk, reason=post.get("reason", ""))
    elif action == "escalate":
        services.repair_escalate(actor=actor, pk=repair.pk, reason=post.get("reason", ""))


@require_POST
def repair_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in ACTIONS:
        raise Http404
    repair = selectors.repair_get(actor=actor, pk=pk)
    try:
        _run(actor, repair, action, request)
    except DomainError as error:
        if error.code != "invalid":
            raise
        context = _detail_context(
            actor,
            selectors.repair_get(actor=actor, pk=pk),
            action_errors=error.lines(),
            failed=action,
        )
        # htmx swaps only successful responses: show the errors in place with 200
        status = 200 if getattr(request, "htmx", False) else 400
        return render(request, "repairs/repair_detail.html", context, status=status)
    done = {
        "dispatch": _t("Dispatched."),
        "start": _t("Work started."),
        "complete": _t("Marked finished; the owner is asked to rate it."),
        "rate": _t("Thank you for your rating."),
        "cancel": _t("Request cancelled."),
        "escalate": _t("Your complaint has been received."),
    }
    messages.success(request, done[action])
    return redirect("repairs:detail", pk=pk)


def photo_view(request: HttpRequest, pk: int) -> FileResponse:
    # typed by the kind detected from its bytes, never by the uploaded name
    return attachment_response(
        selectors.photo_get(actor=request_actor(request), pk=pk), inline=True
    )
