"""Reads of mediation cases, scoped to the actor: the list, one case with its parties,
sessions, escalations and documents, and the actions the actor may take on it."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from gongzhi.audit.models import AuditEntry
from gongzhi.audit.selectors import history_for
from gongzhi.complaints.models import Complaint
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.workflow import Transition
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.mediation.models import MediationCase, MediationDocument
from gongzhi.mediation.workflow import available_actions, chain, next_level
from gongzhi.registry.models import Project


def case_list(
    *, actor: Actor, status: str = "", level: str = "", search: str = ""
) -> QuerySet[MediationCase]:
    qs = MediationCase.objects.visible_to(actor).select_related(
        "project", "project__community", "level_node"
    )
    qs = narrowed(
        qs, status=status, level=level, search=search, search_in=("subject", "project__name")
    )
    return qs.annotate(n_sessions=Count("sessions")).order_by("-created_at", "-id")


def case_get(*, actor: Actor, pk: int) -> MediationCase:
    return get_visible(
        MediationCase.objects.select_related(
            "project", "project__community", "project__company", "level_node", "complaint"
        ).prefetch_related("parties", "sessions", "escalations"),
        actor,
        pk=pk,
    )


def level_chain(case: MediationCase) -> tuple[str, ...]:
    """The case's mediation levels, bottom-up, from its project's profile."""
    return chain(effective_profile(case.project.community).levels)


def actions_for(case: MediationCase, actor: Actor) -> list[Transition]:
    """The buttons: the actor's available actions, without escalation at the top level."""
    top = next_level(effective_profile(case.project.community).levels, case.level) is None
    return [t for t in available_actions(case, actor) if not (top and t.action == "escalate")]


def documents(*, actor: Actor, case: MediationCase) -> QuerySet[MediationDocument]:
    return MediationDocument.objects.visible_to(actor).filter(case_id=case.pk)


def document_get(*, actor: Actor, pk: int) -> MediationDocument:
    return get_visible(MediationDocument.objects.all(), actor, pk=pk)


def history(*, actor: Actor, case: MediationCase) -> QuerySet[AuditEntry]:
    return history_for(actor=actor, obj=case)


def complaints_for(*, actor: Actor, project: Project) -> QuerySet[Complaint]:
    """Complaints about ``project`` the actor sees: a case may start from one."""
    return Complaint.objects.visible_to(actor).filter(project=project).order_by("-id")


def projects_for(*, actor: Actor) -> QuerySet[Project]:
    return Project.objects.visible_to(actor).select_related("community").order_by("name")
