"""Planning an import: the checks that need several rows or the database (duplicate
parts, share sums, building storeys, owner identities),
then the counts of what would be created/updated/unchanged/removed, and the bulk writes.

Natural keys: building name, (building, unit) names and part number within the project;
owner by ID number or USCC; ownership by part and owner. Shares are exact Fractions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.registry.importing.parsing import Parsed, Row, RowError
from gongzhi.registry.importing.report import ImportReport
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Owner, Ownership, Project
from gongzhi.rules.identity import mask_id_number

BATCH = 2000
LOOKUP_CHUNK = 2000
PART_FIELDS = ("building_unit", "kind", "area", "floor", "use", "delivery", "vacant_unrenovated")

T = TypeVar("T")


def _chunks(items: Iterable[T], size: int = LOOKUP_CHUNK) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class Plan:
    """Cross-row and database checks, then the inserts/updates they imply."""

    def __init__(self, project: Project, parsed: Parsed, report: ImportReport) -> None:
        self.project = project
        self.rows = rows = parsed.rows
        self.failed = set(parsed.failed_numbers)
        self.report = report
        self.by_part: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            self.by_part[row.number].append(row)
        self.buildings = {b.name: b for b in Building.objects.filter(project=project)}
        self.units = {
            (u.building.name, u.name): u
            for u in BuildingUnit.objects.filter(project=project).select_related("building")
        }
        self.parts = {p.number: p for p in ExclusivePart.objects.filter(project=project)}
        self.ownerships: dict[int, list[Ownership]] = defaultdict(list)
        for o in Ownership.objects.filter(part__project=project).select_related("owner"):
            self.ownerships[o.part_id].append(o)
        # Resolved in check(): the owner key of each row with an owner.
        self.owner_key: dict[int, tuple[str, str]] = {}
        self.owners: dict[tuple[str, str], Owner] = {}
        self.new_owner_rows: dict[tuple[str, str], Row] = {}

    def error(self, row: Row, column: str, message: str | Promise) -> None:
        self.report.errors.append(RowError(row.row, column, message))

    # ------------------------------------------------------------ checks

    def check(self) -> None:
        self._check_owners()
        self._check_parts()
        self._check_buildings()

    def _check_parts(self) -> None:
        for number, group in self.by_part.items():
            first = group[0]
            for row in group[1:]:
                if row.part_values() != first.part_values():
                    self.error(
                        row,
                        "part_number",
                        _("Part %(number)s is also on row %(row)s with different details.")
                        % {"number": number, "row": first.row},
                    )
                elif not (row.has_owner and first.has_owner):
                    self.error(
                        row,
                        "part_number",
                        _("Duplicate part number %(number)s (also on row %(row)s).")
                        % {"number": number, "row": first.row},
                    )
            owned = [r for r in group if r.has_owner]
            if number in self.failed:
                continue  # a bad row of this part: its share sum would mislead
            if owned:
                total = sum((r.share for r in owned), Fraction(0))
                if total != 1:
                    rows = ", ".join(str(r.row) for r in owned)
                    for row in owned:
                        self.error(
                            row,
                            "share",
                            _("Shares of part %(number)s sum to %(total)s, not 1 (rows %(rows)s).")
                            % {"number": number, "total": total, "rows": rows},
                        )

    def _check_buildings(self) -> None:
        seen_building: dict[str, Row] = {}
        seen_unit: dict[tuple[str, str], Row] = {}
        for row in self.rows:
            if not row.building:
                continue
            first = seen_building.setdefault(row.building, row)
            if row.storeys != first.storeys:
                self.error(
                    row,
                    "storeys",
                    _("Building %(b)s has %(n)s storeys on row %(row)s.")
                    % {"b": row.building, "n": first.storeys, "row": first.row},
                )
                continue
            existing = self.buildings.get(row.building)
            if existing is not None and existing.storeys != row.storeys:
                self.error(
                    row,
                    "storeys",
                    _("Building %(b)s is registered with %(n)s storeys.")
                    % {"b": row.building, "n": existing.storeys},
                )
                continue
            key = (row.building, row.unit)
            unit_first = seen_unit.setdefault(key, row)
            if row.elevator != unit_first.elevator:
                self.error(
                    row,
                    "elevator",
                    _("Unit %(u)s of building %(b)s has a different elevator flag on row %(row)s.")
                    % {"u": row.unit, "b": row.building, "row": unit_first.row},
                )
            unit = self.units.get(key)
            if unit is not None and unit.storeys != row.storeys:
                self.error(
                    row,
                    "storeys",
                    _("Unit %(u)s of building %(b)s is registered with %(n)s storeys.")
                    % {"u": row.unit, "b": row.building, "n": unit.storeys},
                )

    def _check_owners(self) -> None:
        ids = {r.owner_id for r in self.rows if r.owner_kind == Owner.Kind.PERSON}
        codes = {r.owner_id for r in self.rows if r.owner_kind == Owner.Kind.ORGANISATION}
        ids = {i for i in ids if i and "*" not in i}
        codes = {c for c in codes if c and "*" not in c}
        for chunk in _chunks(ids):
            for owner in Owner.objects.filter(id_number__in=chunk):
                self.owners[("id", owner.id_number)] = owner
        for chunk in _chunks(codes):
            for owner in Owner.objects.filter(uscc__in=chunk):
                self.owners[("uscc", owner.uscc)] = owner
        first_of: dict[tuple[str, str], Row] = {}
        for number, group in self.by_part.items():
            keys_in_part: dict[tuple[str, str], Row] = {}
            for row in group:
                if not row.has_owner:
                    continue
                key = self._owner_key(row, number)
                if key is None:
                    continue
                if key in keys_in_part:
                    self.failed.add(number)
                    self.error(
                        row,
                        "owner_id",
                        _("This owner is already on row %(row)s for the same part.")
                        % {"row": keys_in_part[key].row},
                    )
                    continue
                keys_in_part[key] = row
                self.owner_key[row.row] = key
                first = first_of.setdefault(key, row)
                if first is not row:
                    if row.owner_name != first.owner_name:
                        self.error(
                            row,
                            "owner_name",
                            _("The same ID number has another name on row %(row)s.")
                            % {"row": first.row},
                        )
                    elif row.phone and first.phone and row.phone != first.phone:
                        self.error(
                            row,
                            "phone",
                            _("The same owner has another phone on row %(row)s.")
                            % {"row": first.row},
                        )
                    continue
                existing = self.owners.get(key)
                if existing is not None and existing.name != row.owner_name:
                    self.error(
                        row, "owner_name", _("This ID number is registered under another name.")
                    )
                elif existing is None:
                    if "*" in row.phone:
                        self.error(row, "phone", _("A masked phone cannot be imported."))
                    self.new_owner_rows[key] = row

    def _owner_key(self, row: Row, number: str) -> tuple[str, str] | None:
        """("id"|"uscc", number) for an unmasked identifier; ("pk", id) for a blank or
        masked one that matches an owner of the same existing part (same name, same masked
        number), so an exported file re-imports; otherwise an error."""
        if row.owner_id and "*" not in row.owner_id:
            return ("id" if row.owner_kind == Owner.Kind.PERSON else "uscc", row.owner_id)
        part = self.parts.get(number)
        for o in self.ownerships.get(part.pk, []) if part else []:
            owner = o.owner
            value = owner.id_number if owner.kind == Owner.Kind.PERSON else owner.uscc
            if (
                owner.kind == row.owner_kind
                and owner.name == row.owner_name
                and row.owner_id in (value, mask_id_number(value))
            ):
                key = self._existing_key(owner)
                self.owners[key] = owner
                return key
        if row.owner_id:
            self.error(
                row,
                "owner_id",
                _("A masked number matches no owner of this part; enter the full number."),
            )
        else:
            self.error(row, "owner_id", _("The ID number or credit code is required."))
        return None

    # ------------------------------------------------------------ counting and writing

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
        for chunk in _chunks(self._deleted_ownerships):
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
