"""Organiser pages: matter list, drafting, detail with live progress (htmx polling), the
workflow buttons, candidates, documents, paper ballots and proxies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.attachments import attachment_response
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.views import choice_param, form_page, page_of, run_action
from gongzhi.decisions import selectors, services
from gongzhi.decisions.forms import (
    AttachmentForm,
    CandidateForm,
    MatterForm,
    PaperBallotForm,
    ProxyForm,
    PublishForm,
)
from gongzhi.decisions.models import Matter, MatterAttachment
from gongzhi.decisions.workflow import MATTER_FLOW, available_actions, is_organiser
from gongzhi.registry.models import Project


def matter_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = choice_param(request, "status", Matter.Status.values)
    page = page_of(request, selectors.matter_list(actor=actor, status=status))
    return render(
        request,
        "decisions/matter_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Matter.Status.choices,
            "can_create": _organised_projects(actor).exists(),
        },
    )


def _organised_projects(actor: Actor) -> QuerySet[Project]:
    visible = Project.objects.visible_to(actor)
    ids = [p.pk for p in visible.only("pk", "node_path") if is_organiser(actor, p)]
    return visible.filter(pk__in=ids).select_related("community")


def matter_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    projects = _organised_projects(actor)
    if not projects.exists():
        raise PermissionDenied
    form = MatterForm(request.POST or None, projects=projects)
    return form_page(
        request,
        form,
        template="decisions/matter_form.html",
        save=lambda data: services.matter_create(
            actor=actor,
            project=data["project"],
            kind=data["kind"],
            title=data["title"],
            body=data["body"],
            building_unit=data["building_unit"],
            seats=data["seats"],
        ),
        success_url=lambda matter: _detail_url(matter.pk),
        message=_("The draft was saved."),
        passes=(PermissionDeniedError,),
    )


def _progress_context(matter: Matter) -> dict[str, Any]:
    if matter.status == Matter.Status.DRAFT or matter.status == Matter.Status.PUBLISHED:
        return {"progress": None}
    outcome = selectors.progress(matter)
    participation = [c for c in outcome.criteria if c.criterion.startswith("participation")]
    return {"progress": outcome, "participation": participation}


def detail_context(
    request: HttpRequest, actor: Actor, matter: Matter, **extra: Any
) -> dict[str, Any]:
    organiser = is_organiser(actor, matter.project)
    draft = matter.status == Matter.Status.DRAFT
    voting = matter.status == Matter.Status.VOTING
    context: dict[str, Any] = {
        "matter": matter,
        "organiser": organiser,
        "actions": available_actions(matter, actor),
        "candidates": selectors.candidates_of(matter),
        "attachments": MatterAttachment.objects.visible_to(actor).filter(matter_id=matter.pk),
        "voter_keys": selectors.voter_keys(actor=actor, matter=matter) if voting else [],
        "publish_form": extra.pop("publish_form", None) or PublishForm(),
        # the rule in the reader's language (``describe()`` is the CLI's neutral one-liner)
        "rule": "；".join(
            gettext(e.message) % e.params_dict for e in selectors.rule_of(matter).explain()
        ),
        "closed": matter.status in (Matter.Status.CLOSED, Matter.Status.RESULT_PUBLISHED),
        **_progress_context(matter),
    }
    if organiser and draft:
        context["candidate_form"] = extra.pop("candidate_form", None) or CandidateForm()
        context["upload_form"] = extra.pop("upload_form", None) or AttachmentForm()
    if organiser and voting:
        context["paper_form"] = extra.pop("paper_form", None) or PaperBallotForm()
        context["pending_paper"] = selectors.pending_paper(actor=actor, matter=matter)
    if organiser and matter.status in (Matter.Status.PUBLISHED, Matter.Status.VOTING):
        context["proxy_form"] = extra.pop("proxy_form", None) or ProxyForm()
    context.update(extra)
    return context


def matter_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=pk)
    return render(request, "decisions/matter_detail.html", detail_context(request, actor, matter))


def matter_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The live participation block (polled by htmx every few seconds while voting)."""
    actor = request_actor(request)
    matter = selectors.matter_get(actor=actor, pk=pk)
    return render(
        request, "decisions/_progress.html", {"matter": matter, **_progress_context(matter)}
    )


def _detail_url(pk: int) -> str:
    return reverse("decisions:matter_detail", args=[pk])


