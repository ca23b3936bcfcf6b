"""Planning an import: the checks that need several rows or the database (duplicate
parts, share sums, building storeys, owner identities); the counts of what would be
created/updated/unchanged/removed and the bulk writes are in ``writing``.

Natural keys: building name, (building, unit) names and part number within the project;
owner by ID number or USCC; ownership by part and owner. Shares are exact Fractions.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.registry.importing.parsing import Parsed, Row, RowError
from gongzhi.registry.importing.report import ImportReport
from gongzhi.registry.importing.writing import PlanWrites, chunks
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Owner, Ownership, Project
from gongzhi.rules.identity import mask_id_number


class Plan(PlanWrites):
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
        for chunk in chunks(ids):
            for owner in Owner.objects.filter(id_number__in=chunk):
                self.owners[("id", owner.id_number)] = owner
        for chunk in chunks(codes):
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
