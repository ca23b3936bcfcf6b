"""The random inspection plan (双随机: projects and inspectors drawn at random) in which the
profile's sampling ratio per grade applies (seed 003 §六(二): D-grade companies' projects
are inspected at a high share; 003 §五(二)1(7): credit sets the supervision frequency).

The seed is recorded with the plan; drawing again with the same seed over the same
projects, inspectors and grades gives the same plan (``rules.credit.draw_inspections``).
"""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Membership, Role
from gongzhi.audit import services as audit
from gongzhi.core.clock import today
from gongzhi.core.errors import FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.explain import stored
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.credit.models import CreditScore, InspectionItem, InspectionPlan
from gongzhi.credit.services.scores import scores_recompute
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project
from gongzhi.rules import credit as rules

INSPECTOR_ROLES = (Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER)


def new_seed() -> str:
    return secrets.token_hex(4)


def plan_inputs(node: Jurisdiction, year: int) -> tuple[list[rules.Candidate], list[int]]:
    """The projects served by a company in the area, with the company's grade of ``year``,
    and the officials of the area who may inspect."""
    projects = list(
        Project.objects.filter(node_path__startswith=node.path, company__isnull=False).values_list(
            "pk", "company_id"
        )
    )
    company_ids = {company_id for _pk, company_id in projects}
    grades = dict(
        CreditScore.objects.filter(year=year, company_id__in=company_ids).values_list(
            "company_id", "grade"
        )
    )
    missing = company_ids - set(grades)
    if missing:
        scores_recompute(actor=None, year=year, company_ids=missing)
        grades.update(
            CreditScore.objects.filter(year=year, company_id__in=missing).values_list(
                "company_id", "grade"
            )
        )
    inspectors = list(
        Membership.objects.filter(
            is_active=True, role__in=INSPECTOR_ROLES, node__path__startswith=node.path
        )
        .values_list("user_id", flat=True)
        .distinct()
    )
    return [rules.Candidate(pk, grades[company_id]) for pk, company_id in projects], inspectors


@transaction.atomic
def inspection_draw(
    *, actor: Actor, node_id: int, seed: str = "", year: int | None = None, per_project: int = 2
) -> InspectionPlan:
    """Draw and record a plan for the area ``node_id`` (the actor's own or below)."""
    if not actor.has_role(*INSPECTOR_ROLES[:2]):
        raise PermissionDeniedError(_("Only the bureau or a street officer may draw a plan."))
    node: Jurisdiction = get_visible(Jurisdiction.objects.all(), actor, pk=node_id)
    seed = (seed or "").strip() or new_seed()
    errors: FieldErrors = {}
    if len(seed) > 64:
        errors["seed"] = [_("A seed has at most 64 characters.")]
    if not 1 <= per_project <= 5:
        errors["per_project"] = [_("Choose 1 to 5 inspectors per project.")]
    if errors:
        raise invalid(errors)
    year = year or today().year
    profile = effective_profile(node)
    ratios = rules.inspection_ratios(profile)
    candidates, inspectors = plan_inputs(node, year)
    if not inspectors:
        raise invalid({"node_id": [_("No officials of this area can be drawn as inspectors.")]})
    plan_value = rules.draw_inspections(
        seed=seed,
        candidates=candidates,
        inspectors=inspectors,
        ratios=ratios,
        per_project=per_project,
        citation=profile.param("credit_inspection_ratios").source,
    )
    plan = InspectionPlan.objects.create(
        node=node,
        node_path=node.path,
        year=year,
        seed=seed,
        ratios={grade: str(ratio) for grade, ratio in ratios.items()},
        profile_id=profile.id,
        explanation=stored(plan_value.explanation),
        drawn_by=user_of(actor),
    )
    companies = dict(
        Project.objects.filter(pk__in=[i.ref for i in plan_value.items]).values_list(
            "pk", "company_id"
        )
    )
    for drawn in plan_value.items:
        item = InspectionItem.objects.create(
            plan=plan, project_id=drawn.ref, company_id=companies[drawn.ref], grade=drawn.grade
        )
        item.inspectors.set(drawn.inspectors)
    audit.record_create(actor, plan)
    return plan
