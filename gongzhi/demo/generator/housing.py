"""The demo city's housing rows: buildings, units, parts, owners, shares, occupants,
committees, project managers and contracts, generated in memory one project at a time
and written with ``bulk_create`` in chunks.

Owners follow the seeds' cases: public rental homes belong to the housing-security
centre; in new projects ~5 % of dwellings are unsold and the developer's (000 §15), ~8 %
of dwellings are co-owned 1/2 + 1/2, ~3 % of owners hold a second dwelling; some homes are
vacant and unrenovated (000 §15); ~2 % of lived-in dwellings are let to a tenant. Areas
are two-place Decimals built from integer hundredths; shares are exact
numerator/denominator pairs.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from tqdm import tqdm

from gongzhi.contracts.models import ServiceContract
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

# Write order: every row's foreign keys point at rows written before it.
WRITE_ORDER: tuple[type[models.Model], ...] = (
    Owner,
    Project,
    CompanyStaff,
    Building,
    BuildingUnit,
    ExclusivePart,
    Ownership,
    Occupant,
    OwnersCommittee,
    CommitteeMember,
    ServiceContract,
)


@dataclass
class Rows:
    """Unsaved rows waiting for the next flush, by model."""

    by_model: dict[type[models.Model], list[models.Model]] = field(
        default_factory=lambda: {m: [] for m in WRITE_ORDER}
    )

    def add(self, obj: models.Model) -> None:
        self.by_model[type(obj)].append(obj)

    @property
    def parts(self) -> int:
        return len(self.by_model[ExclusivePart])


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
                if self.rows.parts >= CHUNK_PARTS:
                    self._flush()
            self._flush()

    def _save(self, model: type[models.Model], objs: Sequence[models.Model]) -> None:
        model._default_manager.bulk_create(objs, batch_size=BATCH_SIZE)
        self.counts[model._meta.label] += len(objs)

    def _flush(self) -> None:
        for model in WRITE_ORDER:
            objs = self.rows.by_model[model]
            if objs:
                self._save(model, objs)
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
        dwellings: list[ExclusivePart] = []
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
                            Part(
                                project=project,
                                building_unit=unit,
                                kind=Part.Kind.DWELLING,
                                number=f"{b}-{u}-{floor}{room:02d}",
                                floor=floor,
                                area=area(floor_plan[room - 1]),
                                use="住宅",
                            )
                        )
        persons = self._own_dwellings(plan, dwellings, centre)
        extras = (
            self._parking_and_shops(plan, project, persons) if plan.category == Category.NEW else []
        )
        parts = dwellings + extras
        for part in parts:
            rows.add(part)
        project.total_building_area = sum((p.area for p in parts), Decimal("0.00"))
        committee = self._committee(plan, project, persons) if plan.committee else None
        if plan.owners_body in (Project.Formation.PREPARATION, Project.Formation.FIRST_ASSEMBLY):
            project.formation_changed_on = random_date(rng, 2023, 2024)
        for contract in contracts_for(rng, plan, project, committee):
            rows.add(contract)

    def _person(self) -> Owner:
        male = self.rng.random() < 0.5
        owner = Owner(
            kind=Owner.Kind.PERSON,
            name=self.fake.name_male() if male else self.fake.name_female(),
            id_number=self.ids.resident_id(male=male),
            phone=self.ids.mobile(),
        )
        self.rows.add(owner)
        return owner

    def _own(
        self, part: ExclusivePart, owner: Owner, share: tuple[int, int], since: dt.date | None
    ) -> None:
        self.rows.add(
            Ownership(
                part=part,
                owner=owner,
                share_numerator=share[0],
                share_denominator=share[1],
                since=since,
            )
        )

    def _since(self, plan: ProjectPlan) -> dt.date:
        year = plan.completed_year
        if plan.category == Category.OLD:  # 房改房: bought from the work unit from 1998 on
            return random_date(self.rng, max(year, 1998), 2024)
        return random_date(self.rng, year, min(year + 1, 2024))

    def _own_dwellings(
        self, plan: ProjectPlan, dwellings: list[ExclusivePart], centre: Owner
    ) -> list[Owner]:
        """Owners of the dwellings: public rental homes belong to the housing-security
        centre; in new projects ~5 % stay unsold (the developer's, 1/1); ~8 % are co-owned
        1/2 + 1/2; about 3 % of owners hold a second dwelling. Returns the persons."""
        rng = self.rng
        persons: list[Owner] = []
        singles: list[Owner] = []  # persons with one dwelling here, who may buy a second
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

    def _maybe_tenant(self, part: ExclusivePart, since: dt.date) -> None:
        if self.rng.random() >= TENANT_SHARE:
            return
        male = self.rng.random() < 0.5
        self.rows.add(
            Occupant(
                part=part,
                kind=Occupant.Kind.TENANT,
                name=self.fake.name_male() if male else self.fake.name_female(),
                id_number=self.ids.resident_id(male=male),
                phone=self.ids.mobile(),
                moved_in=max(since, random_date(self.rng, 2019, 2024)),
            )
        )

    def _parking_and_shops(
        self, plan: ProjectPlan, project: Project, persons: list[Owner]
    ) -> list[ExclusivePart]:
        """Underground parking (about half unsold) and ground-floor shops of a new project."""
        rng = self.rng
        assert plan.developer is not None
        extras = []
        for i in range(1, max(2, plan.households * rng.randint(2, 5) // 100) + 1):
            part = Part(
                project=project,
                kind=Part.Kind.PARKING,
                number=f"B1-{i:03d}",
                floor=-1,
                area=area(rng.randint(1200, 1650)),
                use="车位",
            )
            if persons and rng.random() < 0.5:
                self._own(part, rng.choice(persons), (1, 1), self._since(plan))
            else:
                part.delivery = Part.Delivery.UNSOLD
                self._own(part, plan.developer, (1, 1), None)
            extras.append(part)
        for i in range(1, rng.randint(1, 6) + 1):
            part = Part(
                project=project,
                kind=Part.Kind.SHOP,
                number=f"S-{i:02d}",
                floor=1,
                area=area(rng.randint(3000, 15000)),
                use="商业",
            )
            if rng.random() < 0.7:
                self._own(part, self._person(), (1, 1), self._since(plan))
            else:
                part.delivery = Part.Delivery.UNSOLD
                self._own(part, plan.developer, (1, 1), None)
            extras.append(part)
        return extras

    def _committee(
        self, plan: ProjectPlan, project: Project, persons: list[Owner]
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
                owner=owner,
                name=owner.name,
                position=position,
                phone=owner.phone,
                party_member=rng.random() < (0.7 if position == Position.CHAIR else 0.35),
            )
            seated.append(member)
            self.rows.add(member)
        if plan.acting:  # ordinary members leave first, until 2 × active < seats
            active = len(seated) + (0 if owners_committee else 1)  # the community's chair
            for member in reversed(seated):
                if 2 * active < size or member.position == Position.CHAIR:
                    break
                member.left_on = start + dt.timedelta(days=rng.randint(*ACTING_AFTER_DAYS))
                active -= 1
        return committee
