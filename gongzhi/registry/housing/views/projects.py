"""Project pages: the list and its export, creating and editing a project, the project
page with its parts, and the project's owners (masked) with their export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.accounts.selectors import request_actor
from gongzhi.audit.selectors import history_for
from gongzhi.core.access import REGISTRY_READERS
from gongzhi.core.excel import xlsx_response
from gongzhi.core.listing import int_param
from gongzhi.core.scoping import Actor
from gongzhi.core.views import page_of
from gongzhi.registry.governance.selectors import project_governance
from gongzhi.registry.housing import forms, selectors, services
from gongzhi.registry.housing.permissions import can_write
from gongzhi.registry.housing.views.common import (
    EXPORT_LIMIT,
    OWNER_LIST_ROLES,
    PARTS_PAGE_SIZE,
    choice,
    edit_page,
)
from gongzhi.registry.importing.access import WRITERS as IMPORT_ROLES
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.rules.identity import mask_id_number, mask_phone


def _project_filters(request: HttpRequest) -> dict[str, Any]:
    g = request.GET
    return {
        "search": g.get("q", "").strip(),
        "category": choice(g.get("category"), Project.Category.values),
        "service_mode": choice(g.get("service_mode"), Project.ServiceMode.values),
        "formation": choice(g.get("formation"), Project.Formation.values),
        "community_id": int_param(g.get("community")),
        "company_id": int_param(g.get("company")),
    }


def project_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = _project_filters(request)
    qs = selectors.project_list(actor=actor, **filters)
    page = page_of(request, qs)
    return render(
        request,
        "registry/project_list.html",
        {
            "page": page,
            "q": filters["search"],
            "f": filters,
            "category": filters["category"],
            "categories": Project.Category.choices,
            "service_modes": Project.ServiceMode.choices,
            "formations": Project.Formation.choices,
            "communities": selectors.visible_communities(actor=actor),
            "companies": selectors.visible_companies(actor=actor),
            "can_write": can_write(actor),
        },
    )


def project_export_view(request: HttpRequest) -> HttpResponse:
    qs = selectors.project_list(actor=request_actor(request), **_project_filters(request))
    rows = (
        (
            p.name,
            p.community.name,
            p.address,
            p.get_category_display(),
            p.get_service_mode_display(),
            p.company.name if p.company else "",
            p.completed_year,
            p.total_building_area,
            p.get_formation_display(),
        )
        for p in qs[:EXPORT_LIMIT]
    )
    headers = [
        _("Name"),
        _("Community"),
        _("Address"),
        _("Category"),
        _("Service mode"),
        _("Property company"),
        _("Year completed"),
        _("Total building area (m²)"),
        _("Owners' organisation"),
    ]
    return xlsx_response(f"{_('Projects')}.xlsx", headers, rows)


def _project_form(actor: Actor, data: Any = None, initial: Any = None) -> forms.ProjectForm:
    return forms.ProjectForm(
        data,
        initial=initial,
        communities=selectors.writable_communities(actor=actor),
        companies=selectors.assignable_companies(),
    )


def _project_call(actor: Actor, project_id: int | None) -> Callable[[dict[str, Any]], Any]:
    def call(d: dict[str, Any]) -> Any:
        kwargs = {
            "actor": actor,
            "name": d["name"],
            "community_id": int_param(d["community"]),
            "category": d["category"],
            "service_mode": d["service_mode"],
            "completed_year": d["completed_year"],
            "total_building_area": d["total_building_area"],
            "address": d["address"],
            "company_id": int_param(d["company"]),
            "developer_uscc": d["developer_uscc"],
            "developer_name": d["developer_name"],
        }
        if project_id is None:
            return services.project_create(**kwargs)
        return services.project_update(project_id=project_id, **kwargs)

    return call


def _after_project_save(request: HttpRequest) -> Callable[[Any], str]:
    def done(result: services.ProjectResult) -> str:
        if result.warning:
            messages.warning(request, str(result.warning))
        return reverse("registry:project_detail", args=[result.project.pk])

    return done


def project_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return edit_page(
        request,
        _project_form(actor, request.POST or None),
        _project_call(actor, None),
        then=_after_project_save(request),
        title=_("New project"),
        back="registry:project_list",
    )


def project_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get_writable(actor=actor, pk=pk)
    initial = {
        "name": project.name,
        "community": project.community_id,
        "address": project.address,
        "category": project.category,
        "service_mode": project.service_mode,
        "completed_year": project.completed_year or "",
        "total_building_area": project.total_building_area or "",
        "company": project.company_id or "",
        "developer_uscc": project.developer.uscc if project.developer else "",
        "developer_name": project.developer.name if project.developer else "",
    }
    return edit_page(
        request,
        _project_form(actor, request.POST or None, initial=initial),
        _project_call(actor, project.pk),
        then=_after_project_save(request),
        title=_("Edit project"),
        back="registry:project_detail",
        back_pk=project.pk,
    )


def _parts_filters(request: HttpRequest) -> dict[str, str]:
    g = request.GET
    return {
        "search": g.get("q", "").strip(),
        "kind": choice(g.get("kind"), ExclusivePart.Kind.values),
        "delivery": choice(g.get("delivery"), ExclusivePart.Delivery.values),
    }


def project_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    filters = _parts_filters(request)
    parts = page_of(
        request,
        selectors.project_parts(actor=actor, project=project, **filters),
        per_page=PARTS_PAGE_SIZE,
    )
    writable = selectors.is_writable(actor=actor, project=project)
    buildings = list(selectors.project_buildings(actor=actor, project=project))
    context: dict[str, Any] = {
        "project": project,
        "totals": selectors.project_totals(project),
        "page": parts,
        "f": filters,
        "kinds": ExclusivePart.Kind.choices,
        "deliveries": ExclusivePart.Delivery.choices,
        "buildings": buildings,
        "can_write": writable,
        "category_warning": selectors.category_warning(project) if writable else None,
        "show_owners": actor.has_role(*OWNER_LIST_ROLES),
        "can_export": actor.has_role(*REGISTRY_READERS),
        "history": history_for(actor=actor, obj=project),
        "governance": project_governance(actor=actor, project=project),
        "can_import": actor.has_role(*IMPORT_ROLES),
    }
    if writable:
        units = [u for b in buildings for u in b.units.all()]
        context.update(
            building_form=forms.BuildingForm(),
            unit_form=forms.UnitForm(buildings=buildings),
            part_form=forms.PartForm(units=units),
        )
    return render(request, "registry/project_detail.html", context)


def _part_rows(actor: Actor, project: Project, filters: dict[str, str]) -> Any:
    for part in selectors.project_parts(actor=actor, project=project, **filters)[:EXPORT_LIMIT]:
        unit = part.building_unit
        yield (
            part.number,
            part.get_kind_display(),
            unit.building.name if unit else "",
            unit.name if unit else "",
            part.floor,
            part.area,
            part.use,
            part.get_delivery_display(),
            _("Yes") if part.vacant_unrenovated else "",
            "、".join(
                f"{o.owner.name} ({o.share_numerator}/{o.share_denominator})"
                for o in part.ownerships.all()
            ),
        )


def project_parts_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    headers = [
        _("Number"),
        _("Kind"),
        _("Building"),
        _("Unit"),
        _("Floor"),
        _("Registered area (m²)"),
        _("Use"),
        _("Delivery status"),
        _("Vacant and unrenovated"),
        _("Owners"),
    ]
    rows = _part_rows(actor, project, _parts_filters(request))
    return xlsx_response(f"{project.name}-{_('Exclusive parts')}.xlsx", headers, rows)


def project_owners_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    search = request.GET.get("q", "").strip()
    qs = selectors.project_owners(actor=actor, project=project, search=search)
    page = page_of(request, qs)
    return render(
        request,
        "registry/housing/project_owners.html",
        {"project": project, "page": page, "q": search},
    )


def project_owners_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=pk)
    qs = selectors.project_owners(
        actor=actor, project=project, search=request.GET.get("q", "").strip()
    )
    rows = (
        (
            o.name,
            o.get_kind_display(),
            mask_id_number(o.id_number),
            o.uscc,
            mask_phone(o.phone),
            o.part_count,  # type: ignore[attr-defined]
            o.area,  # type: ignore[attr-defined]
        )
        for o in qs[:EXPORT_LIMIT]
    )
    headers = [
        _("Name"),
        _("Kind"),
        _("ID card number"),
        _("Unified social credit code"),
        _("Phone"),
        _("Exclusive parts"),
        _("Registered area (m²)"),
    ]
    return xlsx_response(f"{project.name}-{_('Owners')}.xlsx", headers, rows)