def _rerender(
    request: HttpRequest, actor: Actor, pk: int, error: DomainError, **forms: Any
) -> HttpResponse:
    """The matter's page again with the refusal's lines (and the posted forms)."""
    matter = selectors.matter_get(actor=actor, pk=pk)
    lines = error.lines()
    context = detail_context(request, actor, matter, action_errors=lines, **forms)
    return render(request, "decisions/matter_detail.html", context, status=error.status)


def _refused_form(
    request: HttpRequest, actor: Actor, pk: int, name: str, form: Any
) -> Callable[[DomainError], HttpResponse]:
    """The matter's page again with the refusal also placed on the posted form."""

    def show(error: DomainError) -> HttpResponse:
        if form is not None:
            form.add_error_of(error)
        return _rerender(request, actor, pk, error, **{name: form})

    return show


@require_POST
def matter_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in MATTER_FLOW.transitions:
        raise Http404
    form = PublishForm(request.POST) if action == "publish" else None

    def act() -> None:
        if action == "publish":
            assert form is not None
            form.is_valid()
            services.matter_publish(
                actor=actor,
                matter=pk,
                voting_starts_on=form.cleaned_data.get("voting_starts_on"),
                voting_ends_on=form.cleaned_data.get("voting_ends_on"),
            )
        elif action == "open":
            services.voting_open(actor=actor, matter=pk)
        elif action == "close":
            services.matter_close(actor=actor, matter=pk)
        else:
            services.result_publish(actor=actor, matter=pk)

    return run_action(
        request,
        call=act,
        on_error=_refused_form(request, actor, pk, "publish_form", form),
        success_url=_detail_url(pk),
    )


@require_POST
def candidate_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    form = CandidateForm(request.POST)
    if form.is_valid():
        return run_action(
            request,
            call=lambda: services.candidate_add(
                actor=actor,
                matter=pk,
                name=form.cleaned_data["name"],
                statement=form.cleaned_data["statement"],
            ),
            on_error=_refused_form(request, actor, pk, "candidate_form", form),
            success_url=_detail_url(pk),
            message=_("The candidate was added."),
        )
    return _rerender(
        request, actor, pk, DomainError(_("Please correct the errors below.")), candidate_form=form
    )


@require_POST
def attachment_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    form = AttachmentForm(request.POST, request.FILES)
    return run_action(
        request,
        call=lambda: services.attachment_add(
            actor=actor, matter=pk, upload=form.cleaned_data["file"] if form.is_valid() else None
        ),
        on_error=lambda error: _rerender(request, actor, pk, error, upload_form=form),
        success_url=_detail_url(pk),
        message=_("The document was added."),
    )


def attachment_download_view(request: HttpRequest, pk: int) -> FileResponse:
    actor = request_actor(request)
    return attachment_response(get_visible(MatterAttachment.objects.all(), actor, pk=pk))


def _candidate_ids(text: str) -> list[str]:
    return [item.strip() for item in text.replace("，", ",").split(",") if item.strip()]


@require_POST
def paper_enter_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    form = PaperBallotForm(request.POST, request.FILES)
    valid = form.is_valid()
    data = form.cleaned_data
    matter = selectors.matter_get(actor=actor, pk=pk)
    choice: Any = (
        _candidate_ids(data.get("candidates", "")) if matter.is_election else data.get("choice")
    )
    return run_action(
        request,
        call=lambda: services.paper_ballot_enter(
            actor=actor,
            matter=pk,
            part_number=data.get("part_number", ""),
            choice=choice,
            scan=data.get("scan") if valid else None,
        ),
        on_error=_refused_form(request, actor, pk, "paper_form", form),
        success_url=_detail_url(pk),
        message=_("The paper ballot was entered; a second person must confirm it."),
    )


@require_POST
def paper_confirm_view(request: HttpRequest, pk: int, paper_pk: int) -> HttpResponse:
    actor = request_actor(request)
    return run_action(
        request,
        call=lambda: services.paper_ballot_confirm(actor=actor, paper_ballot=paper_pk),
        on_error=lambda error: _rerender(request, actor, pk, error),
        success_url=_detail_url(pk),
        message=_("The paper ballot was confirmed and counts."),
    )


@require_POST
def proxy_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    form = ProxyForm(request.POST, request.FILES)
    valid = form.is_valid()
    data = form.cleaned_data
    return run_action(
        request,
        call=lambda: services.proxy_record(
            actor=actor,
            matter=pk,
            owner_id=data.get("owner_id") or 0,
            agent_mobile=data.get("agent_mobile", ""),
            document=data.get("document") if valid else None,
        ),
        on_error=_refused_form(request, actor, pk, "proxy_form", form),
        success_url=_detail_url(pk),
        message=_("The proxy was recorded."),
    )
