"""Writing a checked import: the counts of what would be created, updated, left unchanged
or removed (also the dry run's report), then the bulk writes, in batches.

Natural keys: building name, (building, unit) names and part number within the project;
owner by ID number or USCC; ownership by part and owner. Shares are exact Fractions. The
total building area is set only when the project has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from gongzhi.registry.importing.parsing import Row
from gongzhi.registry.importing.report import ImportReport
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Owner, Ownership, Project

BATCH = 2000
LOOKUP_CHUNK = 2000
PART_FIELDS = ("building_unit", "kind", "area", "floor", "use", "delivery", "vacant_unrenovated")

T = TypeVar("T")


def chunks(items: Iterable[T], size: int = LOOKUP_CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class PlanWrites:
    """The counting and writing half of :class:`~gongzhi.registry.importing.planning.Plan`,
    which loads the project's rows and checks the file."""

    project: Project
    rows: list[Row]
    report: ImportReport
    by_part: dict[str, list[Row]]
    buildings: dict[str, Building]
    units: dict[tuple[str, str], BuildingUnit]
    parts: dict[str, ExclusivePart]
    ownerships: dict[int, list[Ownership]]
    owner_key: dict[int, tuple[str, str]]
    owners: dict[tuple[str, str], Owner]
    new_owner_rows: dict[tuple[str, str], Row]

    def count(self) -> None:
        """Fill the report's counts (also the dry run's 'what would happen')."""
        c = self.report.counts
        self._new_buildings = sorted(
            {r.building for r in self.rows if r.building} - set(self.buildings)
        )
        c["buildings"].created = len(self._new_buildings)
        c["buildings"].unchanged = len({r.building for r in self.rows if r.building}) - len(
            self._new_buildings
        )
        unit_rows: dict[tuple[str, str], Row] = {}
        for r in self.rows:
            if r.building:
                unit_rows.setdefault((r.building, r.unit), r)
        self._unit_rows = unit_rows
        self._changed_units = [
            (u, r.elevator)
            for k, r in unit_rows.items()
            if (u := self.units.get(k)) is not None and u.has_elevator != r.elevator
        ]
        c["units"].created = sum(1 for k in unit_rows if k not in self.units)
        c["units"].updated = len(self._changed_units)
        c["units"].unchanged = len(unit_rows) - c["units"].created - c["units"].updated
        # parts
        self._changed_parts: list[tuple[ExclusivePart, Row]] = []
        for number, group in self.by_part.items():
            part = self.parts.get(number)
            if part is None:
                c["parts"].created += 1
            elif self._part_differs(part, group[0]):
                c["parts"].updated += 1
                self._changed_parts.append((part, group[0]))
            else:
                c["parts"].unchanged += 1
        # owners
        self._changed_owners: list[tuple[Owner, str]] = []
        phones: dict[tuple[str, str], str] = {}
        for r in self.rows:
            key_ = self.owner_key.get(r.row)
            if key_ is not None and r.phone and "*" not in r.phone:
                phones.setdefault(key_, r.phone)
        used = set(self.owner_key.values())
        for key in used:
            owner_ = self.owners.get(key)
            if owner_ is None:
                c["owners"].created += 1
            elif key in phones and owner_.phone != phones[key]:
                c["owners"].updated += 1
                self._changed_owners.append((owner_, phones[key]))
            else:
                c["owners"].unchanged += 1
        self._phones = phones
        # ownerships
        self._ownership_plan: list[tuple[str, dict[tuple[str, str], Fraction]]] = []
        self._deleted_ownerships: list[int] = []
        self._changed_ownerships: list[tuple[Ownership, Fraction]] = []
        for number, group in self.by_part.items():
            wanted = {self.owner_key[r.row]: r.share for r in group if r.row in self.owner_key}
            part = self.parts.get(number)
            existing: dict[tuple[str, str], Ownership] = {}
            for held in self.ownerships.get(part.pk, []) if part else []:
                existing[self._existing_key(held.owner)] = held
            new: dict[tuple[str, str], Fraction] = {}
            for key, share in wanted.items():
                o = existing.get(self._canonical(key))
                existing.pop(self._canonical(key), None)
                if o is None:
                    new[key] = share
                elif Fraction(o.share_numerator, o.share_denominator) != share:
                    self._changed_ownerships.append((o, share))
                else:
                    c["ownerships"].unchanged += 1
            self._deleted_ownerships.extend(o.pk for o in existing.values())
            self._ownership_plan.append((number, new))
            c["ownerships"].created += len(new)
        c["ownerships"].updated = len(self._changed_ownerships)
        c["ownerships"].deleted = len(self._deleted_ownerships)
        # total building area: only when the project has none (documented)
        if self.project.total_building_area is None and self.by_part:
            in_file = sum((g[0].area for g in self.by_part.values()), Decimal("0.00"))
            kept = sum(
                (p.area for n, p in self.parts.items() if n not in self.by_part), Decimal("0.00")
            )
            self.report.total_area_set = in_file + kept

    def _existing_key(self, owner: Owner) -> tuple[str, str]:
        if owner.id_number:
            return ("id", owner.id_number)
        if owner.uscc:
            return ("uscc", owner.uscc)
        return ("pk", str(owner.pk))

    def _canonical(self, key: tuple[str, str]) -> tuple[str, str]:
        if key[0] == "pk":
            return self._existing_key(self.owners[key])
        return key

    def _part_differs(self, part: ExclusivePart, row: Row) -> bool:
        unit = self.units.get((row.building, row.unit)) if row.building else None
        if row.building and unit is None:
            return True
        return (
            part.building_unit_id != (unit.pk if unit else None)
            or part.kind != row.kind
            or part.area != row.area
            or part.floor != row.floor
            or part.use != row.use
            or part.delivery != row.delivery
            or part.vacant_unrenovated != row.vacant_unrenovated
        )

    def apply(self) -> None:
        project = self.project
        storeys = {r.building: r.storeys for r in self.rows if r.building}
        created = Building.objects.bulk_create(
            [
                Building(project=project, name=n, storeys=storeys[n] or 1)
                for n in self._new_buildings
            ],
            batch_size=BATCH,
        )
        self.buildings.update({b.name: b for b in created})
        new_units = [
            BuildingUnit(
                building=self.buildings[b],
                project=project,
                name=u,
                has_elevator=r.elevator,
                storeys=r.storeys or 1,
            )
            for (b, u), r in self._unit_rows.items()
            if (b, u) not in self.units
        ]
        BuildingUnit.objects.bulk_create(new_units, batch_size=BATCH)
        for unit in new_units:
            self.units[(unit.building.name, unit.name)] = unit
        for unit, elevator in self._changed_units:
            unit.has_elevator = elevator
        BuildingUnit.objects.bulk_update(
            [u for u, _e in self._changed_units], ["has_elevator"], batch_size=BATCH
        )
        # parts
        new_parts = []
        for number, group in self.by_part.items():
            if number not in self.parts:
                part = ExclusivePart(project=project, number=number)
                self._fill_part(part, group[0])
                new_parts.append(part)
        ExclusivePart.objects.bulk_create(new_parts, batch_size=BATCH)
        self.parts.update({p.number: p for p in new_parts})
        for part, row in self._changed_parts:
            self._fill_part(part, row)
        ExclusivePart.objects.bulk_update(
            [p for p, _r in self._changed_parts], list(PART_FIELDS), batch_size=BATCH
        )
        # owners
        new_owners = []
        for key, row in self.new_owner_rows.items():
            owner = Owner(
                kind=row.owner_kind,
                name=row.owner_name,
                id_number=key[1] if key[0] == "id" else "",
                uscc=key[1] if key[0] == "uscc" else "",
                phone=self._phones.get(key, ""),
            )
            new_owners.append(owner)
            self.owners[key] = owner
        Owner.objects.bulk_create(new_owners, batch_size=BATCH)
        for owner, phone in self._changed_owners:
            owner.phone = phone
        Owner.objects.bulk_update(
            [o for o, _p in self._changed_owners], ["phone"], batch_size=BATCH
        )
        # ownerships
        for chunk in chunks(self._deleted_ownerships):
            Ownership.objects.filter(pk__in=chunk).delete()
        Ownership.objects.bulk_create(
            [
                Ownership(
                    part=self.parts[number],
                    owner=self.owners[key],
                    share_numerator=share.numerator,
                    share_denominator=share.denominator,
                )
                for number, new in self._ownership_plan
                for key, share in new.items()
            ],
            batch_size=BATCH,
        )
        for o, share in self._changed_ownerships:
            o.share_numerator, o.share_denominator = share.numerator, share.denominator
        Ownership.objects.bulk_update(
            [o for o, _s in self._changed_ownerships],
            ["share_numerator", "share_denominator"],
            batch_size=BATCH,
        )
        if self.report.total_area_set is not None:
            Project.objects.filter(pk=project.pk, total_building_area__isnull=True).update(
                total_building_area=self.report.total_area_set
            )

    def _fill_part(self, part: ExclusivePart, row: Row) -> None:
        part.building_unit = self.units[(row.building, row.unit)] if row.building else None
        part.kind = row.kind
        part.area = row.area
        part.floor = row.floor
        part.use = row.use
        part.delivery = row.delivery
        part.vacant_unrenovated = row.vacant_unrenovated
