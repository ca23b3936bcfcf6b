"""Demo rows of the surveys app (see gongzhi.demo.extensions).

For each of the first projects served by the demo company: last quarter's survey, answered
by most homes (bulk-inserted answers), closed and published through the services — so the
quarterly assessment's satisfaction item has a score to take — and this quarter's survey,
open, which the demo owner has not answered yet.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.demo.extensions import DemoContext
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.surveys import selectors, services
from gongzhi.surveys.models import Survey, SurveyAnswer, SurveyResponse
from gongzhi.surveys.workflow import organises

PROJECTS = 4
ANSWER_SHARE = 0.6
# how owners of the demo city lean, best answer first (5 … 1)
WEIGHTS = (35, 35, 18, 8, 4)


def _organiser_actor(ctx: DemoContext, project: Project) -> Any:
    for name in ("company", "community", "street", "admin"):
        actor = actor_for(ctx.user(name))
        _questions, _scale, organiser, _pid = selectors.questionnaire_for(project)
        if organises(
            actor, organiser=organiser, company_id=project.company_id, node_path=project.node_path
        ):
            return actor
    return actor_for(ctx.user("admin"))


def _answer_in_bulk(ctx: DemoContext, survey: Survey, skip_user: int | None) -> int:
    rng = ctx.rng(f"surveys:{survey.pk}")
    parts = list(
        ExclusivePart.objects.filter(project_id=survey.project_id)
        .exclude(ownerships__owner__user_id=skip_user)
        .values_list("pk", flat=True)
    )
    chosen = [p for p in parts if rng.random() < ANSWER_SHARE]
    responses = SurveyResponse.objects.bulk_create(
        [SurveyResponse(survey=survey, part_id=p) for p in chosen], batch_size=1000
    )
    values = [lv["value"] for lv in survey.scale]
    answers = [
        SurveyAnswer(
            response=r, code=q["code"], value=rng.choices(values, WEIGHTS[: len(values)])[0]
        )
        for r in responses
        for q in survey.questions
    ]
    SurveyAnswer.objects.bulk_create(answers, batch_size=2000)
    return len(responses)


def populate(ctx: DemoContext) -> dict[str, Any]:
    company_id = ctx.company_id()
    owner_user = ctx.user("owner")
    home_project = (
        ExclusivePart.objects.filter(ownerships__owner__user=owner_user)
        .values_list("project_id", flat=True)
        .first()
    )
    projects = list(
        Project.objects.filter(node_path__startswith=ctx.tree.root.path, company_id=company_id)
        .select_related("community")
        .order_by("pk")[:PROJECTS]
    )
    if home_project is not None and all(p.pk != home_project for p in projects):
        projects.extend(Project.objects.filter(pk=home_project, company__isnull=False))
    today = clock.today()
    quarter = (today.month - 1) // 3 + 1
    last_start = dt.date(today.year - (quarter == 1), 12 if quarter == 1 else 3 * quarter - 3, 1)
    last_end = dt.date(today.year, 3 * quarter - 2, 1) - dt.timedelta(days=1)
    surveys = answers = 0
    for project in projects:
        actor = _organiser_actor(ctx, project)
        lq = 4 if quarter == 1 else quarter - 1
        # last quarter's survey: opened and closed as of its last fortnight
        with clock.frozen(last_end - dt.timedelta(days=14)):
            past = services.survey_create(
                actor=actor,
                project_id=project.pk,
                title=f"{last_start.year}年第{lq}季度业主满意度调查",
                closes_on=last_end,
            )
            answers += _answer_in_bulk(ctx, past, None)
        with clock.frozen(last_end):
            services.survey_close(actor=actor, pk=past.pk)
        services.survey_publish(actor=actor, pk=past.pk)
        current = services.survey_create(
            actor=actor,
            project_id=project.pk,
            title=f"{today.year}年第{quarter}季度业主满意度调查",
            closes_on=min(today + dt.timedelta(days=30), today + dt.timedelta(days=89)),
        )
        answers += _answer_in_bulk(ctx, current, owner_user.pk)
        surveys += 2
    return {Survey._meta.label: surveys, SurveyResponse._meta.label: answers}
