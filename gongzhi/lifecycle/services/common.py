"""What the lifecycle services share: the project's profile, dates, the project history
entry, the translated explanation of a rule result, and how a selection, handover or
exit is fetched for the actor and moved through its workflow (:class:`Rows`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.errors import FieldErrors, invalid, require
from gongzhi.core.explain import explain as core_explain
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import Workflow, transition
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.housing.services import project_update
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules.explain import Explanation
from gongzhi.rules.profiles import PolicyProfile

__all__ = [
    "FieldErrors",
    "Rows",
    "as_date",
    "explain",
    "history",
    "invalid",
    "profile_of",
    "project_get",
    "require",
    "required_text",
    "set_serving_company",
    "user_of",
]


M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Rows(Generic[M]):
    """One kind of lifecycle row: fetched for the actor with its relations (absent and
    out of scope alike "not found"), and moved through its workflow by
    :func:`core.workflow.transition`. ``lockable`` are the relations joined when the
    step locks the row: only non-null ones (PostgreSQL refuses FOR UPDATE on the
    nullable side of an outer join)."""

    model: type[M]
    workflow: Workflow
    related: tuple[str, ...]
    lockable: tuple[str, ...]

    def get(self, actor: Actor, pk: Any, *, lock: bool = False) -> M:
        qs = self.model._default_manager.select_related(*self.related)
        if lock:
            qs = qs.select_for_update(of=("self",))
        return get_visible(qs, actor, pk=pk)

    def act(self, actor: Actor, obj: M, action: str, **kwargs: Any) -> M:
        done: M = transition(
            actor=actor,
            workflow=self.workflow,
            queryset=self.model._default_manager.select_related(*self.lockable),  # type: ignore[arg-type]
            pk=obj.pk,
            action=action,
            **kwargs,
        )
        return done


def profile_of(project: Project) -> PolicyProfile:
    """The policy profile of the project's community (its jurisdiction's rules)."""
    return effective_profile(project.community)


def project_get(actor: Actor, project_id: Any) -> Project:
    project: Project = get_visible(
        Project.objects.select_related("community", "company", "developer"), actor, pk=project_id
    )
    return project


def explain(e: Explanation) -> str:
    """A rule's reason in the active language, parameters filled in (coded parameters as
    their labels), through the one renderer (``core.explain``) without its citation."""
    return core_explain(e, cite=False)


def as_date(
    value: Any, field: str, errors: FieldErrors, *, required: bool = True
) -> dt.date | None:
    """A date from a date or an ISO string; collects a translated error on ``field``."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            errors.setdefault(field, []).append(_("Enter a valid date."))
            return None
    if required:
        errors.setdefault(field, []).append(_("This field is required."))
    return None


def required_text(value: Any, field: str, errors: FieldErrors, *, max_length: int = 0) -> str:
    text = str(value or "").strip()
    if not text:
        errors.setdefault(field, []).append(_("This field is required."))
    elif max_length and len(text) > max_length:
        errors.setdefault(field, []).append(_("At most %(n)s characters.") % {"n": max_length})
    return text


# The steps a project's lifecycle history records (``history``), as its readers see them.
STEPS = {
    "selection_opened": _("Selection opened"),
    "negotiation_requested": _("Negotiated selection requested"),
    "negotiation_decided": _("Negotiated selection decided"),
    "selection_evaluated": _("Bids evaluated"),
    "selection_published": _("Selection result published"),
    "selection_put_to_owners": _("Selection put to the owners' vote"),
    "selection_owners_decided": _("Owners' vote on the selection closed"),
    "selection_contracted": _("Service contract made"),
    "handover_opened": _("Handover inspection opened"),
    "handover_started": _("Handover inspection started"),
    "handover_rectification": _("Findings sent for rectification"),
    "handover_signed": _("Handover agreement signed"),
    "handover_published": _("Handover result published to the owners"),
    "handover_filed": _("Handover filed with the bureau"),
    "delivered": _("Homes delivered"),
    "exit_notice": _("Exit notice given"),
    "forced_exit_vote": _("Owners' vote on a forced exit opened"),
    "forced_exit_vote_closed": _("Owners' vote on a forced exit closed"),
    "forced_exit_review": _("Forced exit reviewed jointly"),
    "exit_ordered": _("Exit ordered"),
    "exit_handover_started": _("Exit handover started"),
    "exit_handed_over": _("Exit handover completed"),
    "exit_closed": _("Exit closed"),
}


def history(actor: Actor | None, project: Project, step: str, **data: Any) -> None:
    """An entry in the project's history (its audit trail): which lifecycle step (one of
    :data:`STEPS`), with the ids and dates that matter (seed 000 §24, §12: the steps are
    on record)."""
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        target=project,
        field="lifecycle",
        after={"step": step, **data},
    )


today = clock.today  # the platform's one clock, re-exported for the lifecycle services


def set_serving_company(actor: Actor, project: Project, company: PropertyCompany | None) -> None:
    """Write the project's serving company through the register's own service."""
    project_update(
        actor=actor,
        project_id=project.pk,
        name=project.name,
        community_id=project.community_id,
        category=project.category,
        service_mode=project.service_mode,
        completed_year=project.completed_year,
        total_building_area=project.total_building_area,
        address=project.address,
        company_id=company.pk if company else None,
        developer_uscc=project.developer.uscc if project.developer else "",
        developer_name=project.developer.name if project.developer else "",
    )
