"""Reads of the owners' organisation, always scoped to the actor.

The flags are computed by the database on every read, never stored:

* **residents' committee acting** (seed 000 §21): a current committee whose active members
  (``left_on`` empty) are fewer than half of its seats — ``2 × active < seats``, so 5
  seats with 3 active is not acting, with 2 it is; 6 seats with 3 active is not (not
  *fewer* than half).
* **term ending**: a current committee whose term has ended, or ends within
  ``TERM_WARNING_DAYS`` (the committee must prepare its re-election in time; seed 001
  §三(四)2 lets the residents' committee act once the term has run out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)

from gongzhi.audit.models import AuditEntry
from gongzhi.core import clock
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.workflow import Transition
from gongzhi.registry.governance.workflow import CREATES_COMMITTEE, EDITOR_ROLES, FILER_ROLES
from gongzhi.registry.governance.workflow import FORMATION as FORMATION_WORKFLOW
from gongzhi.registry.models import CommitteeMember, Owner, OwnersCommittee, Project

TERM_WARNING_DAYS = 90

TERM_ENDED = "ended"
TERM_ENDING = "ending"


def with_flags(qs: QuerySet[OwnersCommittee], today: dt.date | None = None) -> QuerySet:
    """Annotate ``active_members``, ``party_members``, ``acting`` (residents' committee
    acting, 000 §21) and ``term_state`` ("ended" / "ending" / "") in one query."""
    today = today or clock.today()
    warn = today + dt.timedelta(days=TERM_WARNING_DAYS)
    return qs.annotate(
        active_members=Count("members", filter=Q(members__left_on__isnull=True)),
        party_members=Count(
            "members", filter=Q(members__left_on__isnull=True, members__party_member=True)
        ),
    ).annotate(
        acting=Case(
            When(Q(is_current=True) & Q(seats__gt=F("active_members") * 2), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        term_state=Case(
            When(Q(is_current=True) & Q(term_end__lt=today), then=Value(TERM_ENDED)),
            When(Q(is_current=True) & Q(term_end__lte=warn), then=Value(TERM_ENDING)),
            default=Value(""),
            output_field=CharField(),
        ),
    )


@dataclass(frozen=True)
class CommitteeFilters:
    search: str = ""
    filed: str = ""  # "yes" / "no"
    kind: str = ""
    acting: bool = False
    expiring: bool = False
    current: str = "yes"  # "yes" / "no" / "" (all)


def committee_list(
    *, actor: Actor, filters: CommitteeFilters | None = None, today: dt.date | None = None
) -> QuerySet[OwnersCommittee]:
    """The committees the actor sees, flagged; unfiled ones are the street's to-do list
    (003 §五(二)1(1)); ``acting`` lists projects where the residents' committee acts."""
    f = filters or CommitteeFilters()
    qs = OwnersCommittee.objects.visible_to(actor).select_related("project", "project__community")
    if f.search:
        qs = qs.filter(
            Q(project__name__icontains=f.search) | Q(project__address__icontains=f.search)
        )
    if f.filed == "yes":
        qs = qs.filter(filed_at__isnull=False)
    elif f.filed == "no":
        qs = qs.filter(filed_at__isnull=True)
    if f.kind in OwnersCommittee.Kind.values:
        qs = qs.filter(kind=f.kind)
    if f.current == "yes":
        qs = qs.filter(is_current=True)
    elif f.current == "no":
        qs = qs.filter(is_current=False)
    qs = with_flags(qs, today)
    if f.acting:
        qs = qs.filter(acting=True)
    if f.expiring:
        qs = qs.exclude(term_state="")
    return qs.order_by("project__node_path", "project__name", "-term_start", "-id")


def project_get(*, actor: Actor, pk: int) -> Project:
    """The project whose owners' organisation is read or recorded (absent and not visible
    look the same). Governance reads the register's models only: the project page of
    ``registry.housing`` shows this package's section, never the reverse."""
    project: Project = get_visible(Project.objects.all(), actor, pk=pk)
    return project


def committee_get(*, actor: Actor, pk: int) -> OwnersCommittee:
    return get_visible(
        with_flags(OwnersCommittee.objects.select_related("project", "project__community")),
        actor,
        pk=pk,
    )


