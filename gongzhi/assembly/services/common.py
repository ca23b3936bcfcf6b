"""What the assembly writes share: the profile of a project, the officials' check, the
text of a rule's explanation for an error message."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.explain import cited, explain
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project
from gongzhi.rules.explain import Explanation
from gongzhi.rules.profiles import PolicyProfile

OFFICIALS = (Role.STREET_OFFICER, Role.COMMUNITY_OFFICER)


def profile_of(project: Project) -> PolicyProfile:
    return effective_profile(project.community)


def text(explanation: Explanation) -> str:
    """The explanation in the active language, with its citation."""
    body = explain(explanation, cite=False)
    return f"{body} ({cited(explanation.citation)})" if explanation.citation else body


def official_over(actor: Actor, project: Project) -> bool:
    """A street or community officer whose area holds the project (or the platform)."""
    return actor.is_platform_admin or any(
        g.role in OFFICIALS and project.node_path.startswith(g.node_path or "~")
        for g in actor.grants_of("node")
    )


def project_for_official(actor: Actor, project_id: Any) -> Project:
    """The project the actor organises: absent or out of scope → not found; visible but
    not a street/community officer over it → forbidden."""
    project: Project = get_visible(
        Project.objects.select_related("community"), actor, pk=project_id
    )
    if not official_over(actor, project):
        raise PermissionDeniedError(_("Only the street or community over the project may do this."))
    return project


def committee_member_of(actor: Actor, project_id: int) -> bool:
    return actor.is_platform_admin or any(
        g.role == Role.COMMITTEE_MEMBER and g.project_id == project_id
        for g in actor.grants_of("project")
    )
