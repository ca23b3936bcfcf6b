"""Freezing the eligibility roll when voting opens (法释〔2009〕7号 arts. 8-9; 民法典 art. 278).

One :class:`~gongzhi.decisions.models.RollEntry` per exclusive part in the matter's scope,
with its registered area and the person it counts for (``voter_key``); later changes to
the register do not alter it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.errors import ConflictError
from gongzhi.decisions.models import Matter, RollEntry
from gongzhi.registry.models import BuildingUnit, ExclusivePart, Owner, Ownership
from gongzhi.rules import counting


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


@dataclass(frozen=True)
class _Counted:
    """A part in scope as the roll counts it: who holds it and the person it counts for."""

    part_id: int
    number: str
    area: Decimal
    unit_id: int | None
    owner: _Holder | None
    voter_key: str
    developer_unsold: bool


def _held_by_developer(matter: Matter, owner_id: int, is_developer: bool) -> bool:
    """The owner is the developer: marked so on the register, or the project's developer."""
    return is_developer or owner_id == matter.project.developer_id


def _counted(matter: Matter, parts: Any) -> Iterator[_Counted]:
    """Each of ``parts`` with the person it counts for (法释〔2009〕7号 art. 9, by
    :func:`~gongzhi.rules.counting.voter_key`), in two queries."""
    holders = _holders(parts)
    rows = parts.values_list("pk", "number", "area", "delivery", "building_unit_id")
    for part_id, number, area, delivery, unit_id in rows.iterator(chunk_size=5000):
        owner = _representative(holders.get(part_id, []))
        delivered = delivery == ExclusivePart.Delivery.DELIVERED
        developer = owner is not None and _held_by_developer(
            matter, owner.owner_id, owner.is_developer
        )
        key = counting.voter_key(
            part_id,
            delivered=delivered,
            owner_id=owner.owner_id if owner else None,
            owner_is_developer=developer,
        )
        yield _Counted(part_id, number, area, unit_id, owner, key, key == counting.DEVELOPER_KEY)


def owner_voter_key(matter: Matter, owner: Owner) -> str:
    """The person ``owner`` counts as on the roll of ``matter`` (法释〔2009〕7号 art. 9), the
    voter their written proxy names: the developer, or the owner."""
    return counting.owner_key(
        owner.pk, is_developer=_held_by_developer(matter, owner.pk, owner.is_developer)
    )


def roll_counts(matter: Matter, owner: Owner) -> bool:
    """Whether the roll of ``matter`` counts a part for the person ``owner`` is
    (:func:`owner_voter_key`): the frozen roll once voting is open, before that the
    register as it would be frozen now (the same rule, :func:`_counted`)."""
    key = owner_voter_key(matter, owner)
    if matter.status not in (Matter.Status.DRAFT, Matter.Status.PUBLISHED):
        return RollEntry.objects.filter(matter_id=matter.pk, voter_key=key).exists()
    # Only the parts that can count for this person: the owner's, and for the developer
    # also every undelivered part (it counts for the developer whoever holds it).
    can_count = Q(pk__in=Ownership.objects.filter(owner_id=owner.pk).values("part_id"))
    if key == counting.DEVELOPER_KEY:
        can_count |= ~Q(delivery=ExclusivePart.Delivery.DELIVERED)
    parts = _parts_in_scope(matter).filter(can_count)
    return any(counted.voter_key == key for counted in _counted(matter, parts))


def freeze_roll(matter: Matter) -> int:
    """Copy the parts in scope with their areas and voters (法释〔2009〕7号 arts. 8-9)."""
    units = {
        u.pk: (u.building.name, u.name)
        for u in BuildingUnit.objects.filter(project_id=matter.project_id).select_related(
            "building"
        )
    }
    entries = []
    for counted in _counted(matter, _parts_in_scope(matter)):
        owner = counted.owner
        building, unit = units.get(counted.unit_id, ("", ""))
        entries.append(
            RollEntry(
                matter=matter,
                part_id=counted.part_id,
                part_number=counted.number,
                area=counted.area,
                voter_key=counted.voter_key,
                owner_id=owner.owner_id if owner else None,
                owner_name=owner.name if owner else "",
                voter_user_id=owner.user_id if owner else None,
                building=building,
                unit=unit,
                developer_unsold=counted.developer_unsold,
            )
        )
    if not entries:
        raise ConflictError(_("No exclusive part lies in the scope of this matter."))
    RollEntry.objects.bulk_create(entries, batch_size=2000)
    return len(entries)
