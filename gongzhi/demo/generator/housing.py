"""The demo city's housing rows: buildings, units, parts, owners, shares, occupants,
committees, project managers and contracts, generated in memory one project at a time
and written in chunks.

Owners follow the seeds' cases: public rental homes belong to the housing-security
centre; in new projects ~5 % of dwellings are unsold and the developer's (000 §15), ~8 %
of dwellings are co-owned 1/2 + 1/2, ~3 % of owners hold a second dwelling; some homes are
vacant and unrenovated (000 §15); ~2 % of lived-in dwellings are let to a tenant. Areas
are two-place Decimals built from integer hundredths; shares are exact
numerator/denominator pairs.

The rows that come one or more per household (persons, parts, ownerships, tenants) are
plain records written with ``core.bulk.insert_rows`` (no model instance per row), their
new ids read back by their unique keys (a person's identity number, a part's number in its
project); the few rows per project (projects, buildings, units, committees, managers,
contracts) are model instances written with ``bulk_create``. As with ``bulk_create``, no
``save()`` runs and no signal is sent: the rows are valid by construction, and the
database's constraints still hold.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models
from tqdm import tqdm

from gongzhi.contracts.models import ServiceContract
from gongzhi.core.bulk import insert_rows
from gongzhi.demo.generator import names
from gongzhi.demo.generator.companies import company_extras
from gongzhi.demo.generator.contracts import contracts_for
from gongzhi.demo.generator.identity import random_date
from gongzhi.demo.generator.layout import ROOMS_PER_FLOOR, SHAPES, Category, area, building_layout
from gongzhi.demo.generator.planning import CityInputs, Planner, ProjectPlan
from gongzhi.registry.models import (
    Building,
    BuildingUnit,
    CommitteeMember,
    CompanyStaff,
    ExclusivePart,
    Occupant,
    Owner,
    OwnersCommittee,
    Ownership,
    Project,
)

BATCH_SIZE = 2000
TENANT_SHARE = 0.02  # lived-in dwellings let to a tenant (物业使用人)
ACTING_AFTER_DAYS = (60, 400)  # members of an "acting" committee left this long after start
CHUNK_PARTS = 5000  # flush the in-memory rows once this many parts are waiting

Part = ExclusivePart
Position = CommitteeMember.Position

# Model instances written before the parts (their foreign keys point at rows written
# before them) and after the parts and ownerships.
BEFORE_PARTS: tuple[type[models.Model], ...] = (Project, CompanyStaff, Building, BuildingUnit)
AFTER_PARTS: tuple[type[models.Model], ...] = (OwnersCommittee, CommitteeMember, ServiceContract)


@dataclass(slots=True)
class Person:
    """A natural person who owns a part (an ``Owner`` of kind person), not yet written."""

    name: str
    id_number: str
    phone: str
    pk: int | None = None


@dataclass(slots=True)
class PartRow:
    """An exclusive part, not yet written."""

    project: Project
    unit: BuildingUnit | None
    kind: str
    number: str
    floor: int
    area: Decimal
    use: str
    delivery: str = Part.Delivery.DELIVERED
    vacant_unrenovated: bool = False
    pk: int | None = None


Holder = Owner | Person  # an organisation's Owner row is written before any part


@dataclass(slots=True)
class Share:
    part: PartRow
    owner: Holder
    numerator: int
    denominator: int
    since: dt.date | None


@dataclass(slots=True)
class Tenant:
    part: PartRow
    name: str
    id_number: str
    phone: str
    moved_in: dt.date


@dataclass
class Rows:
    """Rows waiting for the next flush: model instances by model, plain records by kind."""

    by_model: dict[type[models.Model], list[models.Model]] = field(
        default_factory=lambda: {m: [] for m in (*BEFORE_PARTS, *AFTER_PARTS)}
    )
    persons: list[Person] = field(default_factory=list)
    parts: list[PartRow] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    tenants: list[Tenant] = field(default_factory=list)
    members: list[tuple[CommitteeMember, Person]] = field(default_factory=list)

    def add(self, obj: models.Model) -> None:
        self.by_model[type(obj)].append(obj)


def _new_ids(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    key: Sequence[str],
) -> dict[tuple[Any, ...], int]:
    """Insert ``rows`` and return the new rows' ids by ``key`` (unique columns)."""
    manager = model._base_manager
    mark = manager.order_by("-pk").values_list("pk", flat=True).first() or 0
    insert_rows(model, fields, rows)
    return {
        tuple(values): pk
        for *values, pk in manager.filter(pk__gt=mark).values_list(*key, "pk").iterator()
    }