def committee_members(
    *, actor: Actor, committee: OwnersCommittee, include_left: bool = True
) -> QuerySet[CommitteeMember]:
    """Members in order chair, vice chairs, members; those who left last."""
    qs = CommitteeMember.objects.visible_to(actor).filter(committee=committee)
    if not include_left:
        qs = qs.filter(left_on__isnull=True)
    order = Case(
        When(position=CommitteeMember.Position.CHAIR, then=Value(0)),
        When(position=CommitteeMember.Position.VICE_CHAIR, then=Value(1)),
        default=Value(2),
    )
    return qs.annotate(rank=order).order_by(F("left_on").asc(nulls_first=True), "rank", "id")


def committee_history(*, actor: Actor, committee: OwnersCommittee, limit: int = 100) -> Any:
    """Audited changes of the committee and its members, for officials of its subtree
    (other roles see none), newest first."""
    if not (actor.is_platform_admin or any(True for _ in actor.grants_of("node"))):
        return AuditEntry.objects.none()
    member_ids = [str(pk) for pk in committee.members.values_list("pk", flat=True)]
    return (
        AuditEntry.objects.visible_to(actor)
        .filter(
            Q(target_type=OwnersCommittee._meta.label, target_id=str(committee.pk))
            | Q(target_type=CommitteeMember._meta.label, target_id__in=member_ids)
        )
        .order_by("-at", "-id")[:limit]
    )


def owner_choices(*, actor: Actor, committee: OwnersCommittee) -> QuerySet[Owner]:
    """Owners of the committee's project who could join it (not active members)."""
    active = committee.members.filter(left_on__isnull=True).values("owner_id")
    return (
        Owner.objects.visible_to(actor)
        .filter(ownerships__part__project_id=committee.project_id)
        .exclude(pk__in=active)
        .distinct()
        .order_by("name", "id")
    )


def my_committees(*, actor: Actor) -> QuerySet[OwnersCommittee]:
    """Current committees of the projects where the actor owns a part or sits as a
    committee member (their own project only)."""
    qs = OwnersCommittee.objects.visible_to(actor.with_grant_kinds("owner", "project"))
    return with_flags(
        qs.filter(is_current=True).select_related("project", "project__community")
    ).prefetch_related(
        Prefetch(
            "members",
            queryset=CommitteeMember.objects.filter(left_on__isnull=True).order_by(
                Case(
                    When(position=CommitteeMember.Position.CHAIR, then=Value(0)),
                    When(position=CommitteeMember.Position.VICE_CHAIR, then=Value(1)),
                    default=Value(2),
                ),
                "id",
            ),
            to_attr="active_list",
        )
    )


def can_edit(actor: Actor, project: Project) -> bool:
    """Street/community officers of the project's subtree (and the administrator)."""
    return _official_reaches(actor, project, EDITOR_ROLES)


def can_file(actor: Actor, project: Project) -> bool:
    """Street officers of the project's street or the bureau (003 §五(二)1(1))."""
    return _official_reaches(actor, project, FILER_ROLES)


def _official_reaches(actor: Actor, project: Project, roles: frozenset[str]) -> bool:
    if actor.is_platform_admin:
        return True
    return any(
        g.role in roles and g.node_path and project.node_path.startswith(g.node_path)
        for g in actor.grants_of("node")
    )


@dataclass
class ProjectGovernance:
    """Everything the "owners' organisation" section of a project page shows."""

    project: Project
    formation: str
    formation_label: str
    formation_since: dt.date | None
    committee: OwnersCommittee | None
    members: list[CommitteeMember] = field(default_factory=list)
    actions: list[Transition] = field(default_factory=list)
    can_edit: bool = False
    can_file: bool = False
    creates_committee: frozenset[str] = frozenset(CREATES_COMMITTEE)


def project_governance(*, actor: Actor, project: Project) -> ProjectGovernance:
    """The project's owners' organisation as the actor may see it: formation state and
    date, the current committee with its flags and active members, and the formation
    actions the actor may record. ``project`` must come from a scoped selector."""
    committee = (
        with_flags(OwnersCommittee.objects.visible_to(actor).filter(project=project))
        .filter(is_current=True)
        .first()
    )
    members = (
        list(committee_members(actor=actor, committee=committee, include_left=False))
        if committee
        else []
    )
    editable = can_edit(actor, project)
    return ProjectGovernance(
        project=project,
        formation=project.formation,
        formation_label=str(project.get_formation_display()),
        formation_since=project.formation_changed_on,
        committee=committee,
        members=members,
        actions=FORMATION_WORKFLOW.available(project, actor) if editable else [],
        can_edit=editable,
        can_file=can_file(actor, project),
    )
