"""Mediation pages: the list, opening a case, the case with its parties (phones masked),
sessions (added in place with htmx), escalation, outcome, the signed agreement and
closure (seed 000 §2)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.attachments import attachment_response
from gongzhi.core.errors import DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.views import DetailPage, choice_param, form_page, page_of
from gongzhi.jurisdictions.models import Level
from gongzhi.mediation import selectors, services
from gongzhi.mediation.forms import CaseForm, DocumentForm, NoteForm, SessionForm
from gongzhi.mediation.models import MediationCase
from gongzhi.mediation.workflow import ACTIONS, MEDIATORS, NEEDS_NOTE, mediates
from gongzhi.registry.models import Owner


def case_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = {
        "status": choice_param(request, "status", MediationCase.Status.values),
        "level": choice_param(request, "level", Level.values),
        "search": request.GET.get("q", "").strip(),
    }
    page = page_of(request, selectors.case_list(actor=actor, **filters))
    return render(
        request,
        "mediation/case_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": MediationCase.Status.choices,
            "levels": Level.choices,
            "can_create": actor.has_role(*MEDIATORS),
        },
    )


def case_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.has_role(*MEDIATORS):
        raise PermissionDenied
    projects = selectors.projects_for(actor=actor)
    source = request.POST if request.method == "POST" else request.GET
    raw = source.get("project")
    project = projects.filter(pk=int(raw)).first() if raw and raw.isdigit() else None
    owners = (
        Owner.objects.filter(ownerships__part__project=project).distinct().order_by("name")
        if project
        else None
    )
    form = CaseForm(
        request.POST if request.method == "POST" else None,
        projects=projects,
        owners=owners,
        complaints=selectors.complaints_for(actor=actor, project=project) if project else None,
        initial={"project": project},
    )

    def save(data: dict[str, Any]) -> MediationCase:
        return services.case_create(
            actor=actor,
            project_id=data["project"].pk,
            subject=data["subject"],
            description=data["description"],
            parties=form.parties(),
            complaint_id=getattr(data["complaint"], "pk", None),
        )

    return form_page(
        request,
        form,
        template="mediation/case_form.html",
        save=save,
        success_url=lambda case: CASE_PAGE.url(case.pk),
        message=_("The mediation case was opened."),
        passes=(PermissionDeniedError,),  # the 403 page; a project not found is a form error
    )


def _detail_context(actor: Actor, case: MediationCase, **extra: Any) -> dict[str, Any]:
    mediating = mediates(actor, case)
    return {
        "case": case,
        "chain": selectors.level_chain(case),
        "level_labels": dict(Level.choices),
        "parties": list(case.parties.all()),
        "sessions": list(case.sessions.all()),
        "escalations": list(case.escalations.all()),
        "documents": selectors.documents(actor=actor, case=case),
        "actions": selectors.actions_for(case, actor),
        "needs_note": NEEDS_NOTE,
        "session_form": extra.pop("session_form", None)
        or (SessionForm() if mediating and case.status == MediationCase.Status.OPEN else None),
        "document_form": extra.pop("document_form", None)
        or (DocumentForm() if mediating and case.status == MediationCase.Status.AGREED else None),
        "note_form": NoteForm(),
        "history": selectors.history(actor=actor, case=case),
        **extra,
    }


CASE_PAGE = DetailPage(
    "mediation/case_detail.html", selectors.case_get, _detail_context, "mediation:case_detail"
)


case_detail_view = CASE_PAGE.view


@require_POST
def session_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a session; with htmx the sessions card is swapped in place."""
    actor = request_actor(request)
    form = SessionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            services.session_add(actor=actor, case_id=pk, **form.cleaned_data)
        except NotFoundError:
            raise  # the 404 page (core.http.DomainErrorMiddleware)
        except DomainError as error:
            status = error.status
            form.add_error_of(error)
        else:
            if not request.headers.get("HX-Request"):
                messages.success(request, _("The session was recorded."))
                return redirect("mediation:case_detail", pk=pk)
            form = SessionForm()
            status = 200
    if request.headers.get("HX-Request"):
        # htmx swaps only 2xx responses: the card with its field errors comes back as 200
        case = selectors.case_get(actor=actor, pk=pk)
        context = _detail_context(actor, case, session_form=form)
        return render(request, "mediation/_sessions.html", context)
    return CASE_PAGE.render(request, actor, pk, status=status, session_form=form)


case_action_view = CASE_PAGE.action_view(
    ACTIONS,
    lambda actor, pk, action, post: services.case_act(
        actor=actor, case_id=pk, action=action, note=post.get("note", "")
    ),
)


document_upload_view = CASE_PAGE.upload_view(
    DocumentForm,
    lambda actor, pk, data: services.document_add(actor=actor, case_id=pk, upload=data["file"]),
    form_name="document_form",
    message=_("The agreement was filed."),
)


def document_download_view(request: HttpRequest, pk: int) -> FileResponse:
    actor = request_actor(request)
    return attachment_response(selectors.document_get(actor=actor, pk=pk))
