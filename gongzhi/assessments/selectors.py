"""Reads of assessments, scoped to the actor; the form of a project under its profile; the
street's round summary; published and yearly results (seed 001 §四(二) 二: the yearly
result is formed from the profile's periods), also per company as a system read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Avg, BigIntegerField, Count, F, Q, QuerySet
from django.db.models.functions import Cast, Round
from django.utils.translation import gettext

from gongzhi.assessments.models import (
    AssessmentEvidence,
    AssessmentRound,
    CommitteeAssessment,
    ProjectAssessment,
)
from gongzhi.audit.selectors import history_for
from gongzhi.core.clock import today as today  # read here by pages and services
from gongzhi.core.explain import explain
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.jurisdictions.selectors import effective_profile, effective_profiles
from gongzhi.registry.models import OwnersCommittee, Project
from gongzhi.rules import assessments as rules
from gongzhi.rules import periods
from gongzhi.rules import surveys as survey_rules
from gongzhi.rules.explain import Explanation
from gongzhi.rules.profiles import PolicyProfile, UnknownProfileError, get_profile
from gongzhi.surveys import selectors as surveys

S = ProjectAssessment.Status


def last_quarter(day: dt.date) -> tuple[int, int]:
    """The quarter before the one ``day`` falls in, as (year, quarter)."""
    quarter = (day.month - 1) // 3 + 1
    return (day.year, quarter - 1) if quarter > 1 else (day.year - 1, 4)


def profile_of(project: Project) -> PolicyProfile:
    return effective_profile(project.community)


def company_schedule(project: Project) -> periods.Schedule:
    """How often the project (its company) is assessed: the profile's
    ``company_assessment_frequency`` (seed 001 §四(二), seed 003 §五(二)1(7): quarterly)."""
    return periods.company_schedule(profile_of(project))


def committee_schedule(committee: OwnersCommittee) -> periods.Schedule:
    """How often the committee is assessed: ``committee_assessment_frequency``
    (seed 001 §四(一): yearly; none in national law — yearly and optional)."""
    return periods.committee_schedule(profile_of(committee.project))


def last_period(frequency: str, day: dt.date) -> periods.Period:
    """The period before the one ``day`` falls in: the one normally assessed now."""
    return periods.last_closed(frequency, day)


def project_form(project: Project) -> tuple[rules.FormItem, ...]:
    return profile_of(project).table("assessment_project_form", rules.FormItem)


def committee_form(committee: OwnersCommittee) -> tuple[rules.FormItem, ...]:
    return profile_of(committee.project).table("assessment_committee_form", rules.FormItem)


def assessable_projects(*, actor: Actor) -> QuerySet[Project]:
    """Projects in the actor's jurisdiction that a company serves."""
    return (
        Project.objects.visible_to(actor)
        .filter(company__isnull=False)
        .select_related("community", "company")
        .order_by("name")
    )


def assessable_committees(*, actor: Actor) -> QuerySet[OwnersCommittee]:
    return (
        OwnersCommittee.objects.visible_to(actor)
        .filter(is_current=True)
        .select_related("project", "project__community")
        .order_by("project__name")
    )


def round_list(*, actor: Actor) -> QuerySet[AssessmentRound]:
    """The rounds the actor sees, each with its count per status and its mean score."""
    return (
        AssessmentRound.objects.visible_to(actor)
        .select_related("street")
        .annotate(
            n_total=Count("assessments"),
            n_draft=Count("assessments", filter=Q(assessments__status__in=(S.DRAFT, S.RETURNED))),
            n_submitted=Count("assessments", filter=Q(assessments__status=S.SUBMITTED)),
            n_forwarded=Count("assessments", filter=Q(assessments__status=S.FORWARDED)),
            n_published=Count("assessments", filter=Q(assessments__status=S.PUBLISHED)),
            mean=Avg("assessments__total"),
        )
        .order_by("-year", "-quarter", "street__name")
    )


def round_get(*, actor: Actor, pk: int) -> AssessmentRound:
    found: AssessmentRound = get_visible(round_list(actor=actor), actor, pk=pk)
    return found