class HousingGenerator:
    """Generates and writes the register of one demo city. ``counts`` holds rows per model."""

    def __init__(self, inputs: CityInputs, *, progress: bool) -> None:
        self.rng, self.fake, self.ids, self.tree = inputs.rng, inputs.fake, inputs.ids, inputs.tree
        self.households = inputs.households
        self.progress = progress
        self.counts: Counter[str] = Counter()
        self.rows = Rows()
        self.planner = Planner(inputs, save=self._save)

    def run(self) -> None:
        plans = self.planner.plans()
        company_extras(
            rng=self.rng,
            fake=self.fake,
            ids=self.ids,
            tree=self.tree,
            companies=self.planner.companies,
            plans=plans,
            save=self._save,
        )
        centre = self.planner.organisation(
            f"{self.tree.root.name}{names.HOUSING_CENTRE}", authority="1", kind="2"
        )
        self._save(Owner, [centre])
        with tqdm(
            total=self.households,
            unit="households",
            disable=None if self.progress else True,
            desc="demo city",
            leave=False,
        ) as bar:
            for plan in plans:
                self._project(plan, centre)
                bar.update(plan.households)
                if len(self.rows.parts) >= CHUNK_PARTS:
                    self._flush()
            self._flush()

    def _save(self, model: type[models.Model], objs: Sequence[models.Model]) -> None:
        model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        self.counts[model._meta.label] += len(objs)

    def _insert(self, model: type[models.Model], fields: Sequence[str], rows: list[Any]) -> None:
        insert_rows(model, fields, rows)
        self.counts[model._meta.label] += len(rows)

    def _write_models(self, models_: Iterable[type[models.Model]]) -> None:
        for model in models_:
            objs = self.rows.by_model[model]
            if objs:
                self._save(model, objs)

    def _flush(self) -> None:
        rows = self.rows
        if rows.persons:
            ids = _new_ids(
                Owner,
                ("kind", "name", "id_number", "phone"),
                [(Owner.Kind.PERSON, p.name, p.id_number, p.phone) for p in rows.persons],
                ("id_number",),
            )
            for person in rows.persons:
                person.pk = ids[(person.id_number,)]
            self.counts[Owner._meta.label] += len(rows.persons)
        self._write_models(BEFORE_PARTS)
        if rows.parts:
            ids = _new_ids(
                ExclusivePart,
                (
                    "project",
                    "building_unit",
                    "kind",
                    "number",
                    "floor",
                    "area",
                    "use",
                    "delivery",
                    "vacant_unrenovated",
                ),
                [
                    (
                        p.project.pk,
                        p.unit.pk if p.unit is not None else None,
                        p.kind,
                        p.number,
                        p.floor,
                        p.area,
                        p.use,
                        p.delivery,
                        p.vacant_unrenovated,
                    )
                    for p in rows.parts
                ],
                ("project_id", "number"),
            )
            for part in rows.parts:
                part.pk = ids[(part.project.pk, part.number)]
            self.counts[ExclusivePart._meta.label] += len(rows.parts)
        self._insert(
            Ownership,
            ("part", "owner", "share_numerator", "share_denominator", "since"),
            [(s.part.pk, s.owner.pk, s.numerator, s.denominator, s.since) for s in rows.shares],
        )
        self._insert(
            Occupant,
            ("part", "kind", "name", "id_number", "phone", "moved_in"),
            [
                (t.part.pk, Occupant.Kind.TENANT, t.name, t.id_number, t.phone, t.moved_in)
                for t in rows.tenants
            ],
        )
        for member, person in rows.members:
            member.owner_id = person.pk
        self._write_models(AFTER_PARTS)
        self.rows = Rows()

    # --- one project ---------------------------------------------------------------------
    def _project(self, plan: ProjectPlan, centre: Owner) -> None:
        rng, rows, shape = self.rng, self.rows, SHAPES[plan.category]
        community = plan.community
        project = Project(
            name=plan.name,
            community=community,
            node_path=community.path,
            address=f"{rng.choice(names.ROADS)}{rng.randint(1, 399)}号",
            category=plan.category,
            service_mode=plan.service_mode,
            company=plan.company,
            developer=plan.developer,
            completed_year=plan.completed_year,
            formation=plan.owners_body,
        )
        rows.add(project)
        if plan.company is not None:  # 项目负责人 (seed 000 §11)
            rows.add(
                CompanyStaff(
                    company=plan.company,
                    name=self.fake.name(),
                    role=CompanyStaff.Role.PROJECT_MANAGER,
                    certificate_number=f"XM{rng.randrange(10**10):010d}",
                    phone=self.ids.mobile(),
                    project=project,
                )
            )
        dwellings: list[PartRow] = []
        for b, units in enumerate(building_layout(rng, plan.households, shape.storeys), 1):
            storeys = len(units[0])
            building = Building(
                project=project, name=f"{b}栋", storeys=storeys, completed_year=plan.completed_year
            )
            rows.add(building)
            for u, floors in enumerate(units, 1):
                unit = BuildingUnit(
                    building=building,
                    project=project,
                    name=f"{u}单元",
                    has_elevator=shape.elevator,
                    storeys=storeys,
                )
                rows.add(unit)
                floor_plan = [rng.randint(*shape.area) for _ in range(ROOMS_PER_FLOOR[1])]
                for floor, rooms in enumerate(floors, 1):
                    for room in range(1, rooms + 1):
                        dwellings.append(
                            PartRow(
                                project,
                                unit,
                                Part.Kind.DWELLING,
                                f"{b}-{u}-{floor}{room:02d}",
                                floor,
                                area(floor_plan[room - 1]),
                                "住宅",
                            )
                        )
        persons = self._own_dwellings(plan, dwellings, centre)
        extras = (
            self._parking_and_shops(plan, project, persons) if plan.category == Category.NEW else []
        )
        parts = dwellings + extras
        rows.parts.extend(parts)
        project.total_building_area = sum((p.area for p in parts), Decimal("0.00"))
        committee = self._committee(plan, project, persons) if plan.committee else None
        if plan.owners_body in (Project.Formation.PREPARATION, Project.Formation.FIRST_ASSEMBLY):
            project.formation_changed_on = random_date(rng, 2023, 2024)
        for contract in contracts_for(rng, plan, project, committee):
            rows.add(contract)

    def _person(self) -> Person:
        male = self.rng.random() < 0.5
        person = Person(
            name=self.fake.name_male() if male else self.fake.name_female(),
            id_number=self.ids.resident_id(male=male),
            phone=self.ids.mobile(),
        )
        self.rows.persons.append(person)
        return person

    def _own(
        self, part: PartRow, owner: Holder, share: tuple[int, int], since: dt.date | None
    ) -> None:
        self.rows.shares.append(Share(part, owner, share[0], share[1], since))

    def _since(self, plan: ProjectPlan) -> dt.date:
        year = plan.completed_year
        if plan.category == Category.OLD:  # 房改房: bought from the work unit from 1998 on
            return random_date(self.rng, max(year, 1998), 2024)
        return random_date(self.rng, year, min(year + 1, 2024))

    def _own_dwellings(
        self, plan: ProjectPlan, dwellings: list[PartRow], centre: Owner
    ) -> list[Person]:
        """Owners of the dwellings: public rental homes belong to the housing-security
        centre; in new projects ~5 % stay unsold (the developer's, 1/1); ~8 % are co-owned
        1/2 + 1/2; about 3 % of owners hold a second dwelling. Returns the persons."""
        rng = self.rng
        persons: list[Person] = []
        singles: list[Person] = []  # persons with one dwelling here, who may buy a second
        new = plan.category == Category.NEW
        vacancy = 0.08 if new else 0.02
        for part in dwellings:
            if plan.category == Category.PUBLIC_RENTAL:
                self._own(part, centre, (1, 1), dt.date(plan.completed_year, 12, 31))
                self._maybe_tenant(part, dt.date(plan.completed_year, 12, 31))
                continue
            if new and rng.random() < 0.05:
                assert plan.developer is not None
                part.delivery = Part.Delivery.UNSOLD
                self._own(part, plan.developer, (1, 1), None)
                continue
            if new and plan.completed_year >= 2023 and rng.random() < 0.3:
                part.delivery = Part.Delivery.SOLD_UNDELIVERED
            elif rng.random() < vacancy:
                part.vacant_unrenovated = True
            since = self._since(plan)
            if part.delivery == Part.Delivery.DELIVERED and not part.vacant_unrenovated:
                self._maybe_tenant(part, since)
            draw = rng.random()
            if draw < 0.08:
                for _ in range(2):
                    owner = self._person()
                    persons.append(owner)
                    self._own(part, owner, (1, 2), since)
            elif draw < 0.11 and singles:
                self._own(part, singles.pop(rng.randrange(len(singles))), (1, 1), since)
            else:
                owner = self._person()
                persons.append(owner)
                singles.append(owner)
                self._own(part, owner, (1, 1), since)
        return persons

    def _maybe_tenant(self, part: PartRow, since: dt.date) -> None:
        if self.rng.random() >= TENANT_SHARE:
            return
        male = self.rng.random() < 0.5
        self.rows.tenants.append(
            Tenant(
                part=part,
                name=self.fake.name_male() if male else self.fake.name_female(),
                id_number=self.ids.resident_id(male=male),
                phone=self.ids.mobile(),
                moved_in=max(since, random_date(self.rng, 2019, 2024)),
            )
        )

    def _parking_and_shops(
        self, plan: ProjectPlan, project: Project, persons: list[Person]
    ) -> list[PartRow]:
        """Underground parking (about half unsold) and ground-floor shops of a new project."""
        rng = self.rng
        assert plan.developer is not None
        extras = []
        for i in range(1, max(2, plan.households * rng.randint(2, 5) // 100) + 1):
            part = PartRow(
                project,
                None,
                Part.Kind.PARKING,
                f"B1-{i:03d}",
                -1,
                area(rng.randint(1200, 1650)),
                "车位",
            )
            if persons and rng.random() < 0.5:
                self._own(part, rng.choice(persons), (1, 1), self._since(plan))
            else:
                part.delivery = Part.Delivery.UNSOLD
                self._own(part, plan.developer, (1, 1), None)
            extras.append(part)
        for i in range(1, rng.randint(1, 6) + 1):
            part = PartRow(
                project,
                None,
                Part.Kind.SHOP,
                f"S-{i:02d}",
                1,
                area(rng.randint(3000, 15000)),
                "商业",
            )
            if rng.random() < 0.7:
                self._own(part, self._person(), (1, 1), self._since(plan))
            else:
                part.delivery = Part.Delivery.UNSOLD
                self._own(part, plan.developer, (1, 1), None)
            extras.append(part)
        return extras

    def _committee(
        self, plan: ProjectPlan, project: Project, persons: list[Person]
    ) -> OwnersCommittee:
        """An owners' committee (5 or 7 seats filled by owners, 5-year term, most filed
        with the street), or a property-management committee chaired by a community
        representative (000 §19). In an "acting" committee so many members left that fewer
        than half the seats are active (000 §21)."""
        rng, kind = self.rng, plan.committee
        assert kind is not None
        owners_committee = kind == OwnersCommittee.Kind.OWNERS_COMMITTEE
        start_year = min(max(plan.completed_year + 1, 2019), 2024)
        start = random_date(rng, start_year, 2024)
        years = 5 if owners_committee else 3
        size = rng.choice((5, 7))
        committee = OwnersCommittee(
            project=project,
            kind=kind,
            term_start=start,
            term_end=start.replace(year=start.year + years) - dt.timedelta(days=1),
            seats=size,
            filed_at=start + dt.timedelta(days=rng.randint(5, 30)) if rng.random() < 0.85 else None,
            office_address=f"{project.address}{rng.randint(1, 6)}栋"
            + rng.choice(names.OFFICE_ROOMS),
            office_hours=rng.choice(names.OFFICE_HOURS),
            phone=self.ids.mobile(),
        )
        project.formation_changed_on = start
        self.rows.add(committee)
        members = rng.sample(persons, min(size if owners_committee else size - 1, len(persons)))
        positions = [Position.CHAIR, Position.VICE_CHAIR]
        if size == 7:
            positions.append(Position.VICE_CHAIR)
        if not owners_committee:  # the community's representative chairs it
            self.rows.add(
                CommitteeMember(
                    committee=committee,
                    name=self.fake.name(),
                    position=Position.CHAIR,
                    party_member=True,
                )
            )
            positions.pop(0)
        seated = []
        for i, owner in enumerate(members):
            position = positions[i] if i < len(positions) else Position.MEMBER
            member = CommitteeMember(
                committee=committee,
                name=owner.name,
                position=position,
                phone=owner.phone,
                party_member=rng.random() < (0.7 if position == Position.CHAIR else 0.35),
            )
            seated.append(member)
            self.rows.add(member)
            self.rows.members.append((member, owner))  # its owner id once the owner is written
        if plan.acting:  # ordinary members leave first, until 2 × active < seats
            active = len(seated) + (0 if owners_committee else 1)  # the community's chair
            for member in reversed(seated):
                if 2 * active < size or member.position == Position.CHAIR:
                    break
                member.left_on = start + dt.timedelta(days=rng.randint(*ACTING_AFTER_DAYS))
                active -= 1
        return committee
