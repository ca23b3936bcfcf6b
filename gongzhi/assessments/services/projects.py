"""Writes of the quarterly project assessment: fill and correct a project's form, attach
evidence, the submit → forward → publish workflow (with the published event), the
street's round-wide forwarding and the bureau's round-wide publication. Seeds 001 §四(二),
003 §五(二)1(7).

Every write is atomic and audited in the same transaction; bad input raises a translated
DomainError naming each bad field and writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.assessments import selectors
from gongzhi.assessments.models import (
    AssessmentEvidence,
    AssessmentRound,
    CommitteeItemScore,
    Frequency,
    ProjectAssessment,
    ProjectItemScore,
)
from gongzhi.assessments.workflow import (
    ASSESSORS,
    EDITABLE,
    PROJECT_FLOW,
    is_official_over,
)
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.attachments import attach
from gongzhi.core.errors import (
    ConflictError,
    DomainError,
    FieldErrors,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.explain import explain
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.events.bus import emit
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Project
from gongzhi.rules import assessments as rules
from gongzhi.rules import periods

PUBLISHED_EVENT = "assessments.project_assessment_published"


def period_errors(
    year: Any, number: Any, errors: FieldErrors, frequency: str = "quarterly"
) -> tuple[int, int]:
    """The year and the period number at ``frequency`` (``rules.periods``), or field errors
    (the form's period field is still called ``quarter``)."""
    today = selectors.today()
    try:
        year_i = int(year)
    except (TypeError, ValueError):
        year_i = 0
    if not 2000 <= year_i <= today.year:
        errors["year"] = [_("Enter a year from 2000 to this year.")]
    try:
        number_i = int(number)
    except (TypeError, ValueError):
        number_i = 0
    count = periods.per_year(frequency)
    if number_i not in periods.numbers(frequency):
        errors["quarter"] = [
            _("Choose a period from 1 to %(count)s (this jurisdiction assesses %(frequency)s).")
            % {"count": count, "frequency": Frequency(frequency).label}
        ]
    elif year_i == today.year and periods.Period(year_i, number_i, frequency).first_day > today:
        errors["quarter"] = [_("This period has not begun yet.")]
    return year_i, number_i


def score_points(
    items: tuple[rules.FormItem, ...], points: Mapping[str, Any], errors: FieldErrors
) -> rules.FormScore | None:
    try:
        return rules.score_form(items, points)
    except rules.FormError as error:
        for code, reason in error.fields.items():
            errors[f"points.{code}"] = [explain(reason, cite=False)]
        return None


def _street_of(project: Project, levels: tuple[str, ...]) -> Jurisdiction:
    """The street (the level above the community in the profile) the project lies in."""
    street_level = levels[-2]
    node = (
        Jurisdiction.objects.filter(pk__in=project.community.ancestor_ids(), level=street_level)
        .order_by("-depth")
        .first()
    )
    if node is None:  # pragma: no cover - jurisdiction_create enforces the levels
        raise DomainError(_("The project's community has no street above it."))
    return node


def item_rows(
    model: type[ProjectItemScore] | type[CommitteeItemScore],
    result: rules.FormScore,
    owner: Any = None,
) -> list[Any]:
    """The scored items of a form as unsaved ``model`` rows, in the form's order, with the
    item's code, labels and maximum copied as they stood when it was scored; ``owner`` is
    the assessment they belong to (the demo sets it after a bulk insert)."""
    return [
        model(
            assessment=owner,
            position=index,
            code=s.item.code,
            label_zh=s.item.label_zh,
            label_en=s.item.label_en,
            max_points=s.item.max_points,
            points=s.points,
        )
        for index, s in enumerate(result.items)
    ]


def save_items(
    model: type[ProjectItemScore] | type[CommitteeItemScore], owner: Any, result: rules.FormScore
) -> None:
    model.objects.bulk_create(item_rows(model, result, owner))


@transaction.atomic
def assessment_create(
    *,
    actor: Actor,
    project_id: Any,
    year: Any,
    quarter: Any,
    points: Mapping[str, Any],
    assessors: str,
    experts: str = "",
    note: str = "",
) -> ProjectAssessment:
    """Fill the periodic form of a project (community or street officer over it).

    One assessment per project × company × period; the period is counted at the profile's
    ``company_assessment_frequency`` (seed 001 §四(二), seed 003 §五(二)1(7): 每季度一次)."""
    if not actor.has_role(*ASSESSORS):
        raise PermissionDeniedError(_("Only community and street officers assess projects."))
    errors: FieldErrors = {}
    project = (
        selectors.assessable_projects(actor=actor)
        .select_for_update()
        .filter(pk=int(project_id) if str(project_id).isdigit() else 0)
        .first()
    )
    if project is None:
        errors["project_id"] = [_("Choose a project in your jurisdiction that a company serves.")]
    # the period counts at the profile's company_assessment_frequency (rules.periods)
    frequency = selectors.company_schedule(project).frequency if project else "quarterly"
    year_i, quarter_i = period_errors(year, quarter, errors, frequency)
    if not str(assessors or "").strip():
        errors["assessors"] = [_("Name who assessed the project.")]
    result = None
    if project is not None:
        profile = selectors.profile_of(project)
        items = profile.table("assessment_project_form", rules.FormItem)
        fed = (
            selectors.survey_points(
                project_id=project.pk, year=year_i, quarter=quarter_i, items=items
            )
            if frequency == "quarterly"  # surveys are matched to quarters
            else None
        )
        if fed is not None:
            points = {**points, fed[0]: str(fed[1])}
            note = f"{note.strip()}\n{fed[2]}".strip()
        result = score_points(items, points, errors)
    if errors or project is None or result is None or project.company_id is None:
        raise invalid(errors)
    if ProjectAssessment.objects.filter(
        project=project,
        company_id=project.company_id,
        year=year_i,
        frequency=frequency,
        quarter=quarter_i,
    ).exists():
        raise ConflictError(
            _("This project already has an assessment of this company for %(period)s.")
            % {"period": periods.Period(year_i, quarter_i, frequency).label},
            fields={"quarter": [_("Already assessed in this period.")]},
        )
    street = _street_of(project, profile.levels)
    round_, _created = AssessmentRound.objects.get_or_create(
        street=street,
        year=year_i,
        frequency=frequency,
        quarter=quarter_i,
        defaults={"node_path": street.path},
    )
    band = rules.band_for(
        result.total, result.max_total, profile.table("assessment_project_bands", rules.ResultBand)
    )
    try:
        with transaction.atomic():
            assessment = ProjectAssessment.objects.create(
                round=round_,
                project=project,
                company_id=project.company_id,
                year=year_i,
                frequency=frequency,
                quarter=quarter_i,
                profile_id=profile.id,
                assessors=assessors.strip(),
                experts=experts.strip(),
                total=result.total,
                max_score=result.max_total,
                band=band.band,
                note=note.strip(),
                node_path=project.node_path,
                created_by=user_of(actor),
            )
    except IntegrityError:  # a concurrent request won the unique constraint
        raise ConflictError(_("Already assessed in this period.")) from None
    save_items(ProjectItemScore, assessment, result)
    audit.record_create(actor, assessment)
    return assessment


@transaction.atomic
def assessment_update(
    *,
    actor: Actor,
    assessment_id: int,
    points: Mapping[str, Any],
    assessors: str | None = None,
    experts: str | None = None,
    note: str | None = None,
) -> ProjectAssessment:
    """Correct a draft or returned assessment: every item is scored again."""
    assessment = get_visible(ProjectAssessment.objects.select_for_update(), actor, pk=assessment_id)
    if not is_official_over(actor, assessment.node_path, *ASSESSORS):
        raise PermissionDeniedError(_("Your role may not do this for this assessment."))
    if assessment.status not in EDITABLE:
        raise ConflictError(_("An assessment can be changed only while it is a draft or returned."))
    errors: FieldErrors = {}
    project = Project.objects.select_related("community").get(pk=assessment.project_id)
    profile = selectors.profile_of(project)
    items = profile.table("assessment_project_form", rules.FormItem)
    fed = (
        selectors.survey_points(
            project_id=project.pk, year=assessment.year, quarter=assessment.quarter, items=items
        )
        if assessment.frequency == "quarterly"
        else None
    )
    if fed is not None:  # the survey's score, not the assessor's entry (see survey_points)
        points = {**points, fed[0]: str(fed[1])}
    result = score_points(items, points, errors)
    if assessors is not None and not assessors.strip():
        errors["assessors"] = [_("Name who assessed the project.")]
    if errors or result is None:
        raise invalid(errors)
    before = audit.snapshot(assessment)
    band = rules.band_for(
        result.total, result.max_total, profile.table("assessment_project_bands", rules.ResultBand)
    )
    ProjectAssessment.objects.filter(pk=assessment.pk).update(
        total=result.total,
        max_score=result.max_total,
        band=band.band,
        profile_id=profile.id,
        assessors=(assessors if assessors is not None else assessment.assessors).strip(),
        experts=(experts if experts is not None else assessment.experts).strip(),
        note=(note if note is not None else assessment.note).strip(),
        updated_at=clock.now(),
    )
    ProjectItemScore.objects.filter(assessment=assessment).delete()
    save_items(ProjectItemScore, assessment, result)
    assessment.refresh_from_db()
    audit.record_update(actor, assessment, before=before)
    return assessment


@transaction.atomic
def evidence_add(
    *, actor: Actor, assessment_id: int, upload: UploadedFile | None
) -> AssessmentEvidence:
    """Attach a photo or document (PDF or image) while the assessment is editable."""
    assessment = get_visible(ProjectAssessment.objects.select_for_update(), actor, pk=assessment_id)
    if not is_official_over(actor, assessment.node_path, *ASSESSORS):
        raise PermissionDeniedError(_("Your role may not do this for this assessment."))
    if assessment.status not in EDITABLE:
        raise ConflictError(
            _("Evidence can be added only while the assessment is a draft or returned.")
        )
    evidence = attach(AssessmentEvidence, actor=actor, upload=upload, assessment=assessment)
    audit.record_attachment(actor=actor, target=assessment, field="evidence", attachment=evidence)
    return evidence


def published_event_data(assessment: ProjectAssessment) -> dict[str, Any]:
    """The data of ``assessments.project_assessment_published`` (docs/architecture.md)."""
    return {
        "assessment_id": assessment.pk,
        "company_id": assessment.company_id,
        "project_id": assessment.project_id,
        "year": assessment.year,
        "frequency": assessment.frequency,
        "period": assessment.quarter,
        "quarter": assessment.quarter,  # the period number (kept for older handlers)
        "score": str(rules.to_points(assessment.total)),
        "max_score": str(rules.to_points(Decimal(assessment.max_score))),
        "band": assessment.band,
    }


@transaction.atomic
def assessment_act(
    *, actor: Actor, assessment_id: int, action: str, note: str = ""
) -> ProjectAssessment:
    """Apply ``submit``, ``forward``, ``return`` or ``publish``; publication emits
    ``assessments.project_assessment_published`` in the same transaction."""
    now = clock.now()
    table: dict[str, dict[str, Any]] = {
        "submit": {"submitted_at": now, "return_note": ""},
        "forward": {"forwarded_at": now},
        "return": {"return_note": note.strip()},
        "publish": {"published_at": now, "published_by": user_of(actor)},
    }
    changes = dict(table.get(action, {}))
    assessment: ProjectAssessment = transition(
        actor=actor,
        workflow=PROJECT_FLOW,
        queryset=ProjectAssessment.objects.all(),
        pk=assessment_id,
        action=action,
        changes=changes,
        note=note,
    )
    if action == "publish":
        emit(
            PUBLISHED_EVENT,
            subject=assessment,
            data=published_event_data(assessment),
            node_path=assessment.node_path,
            actor=user_of(actor),
        )
    return assessment


def _round_act(*, actor: Actor, round_id: int, source: str, action: str, role: str) -> int:
    round_ = get_visible(AssessmentRound.objects.all(), actor, pk=round_id)
    if not is_official_over(actor, round_.node_path, role):
        raise PermissionDeniedError(_("Your role may not do this for this round."))
    ids = list(
        ProjectAssessment.objects.visible_to(actor)
        .filter(round=round_, status=source)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    if not ids:
        raise ConflictError(_("No assessment of this round is waiting for this step."))
    for pk in ids:
        assessment_act(actor=actor, assessment_id=pk, action=action)
    return len(ids)


@transaction.atomic
def round_forward(*, actor: Actor, round_id: int) -> int:
    """The street forwards every submitted assessment of its round to the bureau
    (seed 003 §五(二)1(7): 社区考核结果由街道办汇总后报区住房城乡建设局); returns how many."""
    return _round_act(
        actor=actor,
        round_id=round_id,
        source=ProjectAssessment.Status.SUBMITTED,
        action="forward",
        role=Role.STREET_OFFICER,
    )


@transaction.atomic
def round_publish(*, actor: Actor, round_id: int) -> int:
    """The bureau publishes every forwarded assessment of a round (seed 001 §四(二):
    向社会公布); returns how many."""
    return _round_act(
        actor=actor,
        round_id=round_id,
        source=ProjectAssessment.Status.FORWARDED,
        action="publish",
        role=Role.BUREAU,
    )
