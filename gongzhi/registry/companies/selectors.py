"""Reads of property companies, scoped to the actor; and the public look-up.

The public look-up (no sign-in) is the one deliberate exception to actor scoping: it
reads only filed or revoked companies and returns only their public fields (name,
credit code, filing status, company phone and address, projects served by name and
community) — never a person's name, phone or ID (seed 000 §11).
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from gongzhi.audit.models import AuditEntry
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.companies.permissions import bureau_node_paths
from gongzhi.registry.models import (
    CompanyQualification,
    CompanyStaff,
    Project,
    PropertyCompany,
    StreetReport,
)

PUBLIC_STATES = (PropertyCompany.FilingStatus.FILED, PropertyCompany.FilingStatus.REVOKED)


def _search(qs: QuerySet[PropertyCompany], search: str) -> QuerySet[PropertyCompany]:
    search = search.strip()
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(uscc__iexact=search.upper()))
    return qs


def company_list(*, actor: Actor, search: str = "", status: str = "") -> QuerySet[PropertyCompany]:
    qs = PropertyCompany.objects.visible_to(actor).annotate(project_count=Count("projects"))
    return narrowed(_search(qs, search), filing_status=status).order_by("name", "pk")


def company_get(*, actor: Actor, pk: int) -> PropertyCompany:
    return get_visible(PropertyCompany.objects.select_related("filed_with"), actor, pk=pk)


def pending_filings(*, actor: Actor) -> QuerySet[PropertyCompany]:
    """Submitted filings the actor's bureau decides on, oldest first (seed 000 §11)."""
    qs = PropertyCompany.objects.visible_to(actor).filter(
        filing_status=PropertyCompany.FilingStatus.SUBMITTED
    )
    if not actor.is_platform_admin:
        paths = bureau_node_paths(actor)
        if not paths:
            return qs.none()
        where = Q()
        for path in paths:
            where |= Q(node_path__startswith=path)
        qs = qs.filter(where)
    return qs.order_by("filing_submitted_at", "pk")


def my_company_ids(*, actor: Actor) -> list[int]:
    return [g.company_id for g in actor.grants_of("company") if g.company_id is not None]


def company_qualifications(*, actor: Actor, company: PropertyCompany) -> QuerySet:
    return (
        CompanyQualification.objects.visible_to(actor)
        .filter(company=company)
        .order_by("name", "pk")
    )


def company_staff(*, actor: Actor, company: PropertyCompany) -> QuerySet:
    return (
        CompanyStaff.objects.visible_to(actor)
        .filter(company=company)
        .select_related("project")
        .order_by("role", "name", "pk")
    )


def company_projects(*, actor: Actor, company: PropertyCompany) -> QuerySet[Project]:
    return (
        Project.objects.visible_to(actor)
        .filter(company=company)
        .select_related("community")
        .order_by("name")
    )


def company_street_reports(*, actor: Actor, company: PropertyCompany) -> QuerySet[StreetReport]:
    return (
        StreetReport.objects.visible_to(actor)
        .filter(company=company)
        .select_related("street")
        .order_by("-reported_at", "-pk")
    )


def street_reports(*, actor: Actor, pending_only: bool = False) -> QuerySet[StreetReport]:
    """Reports made to the streets in the actor's scope (street officers: their street)."""
    qs = (
        StreetReport.objects.visible_to(actor)
        .select_related("company", "street")
        .order_by("acknowledged_at", "-reported_at", "-pk")
    )
    if pending_only:
        qs = qs.filter(acknowledged_at__isnull=True)
    return qs


def company_history(
    *, actor: Actor, company: PropertyCompany, limit: int = 50
) -> QuerySet[AuditEntry]:
    """The audited changes of the company, its qualifications and its staff, for officials
    of its subtree and the platform administrator (other roles see none)."""
    if not (actor.is_platform_admin or any(True for _ in actor.grants_of("node"))):
        return AuditEntry.objects.none()
    children = (CompanyQualification._meta.label, CompanyStaff._meta.label)
    return (
        AuditEntry.objects.visible_to(actor)
        .filter(
            Q(target_type=PropertyCompany._meta.label, target_id=str(company.pk))
            | Q(target_type__in=children, after__company_id=company.pk)
            | Q(target_type__in=children, before__company_id=company.pk)
        )
        .order_by("-at", "-id")[:limit]
    )


def public_company_list(*, search: str = "") -> QuerySet[PropertyCompany]:
    """Filed and revoked companies for the public look-up, with the projects they serve
    (name and community only). Only public fields are selected."""
    qs = PropertyCompany.objects.filter(filing_status__in=PUBLIC_STATES).only(
        "pk", "name", "uscc", "filing_status", "filed_at", "contact_phone", "address"
    )
    qs = _search(qs, search)
    return qs.prefetch_related(
        Prefetch(
            "projects",
            queryset=Project.objects.select_related("community")
            .only("pk", "name", "company_id", "community__name")
            .order_by("name"),
        )
    ).order_by("name", "pk")


def street_choices(*, company: PropertyCompany) -> list[tuple[int, str]]:
    """Streets below the bureau the company files with (where it may report)."""
    from gongzhi.jurisdictions.models import Jurisdiction, Level

    return list(
        Jurisdiction.objects.filter(level=Level.STREET, path__startswith=company.node_path)
        .order_by("path")
        .values_list("pk", "name")
    )