def assessment_list(
    *,
    actor: Actor,
    round_id: int | None = None,
    status: str = "",
    year: int | None = None,
    quarter: int | None = None,
    search: str = "",
) -> QuerySet[ProjectAssessment]:
    qs = ProjectAssessment.objects.visible_to(actor).select_related(
        "project", "project__community", "company", "round__street"
    )
    if round_id is not None:
        qs = qs.filter(round_id=round_id)
    qs = narrowed(
        qs,
        status=status,
        year=year,
        quarter=quarter,
        search=search,
        search_in=("project__name", "company__name"),
    )
    return qs.order_by("-year", "-quarter", "project__name", "id")


def assessment_get(*, actor: Actor, pk: int) -> ProjectAssessment:
    found: ProjectAssessment = get_visible(
        ProjectAssessment.objects.select_related(
            "project", "project__community", "company", "round__street", "published_by"
        ).prefetch_related("items"),
        actor,
        pk=pk,
    )
    return found


def evidence_of(*, actor: Actor, assessment: ProjectAssessment) -> QuerySet[AssessmentEvidence]:
    return AssessmentEvidence.objects.visible_to(actor).filter(assessment_id=assessment.pk)


def evidence_get(*, actor: Actor, pk: int) -> AssessmentEvidence:
    found: AssessmentEvidence = get_visible(AssessmentEvidence.objects.all(), actor, pk=pk)
    return found


def history(*, actor: Actor, obj: object) -> object:
    return history_for(actor=actor, obj=obj)  # type: ignore[arg-type]


# --- yearly results -----------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectYearResult:
    """A project's yearly result from its published periods (seed 001 §四(二) 二).

    ``periods`` maps each published period (at ``frequency``: quarters in seed 001) to its
    score out of 100; ``mean`` is their plain mean (two decimals, half up); a period without
    a published result is left out.
    """

    project_id: int
    project_name: str
    company_id: int
    year: int
    frequency: str
    periods: dict[int, Decimal]
    mean: Decimal
    band: str
    explanation: str

    @property
    def period_scores(self) -> list[tuple[str, Decimal]]:
        """(label, score) of each published period: Q1, H2, 07 or the year."""
        return [
            (periods.Period(self.year, n, self.frequency).label, score)
            for n, score in sorted(self.periods.items())
        ]


_HUNDREDTHS = Cast(Round(F("total") * 100), BigIntegerField())
"""A stored total in hundredths of a point, an integer: the column has two decimals, so
this is exact (SQLite keeps such a decimal as a binary float, which the rounding undoes
as Django's own reading of the column does)."""


def _year_results(qs: QuerySet[ProjectAssessment], year: int) -> list[ProjectYearResult]:
    """One query of plain integers and strings (no model instance, ``Decimal`` or
    converter per row), one for every community's profile; the rules core forms each
    year in integers (``year_summary``), each profile's bands and the explanation's words
    read once."""
    query = (
        qs.filter(year=year, status=S.PUBLISHED)
        .order_by("project__name", "company_id", "frequency", "quarter")
        .values_list(
            "project_id",
            "company_id",
            "frequency",
            "quarter",
            _HUNDREDTHS,
            "max_score",
            "project__name",
            "project__community__path",
        )
    )
    try:  # every column is an int or a str on every backend: the rows need no converter
        sql, params = query.query.get_compiler(using=query.db).as_sql()
    except EmptyResultSet:
        return []
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # a profile that changed its frequency within a year gives one result per frequency
    grouped: dict[tuple[int, int, str], list[Any]] = {}
    for project_id, company_id, frequency, period, total, max_score, name, path in rows:
        key = (project_id, company_id, frequency)
        group = grouped.get(key)
        if group is None:
            grouped[key] = group = [name, path]
        group.append((period, total, max_score))
    profiles = effective_profiles({group[1] for group in grouped.values()})
    bands: dict[str, tuple[rules.ResultBand, ...]] = {}
    for path, profile in profiles.items():
        bands[path] = profile.table("assessment_project_bands", rules.ResultBand)
    said = gettext(rules.YEAR_MESSAGE)  # what explain() shows, translated once
    out: list[ProjectYearResult] = []
    for (project_id, company_id, frequency), (name, path, *totals) in grouped.items():
        summary = rules.year_summary(frequency, totals, bands[path])
        out.append(
            ProjectYearResult(
                project_id=project_id,
                project_name=name,
                company_id=company_id,
                year=year,
                frequency=frequency,
                periods=summary.periods,
                mean=summary.mean,
                band=summary.band,
                explanation=said % summary.params,
            )
        )
    return out


