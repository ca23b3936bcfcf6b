"""Reads of old-project services and subsidy applications, scoped to the actor."""

from __future__ import annotations

from django.db.models import QuerySet, Sum

from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.workflow import Transition
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.oldprojects.models import OldProjectService, SubsidyApplication
from gongzhi.oldprojects.workflow import SUBSIDY_FLOW
from gongzhi.registry.models import Project
from gongzhi.rules import oldprojects as rules
from gongzhi.rules.profiles import PolicyProfile

S = SubsidyApplication.Status


def profile_of(project: Project) -> PolicyProfile:
    return effective_profile(project.community)


def old_projects(*, actor: Actor) -> QuerySet[Project]:
    """Old residential areas the actor sees (category ``old``)."""
    return (
        Project.objects.visible_to(actor)
        .filter(category=Project.Category.OLD)
        .select_related("community", "company")
        .order_by("name")
    )


def service_list(*, actor: Actor, mode: str = "") -> QuerySet[OldProjectService]:
    qs = OldProjectService.objects.visible_to(actor).select_related(
        "project", "project__community", "company"
    )
    if mode:
        qs = qs.filter(mode=mode)
    return qs.order_by("project__name")


def service_get(*, actor: Actor, pk: int) -> OldProjectService:
    found: OldProjectService = get_visible(
        OldProjectService.objects.select_related("project", "company"), actor, pk=pk
    )
    return found


def subsidy_list(
    *, actor: Actor, status: str = "", year: int | None = None
) -> QuerySet[SubsidyApplication]:
    qs = SubsidyApplication.objects.visible_to(actor).select_related(
        "project", "project__community", "company"
    )
    if status:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(year=year)
    return qs.order_by("-year", "-month_from", "-id")


def subsidy_get(*, actor: Actor, pk: int) -> SubsidyApplication:
    found: SubsidyApplication = get_visible(
        SubsidyApplication.objects.select_related("project", "company", "journal_entry"),
        actor,
        pk=pk,
    )
    return found


def subsidy_actions(*, actor: Actor, application: SubsidyApplication) -> list[Transition]:
    return SUBSIDY_FLOW.available(application, actor)


def granted_in_year(company_id: int, year: int, *, exclude_id: int | None = None) -> int:
    """Fen granted to the company in ``year`` (approved or paid): the cap's running total.
    A system read (the cap counts every street's grants, not only the caller's)."""
    qs = SubsidyApplication.objects.filter(
        company_id=company_id, year=year, status__in=(S.APPROVED, S.PAID)
    )
    if exclude_id is not None:
        qs = qs.exclude(pk=exclude_id)
    return int(qs.aggregate(total=Sum("amount_fen"))["total"] or 0)


def subsidy_range(project: Project) -> rules.SubsidyRange | None:
    """The profile's rate range and yearly cap for the project (None: no subsidy)."""
    return rules.subsidy_range(profile_of(project))
