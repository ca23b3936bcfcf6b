"""Freezing the eligibility roll when voting opens (法释〔2009〕7号 arts. 8-9; 民法典 art. 278).

One :class:`~gongzhi.decisions.models.RollEntry` per exclusive part in the matter's scope,
with its registered area and the person it counts for (``voter_key``); later changes to
the register do not alter it.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import ConflictError
from gongzhi.decisions.models import Matter, RollEntry
from gongzhi.registry.models import BuildingUnit, ExclusivePart, Ownership


def _parts_in_scope(matter: Matter) -> Any:
    qs = ExclusivePart.objects.filter(project_id=matter.project_id)
    if matter.scope_kind == Matter.ScopeKind.UNIT:
        qs = qs.filter(building_unit_id=matter.building_unit_id)
    elif matter.scope_kind == Matter.ScopeKind.PARTS:
        qs = qs.filter(pk__in=matter.parts.values("pk"))
    return qs


@dataclass(frozen=True)
class _Holder:
    owner_id: int
    name: str
    user_id: int | None
    is_developer: bool
    share: Fraction


def _holders(parts: Any) -> dict[int, list[_Holder]]:
    """Each part's owners, in one query (a subquery, not a list of ids)."""
    holders: dict[int, list[_Holder]] = {}
    rows = Ownership.objects.filter(part__in=parts.values("pk")).values_list(
        "part_id",
        "owner_id",
        "owner__name",
        "owner__user_id",
        "owner__is_developer",
        "share_numerator",
        "share_denominator",
    )
    for part_id, owner_id, name, user_id, developer, numerator, denominator in rows.iterator(
        chunk_size=5000
    ):
        holders.setdefault(part_id, []).append(
            _Holder(owner_id, name, user_id, developer, Fraction(numerator, denominator))
        )
    return holders


def _representative(holders: list[_Holder]) -> _Holder | None:
    """The co-owner who votes for a shared part: the largest share, then the lowest id."""
    ranked = sorted(holders, key=lambda h: (-h.share, h.owner_id))
    return ranked[0] if ranked else None


def freeze_roll(matter: Matter) -> int:
    """Copy the parts in scope with their areas and voters (法释〔2009〕7号 arts. 8-9)."""
    developer_id = matter.project.developer_id
    parts = _parts_in_scope(matter)
    holders = _holders(parts)
    units = {
        u.pk: (u.building.name, u.name)
        for u in BuildingUnit.objects.filter(project_id=matter.project_id).select_related(
            "building"
        )
    }
    entries = []
    rows = parts.values_list("pk", "number", "area", "delivery", "building_unit_id")
    for part_id, number, area, delivery, unit_id in rows.iterator(chunk_size=5000):
        owner = _representative(holders.get(part_id, []))
        unsold = delivery != ExclusivePart.Delivery.DELIVERED or bool(
            owner is not None and (owner.is_developer or owner.owner_id == developer_id)
        )
        if unsold:
            key = RollEntry.DEVELOPER_KEY
        elif owner is not None:
            key = f"o{owner.owner_id}"
        else:
            key = f"p{part_id}"
        building, unit = units.get(unit_id, ("", ""))
        entries.append(
            RollEntry(
                matter=matter,
                part_id=part_id,
                part_number=number,
                area=area,
                voter_key=key,
                owner_id=owner.owner_id if owner else None,
                owner_name=owner.name if owner else "",
                voter_user_id=owner.user_id if owner else None,
                building=building,
                unit=unit,
                developer_unsold=unsold,
            )
        )
    if not entries:
        raise ConflictError(_("No exclusive part lies in the scope of this matter."))
    RollEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)
