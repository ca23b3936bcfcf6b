"""Housing pages: projects, buildings, units, exclusive parts, owners (masked, with
audited reveal), occupants, my homes; Excel exports of the lists. Views collect input and
call the services; every rule lives in the services and ``validation.py``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.audit.selectors import history_for
from gongzhi.core.access import REGISTRY_READERS, SUPERVISORS
from gongzhi.core.errors import DomainError, NotFoundError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.registry.governance.selectors import project_governance
from gongzhi.registry.housing import forms, selectors, services
from gongzhi.registry.housing.permissions import REVEALABLE_FIELDS, can_reveal, can_write
from gongzhi.registry.importing.access import WRITERS as IMPORT_ROLES
from gongzhi.registry.models import ExclusivePart, Owner, Project
from gongzhi.rules.identity import mask_id_number, mask_phone

OWNER_LIST_ROLES = SUPERVISORS | {Role.COMPANY_STAFF}
PAGE_SIZE = 25
PARTS_PAGE_SIZE = 50
EXPORT_LIMIT = 50_000


def _get(fn: Callable[..., Any], **kwargs: Any) -> Any:
    try:
        return fn(**kwargs)
    except NotFoundError:
        raise Http404 from None


def _apply_errors(form: Any, exc: DomainError) -> None:
    if not exc.fields:
        form.add_error(None, str(exc.message))
    for name, errs in exc.fields.items():
        for err in errs:
            form.add_error(name if name in form.fields else None, str(err))


def _save(form: Any, call: Callable[[dict[str, Any]], Any]) -> Any:
    """Run ``call(cleaned_data)`` if the form is valid; DomainError → form errors."""
    if not form.is_valid():
        return None
    try:
        return call(form.cleaned_data)
    except DomainError as exc:
        if isinstance(exc, NotFoundError):
            raise Http404 from None
        _apply_errors(form, exc)
        return None


def _form_page(request: HttpRequest, form: Any, title: str, back: str, **extra: Any) -> Any:
    return render(
        request,
        "registry/housing/form.html",
        {"form": form, "title": title, "back": back, **extra},
        status=400 if request.method == "POST" else 200,
    )


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _choice(value: str | None, choices: list[str]) -> str:
    return value if value in choices else ""


# --- projects ----------------------------------------------------------------------


def _project_filters(request: HttpRequest) -> dict[str, Any]:
    g = request.GET
    return {
        "search": g.get("q", "").strip(),
        "category": _choice(g.get("category"), Project.Category.values),
        "service_mode": _choice(g.get("service_mode"), Project.ServiceMode.values),
        "formation": _choice(g.get("formation"), Project.Formation.values),
        "community_id": _int(g.get("community")),
        "company_id": _int(g.get("company")),
    }


def project_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = _project_filters(request)
    qs = selectors.project_list(actor=actor, **filters)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
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
            "community_id": _int(d["community"]),
            "category": d["category"],
            "service_mode": d["service_mode"],
            "completed_year": d["completed_year"],
            "total_building_area": d["total_building_area"],
            "address": d["address"],
            "company_id": _int(d["company"]),
            "developer_uscc": d["developer_uscc"],
            "developer_name": d["developer_name"],
        }
        if project_id is None:
            return services.project_create(**kwargs)
        return services.project_update(project_id=project_id, **kwargs)

    return call


def _after_project_save(request: HttpRequest, result: services.ProjectResult) -> HttpResponse:
    messages.success(request, _("Saved."))
    if result.warning:
        messages.warning(request, str(result.warning))
    return redirect("registry:project_detail", result.project.pk)


def project_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    form = _project_form(actor, request.POST or None)
    if request.method == "POST":
        result = _save(form, _project_call(actor, None))
        if result is not None:
            return _after_project_save(request, result)
    return _form_page(request, form, _("New project"), "registry:project_list")


def project_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = _get(selectors.project_get_writable, actor=actor, pk=pk)
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
    form = _project_form(actor, request.POST or None, initial=initial)
    if request.method == "POST":
        result = _save(form, _project_call(actor, project.pk))
        if result is not None:
            return _after_project_save(request, result)
    return _form_page(
        request, form, _("Edit project"), "registry:project_detail", back_pk=project.pk
    )


def _parts_filters(request: HttpRequest) -> dict[str, str]:
    g = request.GET
    return {
        "search": g.get("q", "").strip(),
        "kind": _choice(g.get("kind"), ExclusivePart.Kind.values),
        "delivery": _choice(g.get("delivery"), ExclusivePart.Delivery.values),
    }


def project_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = _get(selectors.project_get, actor=actor, pk=pk)
    filters = _parts_filters(request)
    parts = Paginator(
        selectors.project_parts(actor=actor, project=project, **filters), PARTS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
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
    project = _get(selectors.project_get, actor=actor, pk=pk)
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
    project = _get(selectors.project_get, actor=actor, pk=pk)
    search = request.GET.get("q", "").strip()
    qs = selectors.project_owners(actor=actor, project=project, search=search)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/housing/project_owners.html",
        {"project": project, "page": page, "q": search},
    )


def project_owners_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = _get(selectors.project_get, actor=actor, pk=pk)
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


# --- buildings, units, parts -------------------------------------------------------


def building_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = _get(selectors.project_get_writable, actor=actor, pk=pk)
    form = forms.BuildingForm(request.POST or None)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.building_create(
                actor=actor,
                project_id=project.pk,
                name=d["name"],
                storeys=d["storeys"],
                completed_year=d["completed_year"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:project_detail", project.pk)
    return _form_page(
        request, form, _("New building"), "registry:project_detail", back_pk=project.pk
    )


def building_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    building = _get(selectors.building_get_writable, actor=actor, pk=pk)
    initial = {
        "name": building.name,
        "storeys": building.storeys,
        "completed_year": building.completed_year or "",
    }
    form = forms.BuildingForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.building_update(
                actor=actor,
                building_id=building.pk,
                name=d["name"],
                storeys=d["storeys"],
                completed_year=d["completed_year"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:project_detail", building.project_id)
    return _form_page(
        request,
        form,
        _("Edit building"),
        "registry:project_detail",
        back_pk=building.project_id,
        history=history_for(actor=actor, obj=building),
    )


def unit_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = _get(selectors.project_get_writable, actor=actor, pk=pk)
    buildings = selectors.project_buildings(actor=actor, project=project)
    form = forms.UnitForm(request.POST or None, buildings=buildings)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.building_unit_create(
                actor=actor,
                building_id=int(d["building"]),
                name=d["name"],
                storeys=d["storeys"],
                has_elevator=d["has_elevator"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:project_detail", project.pk)
    return _form_page(
        request, form, _("New building unit"), "registry:project_detail", back_pk=project.pk
    )


def unit_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    unit = _get(selectors.unit_get_writable, actor=actor, pk=pk)
    initial = {"name": unit.name, "storeys": unit.storeys, "has_elevator": unit.has_elevator}
    form = forms.UnitEditForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.building_unit_update(
                actor=actor,
                unit_id=unit.pk,
                name=d["name"],
                storeys=d["storeys"],
                has_elevator=d["has_elevator"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:project_detail", unit.project_id)
    return _form_page(
        request,
        form,
        _("Edit building unit"),
        "registry:project_detail",
        back_pk=unit.project_id,
        history=history_for(actor=actor, obj=unit),
    )


def _part_kwargs(d: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": d["kind"],
        "number": d["number"],
        "building_unit_id": _int(d["building_unit"]),
        "floor": d["floor"],
        "area": d["area"],
        "use": d["use"],
        "delivery": d["delivery"],
        "vacant_unrenovated": d["vacant_unrenovated"],
    }


def part_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = _get(selectors.project_get_writable, actor=actor, pk=pk)
    units = selectors.project_units(actor=actor, project=project)
    form = forms.PartForm(request.POST or None, units=units)
    if request.method == "POST":
        part = _save(
            form,
            lambda d: services.part_create(actor=actor, project_id=project.pk, **_part_kwargs(d)),
        )
        if part is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:part_detail", part.pk)
    return _form_page(
        request, form, _("New exclusive part"), "registry:project_detail", back_pk=project.pk
    )


def part_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    part = _get(selectors.part_get, actor=actor, pk=pk)
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
    part = _get(selectors.part_get_writable, actor=actor, pk=pk)
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
    form = forms.PartForm(request.POST or None, initial=initial, units=units)
    if request.method == "POST":
        saved = _save(
            form, lambda d: services.part_update(actor=actor, part_id=part.pk, **_part_kwargs(d))
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:part_detail", part.pk)
    return _form_page(
        request, form, _("Edit exclusive part"), "registry:part_detail", back_pk=part.pk
    )


def part_ownerships_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The ownership set of a part, saved as a whole (shares add up to exactly 1)."""
    actor = request_actor(request)
    part = _get(selectors.part_get_writable, actor=actor, pk=pk)
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
            raise Http404 from None
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


