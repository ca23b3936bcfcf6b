"""Reads of satisfaction surveys, scoped to the actor; the questionnaire in force at a
project; results per question (live for the organiser and officials, published for the
rest); and ``quarter_satisfaction`` for the quarterly assessment."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Count, QuerySet

from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.rules import surveys as rules
from gongzhi.surveys.models import Survey, SurveyAnswer, SurveyResponse
from gongzhi.surveys.workflow import is_organiser

S = Survey.Status


def questionnaire_for(
    project: Project,
) -> tuple[tuple[rules.Question, ...], tuple[rules.Level, ...], str, str]:
    """The project's profile: (questions, scale, organiser, profile id)."""
    profile = effective_profile(project.community)
    questions = profile.table("survey_questionnaire", rules.Question)
    scale = profile.table("survey_scale", rules.Level)
    return questions, scale, str(profile.value("survey_organiser")), profile.id


def questions_of(survey: Survey) -> tuple[rules.Question, ...]:
    return tuple(rules.Question(**q) for q in survey.questions)


def scale_of(survey: Survey) -> tuple[rules.Level, ...]:
    return tuple(rules.Level(**lv) for lv in survey.scale)


def survey_list(
    *, actor: Actor, status: str = "", project_id: int | None = None
) -> QuerySet[Survey]:
    rows = Survey.objects.visible_to(actor).select_related("project", "company")
    return narrowed(rows, status=status, project_id=project_id).order_by("-opens_on", "-pk")


def survey_get(*, actor: Actor, pk: Any) -> Survey:
    return get_visible(Survey.objects.select_related("project", "company"), actor, pk=pk)


def my_parts_in(*, actor: Actor, survey: Survey) -> QuerySet[ExclusivePart]:
    """The actor's homes in the survey's project."""
    return ExclusivePart.objects.filter(
        project_id=survey.project_id, ownerships__owner__user_id=actor.user_id
    ).distinct()


def unanswered_parts(*, actor: Actor, survey: Survey) -> QuerySet[ExclusivePart]:
    """The actor's homes in the project that have not answered yet (anyone's answer counts:
    one answer per home)."""
    answered = SurveyResponse.objects.filter(survey=survey).values("part_id")
    return my_parts_in(actor=actor, survey=survey).exclude(pk__in=answered).order_by("number")


def surveys_to_answer(*, actor: Actor) -> list[Survey]:
    """Open surveys of the owner's projects where one of their homes has not answered."""
    owner = actor.with_grant_kinds("owner")
    parts = ExclusivePart.objects.filter(ownerships__owner__user_id=actor.user_id)
    out = []
    for survey in Survey.objects.visible_to(owner).filter(status=S.OPEN).select_related("project"):
        done = SurveyResponse.objects.filter(survey=survey).values("part_id")
        if parts.filter(project_id=survey.project_id).exclude(pk__in=done).exists():
            out.append(survey)
    return out


def may_see_results(actor: Actor, survey: Survey) -> bool:
    """Published results are for everyone who sees the survey; before that only for its
    organiser and the officials over the project."""
    if survey.status == S.PUBLISHED:
        return True
    return (
        is_organiser(actor, survey)
        or any(
            g.node_path and survey.node_path.startswith(g.node_path)
            for g in actor.grants_of("node")
        )
        or actor.is_platform_admin
    )


def eligible_homes(survey: Survey) -> int:
    return ExclusivePart.objects.filter(project_id=survey.project_id).count()


def live_result(survey: Survey) -> rules.SurveyResult:
    """The result from the answers so far: one grouped count, judged by the rules core."""
    counts = {
        (row["code"], row["value"]): row["n"]
        for row in SurveyAnswer.objects.filter(response__survey=survey)
        .values("code", "value")
        .annotate(n=Count("pk"))
    }
    answered = SurveyResponse.objects.filter(survey=survey).count()
    eligible = max(eligible_homes(survey), answered)
    return rules.survey_result(
        questions_of(survey), scale_of(survey), counts, answered=answered, eligible=eligible
    )


@dataclass(frozen=True)
class ItemRow:
    code: str
    label: str
    count: int
    score: Decimal | None
    counts: list[tuple[str, int]]  # (answer label, homes)


def result_rows(survey: Survey, language: str) -> tuple[list[ItemRow], Decimal | None, int, int]:
    """Rows per question for a page or a sheet: the stored result once published, the
    live count before."""
    labels = {lv.value: lv.label(language) for lv in scale_of(survey)}
    names = {q.code: q.label(language) for q in questions_of(survey)}
    if survey.status == S.PUBLISHED and survey.results is not None:
        rows = [
            ItemRow(
                r["code"],
                names.get(r["code"], r["code"]),
                r["count"],
                Decimal(r["score"]) if r["score"] is not None else None,
                [(labels.get(v, str(v)), n) for v, n in r["counts"]],
            )
            for r in survey.results
        ]
        return rows, survey.score, survey.answered or 0, survey.eligible or 0
    result = live_result(survey)
    rows = [
        ItemRow(
            i.question.code,
            i.question.label(language),
            i.count,
            i.score_display,
            [(labels.get(v, str(v)), n) for v, n in i.counts],
        )
        for i in result.items
    ]
    return rows, result.score_display, result.answered, result.eligible


@dataclass(frozen=True)
class QuarterSatisfaction:
    survey_id: int
    title: str
    closed_on: dt.date
    score: Fraction


def quarter_satisfaction(*, project_id: int, year: int, quarter: int) -> QuarterSatisfaction | None:
    """The latest published survey of the project that closed in the quarter, for the
    assessment's satisfaction item. A system read: published results are public to the
    project's readers, and the assessment is made by officials over it."""
    first = dt.date(year, 3 * quarter - 2, 1)
    last = dt.date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
    survey = (
        Survey.objects.filter(
            project_id=project_id,
            status=S.PUBLISHED,
            closed_on__gte=first,
            closed_on__lt=last,
            score__isnull=False,
        )
        .order_by("-closed_on", "-pk")
        .first()
    )
    if survey is None or survey.score is None or survey.closed_on is None:
        return None
    return QuarterSatisfaction(survey.pk, survey.title, survey.closed_on, Fraction(survey.score))
