"""Survey pages: the list (owners: their projects' surveys), opening a survey, the survey
page with the owner's answer form or the results by question, closing and publishing,
and Excel exports of the list and of a survey's results."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _t
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core import clock
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import choice_param
from gongzhi.registry.models import Project
from gongzhi.surveys import selectors, services
from gongzhi.surveys.forms import AnswerForm, SurveyForm
from gongzhi.surveys.models import Survey
from gongzhi.surveys.workflow import ROLES, available_actions


def _language() -> str:
    return get_language() or "zh-hans"


def survey_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    status = request.GET.get("status", "")
    rows = selectors.survey_list(
        actor=actor, status=choice_param(request, "status", Survey.Status.values)
    )[:200]
    return render(
        request,
        "surveys/survey_list.html",
        {
            "rows": rows,
            "status": status,
            "statuses": Survey.Status.choices,
            "can_open": actor.has_role(*ROLES),
            "to_answer": {s.pk for s in selectors.surveys_to_answer(actor=actor)}
            if actor.has_role("owner")
            else set(),
        },
    )


def survey_export_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    rows = selectors.survey_list(actor=actor)
    headers = [
        _t("Title"),
        _t("Project"),
        _t("Property company"),
        _t("Organised by"),
        _t("Status"),
        _t("Opens on"),
        _t("Answers until"),
        _t("Homes that answered"),
        _t("Homes"),
        _t("Score"),
    ]
    data = (
        [
            s.title,
            s.project.name,
            s.company.name if s.company else "",
            s.get_organiser_display(),
            s.get_status_display(),
            s.opens_on,
            s.closes_on,
            s.answered,
            s.eligible,
            s.score,
        ]
        for s in rows.iterator(chunk_size=2000)
    )
    return xlsx_response(f"{_t('Satisfaction surveys')}.xlsx", headers, data)


def survey_new_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    projects = (
        Project.objects.visible_to(actor.with_grant_kinds("all", "node", "company"))
        .filter(company__isnull=False)
        .order_by("name")
    )
    today = clock.today()
    form = SurveyForm(
        request.POST or None,
        projects=projects,
        initial={
            "title": _t("Owners' satisfaction survey %(year)s Q%(quarter)s")
            % {"year": today.year, "quarter": (today.month - 1) // 3 + 1},
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.survey_create(
                actor=actor,
                project_id=data["project"].pk,
                title=data["title"],
                closes_on=data["closes_on"],
            )
        except DomainError as error:
            if error.code not in ("invalid", "conflict"):
                raise
            form.add_error_of(error)
        else:
            messages.success(request, _t("The survey is open for answers."))
            return redirect("surveys:detail", pk=survey.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "surveys/survey_form.html", {"form": form}, status=status)


def _answer_form(actor: Actor, survey: Survey, data: Any = None) -> AnswerForm | None:
    if survey.status != Survey.Status.OPEN or clock.today() > survey.closes_on:
        return None
    if not actor.has_role("owner"):
        return None
    parts = selectors.unanswered_parts(actor=actor, survey=survey)
    if not parts.exists():
        return None
    return AnswerForm(
        data,
        parts=parts,
        questions=selectors.questions_of(survey),
        scale=selectors.scale_of(survey),
        language=_language(),
    )


def _context(actor: Actor, survey: Survey, **extra: Any) -> dict[str, Any]:
    context: dict[str, Any] = {
        "survey": survey,
        "actions": available_actions(survey, actor),
        "answer_form": _answer_form(actor, survey),
        "my_parts": selectors.my_parts_in(actor=actor, survey=survey)
        if actor.has_role("owner")
        else None,
        "questions": [q.label(_language()) for q in selectors.questions_of(survey)],
    }
    if selectors.may_see_results(actor, survey):
        rows, score, answered, eligible = selectors.result_rows(survey, _language())
        context.update(
            {"results": rows, "score": score, "answered": answered, "eligible": eligible}
        )
    context.update(extra)
    return context


def survey_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    survey = selectors.survey_get(actor=actor, pk=pk)
    return render(request, "surveys/survey_detail.html", _context(actor, survey))


@require_POST
def survey_answer_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    survey = selectors.survey_get(actor=actor, pk=pk)
    form = _answer_form(actor, survey, request.POST)
    if form is None:
        messages.error(request, _t("This survey no longer takes answers from your homes."))
        return redirect("surveys:detail", pk=pk)
    if form.is_valid():
        try:
            services.survey_answer(
                actor=actor,
                survey_id=survey.pk,
                part_id=form.cleaned_data["part"].pk,
                answers=form.answers(),
                comment=form.cleaned_data.get("comment", ""),
            )
        except DomainError as error:
            if error.code not in ("invalid", "conflict"):
                raise
            form.add_error_of(error)
        else:
            messages.success(request, _t("Thank you: your answer has been recorded."))
            return redirect("surveys:detail", pk=pk)
    return render(
        request, "surveys/survey_detail.html", _context(actor, survey, answer_form=form), status=400
    )


@require_POST
def survey_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    survey = selectors.survey_get(actor=actor, pk=pk)
    if action == "close":
        services.survey_close(actor=actor, pk=survey.pk)
        messages.success(request, _t("The survey is closed."))
    elif action == "publish":
        services.survey_publish(actor=actor, pk=survey.pk)
        messages.success(request, _t("The results are published."))
    else:
        raise Http404
    return redirect("surveys:detail", pk=pk)


def results_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    survey = selectors.survey_get(actor=actor, pk=pk)
    if not selectors.may_see_results(actor, survey):
        raise Http404
    rows, score, answered, eligible = selectors.result_rows(survey, _language())
    levels = [lv.label(_language()) for lv in selectors.scale_of(survey)]
    headers = [_t("Question"), _t("Answers"), _t("Score"), *levels]
    data = [[r.label, r.count, r.score, *[n for _label, n in r.counts]] for r in rows]
    data.append([_t("Overall"), answered, score, *["" for _ in levels]])
    return xlsx_response(f"{survey.title}.xlsx", headers, data)
