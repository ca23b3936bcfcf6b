"""Occupants (物业使用人): tenants and family members recorded per part, apart from
the owners.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from gongzhi.audit import services as audit
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.registry.housing import validation as v
from gongzhi.registry.housing.permissions import writer
from gongzhi.registry.housing.services.common import audit_create, audit_update
from gongzhi.registry.models import ExclusivePart, Occupant


def _occupant_fields(
    errors: v.Errors,
    *,
    kind: Any,
    name: Any,
    id_number: Any,
    phone: Any,
    moved_in: Any,
    moved_out: Any,
) -> dict[str, Any]:
    clean: dict[str, Any] = {
        "kind": errors.check("kind", v.clean_occupant_kind, kind),
        "name": errors.check("name", lambda x: v.clean_text(x, max_length=64), name),
        "phone": errors.check("phone", v.clean_phone, phone),
        "moved_in": errors.check("moved_in", v.clean_date, moved_in),
        "moved_out": errors.check("moved_out", v.clean_date, moved_out),
        "id_number": "",
    }
    if id_number not in (None, ""):
        clean["id_number"] = errors.check("id_number", v.clean_resident_id, id_number)
    if "moved_in" not in errors.fields and "moved_out" not in errors.fields:
        errors.check("moved_out", v.check_occupancy_dates, clean["moved_in"], clean["moved_out"])
    return clean


@transaction.atomic
def occupant_create(
    *,
    actor: Actor,
    part_id: int,
    kind: str,
    name: str,
    id_number: str = "",
    phone: str = "",
    moved_in: dt.date | str | None = None,
    moved_out: dt.date | str | None = None,
) -> Occupant:
    """Record a tenant or family member (物业使用人) of a part, apart from its owners."""
    part: ExclusivePart = get_visible(
        ExclusivePart.objects.select_related("project"), writer(actor), pk=part_id
    )
    errors = v.Errors()
    clean = _occupant_fields(
        errors,
        kind=kind,
        name=name,
        id_number=id_number,
        phone=phone,
        moved_in=moved_in,
        moved_out=moved_out,
    )
    errors.raise_if_any()
    occupant = Occupant.objects.create(part=part, **clean)
    audit_create(actor, occupant, part.project.node_path)
    return occupant


@transaction.atomic
def occupant_update(
    *,
    actor: Actor,
    occupant_id: int,
    kind: str,
    name: str,
    id_number: str | None = None,
    phone: str = "",
    moved_in: dt.date | str | None = None,
    moved_out: dt.date | str | None = None,
) -> Occupant:
    """Edit an occupant; ``id_number=None`` keeps the stored number."""
    occupant: Occupant = get_visible(
        Occupant.objects.select_related("part__project"), writer(actor), pk=occupant_id
    )
    before = audit.snapshot(occupant)
    errors = v.Errors()
    clean = _occupant_fields(
        errors,
        kind=kind,
        name=name,
        id_number=occupant.id_number if id_number is None else id_number,
        phone=phone,
        moved_in=moved_in,
        moved_out=moved_out,
    )
    errors.raise_if_any()
    for field, value in clean.items():
        setattr(occupant, field, value)
    occupant.save()
    audit_update(actor, occupant, before, occupant.part.project.node_path)
    return occupant
