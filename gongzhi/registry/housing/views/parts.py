"""Buildings, building units and exclusive parts: their create and edit pages, the part
page, and a part's ownership set (saved as a whole)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gongzhi.accounts.selectors import request_actor
from gongzhi.audit.selectors import history_for
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.listing import int_param
from gongzhi.registry.housing import forms, selectors, services
from gongzhi.registry.housing.permissions import can_write
from gongzhi.registry.housing.views.common import edit_page
from gongzhi.registry.models import Owner


def _building_fields(d: dict[str, Any]) -> dict[str, Any]:
    return {"name": d["name"], "storeys": d["storeys"], "completed_year": d["completed_year"]}


def _unit_fields(d: dict[str, Any]) -> dict[str, Any]:
    return {"name": d["name"], "storeys": d["storeys"], "has_elevator": d["has_elevator"]}


def _part_fields(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": d["kind"],
        "number": d["number"],
        "building_unit_id": int_param(d["building_unit"]),
        "floor": d["floor"],
        "area": d["area"],
        "use": d["use"],
        "delivery": d["delivery"],
        "vacant_unrenovated": d["vacant_unrenovated"],
    }


def building_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get_writable(actor=actor, pk=pk)
    return edit_page(
        request,
        forms.BuildingForm(request.POST or None),
        lambda d: services.building_create(
            actor=actor, project_id=project.pk, **_building_fields(d)
        ),
        title=_("New building"),
        back="registry:project_detail",
        back_pk=project.pk,
    )


def building_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    building = selectors.building_get_writable(actor=actor, pk=pk)
    initial = {
        "name": building.name,
        "storeys": building.storeys,
        "completed_year": building.completed_year or "",
    }
    return edit_page(
        request,
        forms.BuildingForm(request.POST or None, initial=initial),
        lambda d: services.building_update(
            actor=actor, building_id=building.pk, **_building_fields(d)
        ),
        title=_("Edit building"),
        back="registry:project_detail",
        back_pk=building.project_id,
        history=history_for(actor=actor, obj=building),
    )


def unit_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get_writable(actor=actor, pk=pk)
    buildings = selectors.project_buildings(actor=actor, project=project)
    return edit_page(
        request,
        forms.UnitForm(request.POST or None, buildings=buildings),
        lambda d: services.building_unit_create(
            actor=actor, building_id=int(d["building"]), **_unit_fields(d)
        ),
        title=_("New building unit"),
        back="registry:project_detail",
        back_pk=project.pk,
    )


def unit_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    unit = selectors.unit_get_writable(actor=actor, pk=pk)
    initial = {"name": unit.name, "storeys": unit.storeys, "has_elevator": unit.has_elevator}
    return edit_page(
        request,
        forms.UnitEditForm(request.POST or None, initial=initial),
        lambda d: services.building_unit_update(actor=actor, unit_id=unit.pk, **_unit_fields(d)),
        title=_("Edit building unit"),
        back="registry:project_detail",
        back_pk=unit.project_id,
        history=history_for(actor=actor, obj=unit),
    )


def part_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get_writable(actor=actor, pk=pk)
    units = selectors.project_units(actor=actor, project=project)
    return edit_page(
        request,
        forms.PartForm(request.POST or None, units=units),
        lambda d: services.part_create(actor=actor, project_id=project.pk, **_part_fields(d)),
        then=lambda part: reverse("registry:part_detail", args=[part.pk]),
        title=_("New exclusive part"),
        back="registry:project_detail",
        back_pk=project.pk,
    )


def part_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    part = selectors.part_get(actor=actor, pk=pk)
    return render(
        request,
        "registry/housing/part_detail.html",
        {
            "part": part,
            "ownerships": selectors.part_ownerships(actor=actor, part=part),
            "occupants": selectors.part_occupants(actor=actor, part=part),
            "can_write": can_write(actor)
            and selectors.is_writable(actor=actor, project=part.project),
            "history": history_for(actor=actor, obj=part),
        },
    )


def part_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    part = selectors.part_get_writable(actor=actor, pk=pk)
    units = selectors.project_units(actor=actor, project=part.project)
    initial = {
        "kind": part.kind,
        "number": part.number,
        "building_unit": part.building_unit_id or "",
        "floor": part.floor if part.floor is not None else "",
        "area": part.area,
        "use": part.use,
        "delivery": part.delivery,
        "vacant_unrenovated": part.vacant_unrenovated,
    }
    return edit_page(
        request,
        forms.PartForm(request.POST or None, initial=initial, units=units),
        lambda d: services.part_update(actor=actor, part_id=part.pk, **_part_fields(d)),
        title=_("Edit exclusive part"),
        back="registry:part_detail",
        back_pk=part.pk,
    )


def part_ownerships_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The ownership set of a part, saved as a whole (shares add up to exactly 1)."""
    actor = request_actor(request)
    part = selectors.part_get_writable(actor=actor, pk=pk)
    current = selectors.part_ownerships(actor=actor, part=part)
    initial = [
        {
            "owner_id": o.owner_id,
            "kind": o.owner.kind,
            "name": o.owner.name,
            "share": f"{o.share_numerator}/{o.share_denominator}",
            "since": o.since.isoformat() if o.since else "",
        }
        for o in current
    ]
    formset = forms.OwnerRowFormSet(request.POST or None, initial=initial, prefix="rows")
    error = ""
    if request.method == "POST" and formset.is_valid():
        rows = [
            services.OwnerInput(
                owner_id=d.get("owner_id"),
                kind=d.get("kind") or Owner.Kind.PERSON,
                name=d.get("name", ""),
                id_number=d.get("id_number", ""),
                uscc=d.get("uscc", ""),
                phone=d.get("phone", ""),
                share=d.get("share", ""),
                since=d.get("since") or None,
            )
            for d in formset.cleaned_data
            if d and d.get("share")
        ]
        try:
            services.part_ownerships_replace(actor=actor, part_id=part.pk, rows=rows)
        except NotFoundError:
            raise
        except DomainError as exc:
            error = str(exc.message)
            _formset_errors(
                formset,
                exc,
                [i for i, d in enumerate(formset.cleaned_data) if d and d.get("share")],
            )
        else:
            messages.success(request, _("Saved."))
            return redirect("registry:part_detail", part.pk)
    return render(
        request,
        "registry/housing/part_owners_form.html",
        {"part": part, "formset": formset, "error": error},
        status=400 if request.method == "POST" else 200,
    )


def _formset_errors(formset: Any, exc: DomainError, kept: list[int]) -> None:
    """Put ``rows.<i>.<field>`` errors on the matching form; the rest above the table."""
    general: list[str] = []
    for name, errs in exc.fields.items():
        parts = name.split(".")
        if len(parts) == 3 and parts[0] == "rows" and parts[1].isdigit():
            form = formset.forms[kept[int(parts[1])]]
            field = parts[2] if parts[2] in form.fields else None
            for err in errs:
                form.add_error(field, str(err))
        else:
            general.extend(str(e) for e in errs)
    formset.general_errors = general
