"""Reads of property companies, scoped to the actor."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.models import PropertyCompany


def company_list(*, actor: Actor, search: str = "", status: str = "") -> QuerySet[PropertyCompany]:
    qs = PropertyCompany.objects.visible_to(actor).annotate(project_count=Count("projects"))
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(uscc__iexact=search.strip()))
    if status:
        qs = qs.filter(filing_status=status)
    return qs.order_by("name")


def company_get(*, actor: Actor, pk: int) -> PropertyCompany:
    company: PropertyCompany = get_visible(PropertyCompany.objects.all(), actor, pk=pk)
    return company
