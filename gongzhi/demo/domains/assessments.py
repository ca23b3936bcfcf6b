"""Demo rows of this app (see gongzhi.demo.extensions): the last closed period's (the
profile's company_assessment_frequency) assessment of every
served project of the demo city. The community login's projects go through the whole
workflow (assessed → submitted → forwarded by the street → published by the bureau, which
emits the published events the credit app reads); the others are bulk-inserted as
submitted or forwarded, with a few drafts. One yearly committee assessment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from gongzhi.accounts.selectors import actor_for
from gongzhi.assessments import awards, daily, selectors, services
from gongzhi.assessments.models import (
    AssessmentRound,
    Award,
    CommitteeAssessment,
    DailyCheck,
    ProjectAssessment,
    ProjectItemScore,
)
from gongzhi.core import clock
from gongzhi.demo.extensions import DemoContext
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import OwnersCommittee, Project
from gongzhi.rules import assessments as rules
from gongzhi.rules import awards as award_rules
from gongzhi.rules import periods

S = ProjectAssessment.Status
SHOWCASE = 3


def _points(rng: Any, items: tuple[rules.FormItem, ...]) -> dict[str, str]:
    """Mostly good service: each item 60-100 % of its maximum, in steps of 0.05."""
    return {
        i.code: str(Decimal(rng.randint(i.max_points * 12, i.max_points * 20)) / 20) for i in items
    }


def populate(ctx: DemoContext) -> dict[str, int]:
    rng = ctx.rng("assessments")
    day = min(ctx.today, clock.today())
    community = actor_for(ctx.user("community"))
    street = actor_for(ctx.user("street"))
    bureau = actor_for(ctx.user("bureau"))
    projects = list(
        Project.objects.filter(node_path__startswith=ctx.tree.root.path, company__isnull=False)
        .select_related("community", "company")
        .order_by("pk")
    )
    own_paths = community.node_paths
    showcase = [p for p in projects if any(p.node_path.startswith(n) for n in own_paths)]
    showcase = showcase[:SHOWCASE]
    for project in showcase:
        period = selectors.last_period(selectors.company_schedule(project).frequency, day)
        assessment = services.assessment_create(
            actor=community,
            project_id=project.pk,
            year=period.year,
            quarter=period.number,
            points=_points(rng, selectors.project_form(project)),
            assessors="社区物业专干",
            experts="物业管理专家 王工、陈工",
        )
        services.assessment_act(actor=community, assessment_id=assessment.pk, action="submit")
    for round_id in {a.round_id for a in ProjectAssessment.objects.filter(status=S.SUBMITTED)}:
        services.round_forward(actor=street, round_id=round_id)
        services.round_publish(actor=bureau, round_id=round_id)
    _bulk(ctx, rng, [p for p in projects if p not in showcase], day, street)
    committee = (
        OwnersCommittee.objects.filter(is_current=True)
        .filter(project__node_path__startswith=street.node_paths[0] if street.node_paths else "~")
        .order_by("pk")
        .first()
    )
    if committee is not None:
        items = selectors.committee_form(committee)
        period = selectors.last_period(selectors.committee_schedule(committee).frequency, day)
        services.committee_assessment_create(
            actor=street,
            committee_id=committee.pk,
            year=period.year,
            period=period.number,
            points=_points(rng, items),
            note="依据年度考核细则评定",
        )
    _daily_and_awards(ctx, rng, community, bureau, showcase, day)
    return {
        "assessments.DailyCheck": DailyCheck.objects.count(),
        "assessments.Award": Award.objects.count(),
        "assessments.AssessmentRound": AssessmentRound.objects.count(),
        "assessments.ProjectAssessment": ProjectAssessment.objects.count(),
        "assessments.ProjectItemScore": ProjectItemScore.objects.count(),
        "assessments.CommitteeAssessment": CommitteeAssessment.objects.count(),
    }


def _bulk(ctx: DemoContext, rng: Any, projects: list[Project], day: dt.date, street: Any) -> None:
    """Other projects: submitted in the street login's street, forwarded elsewhere; one in
    ten still a draft. Bulk inserts (the demo city may have thousands of projects)."""
    streets: dict[int, Jurisdiction] = {}
    rounds: dict[tuple[int, str], AssessmentRound] = {}
    now = clock.now()
    rows: list[ProjectAssessment] = []
    scores: list[list[ProjectItemScore]] = []
    for project in projects:
        if project.company_id is None:  # pragma: no cover - the query keeps served ones
            continue
        profile = selectors.profile_of(project)
        items = profile.table("assessment_project_form", rules.FormItem)
        result = rules.score_form(items, _points(rng, items))
        band = rules.band_for(
            result.total,
            result.max_total,
            profile.table("assessment_project_bands", rules.ResultBand),
        )
        street_level = profile.levels[-2]
        key = project.community_id
        if key not in streets:
            streets[key] = (
                Jurisdiction.objects.filter(
                    pk__in=project.community.ancestor_ids(), level=street_level
                )
                .order_by("-depth")
                .get()
            )
        node = streets[key]
        # the last closed period at the profile's company_assessment_frequency
        period = selectors.last_period(periods.company_schedule(profile).frequency, day)
        round_key = (node.pk, period.frequency)
        if round_key not in rounds:
            rounds[round_key], _created = AssessmentRound.objects.get_or_create(
                street=node,
                year=period.year,
                frequency=period.frequency,
                quarter=period.number,
                defaults={"node_path": node.path},
            )
        in_login_street = any(node.path.startswith(p) for p in street.node_paths)
        status = S.SUBMITTED if in_login_street else S.FORWARDED
        if rng.random() < 0.1:
            status = S.DRAFT
        rows.append(
            ProjectAssessment(
                round=rounds[round_key],
                project=project,
                company_id=project.company_id,
                year=period.year,
                frequency=period.frequency,
                quarter=period.number,
                profile_id=profile.id,
                assessors=f"{project.community.name}物业专干",
                total=result.total,
                max_score=result.max_total,
                band=band.band,
                status=status,
                submitted_at=None if status == S.DRAFT else now,
                forwarded_at=now if status == S.FORWARDED else None,
                node_path=project.node_path,
                created_at=now - dt.timedelta(days=3),
            )
        )
        scores.append(services.item_rows(ProjectItemScore, result))
    created = ProjectAssessment.objects.bulk_create(rows, batch_size=500)
    flat: list[ProjectItemScore] = []
    for assessment, items_ in zip(created, scores, strict=True):
        for item in items_:
            item.assessment = assessment
            flat.append(item)
    ProjectItemScore.objects.bulk_create(flat, batch_size=2000)


def _daily_and_awards(
    ctx: DemoContext, rng: Any, community: Any, bureau: Any, showcase: list[Project], day: dt.date
) -> None:
    """Daily community checks of the showcase projects (seed 004 §10: one with a finding,
    put right) and, where the profile sets award amounts (seed 001 §四(二)), an award to
    the best-ranked company of last year."""
    with clock.frozen(day):
        for index, project in enumerate(showcase[:3]):
            items = selectors.project_form(project)
            problems = {items[0].code: "楼道堆放杂物，未及时清理"} if index == 0 and items else {}
            check = daily.daily_check_record(
                actor=community,
                project_id=project.pk,
                checked_on=day - dt.timedelta(days=rng.randint(1, 20)),
                problems=problems,
                note="社区日常巡查",
            )
            if problems:
                daily.daily_check_close(actor=community, check_id=check.pk, note="已督促企业清理")
        ranking = awards.company_ranking(actor=bureau, year=day.year)
        if ranking and showcase:
            node_profile = selectors.profile_of(showcase[0])
            if award_rules.award_range(node_profile, "unit") is not None:
                awards.award_grant(
                    actor=bureau,
                    year=day.year,
                    recipient="unit",
                    name=ranking[0].company.name,
                    title="年度优秀物业服务企业",
                    amount="15000",
                    company_id=ranking[0].company.pk,
                )