# --- owners and occupants ----------------------------------------------------------


def owner_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    search = request.GET.get("q", "").strip()
    page = Paginator(selectors.owner_search(actor=actor, search=search), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "registry/housing/owner_list.html", {"page": page, "q": search})


def owner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    owner = _get(selectors.owner_get, actor=actor, pk=pk)
    revealable = {f: can_reveal(actor, owner, f) for f in REVEALABLE_FIELDS}
    return render(
        request,
        "registry/owner_detail.html",
        {
            "owner": owner,
            "ownerships": selectors.owner_parts(actor=actor, owner=owner),
            "revealable": revealable,
            "can_write": selectors.owner_is_writable(actor=actor, owner=owner),
            "history": history_for(actor=actor, obj=owner),
        },
    )


def owner_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    owner = _get(selectors.owner_get_writable, actor=actor, pk=pk)
    form = forms.OwnerEditForm(
        request.POST or None, initial={"name": owner.name, "phone": mask_phone(owner.phone)}
    )
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.owner_update(
                actor=actor,
                owner_id=owner.pk,
                name=d["name"],
                # a masked phone sent back unchanged keeps the stored one
                phone=owner.phone if d["phone"] == mask_phone(owner.phone) else d["phone"],
                number=d["number"] or None,
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:owner_detail", owner.pk)
    return _form_page(request, form, _("Edit owner"), "registry:owner_detail", back_pk=owner.pk)


@require_POST
def owner_reveal_view(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    """htmx: swap the masked value for the real one; the display is audited."""
    value = _get(services.owner_reveal, actor=request_actor(request), owner_id=pk, field=field)
    return render(request, "registry/_revealed.html", {"value": value})


def _occupant_kwargs(d: dict[str, Any], stored_phone: str = "") -> dict[str, Any]:
    # a masked phone sent back unchanged keeps the stored one
    phone = stored_phone if stored_phone and d["phone"] == mask_phone(stored_phone) else d["phone"]
    return {
        "kind": d["kind"],
        "name": d["name"],
        "phone": phone,
        "moved_in": d["moved_in"] or None,
        "moved_out": d["moved_out"] or None,
    }


def occupant_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    part = _get(selectors.part_get_writable, actor=actor, pk=pk)
    form = forms.OccupantForm(request.POST or None)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.occupant_create(
                actor=actor, part_id=part.pk, id_number=d["id_number"], **_occupant_kwargs(d)
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:part_detail", part.pk)
    return _form_page(request, form, _("New occupant"), "registry:part_detail", back_pk=part.pk)


def occupant_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    occupant = _get(selectors.occupant_get_writable, actor=actor, pk=pk)
    initial = {
        "kind": occupant.kind,
        "name": occupant.name,
        "phone": mask_phone(occupant.phone),
        "moved_in": occupant.moved_in.isoformat() if occupant.moved_in else "",
        "moved_out": occupant.moved_out.isoformat() if occupant.moved_out else "",
    }
    form = forms.OccupantForm(request.POST or None, initial=initial)
    if request.method == "POST":
        saved = _save(
            form,
            lambda d: services.occupant_update(
                actor=actor,
                occupant_id=occupant.pk,
                id_number=d["id_number"] or None,
                **_occupant_kwargs(d, occupant.phone),
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("registry:part_detail", occupant.part_id)
    return _form_page(
        request,
        form,
        _("Edit occupant"),
        "registry:part_detail",
        back_pk=occupant.part_id,
        history=history_for(actor=actor, obj=occupant),
    )


def my_homes_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/my_homes.html",
        {"homes": selectors.my_homes(actor=request_actor(request))},
    )
