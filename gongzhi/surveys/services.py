"""Writes of satisfaction surveys: open a survey of a project with the profile's
questionnaire, an owner's answer for one home, close, and publish the results.

Seed 002 §二(二)2, seed 004 annex. Every write is atomic and audited in the same
transaction; bad input raises a translated DomainError naming the field (``answers.<code>``
per question) and writes nothing. Status changes only through
``gongzhi.core.workflow.transition``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.registry.models import Project
from gongzhi.rules import surveys as rules
from gongzhi.surveys import selectors
from gongzhi.surveys.models import Survey, SurveyAnswer, SurveyResponse
from gongzhi.surveys.workflow import SURVEY_FLOW, organises

S = Survey.Status
DAYS_MAX = 90  # Gongzhi default: a survey collects answers for at most a quarter


def _date(raw: Any) -> dt.date | None:
    if isinstance(raw, dt.date):
        return raw
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        return None


@transaction.atomic
def survey_create(*, actor: Actor, project_id: Any, title: str, closes_on: Any) -> Survey:
    """Open a satisfaction survey of a project with its profile's questionnaire.

    Run by the organiser the profile names (``survey_organiser``); answers are taken from
    today until ``closes_on`` (at most 90 days ahead); one open survey per project.
    """
    if not actor.has_role(Role.COMPANY_STAFF, Role.COMMUNITY_OFFICER, Role.STREET_OFFICER):
        raise PermissionDeniedError(_("Your role does not run satisfaction surveys."))
    errors: FieldErrors = {}
    project = (
        Project.objects.visible_to(actor)
        .select_related("community", "company")
        .filter(pk=int(project_id) if str(project_id or "").isdigit() else 0)
        .first()
    )
    today = clock.today()
    if project is None:
        errors["project"] = [_("Choose a project.")]
    text = (title or "").strip()
    if not text:
        errors["title"] = [_("Give the survey a title.")]
    elif len(text) > 200:
        errors["title"] = [_("Keep the title under 200 characters.")]
    end = _date(closes_on)
    if end is None:
        errors["closes_on"] = [_("Enter the last day for answers.")]
    elif not today <= end <= today + dt.timedelta(days=DAYS_MAX):
        errors["closes_on"] = [_("Choose a day from today to %(n)s days ahead.") % {"n": DAYS_MAX}]
    if project is not None:
        questions, scale, organiser, profile_id = selectors.questionnaire_for(project)
        if not organises(
            actor, organiser=organiser, company_id=project.company_id, node_path=project.node_path
        ):
            who = Survey.Organiser(organiser).label
            errors["project"] = [
                _("Here the survey is run by the %(who)s of the project.") % {"who": who}
            ]
        if project.company_id is None:
            errors["project"] = [_("No property company serves this project.")]
    if errors or project is None or end is None:
        raise invalid(errors)
    if Survey.objects.filter(project=project, status=S.OPEN).exists():
        raise ConflictError(
            _("This project already has an open survey."),
            fields={"project": [_("This project already has an open survey.")]},
        )
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                project=project,
                company_id=project.company_id,
                node_path=project.node_path,
                title=text,
                organiser=organiser,
                profile_id=profile_id,
                questions=[dataclasses.asdict(q) for q in questions],
                scale=[dataclasses.asdict(lv) for lv in scale],
                opens_on=today,
                closes_on=end,
                created_by=user_of(actor),
            )
    except IntegrityError:  # a concurrent request opened one first
        raise ConflictError(_("This project already has an open survey.")) from None
    audit.record_create(actor, survey)
    return survey


@transaction.atomic
def survey_answer(
    *,
    actor: Actor,
    survey_id: Any,
    part_id: Any,
    answers: Mapping[str, Any],
    comment: str = "",
) -> SurveyResponse:
    """An owner answers the survey for one of their homes in the project: every question
    on the scale; one answer per home (a co-owner who comes second is refused)."""
    if not actor.has_role(Role.OWNER):
        raise PermissionDeniedError(_("Only owners answer satisfaction surveys."))
    survey = get_visible(
        Survey.objects.select_for_update(), actor.with_grant_kinds("owner"), pk=survey_id
    )
    if survey.status != S.OPEN or clock.today() > survey.closes_on:
        raise ConflictError(_("This survey no longer takes answers."))
    errors: FieldErrors = {}
    part = (
        selectors.my_parts_in(actor=actor, survey=survey)
        .filter(pk=int(part_id) if str(part_id or "").isdigit() else 0)
        .first()
    )
    if part is None:
        errors["part"] = [_("Choose one of your homes in this project.")]
    text = (comment or "").strip()
    if len(text) > 500:
        errors["comment"] = [_("Keep the comment under 500 characters.")]
    checked: dict[str, int] = {}
    try:
        checked = rules.check_answers(
            selectors.questions_of(survey), selectors.scale_of(survey), answers
        )
    except rules.AnswerError as error:
        for code, reason in error.fields.items():
            errors[f"answers.{code}"] = [gettext(reason.message) % reason.params_dict]
    if errors or part is None:
        raise invalid(errors)
    if SurveyResponse.objects.filter(survey=survey, part=part).exists():
        raise ConflictError(
            _("Your home %(part)s has already answered this survey.") % {"part": part.number}
        )
    try:
        with transaction.atomic():
            response = SurveyResponse.objects.create(
                survey=survey, part=part, respondent=user_of(actor), comment=text
            )
    except IntegrityError:
        raise ConflictError(
            _("Your home %(part)s has already answered this survey.") % {"part": part.number}
        ) from None
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, code=code, value=value) for code, value in checked.items()
    )
    audit.record_create(actor, response)
    return response


@transaction.atomic
def survey_close(*, actor: Actor, pk: Any) -> Survey:
    """The organiser stops taking answers (on or before the last day)."""
    survey = get_visible(Survey.objects.all(), actor, pk=pk)
    return transition(
        actor=actor,
        workflow=SURVEY_FLOW,
        queryset=Survey.objects.all(),
        pk=survey.pk,
        action="close",
        changes={"closed_on": clock.today()},
    )


@transaction.atomic
def survey_publish(*, actor: Actor, pk: Any) -> Survey:
    """Publish the results of a closed survey: the score per question and overall, and
    how many homes answered, are stored as they stand now (seed 004 annex; the score feeds
    the quarter's assessment where the profile's form has a satisfaction item)."""
    survey = get_visible(Survey.objects.all(), actor, pk=pk)
    result = selectors.live_result(survey)
    stored = [
        {
            "code": i.question.code,
            "count": i.count,
            "score": None if i.score_display is None else str(i.score_display),
            "counts": [list(c) for c in i.counts],
        }
        for i in result.items
    ]
    return transition(
        actor=actor,
        workflow=SURVEY_FLOW,
        queryset=Survey.objects.all(),
        pk=survey.pk,
        action="publish",
        changes={
            "published_on": clock.today(),
            "results": stored,
            "score": result.score_display,
            "answered": result.answered,
            "eligible": result.eligible,
        },
    )
