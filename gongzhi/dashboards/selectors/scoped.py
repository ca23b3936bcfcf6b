"""The place a dashboard looks at (a node, or a project of a community) and every
row set a figure counts, read through ``visible_to(actor)`` and cut to the place."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.assessments.models import ProjectAssessment
from gongzhi.complaints import stats
from gongzhi.complaints.models import Complaint
from gongzhi.complaints.workflow import OPEN_STATES
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.selectors import overdue_ids
from gongzhi.core.errors import NotFoundError
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.credit.models import Blacklisting, CreditScore
from gongzhi.funds.models import Account, TopUpNotice
from gongzhi.funds.models.ledger import Fund
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.registry.models import Project

SEGMENT = stats.SEGMENT
TOP = 10

# Coverage of property service (seed 000 §3): a project is served by a company, managed by
# its owners, under the community's quasi-management, or has no service at all.
COVERAGE = (
    ("company", _("Property company")),
    ("self_managed", _("Owner self-management")),
    ("quasi", _("Community quasi-management")),
    ("none", _("No property service")),
)
FORMED = (Project.Formation.COMMITTEE,)  # 应建尽建 counts owners' committees in office


def coverage_q(kind: str) -> Q:
    mode = Project.ServiceMode
    company_modes = (mode.MARKET, mode.PUBLIC_INTEREST)
    return {
        "company": Q(service_mode__in=company_modes, company__isnull=False),
        "self_managed": Q(service_mode=mode.SELF_MANAGED),
        "quasi": Q(service_mode=mode.QUASI),
        "none": Q(service_mode__in=company_modes, company__isnull=True),
    }[kind]


# --- the place ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where the dashboard looks: a node, or one project below a community."""

    node: Jurisdiction
    project: Project | None = None
    department: Department | None = None  # department staff: their matters only

    @property
    def path(self) -> str:
        return self.node.path

    @property
    def is_department(self) -> bool:
        return self.department is not None

    def code(self) -> str:
        return f"p{self.project.pk}" if self.project else f"n{self.node.pk}"

    def label(self) -> str:
        return self.project.name if self.project else self.node.name


def home_place(actor: Actor) -> Place:
    """The place an official's dashboard opens on: their own node (the tree's root for the
    platform administrator; the department's node for department staff)."""
    for grant in actor.grants_of("node"):
        node = Jurisdiction.objects.filter(pk=grant.node_id).first()
        if node is not None:
            return Place(node=node)
    for grant in actor.grants_of("department"):
        dept = Department.objects.select_related("node").filter(pk=grant.department_id).first()
        if dept is not None:
            return Place(node=dept.node, department=dept)
    if actor.is_platform_admin:
        root = Jurisdiction.objects.filter(parent__isnull=True).order_by("pk").first()
        if root is not None:
            return Place(node=root)
    raise NotFoundError(_("Not found."))


def place_for(*, actor: Actor, code: str) -> Place:
    """The place named by ``code`` (``n<node id>`` or ``p<project id>``) if the actor may
    see it; absent and forbidden both raise NotFoundError."""
    home = home_place(actor)
    kind, raw = code[:1], code[1:]
    if not raw.isdigit():
        raise NotFoundError(_("Not found."))
    if home.is_department:
        if kind == "n" and int(raw) == home.node.pk:
            return home
        raise NotFoundError(_("Not found."))
    if kind == "n":
        return Place(node=get_visible(Jurisdiction.objects.all(), actor, pk=int(raw)))
    if kind == "p":
        project = get_visible(Project.objects.select_related("community"), actor, pk=int(raw))
        return Place(node=project.community, project=project)
    raise NotFoundError(_("Not found."))


def breadcrumbs(*, actor: Actor, place: Place) -> list[Place]:
    """The place's ancestors the actor may see, root first, then the place itself."""
    ids = place.node.ancestor_ids()
    if place.project is None:
        ids = ids[:-1]
    visible = Jurisdiction.objects.visible_to(actor).filter(pk__in=ids).order_by("depth")
    return [*(Place(node=n) for n in visible), place]


# --- scoped row sets ---------------------------------------------------------------------


def under(
    qs: QuerySet[Any], place: Place, path: str = "node_path", project: str = "project_id"
) -> QuerySet[Any]:
    qs = qs.filter(**{f"{path}__startswith": place.path})
    if place.project is not None:
        qs = qs.filter(**{project: place.project.pk})
    return qs


def projects(*, actor: Actor, place: Place) -> QuerySet[Project]:
    if place.is_department:
        return Project.objects.none()
    return under(Project.objects.visible_to(actor), place, project="pk")


def complaints(*, actor: Actor, place: Place) -> QuerySet[Complaint]:
    return under(Complaint.objects.visible_to(actor), place)


def companies_q(place: Place, prefix: str = "") -> Q:
    """Companies filed in the place's subtree or serving a project there (credit's rule)."""
    if place.project is not None:
        return Q(**{f"{prefix}company_id": place.project.company_id or 0})
    serving = Project.objects.filter(node_path__startswith=place.path).values("company_id")
    return Q(**{f"{prefix}company__node_path__startswith": place.path}) | Q(
        **{f"{prefix}company_id__in": serving}
    )


def credit_scores(*, actor: Actor, place: Place, year: int) -> QuerySet[CreditScore]:
    if place.is_department:
        return CreditScore.objects.none()
    return CreditScore.objects.visible_to(actor).filter(companies_q(place), year=year)


def blacklisted(*, actor: Actor, place: Place) -> QuerySet[Blacklisting]:
    if place.is_department:
        return Blacklisting.objects.none()
    return Blacklisting.objects.visible_to(actor).filter(companies_q(place), lifted_on__isnull=True)


def assessments(*, actor: Actor, place: Place) -> QuerySet[ProjectAssessment]:
    if place.is_department:
        return ProjectAssessment.objects.none()
    return under(ProjectAssessment.objects.visible_to(actor), place).filter(
        status=ProjectAssessment.Status.PUBLISHED
    )


def latest_quarter(*, actor: Actor, place: Place) -> tuple[int, int] | None:
    row = (
        assessments(actor=actor, place=place)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    return (row[0], row[1]) if row else None


def fund_accounts(*, actor: Actor, place: Place) -> QuerySet[Account]:
    if place.is_department:
        return Account.objects.none()
    return under(Account.objects.visible_to(actor), place).filter(
        fund=Fund.MAINTENANCE, kind=Account.Kind.ASSET
    )


def topups(*, actor: Actor, place: Place) -> QuerySet[TopUpNotice]:
    if place.is_department:
        return TopUpNotice.objects.none()
    return under(TopUpNotice.objects.visible_to(actor), place).filter(resolved_on__isnull=True)


def overdue_contracts(*, actor: Actor, place: Place, on: dt.date) -> QuerySet[ServiceContract]:
    if place.is_department:
        return ServiceContract.objects.none()
    ids = overdue_ids(actor=actor, on=on)
    return under(ServiceContract.objects.visible_to(actor), place).filter(pk__in=ids)


def open_complaints(*, actor: Actor, place: Place) -> QuerySet[Complaint]:
    return complaints(actor=actor, place=place).filter(status__in=OPEN_STATES)


def overdue_complaints(*, actor: Actor, place: Place, on: dt.date) -> QuerySet[Complaint]:
    return open_complaints(actor=actor, place=place).filter(due_on__lt=on)
