"""Pages of the joint meetings (with the next regular meeting due and the follow-up
tasks) and of the talks with companies (with the companies whose complaints concentrate).

Selectors raise NotFoundError for rows outside the actor's scope; the core middleware
turns it into the 404 page.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import DetailPage, choice_param, form_page, page_of, run_action, run_form
from gongzhi.oversight import selectors, services
from gongzhi.oversight.forms import HoldForm, MeetingForm, NoteForm, ReportForm, TalkForm, TaskForm
from gongzhi.oversight.models import JointMeeting, MeetingTask, Talk
from gongzhi.oversight.workflow import TALK_FLOW, TASK_FLOW, convenes
from gongzhi.registry.models import PropertyCompany


def meeting_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    search = request.GET.get("q", "").strip()
    return render(
        request,
        "oversight/meeting_list.html",
        {
            "page": page_of(request, selectors.meeting_list(actor=actor, search=search)),
            "search": search,
            "due": selectors.meetings_due(actor=actor),
            "overdue_tasks": selectors.task_list(actor=actor, overdue=True).count(),
            "can_record": selectors.convening_nodes(actor=actor).exists(),
        },
    )


def _meeting_form(actor: Actor, data: Any = None) -> MeetingForm:
    nodes = selectors.convening_nodes(actor=actor)
    first = nodes.first()
    if first is None:
        raise PermissionDenied
    return MeetingForm(
        data,
        nodes=nodes,
        departments=selectors.departments_for(node=first),
        offices=selectors.offices_for(node=first),
        initial={"held_on": clock.today(), "kind": JointMeeting.Kind.REGULAR, "node": first},
    )


def meeting_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = _meeting_form(actor, request.POST if request.method == "POST" else None)

    def save(data: dict[str, Any]) -> JointMeeting:
        return services.meeting_record(
            actor=actor,
            node_id=data["node"].pk,
            kind=data["kind"],
            held_on=data["held_on"],
            place=data["place"],
            topic=data["topic"],
            attendees=data["attendees"],
            minutes=data["minutes"],
            tasks=form.tasks(),
        )

    return form_page(
        request,
        form,
        template="oversight/meeting_form.html",
        save=save,
        success_url=lambda meeting: MEETING_PAGE.url(meeting.pk),
        message=_("The meeting was recorded."),
        passes=(),
    )


def _meeting_context(actor: Actor, meeting: JointMeeting, **extra: Any) -> dict[str, Any]:
    tasks = list(meeting.tasks.all())
    convening = convenes(actor, meeting.node_path)
    return {
        "meeting": meeting,
        "tasks": [(task, selectors.task_actions(actor=actor, task=task)) for task in tasks],
        "today": clock.today(),
        "task_form": extra.pop("task_form", None)
        or (
            TaskForm(
                departments=selectors.departments_for(node=meeting.node),
                offices=selectors.offices_for(node=meeting.node),
            )
            if convening
            else None
        ),
        "report_form": ReportForm(),
        "note_form": NoteForm(),
        **extra,
    }


MEETING_PAGE = DetailPage(
    "oversight/meeting_detail.html",
    selectors.meeting_get,
    _meeting_context,
    "oversight:meeting_detail",
)


def meeting_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return MEETING_PAGE.render(request, request_actor(request), pk)


@require_POST
def task_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    meeting = selectors.meeting_get(actor=actor, pk=pk)
    form = TaskForm(
        request.POST,
        departments=selectors.departments_for(node=meeting.node),
        offices=selectors.offices_for(node=meeting.node),
    )

    def save(data: dict[str, Any]) -> None:
        services.task_add(
            actor=actor,
            meeting_id=meeting.pk,
            description=data["description"],
            due_on=data["due_on"],
            department_id=getattr(data["department"], "pk", None),
            assignee_node_id=getattr(data["office"], "pk", None),
        )

    return run_form(
        request,
        form,
        save=save,
        on_invalid=MEETING_PAGE.with_form(request, actor, pk, task_form=form),
        success_url=MEETING_PAGE.url(meeting.pk),
        message=_("The task was added."),
        passes=(),
    )


@require_POST
def task_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in TASK_FLOW.transitions:
        raise Http404
    task = selectors.task_get(actor=actor, pk=pk)
    return MEETING_PAGE.run(
        request,
        actor,
        task.meeting_id,
        lambda: services.task_act(
            actor=actor,
            task_id=task.pk,
            action=action,
            report=request.POST.get("report", ""),
            note=request.POST.get("note", ""),
        ),
        passes=(),
    )


def task_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = choice_param(request, "status", MeetingTask.Status.values)
    overdue = request.GET.get("overdue") == "1"
    tasks = selectors.task_list(actor=actor, status=status, overdue=overdue)
    if request.GET.get("format") == "xlsx":
        headers = [
            _t("Meeting"),
            _t("Meeting date"),
            _t("Decided matter"),
            _t("Responsible"),
            _t("Deadline"),
            _t("Status"),
            _t("Report"),
        ]
        rows = (
            [
                t.meeting.topic,
                t.meeting.held_on,
                t.description,
                str(t.department or t.assignee_node or ""),
                t.due_on,
                t.get_status_display(),
                t.report,
            ]
            for t in tasks.iterator()
        )
        return xlsx_response(f"{_t('Meeting tasks')}.xlsx", headers, rows)
    return render(
        request,
        "oversight/task_list.html",
        {
            "page": page_of(request, tasks),
            "filters": {"status": status, "overdue": overdue},
            "statuses": MeetingTask.Status.choices,
            "today": clock.today(),
        },
    )


def talk_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = choice_param(request, "status", Talk.Status.values)
    talks = selectors.talk_list(actor=actor, status=status)
    if request.GET.get("format") == "xlsx":
        headers = [
            _t("Property company"),
            _t("Talk held by"),
            _t("Day of the talk"),
            _t("Reason for the talk"),
            _t("Substantiated complaints counted"),
            _t("Talk outcome"),
            _t("Rectify by"),
            _t("Status"),
        ]
        rows = (
            [
                t.company.name,
                t.node.name,
                t.scheduled_on,
                t.reason,
                t.complaints_counted,
                t.get_outcome_display(),
                t.rectification_due,
                t.get_status_display(),
            ]
            for t in talks.iterator()
        )
        return xlsx_response(f"{_t('Talks')}.xlsx", headers, rows)
    convening = selectors.convening_nodes(actor=actor).exists()
    return render(
        request,
        "oversight/talk_list.html",
        {
            "page": page_of(request, talks),
            "filters": {"status": status},
            "statuses": Talk.Status.choices,
            "candidates": selectors.talk_candidates(actor=actor) if convening else [],
            "can_schedule": convening,
        },
    )


def talk_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    nodes = selectors.convening_nodes(actor=actor)
    if not nodes.exists():
        raise PermissionDenied
    companies = PropertyCompany.objects.order_by("name")
    initial: dict[str, Any] = {"node": nodes.first(), "scheduled_on": clock.today()}
    company = request.GET.get("company", "")
    if company.isdigit():
        initial["company"] = companies.filter(pk=int(company)).first()
    form = TalkForm(
        request.POST if request.method == "POST" else None,
        nodes=nodes,
        companies=companies,
        initial=initial,
    )

    def save(data: dict[str, Any]) -> Talk:
        return services.talk_schedule(
            actor=actor,
            node_id=data["node"].pk,
            company_id=data["company"].pk,
            scheduled_on=data["scheduled_on"],
            place=data["place"],
            reason=data["reason"],
        )

    return form_page(
        request,
        form,
        template="oversight/talk_form.html",
        save=save,
        success_url=lambda talk: TALK_PAGE.url(talk.pk),
        message=_("The talk was scheduled."),
        passes=(),
    )


def _talk_context(actor: Actor, talk: Talk, **extra: Any) -> dict[str, Any]:
    return {
        "talk": talk,
        "actions": selectors.talk_actions(actor=actor, talk=talk),
        "hold_form": extra.pop("hold_form", None) or HoldForm(initial={"held_on": clock.today()}),
        "report_form": ReportForm(),
        "note_form": NoteForm(),
        **extra,
    }


TALK_PAGE = DetailPage(
    "oversight/talk_detail.html", selectors.talk_get, _talk_context, "oversight:talk_detail"
)


def talk_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return TALK_PAGE.render(request, request_actor(request), pk)


@require_POST
def talk_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    if action not in TALK_FLOW.transitions:
        raise Http404
    talk = selectors.talk_get(actor=actor, pk=pk)
    hold_form = HoldForm(request.POST) if action == "hold" else None
    if hold_form is not None and not hold_form.is_valid():
        return TALK_PAGE.render(request, actor, pk, status=400, hold_form=hold_form)
    data = hold_form.cleaned_data if hold_form is not None else {}

    def refused(error: DomainError) -> HttpResponse:
        if hold_form is not None:
            hold_form.add_error_of(error)
            return TALK_PAGE.render(request, actor, pk, status=error.status, hold_form=hold_form)
        return TALK_PAGE.refused(request, actor, pk)(error)

    return run_action(
        request,
        call=lambda: services.talk_act(
            actor=actor,
            talk_id=talk.pk,
            action=action,
            outcome=data.get("outcome", ""),
            held_on=data.get("held_on"),
            minutes=data.get("minutes", ""),
            attendees=data.get("attendees", ""),
            rectification_due=data.get("rectification_due"),
            report=request.POST.get("report", ""),
            note=request.POST.get("note", ""),
        ),
        on_error=refused,
        success_url=TALK_PAGE.url(talk.pk),
        passes=(),
    )
