"""Reads of old-project services, subsidy applications and company rewards, scoped to the
actor."""

from __future__ import annotations

from django.db.models import QuerySet, Sum

from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.workflow import Transition
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.oldprojects.models import CompanyReward, OldProjectService, SubsidyApplication
from gongzhi.oldprojects.workflow import REWARD_FLOW, SUBSIDY_FLOW
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


def old_project_get(*, actor: Actor, pk: int) -> Project:
    """One old residential area the actor sees; absent, not old or not visible: not found."""
    found: Project = get_visible(
        Project.objects.filter(category=Project.Category.OLD).select_related(
            "community", "company"
        ),
        actor,
        pk=pk,
    )
    return found


def service_list(*, actor: Actor, mode: str = "") -> QuerySet[OldProjectService]:
    qs = OldProjectService.objects.visible_to(actor).select_related(
        "project", "project__community", "company"
    )
    if mode:
        qs = qs.filter(mode=mode)
    return qs.order_by("project__name")


def service_get(*, actor: Actor, pk: int) -> OldProjectService:
    return get_visible(OldProjectService.objects.select_related("project", "company"), actor, pk=pk)


def subsidy_list(
    *, actor: Actor, status: str = "", year: int | None = None
) -> QuerySet[SubsidyApplication]:
    qs = SubsidyApplication.objects.visible_to(actor).select_related(
        "project", "project__community", "company"
    )
    return narrowed(qs, status=status, year=year).order_by("-year", "-month_from", "-id")


def subsidy_get(*, actor: Actor, pk: int) -> SubsidyApplication:
    return get_visible(
        SubsidyApplication.objects.select_related("project", "company", "journal_entry"),
        actor,
        pk=pk,
    )


def subsidy_actions(*, actor: Actor, application: SubsidyApplication) -> list[Transition]:
    return SUBSIDY_FLOW.available(application, actor)


def reward_list(
    *, actor: Actor, status: str = "", year: int | None = None
) -> QuerySet[CompanyReward]:
    qs = CompanyReward.objects.visible_to(actor).select_related("company")
    return narrowed(qs, status=status, year=year).order_by("-year", "-id")


def reward_get(*, actor: Actor, pk: int) -> CompanyReward:
    return get_visible(
        CompanyReward.objects.select_related("company", "journal_entry"), actor, pk=pk
    )


def reward_actions(*, actor: Actor, reward: CompanyReward) -> list[Transition]:
    return REWARD_FLOW.available(reward, actor)


def rewarded_in_year(company_id: int, year: int) -> int:
    """Fen of the company's rewards of ``year`` not withdrawn: the cap's running total of
    seed 001 §三(三)3(3). A system read (the cap is per company, every district counted)."""
    qs = CompanyReward.objects.filter(company_id=company_id, year=year).exclude(
        status=CompanyReward.Status.WITHDRAWN
    )
    return int(qs.aggregate(total=Sum("amount_fen"))["total"] or 0)


def subsidy_range(project: Project) -> rules.SubsidyRange | None:
    """The profile's subsidy rate range for the project (None: no subsidy)."""
    return rules.subsidy_range(profile_of(project))
