"""/api/v1/surveys: the surveys the actor sees, open one, an owner's answer for a home,
close and publish, results by question. Schema in → the same services as the pages →
Schema out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import NotFoundError
from gongzhi.surveys import selectors, services
from gongzhi.surveys.models import Survey
from gongzhi.surveys.workflow import available_actions

router = Router(tags=["surveys"])


class SurveyIn(Schema):
    project_id: int
    title: str
    closes_on: dt.date


class AnswerIn(Schema):
    part_id: int
    answers: dict[str, int]
    comment: str = ""


class QuestionOut(Schema):
    code: str
    label_zh: str
    label_en: str


class LevelOut(Schema):
    value: int
    label_zh: str
    label_en: str
    points: int


class ItemOut(Schema):
    code: str
    label: str
    count: int
    score: Decimal | None
    counts: list[tuple[str, int]]


class SurveyOut(Schema):
    id: int
    project_id: int
    company_id: int | None
    title: str
    organiser: str
    status: str
    opens_on: dt.date
    closes_on: dt.date
    closed_on: dt.date | None
    published_on: dt.date | None
    score: Decimal | None
    answered: int | None
    eligible: int | None


class DetailOut(SurveyOut):
    questions: list[QuestionOut]
    scale: list[LevelOut]
    actions: list[str]
    my_unanswered_part_ids: list[int]
    results: list[ItemOut] | None


class AnsweredOut(Schema):
    id: int
    survey_id: int
    part_id: int


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    actor = request_actor(request)
    survey = selectors.survey_get(actor=actor, pk=pk)
    out = SurveyOut.from_orm(survey).dict()
    results = None
    if selectors.may_see_results(actor, survey):
        rows, score, answered, eligible = selectors.result_rows(survey, get_language() or "zh-hans")
        results = [r.__dict__ for r in rows]
        out.update(score=score, answered=answered, eligible=eligible)
    return {
        **out,
        "questions": survey.questions,
        "scale": survey.scale,
        "actions": available_actions(survey, actor),
        "my_unanswered_part_ids": list(
            selectors.unanswered_parts(actor=actor, survey=survey).values_list("pk", flat=True)
        )
        if actor.has_role("owner")
        else [],
        "results": results,
    }


@router.get("", response=list[SurveyOut])
def survey_list(request: HttpRequest, status: str = "", project_id: int | None = None) -> Any:
    return selectors.survey_list(actor=request_actor(request), status=status, project_id=project_id)


@router.get("/{survey_id}", response=DetailOut)
def survey_get(request: HttpRequest, survey_id: int) -> Any:
    return _detail(request, survey_id)


@router.post("", response={201: DetailOut})
def survey_create(request: HttpRequest, payload: SurveyIn) -> Any:
    survey = services.survey_create(actor=request_actor(request), **payload.dict())
    return Status(201, _detail(request, survey.pk))


@router.post("/{survey_id}/answers", response={201: AnsweredOut})
def survey_answer(request: HttpRequest, survey_id: int, payload: AnswerIn) -> Any:
    response = services.survey_answer(
        actor=request_actor(request),
        survey_id=survey_id,
        part_id=payload.part_id,
        answers=payload.answers,
        comment=payload.comment,
    )
    return Status(201, response)


@router.post("/{survey_id}/actions/{action}", response=DetailOut)
def survey_action(request: HttpRequest, survey_id: int, action: str) -> Any:
    actor = request_actor(request)
    survey: Survey = selectors.survey_get(actor=actor, pk=survey_id)
    if action == "close":
        services.survey_close(actor=actor, pk=survey.pk)
    elif action == "publish":
        services.survey_publish(actor=actor, pk=survey.pk)
    else:
        raise NotFoundError(_("Not found."))
    return _detail(request, survey.pk)
