"""Buildings and their building units (单元), the unit of elevator-retrofit votes
(seed 000 §34).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.housing import validation as v
from gongzhi.registry.housing.permissions import writer
from gongzhi.registry.housing.services.common import audit_create, audit_update, writable_project
from gongzhi.registry.models import Building, BuildingUnit


@transaction.atomic
def building_create(
    *,
    actor: Actor,
    project_id: int,
    name: str,
    storeys: int | str,
    completed_year: int | str | None = None,
) -> Building:
    project = writable_project(actor, project_id)
    errors = v.Errors()
    clean_name = errors.check("name", lambda x: v.clean_text(x, max_length=64), name)
    clean_storeys = errors.check("storeys", v.clean_positive_int, storeys)
    year = errors.check("completed_year", v.clean_year, completed_year)
    if clean_name and project.buildings.filter(name=clean_name).exists():
        errors.add("name", _("A building with this name already exists in the project."))
    errors.raise_if_any()
    building = Building.objects.create(
        project=project, name=clean_name, storeys=clean_storeys, completed_year=year
    )
    audit_create(actor, building, project.node_path)
    return building


@transaction.atomic
def building_update(
    *,
    actor: Actor,
    building_id: int,
    name: str,
    storeys: int | str,
    completed_year: int | str | None = None,
) -> Building:
    building: Building = get_visible(
        Building.objects.select_related("project"), writer(actor), pk=building_id
    )
    before = audit.snapshot(building)
    errors = v.Errors()
    clean_name = errors.check("name", lambda x: v.clean_text(x, max_length=64), name)
    clean_storeys = errors.check("storeys", v.clean_positive_int, storeys)
    year = errors.check("completed_year", v.clean_year, completed_year)
    if (
        clean_name
        and Building.objects.filter(project_id=building.project_id, name=clean_name)
        .exclude(pk=building.pk)
        .exists()
    ):
        errors.add("name", _("A building with this name already exists in the project."))
    errors.raise_if_any()
    assert clean_name is not None and clean_storeys is not None
    building.name, building.storeys, building.completed_year = clean_name, clean_storeys, year
    building.save()
    audit_update(actor, building, before, building.project.node_path)
    return building


def _unit_fields(
    errors: v.Errors, building: Building, name: Any, storeys: Any, exclude_pk: int | None
) -> tuple[str | None, int | None]:
    clean_name = errors.check("name", lambda x: v.clean_text(x, max_length=32), name)
    clean_storeys = errors.check("storeys", v.clean_positive_int, storeys)
    if clean_name:
        clash = BuildingUnit.objects.filter(building=building, name=clean_name)
        if clash.exclude(pk=exclude_pk).exists():
            errors.add("name", _("This building already has a unit with this name."))
    if clean_storeys and clean_storeys > building.storeys:
        errors.add("storeys", _("A unit cannot have more storeys than its building."))
    return clean_name, clean_storeys


@transaction.atomic
def building_unit_create(
    *,
    actor: Actor,
    building_id: int,
    name: str,
    storeys: int | str,
    has_elevator: bool = False,
) -> BuildingUnit:
    """A building unit (单元) — the unit of elevator-retrofit votes (seed 000 §34). Its
    project is always the building's project."""
    building: Building = get_visible(
        Building.objects.select_related("project"), writer(actor), pk=building_id
    )
    errors = v.Errors()
    clean_name, clean_storeys = _unit_fields(errors, building, name, storeys, None)
    errors.raise_if_any()
    unit = BuildingUnit.objects.create(
        building=building,
        project_id=building.project_id,
        name=clean_name,
        storeys=clean_storeys,
        has_elevator=bool(has_elevator),
    )
    audit_create(actor, unit, building.project.node_path)
    return unit


@transaction.atomic
def building_unit_update(
    *,
    actor: Actor,
    unit_id: int,
    name: str,
    storeys: int | str,
    has_elevator: bool = False,
) -> BuildingUnit:
    unit: BuildingUnit = get_visible(
        BuildingUnit.objects.select_related("building", "project"), writer(actor), pk=unit_id
    )
    before = audit.snapshot(unit)
    errors = v.Errors()
    clean_name, clean_storeys = _unit_fields(errors, unit.building, name, storeys, unit.pk)
    errors.raise_if_any()
    assert clean_name is not None and clean_storeys is not None
    unit.name, unit.storeys, unit.has_elevator = clean_name, clean_storeys, bool(has_elevator)
    unit.save()
    audit_update(actor, unit, before, unit.project.node_path)
    return unit
