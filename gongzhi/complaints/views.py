"""Complaint pages: the owner's phone form and "my complaints", staff entry of 12345 work
orders and patrol findings, the officials' work queue with Excel export, the detail page
with its actions (htmx); the statistics page and the bureau's responsibility list live
in ``views_statistics`` and ``views_responsibilities``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.complaints import routing, selectors, services
from gongzhi.complaints.forms import (
    ConfirmForm,
    NoteForm,
    OwnerComplaintForm,
    ResolveForm,
    StaffComplaintForm,
    SuperviseForm,
    TransferForm,
)
from gongzhi.complaints.models import Channel, Complaint
from gongzhi.complaints.workflow import (
    ACTIONS,
    NODE_ROLES,
    available_actions,
    is_handler,
    is_place_official,
)
from gongzhi.core import clock
from gongzhi.core.attachments import attachment_response
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import choice_param, page_of
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.jurisdictions.selectors import subtree
from gongzhi.registry.models import Project
from gongzhi.rules.complaints import Responsibility

EXTRA_ACTIONS = ("transfer", "supervise")


def _language() -> str:
    return get_language() or "zh-hans"


def _home_node(actor: Actor) -> Jurisdiction | None:
    grant = next(iter(actor.grants_of("node", "department")), None)
    if grant is not None and grant.node_path:
        return Jurisdiction.objects.filter(path=grant.node_path).first()
    return Jurisdiction.objects.filter(parent__isnull=True).order_by("pk").first()


def _categories_at(node: Jurisdiction | None) -> tuple[Responsibility, ...]:
    return routing.responsibilities_for(node) if node is not None else ()


# --- owners ------------------------------------------------------------------------------


def _owner_projects(actor: Actor) -> Any:
    return Project.objects.filter(pk__in=services.owner_project_ids(actor)).select_related(
        "community"
    )


def complaint_new_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    projects = _owner_projects(actor)
    first = projects.first()
    form = OwnerComplaintForm(
        request.POST or None,
        request.FILES or None,
        projects=projects,
        categories=_categories_at(first.community if first else None),
        language=_language(),
    )
    return _submit_page(
        request,
        actor,
        form,
        "complaints/complaint_form.html",
        lambda data: {
            "channel": Channel.OWNER,
            "category": data["category"],
            "description": data["description"],
            "project": data["project"],
            "place": data["place"],
            "photos": data["photos"],
            "contact_phone": data["contact_phone"] or getattr(actor.user, "mobile", ""),
            "contact_name": str(actor.user),
        },
    )


def _submit_page(
    request: HttpRequest,
    actor: Actor,
    form: OwnerComplaintForm | StaffComplaintForm,
    template: str,
    arguments: Callable[[dict[str, Any]], dict[str, Any]],
) -> HttpResponse:
    """The complaint form page of a channel: a valid post goes to ``complaint_submit`` with
    the channel's ``arguments``; a refusal shows on the form (a 403 is the 403 page)."""
    if request.method == "POST" and form.is_valid():
        try:
            complaint = services.complaint_submit(actor=actor, **arguments(form.cleaned_data))
        except PermissionDeniedError:
            raise  # the 403 page (core.http.DomainErrorMiddleware)
        except DomainError as error:
            form.add_domain_errors(error.fields, error.message)
        else:
            messages.success(
                request, _t("Received: number %(number)s.") % {"number": complaint.number}
            )
            return redirect("complaints:complaint_detail", pk=complaint.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form}, status=status)


def my_complaints_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    page = page_of(request, selectors.complaint_list(actor, mine=True))
    return render(request, "complaints/my_complaints.html", {"page": page})


# --- officials ---------------------------------------------------------------------------


def staff_new_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    nodes = subtree(actor=actor).filter(level__in=("street", "community"))
    projects = Project.objects.visible_to(actor).select_related("community").order_by("name")
    form = StaffComplaintForm(
        request.POST or None,
        request.FILES or None,
        projects=projects,
        nodes=nodes,
        categories=_categories_at(_home_node(actor)),
        language=_language(),
        initial={"channel": request.GET.get("channel", Channel.HOTLINE)},
    )
    staff_fields = (
        "channel",
        "category",
        "description",
        "project",
        "node",
        "place",
        "photos",
        "contact_name",
        "contact_phone",
        "hotline_number",
    )
    return _submit_page(
        request,
        actor,
        form,
        "complaints/staff_form.html",
        lambda data: {name: data[name] for name in staff_fields},
    )


def _filters(request: HttpRequest) -> dict[str, Any]:
    return {
        "status": choice_param(request, "status", Complaint.Status.values),
        "channel": choice_param(request, "channel", Channel.values),
        "category": request.GET.get("category", "")[:48],
        "search": request.GET.get("q", "").strip()[:32],
        "overdue_on": clock.today() if request.GET.get("overdue") == "1" else None,
    }


def complaint_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = _filters(request)
    page = page_of(request, selectors.complaint_list(actor, **filters))
    return render(
        request,
        "complaints/complaint_list.html",
        {
            "page": page,
            "filters": filters,
            "q": filters["search"],
            "overdue": request.GET.get("overdue") == "1",
            "statuses": Complaint.Status.choices,
            "channels": Channel.choices,
            "categories": [
                (i.code, i.label(_language())) for i in _categories_at(_home_node(actor))
            ],
            "today": clock.today(),
            "can_enter": actor.has_role(*NODE_ROLES),
        },
    )


