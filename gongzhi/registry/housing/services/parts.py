"""Exclusive parts (专有部分): dwellings, parking spaces and shops with their registered
area. Seed 000 §15 (delivery status; the developer holds unsold parts).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core.errors import invalid
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.housing import validation as v
from gongzhi.registry.housing.permissions import writer
from gongzhi.registry.housing.services.common import audit_create, audit_update, writable_project
from gongzhi.registry.models import (
    BuildingUnit,
    ExclusivePart,
    Ownership,
    Project,
)


def _part_fields(
    errors: v.Errors,
    project: Project,
    *,
    kind: Any,
    number: Any,
    building_unit_id: Any,
    floor: Any,
    area: Any,
    use: Any,
    delivery: Any,
    exclude_pk: int | None,
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "kind": errors.check("kind", v.clean_part_kind, kind),
        "number": errors.check("number", lambda x: v.clean_text(x, max_length=32), number),
        "floor": errors.check("floor", v.clean_floor, floor),
        "area": errors.check("area", v.clean_area, area),
        "use": errors.check("use", lambda x: v.clean_text(x, max_length=32, required=False), use),
        "delivery": errors.check("delivery", v.clean_delivery, delivery),
        "building_unit": None,
    }
    if building_unit_id not in (None, ""):
        unit = BuildingUnit.objects.filter(pk=building_unit_id).first()
        if unit is None or unit.project_id != project.pk:
            # A part is never in two projects: its unit must be in its own project.
            errors.add("building_unit", _("This building unit is not in the part's project."))
        clean["building_unit"] = unit
    elif clean["kind"] in (ExclusivePart.Kind.DWELLING,):
        errors.add("building_unit", _("A dwelling belongs to a building unit."))
    if clean["number"]:
        clash = ExclusivePart.objects.filter(project=project, number=clean["number"])
        if clash.exclude(pk=exclude_pk).exists():
            errors.add("number", _("This number is already used in the project."))
    return clean


@transaction.atomic
def part_create(
    *,
    actor: Actor,
    project_id: int,
    number: str,
    area: Decimal | str,
    kind: str = ExclusivePart.Kind.DWELLING,
    building_unit_id: int | None = None,
    floor: int | str | None = None,
    use: str = "",
    delivery: str = ExclusivePart.Delivery.DELIVERED,
    vacant_unrenovated: bool = False,
) -> ExclusivePart:
    """Register an exclusive part (专有部分): dwelling, parking space or shop, area to
    0.01 m², number unique in the project. Until it is delivered the developer is its
    owner (seed 000 §15: the developer pays for unsold parts), when the project has one."""
    project = writable_project(actor, project_id)
    errors = v.Errors()
    clean = _part_fields(
        errors,
        project,
        kind=kind,
        number=number,
        building_unit_id=building_unit_id,
        floor=floor,
        area=area,
        use=use,
        delivery=delivery,
        exclude_pk=None,
    )
    errors.raise_if_any()
    part = ExclusivePart(project=project, vacant_unrenovated=bool(vacant_unrenovated), **clean)
    try:
        with transaction.atomic():
            part.save()
    except IntegrityError:
        raise invalid({"number": [_("This number is already used in the project.")]}) from None
    audit_create(actor, part, project.node_path)
    if part.delivery != ExclusivePart.Delivery.DELIVERED and project.developer_id:
        ownership = Ownership.objects.create(part=part, owner_id=project.developer_id)
        audit_create(actor, ownership, project.node_path)
    return part


@transaction.atomic
def part_update(
    *,
    actor: Actor,
    part_id: int,
    number: str,
    area: Decimal | str,
    kind: str,
    building_unit_id: int | None = None,
    floor: int | str | None = None,
    use: str = "",
    delivery: str = ExclusivePart.Delivery.DELIVERED,
    vacant_unrenovated: bool = False,
) -> ExclusivePart:
    """Edit a part. Its project never changes (a part is never in two projects)."""
    part: ExclusivePart = get_visible(
        ExclusivePart.objects.select_related("project"), writer(actor), pk=part_id
    )
    before = audit.snapshot(part)
    errors = v.Errors()
    clean = _part_fields(
        errors,
        part.project,
        kind=kind,
        number=number,
        building_unit_id=building_unit_id,
        floor=floor,
        area=area,
        use=use,
        delivery=delivery,
        exclude_pk=part.pk,
    )
    errors.raise_if_any()
    for field, value in clean.items():
        setattr(part, field, value)
    part.vacant_unrenovated = bool(vacant_unrenovated)
    part.save()
    audit_update(actor, part, before, part.project.node_path)
    return part
