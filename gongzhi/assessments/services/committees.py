"""Writes of the yearly committee assessment (seed 001 §四(一)): the street scores an
owners' committee or property-management committee, the result and the member subsidy it
allows follow from the profile; then the street decides it. Atomic and audited."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.assessments import selectors
from gongzhi.assessments.models import (
    CommitteeAssessment,
    CommitteeItemScore,
)
from gongzhi.assessments.services.projects import period_errors, save_items, score_points
from gongzhi.assessments.workflow import (
    COMMITTEE_FLOW,
    is_official_over,
)
from gongzhi.audit import services as audit
from gongzhi.core.clock import now
from gongzhi.core.errors import ConflictError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, user_of
from gongzhi.core.workflow import transition
from gongzhi.registry.models import OwnersCommittee
from gongzhi.rules import assessments as rules
from gongzhi.rules import periods


@transaction.atomic
def committee_assessment_create(
    *,
    actor: Actor,
    committee_id: Any,
    year: Any,
    points: Mapping[str, Any],
    note: str = "",
    period: Any = None,
) -> CommitteeAssessment:
    """The street's assessment of a committee (seed 001 §四(一): yearly), with the result
    and the member subsidy it allows (profile: pass score and monthly cap). The period is
    counted at the profile's ``committee_assessment_frequency``; ``period`` may be left out
    for a yearly assessment."""
    if not actor.has_role(Role.STREET_OFFICER):
        raise PermissionDeniedError(_("Only street officers assess committees."))
    errors: FieldErrors = {}
    committee = (
        OwnersCommittee.objects.visible_to(actor)
        .select_related("project__community")
        .filter(pk=int(committee_id) if str(committee_id).isdigit() else 0)
        .first()
    )
    if committee is None or not is_official_over(
        actor, committee.project.node_path, Role.STREET_OFFICER
    ):
        errors["committee_id"] = [_("Choose a committee in your street.")]
        committee = None
    frequency = selectors.committee_schedule(committee).frequency if committee else "yearly"
    if period in (None, "") and frequency == "yearly":
        period = 1
    year_i, period_i = period_errors(year, period, errors, frequency)
    if "quarter" in errors:
        errors["period"] = errors.pop("quarter")
    result = None
    if committee is not None:
        profile = selectors.profile_of(committee.project)
        result = score_points(
            profile.table("assessment_committee_form", rules.FormItem), points, errors
        )
    if errors or committee is None or result is None:
        raise invalid(errors)
    if CommitteeAssessment.objects.filter(
        committee=committee, year=year_i, frequency=frequency, period=period_i
    ).exists():
        raise ConflictError(
            _("This committee has already been assessed for %(year)s.")
            % {"year": periods.Period(year_i, period_i, frequency).label},
            fields={"year": [_("Already assessed for this year.")]},
        )
    pass_score = profile.int_value("assessment_committee_pass_score")
    outcome = rules.committee_result(
        result.total,
        result.max_total,
        pass_score=pass_score,
        subsidy_cap_fen=profile.optional_fen("committee_member_subsidy_cap_yuan_per_month"),
    )
    try:
        with transaction.atomic():
            assessment = CommitteeAssessment.objects.create(
                committee=committee,
                project=committee.project,
                year=year_i,
                frequency=frequency,
                period=period_i,
                profile_id=profile.id,
                total=result.total,
                max_score=result.max_total,
                pass_score=pass_score,
                passed=outcome.passed,
                subsidy_eligible=outcome.subsidy_eligible,
                subsidy_cap_fen=outcome.subsidy_cap_fen,
                note=note.strip(),
                node_path=committee.project.node_path,
                created_by=user_of(actor),
            )
    except IntegrityError:
        raise ConflictError(_("Already assessed for this year.")) from None
    save_items(CommitteeItemScore, assessment, result)
    audit.record_create(actor, assessment)
    return assessment


def committee_assessment_decide(*, actor: Actor, assessment_id: int) -> CommitteeAssessment:
    """Make the committee's result final (the street)."""
    decided: CommitteeAssessment = transition(
        actor=actor,
        workflow=COMMITTEE_FLOW,
        queryset=CommitteeAssessment.objects.all(),
        pk=assessment_id,
        action="decide",
        changes={"decided_at": now()},
    )
    return decided