def complaint_export_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    rows = selectors.complaint_list(actor, **_filters(request))[:50_000]
    headers = [
        _t("Number"),
        _t("Received"),
        _t("Channel"),
        _t("Category"),
        _t("Project"),
        _t("Place"),
        _t("Responsible party"),
        _t("Department"),
        _t("Property company"),
        _t("Current tier"),
        _t("Status"),
        _t("Due"),
        _t("Escalations"),
        _t("Satisfaction"),
        _t("Substantiated"),
    ]
    data = (
        [
            c.number,
            c.created_at,
            c.get_channel_display(),
            c.category_label,
            c.project.name if c.project else "",
            c.place,
            c.get_party_display(),
            c.department.name if c.department else "",
            c.company.name if c.company else "",
            c.tier_node.name,
            c.get_status_display(),
            c.due_on,
            c.escalations,
            c.satisfaction,
            "" if c.substantiated is None else (_t("Yes") if c.substantiated else _t("No")),
        ]
        for c in rows.iterator(chunk_size=2000)
    )
    return xlsx_response(f"{_t('Complaints')}.xlsx", headers, data)


def _detail_context(actor: Actor, complaint: Complaint, **extra: Any) -> dict[str, Any]:
    node = complaint.node
    departments = Department.objects.filter(node_id__in=node.ancestor_ids()).order_by("kind")
    tiers = Jurisdiction.objects.filter(
        pk__in=node.ancestor_ids(), level__in=routing.tiers_of(node)
    ).order_by("depth")
    return {
        "complaint": complaint,
        "photos": selectors.photos_of(complaint),
        "history": selectors.complaint_history(actor, complaint),
        "internal": selectors.sees_internal_notes(actor, complaint),
        "actions": [a for a in available_actions(complaint, actor) if a.action != "transfer"],
        "can_transfer": complaint.is_open and is_handler(actor, complaint),
        "can_supervise": complaint.is_open
        and actor.has_role("bureau")
        and is_place_official(actor, complaint),
        "overdue": complaint.due_on is not None and complaint.due_on < clock.today(),
        "note_form": NoteForm(),
        "resolve_form": ResolveForm(),
        "confirm_form": ConfirmForm(),
        "transfer_form": extra.pop("transfer_form", None)
        or TransferForm(departments=departments, tiers=tiers),
        "supervise_form": extra.pop("supervise_form", None) or SuperviseForm(),
        **extra,
    }


def complaint_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    complaint = selectors.complaint_get(actor, pk)
    return render(request, "complaints/complaint_detail.html", _detail_context(actor, complaint))


def _run_action(actor: Actor, pk: int, action: str, post: Any, complaint: Complaint) -> None:
    notes = {
        "public_note": post.get("public_note", ""),
        "internal_note": post.get("internal_note", ""),
    }
    if action == "resolve":
        raw = post.get("substantiated", "")
        services.complaint_resolve(
            actor=actor, pk=pk, substantiated=None if raw == "" else raw == "1", **notes
        )
    elif action == "confirm":
        services.complaint_confirm(
            actor=actor, pk=pk, rating=post.get("rating"), public_note=notes["public_note"]
        )
    elif action == "reopen":
        services.complaint_reopen(actor=actor, pk=pk, public_note=notes["public_note"])
    elif action == "transfer":
        department = Department.objects.filter(pk=post.get("department") or None).first()
        tier = Jurisdiction.objects.filter(pk=post.get("tier_node") or None).first()
        services.complaint_transfer(
            actor=actor,
            pk=pk,
            reason=post.get("reason", ""),
            party=post.get("party", ""),
            department=department,
            tier_node=tier,
            internal_note=notes["internal_note"],
        )
    elif action == "supervise":
        try:
            due = dt.date.fromisoformat(post.get("due", ""))
        except ValueError:
            due = None
        services.complaint_supervise(
            actor=actor,
            pk=pk,
            note=post.get("note", ""),
            due=due,
            internal_note=notes["internal_note"],
        )
    else:
        services.ACTIONS[action](actor=actor, pk=pk, **notes)


@require_POST
def complaint_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in ACTIONS + EXTRA_ACTIONS:
        raise Http404
    complaint = selectors.complaint_get(actor, pk)
    try:
        _run_action(actor, complaint.pk, action, request.POST, complaint)
    except NotFoundError:
        raise  # the 404 page (core.http.DomainErrorMiddleware)
    except DomainError as error:
        context = _detail_context(
            actor, selectors.complaint_get(actor, pk), action_errors=error.lines()
        )
        # htmx swaps only successful responses: show the errors in place with 200.
        status = 200 if getattr(request, "htmx", False) else error.status
        return render(request, "complaints/complaint_detail.html", context, status=status)
    messages.success(request, _("Done."))
    return redirect("complaints:complaint_detail", pk=pk)


def photo_view(request: HttpRequest, pk: int) -> FileResponse:
    actor = request_actor(request)
    return attachment_response(selectors.photo_get(actor, pk), inline=True)