def year_results(*, actor: Actor, year: int) -> list[ProjectYearResult]:
    """The yearly results of the projects the actor sees."""
    return _year_results(ProjectAssessment.objects.visible_to(actor), year)


def company_year_results(company_id: int, year: int) -> list[ProjectYearResult]:
    """Yearly results of every project ``company_id`` served in ``year`` (published
    quarters only; published results are public, seed 001 §四(二)): a system read, not
    scoped to an actor. The credit app does not read it: it records each published
    assessment from its event (``credit.handlers``)."""
    return _year_results(ProjectAssessment.objects.filter(company_id=company_id), year)


def companies_year_results(company_ids: list[int], year: int) -> dict[int, list[ProjectYearResult]]:
    """``company_year_results`` for many companies in one query: company id → its
    results (absent when it has none)."""
    out: dict[int, list[ProjectYearResult]] = {}
    rows = ProjectAssessment.objects.filter(company_id__in=company_ids)
    for result in _year_results(rows, year):
        out.setdefault(result.company_id, []).append(result)
    return out


# --- committees ---------------------------------------------------------------------------


def committee_assessment_list(
    *, actor: Actor, year: int | None = None
) -> QuerySet[CommitteeAssessment]:
    qs = CommitteeAssessment.objects.visible_to(actor).select_related(
        "committee", "project", "project__community"
    )
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "project__name", "id")


def committee_assessment_get(*, actor: Actor, pk: int) -> CommitteeAssessment:
    found: CommitteeAssessment = get_visible(
        CommitteeAssessment.objects.select_related("committee", "project").prefetch_related(
            "items"
        ),
        actor,
        pk=pk,
    )
    return found


def band_reason(assessment: ProjectAssessment) -> Explanation | None:
    """Why the assessment has its band: its score against the band floors of the profile
    it was scored under (``assessment_project_bands``; seed 001 §四(二)). ``None`` where
    that profile is no longer shipped or now bands the score otherwise (the stored band
    stands; a reason that contradicts it is not shown)."""
    try:
        profile = get_profile(assessment.profile_id)
    except UnknownProfileError:
        return None
    found = rules.band_for(
        assessment.total,
        assessment.max_score,
        profile.table("assessment_project_bands", rules.ResultBand),
        profile.param("assessment_project_bands").source,
    )
    return found.explanation if found.band == assessment.band else None


def survey_points(
    *, project_id: int, year: int, quarter: int, items: tuple[rules.FormItem, ...]
) -> tuple[str, Decimal, str] | None:
    """The points of the form's satisfaction item from the owners' survey of the quarter.

    Where the profile's form has a ``satisfaction`` item and the project has a published
    satisfaction survey that closed in the quarter (``surveys.selectors.
    quarter_satisfaction``), the item takes the survey's score out of 100 scaled to the
    item's maximum (seed 004 annex: the community surveys owners' satisfaction); the
    assessor's own entry for that item is replaced. Returns (item code, points, reason).
    """
    item = next((i for i in items if i.code == survey_rules.SATISFACTION_ITEM), None)
    if item is None or quarter not in periods.numbers("quarterly") or not 2000 <= year <= 9998:
        return None  # no such item, or a period the form will refuse anyway
    found = surveys.quarter_satisfaction(project_id=project_id, year=year, quarter=quarter)
    if found is None:
        return None
    value, why = survey_rules.assessment_points(
        found.score, item.max_points, closed=found.closed_on.isoformat()
    )
    return item.code, value, explain(why, cite=False)
