"""Reads of property-service contracts, scoped to the actor; filing deadlines and the
overdue list (seed 004 §8). Deadlines are computed, never stored: they follow the policy
profile and the holiday schedule in force, both of which may change after signing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet

from gongzhi.audit.selectors import history_for
from gongzhi.contracts.models import ContractAttachment, ServiceContract
from gongzhi.contracts.rules import FilingDeadline, deadline_from_profile
from gongzhi.core import clock
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.holidays.selectors import holiday_schedule
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project, PropertyCompany, StreetReport
from gongzhi.rules.profiles import PolicyProfile, get_profile
from gongzhi.rules.workdays import HolidaySchedule

S = ServiceContract.Status


def contract_list(
    *,
    actor: Actor,
    search: str = "",
    status: str = "",
    kind: str = "",
    overdue: bool = False,
) -> QuerySet[ServiceContract]:
    qs = ServiceContract.objects.visible_to(actor).select_related(
        "project", "project__community", "company"
    )
    qs = narrowed(
        qs, status=status, kind=kind, search=search, search_in=("project__name", "company__name")
    )
    if overdue:
        qs = qs.filter(pk__in=overdue_ids(actor=actor))
    return qs.order_by("-signed_on", "-id")


def contract_get(*, actor: Actor, pk: int) -> ServiceContract:
    return get_visible(
        ServiceContract.objects.select_related(
            "project", "project__community", "company", "street_reviewed_by", "filed_by"
        ),
        actor,
        pk=pk,
    )


def contract_attachments(
    *, actor: Actor, contract: ServiceContract
) -> QuerySet[ContractAttachment]:
    return (
        ContractAttachment.objects.visible_to(actor)
        .filter(contract_id=contract.pk)
        .select_related("uploaded_by")
        .order_by("kind", "id")
    )


def attachment_get(*, actor: Actor, pk: int) -> ContractAttachment:
    return get_visible(ContractAttachment.objects.select_related("contract"), actor, pk=pk)


def contract_history(*, actor: Actor, contract: ServiceContract) -> object:
    return history_for(actor=actor, obj=contract)


# --- drafting ----------------------------------------------------------------------------


def draftable_projects(*, company: PropertyCompany) -> QuerySet[Project]:
    """Projects the company may draft a contract for (docs/domains/contracts.md):

    * a project the company already serves (``Project.company``), any kind of contract;
    * for a preliminary contract only: a new commercial project in the register that no
      company serves yet, in a street the company has reported to (seed 000 §11 报街道).
    """
    street_paths = list(
        StreetReport.objects.filter(company_id=company.pk).values_list("street__path", flat=True)
    )
    unassigned = Q(pk__in=[])
    for path in street_paths:
        unassigned |= Q(node_path__startswith=path)
    return (
        Project.objects.filter(
            Q(company_id=company.pk)
            | (Q(company__isnull=True, category=Project.Category.NEW) & unassigned)
        )
        .select_related("community")
        .order_by("name")
    )


def project_allows(project: Project, company: PropertyCompany, kind: str) -> bool:
    if project.company_id == company.pk:
        return True
    return kind == ServiceContract.Kind.PRELIMINARY and project.company_id is None


# --- filing deadlines --------------------------------------------------------------------


def profiles_for(communities: Iterable[Jurisdiction]) -> dict[int, PolicyProfile]:
    """The effective profile of each community, in one query for any number of them.

    Same resolution as ``jurisdictions.selectors.effective_profile_id``: the node's own
    profile, else its nearest ancestor's, else the configured default."""
    nodes = {c.pk: c for c in communities}
    ancestor_ids = {i for c in nodes.values() for i in c.ancestor_ids()}
    named = dict(
        Jurisdiction.objects.filter(pk__in=ancestor_ids)
        .exclude(profile_id="")
        .values_list("pk", "profile_id")
    )
    out: dict[int, PolicyProfile] = {}
    for pk, node in nodes.items():
        chain = [node.pk, *reversed(node.ancestor_ids())]
        profile_id = node.profile_id or next(
            (named[i] for i in chain if i in named), settings.GONGZHI_DEFAULT_PROFILE
        )
        out[pk] = get_profile(profile_id)
    return out


def contract_deadline(contract: ServiceContract) -> FilingDeadline:
    """The filing deadline of one contract under its community's profile (seed 004 §8)."""
    return deadline_from_profile(contract.signed_on, effective_profile(contract.project.community))


def deadlines_for(contracts: Iterable[ServiceContract]) -> dict[int, FilingDeadline]:
    """Deadlines of many contracts (``project__community`` selected): one query in all."""
    rows = list(contracts)
    profiles = profiles_for(c.project.community for c in rows)
    cache: dict[tuple[str, dt.date], FilingDeadline] = {}
    out: dict[int, FilingDeadline] = {}
    schedule: HolidaySchedule | None = None  # read once, when a profile sets a deadline
    for c in rows:
        profile = profiles[c.project.community_id]
        key = (profile.id, c.signed_on)
        if key not in cache:
            if schedule is None and profile.optional_int("contract_filing_days") is not None:
                schedule = holiday_schedule()
            cache[key] = deadline_from_profile(c.signed_on, profile, schedule)
        out[c.pk] = cache[key]
    return out


def overdue_ids(*, actor: Actor, on: dt.date | None = None) -> list[int]:
    """Visible contracts not filed whose filing deadline has passed."""
    day = on or clock.today()
    candidates = (
        ServiceContract.objects.visible_to(actor)
        .exclude(status=S.FILED)
        .filter(signed_on__lt=day)
        .select_related("project__community")
    )
    deadlines = deadlines_for(candidates)
    return [pk for pk, d in deadlines.items() if d.overdue(filed=False, today=day)]


@dataclass(frozen=True)
class OverdueCounts:
    total: int
    by_status: dict[str, int]


def overdue_counts(*, actor: Actor, ids: list[int]) -> OverdueCounts:
    rows = (
        ServiceContract.objects.visible_to(actor)
        .filter(pk__in=ids)
        .values("status")
        .annotate(n=Count("id"))
    )
    by_status = {r["status"]: r["n"] for r in rows}
    return OverdueCounts(total=sum(by_status.values()), by_status=by_status)
