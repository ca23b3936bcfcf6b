"""Planning the demo city's register before any row is generated: property companies,
developers, and one plan per project (community, category, size, service mode, company,
committee, owners' organisation, contracts).

Only filed companies serve (seed 000 §11); a couple are not filed, one of them waiting for
the bureau to file it. Old projects are served
by a market company, the owners themselves, the community (准物业) or a public-interest
company (001 §三(三),(四)); self-managed and quasi-managed ones have no company. About 40 %
of new projects have an owners' committee, a few others a property-management committee
(000 §19); a few others have a preparation group or held a first assembly. One or two
committees have lost members (residents' committee acting, 000 §21). Every served project
gets a regular contract, most filed, a few still in the filing workflow; some new and
resettlement projects without a committee also had a (filed) preliminary contract.
"""

from __future__ import annotations

import functools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db import models
from faker import Faker

from gongzhi.contracts.models import ServiceContract
from gongzhi.demo.extensions import Tree
from gongzhi.demo.generator import names
from gongzhi.demo.generator.identity import IdentityFactory, aware, random_date
from gongzhi.demo.generator.layout import (
    MIN_PROJECT_HOUSEHOLDS,
    SHAPES,
    Category,
    category_counts,
    split,
)
from gongzhi.demo.generator.names import NamePicker, Region
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Owner, OwnersCommittee, Project, PropertyCompany

HOUSEHOLDS_PER_COMPANY = 3000
HOUSEHOLDS_PER_PLAN = 900
PRELIMINARY_LAST_COMPLETION = 2022  # a preliminary contract that has run its course
Mode = Project.ServiceMode
Formation = Project.Formation
Status = ServiceContract.Status
Save = Callable[[type[models.Model], Sequence[models.Model]], None]


@dataclass
class ProjectPlan:
    community: Jurisdiction
    category: str
    households: int
    name: str
    completed_year: int
    service_mode: str
    company: PropertyCompany | None = None
    developer: Owner | None = None
    committee: str | None = None
    owners_body: str = Formation.NONE  # becomes Project.formation
    acting: bool = False  # the committee lost members: the residents' committee acts
    contract_status: str = Status.FILED  # of the regular contract, when a company serves
    preliminary: bool = False  # a preliminary contract before the regular one


@dataclass(frozen=True)
class CityInputs:
    """What the register of one demo city is generated from (the same seed, the same city)."""

    rng: random.Random
    fake: Faker
    ids: IdentityFactory
    region: Region
    tree: Tree
    households: int
    old_cutoff: int  # projects completed by the end of this year are old projects


class Planner:
    """Creates companies and developers (through ``save``) and plans the projects."""

    def __init__(self, inputs: CityInputs, *, save: Save) -> None:
        self.rng, self.fake, self.ids = inputs.rng, inputs.fake, inputs.ids
        self.region, self.tree = inputs.region, inputs.tree
        self.households, self.old_cutoff = inputs.households, inputs.old_cutoff
        self._save = save

    def plans(self) -> list[ProjectPlan]:
        self.companies = self._companies()
        plans = self._plan(self.companies)
        self._developers(plans)
        self._governance(plans)
        self._contracts(plans)
        return plans

    def organisation(self, name: str, *, authority: str = "9", kind: str = "1") -> Owner:
        return Owner(
            kind=Owner.Kind.ORGANISATION,
            name=name,
            uscc=self.ids.credit_code(authority=authority, kind=kind),
            phone=self.ids.landline(self.region.area_code),
        )

    def _companies(self) -> list[PropertyCompany]:
        rng, root = self.rng, self.tree.root
        count = self.households // HOUSEHOLDS_PER_COMPANY + 4
        # The first one waits for the bureau to file it; the others are not filed.
        pending, *unfiled = sorted(rng.sample(range(1, count), 2 if count <= 5 else 3))
        picker = NamePicker(rng)
        prefixes = (self.region.province, root.name, "")

        def make(r: random.Random) -> str:
            return (
                r.choice(prefixes) + r.choice(names.COMPANY_CORES) + r.choice(names.COMPANY_FORMS)
            )

        companies = []
        Filing = PropertyCompany.FilingStatus
        for i in range(count):
            filed = i != pending and i not in unfiled
            status = Filing.FILED if filed else Filing.SUBMITTED if i == pending else Filing.UNFILED
            companies.append(
                PropertyCompany(
                    name=picker.pick(make),
                    uscc=self.ids.credit_code(),
                    legal_representative=self.fake.name(),
                    contact_name=self.fake.name(),
                    contact_phone=self.ids.mobile(),
                    address=f"{root.name}{rng.choice(names.ROADS)}{rng.randint(1, 399)}号",
                    filed_with=root,
                    node_path=root.path,
                    filing_status=status,
                    filed_at=random_date(rng, 2015, 2024) if filed else None,
                    filing_submitted_at=aware(random_date(rng, 2024, 2024), 10)
                    if status == Filing.SUBMITTED
                    else None,
                )
            )
        self._save(PropertyCompany, companies)
        return companies

    def _developers(self, plans: list[ProjectPlan]) -> None:
        rng = self.rng
        new = [p for p in plans if p.category == Category.NEW]
        picker = NamePicker(rng)
        prefixes = (self.region.province, self.tree.root.name, "")

        def make(r: random.Random) -> str:
            return (
                r.choice(prefixes)
                + r.choice(names.DEVELOPER_CORES)
                + r.choice(names.DEVELOPER_FORMS)
            )

        developers = [self.organisation(picker.pick(make)) for _ in range(len(new) // 3 + 1)]
        for d in developers:
            d.is_developer = True
        self._save(Owner, developers)
        for plan in new:
            plan.developer = rng.choice(developers)

    def _plan(self, companies: list[PropertyCompany]) -> list[ProjectPlan]:
        rng = self.rng
        count = max(4, round(self.households / HOUSEHOLDS_PER_PLAN))
        categories = category_counts(count)
        rng.shuffle(categories)
        # The first project (first community of the first street) is a new one, so the
        # demo logins of that street find a company and a committee there.
        first_new = categories.index(Category.NEW)
        categories[0], categories[first_new] = categories[first_new], categories[0]
        sizes = split(rng, self.households, count, MIN_PROJECT_HOUSEHOLDS)
        filed = [c for c in companies if c.filing_status == PropertyCompany.FilingStatus.FILED]
        weights = [1 / (i + 1) for i in range(len(filed))]  # a few large firms
        communities = self.tree.communities
        picker = NamePicker(rng)
        plans = []
        for i, (category, size) in enumerate(zip(categories, sizes, strict=True)):
            community = communities[i] if i < len(communities) else rng.choice(communities)
            years = SHAPES[category].years
            if category == Category.OLD:
                years = (years[0], min(years[1], self.old_cutoff))
            mode = self._service_mode(category)
            plan = ProjectPlan(
                community=community,
                category=category,
                households=size,
                name=picker.pick(functools.partial(self._project_name, category=category)),
                completed_year=rng.randint(*years),
                service_mode=mode,
                company=rng.choices(filed, weights)[0]
                if mode in (Mode.MARKET, Mode.PUBLIC_INTEREST)
                else None,
            )
            if category == Category.NEW and (i == 0 or rng.random() < 0.4):
                plan.committee = OwnersCommittee.Kind.OWNERS_COMMITTEE
            plans.append(plan)
        without = [p for p in plans if p.committee is None and p.category != Category.PUBLIC_RENTAL]
        for plan in rng.sample(without, min(len(without), max(1, round(count * 0.05)))):
            plan.committee = OwnersCommittee.Kind.MANAGEMENT_COMMITTEE
        return plans

    def _governance(self, plans: list[ProjectPlan]) -> None:
        """Formation follows the committees; a few projects without one are on the way
        (preparation group, first assembly); one or two owners' committees (never the
        first project's, which the demo logins use; a management committee if there is no
        other) have lost members."""
        rng = self.rng
        for plan in plans:
            if plan.committee == OwnersCommittee.Kind.OWNERS_COMMITTEE:
                plan.owners_body = Formation.COMMITTEE
            elif plan.committee == OwnersCommittee.Kind.MANAGEMENT_COMMITTEE:
                plan.owners_body = Formation.MANAGEMENT_COMMITTEE
        without = [p for p in plans if p.committee is None and p.category != Category.PUBLIC_RENTAL]
        steps = (Formation.PREPARATION, Formation.FIRST_ASSEMBLY)
        chosen = rng.sample(without, min(len(without), max(2, round(len(plans) * 0.06))))
        for i, plan in enumerate(chosen):
            plan.owners_body = steps[i % 2]
        others = [p for p in plans[1:] if p.committee is not None]
        elected = [p for p in others if p.committee == OwnersCommittee.Kind.OWNERS_COMMITTEE]
        pool = elected or others  # a small city may have no other owners' committee
        for plan in rng.sample(pool, min(len(pool), 1 if len(pool) < 6 else 2)):
            plan.acting = True

    def _contracts(self, plans: list[ProjectPlan]) -> None:
        """~8 % of regular contracts (at least three in a city with six served projects,
        never the first project's) are still a draft, submitted or reviewed by the street;
        about half of the new and resettlement projects without a committee completed by
        2022 had a preliminary contract first (the developer's or the resettlement
        builder's choice)."""
        rng = self.rng
        served = [p for p in plans[1:] if p.company is not None]
        count = min(len(served) // 2, max(3, round(len(served) * 0.08)))
        pending = rng.sample(served, max(count, min(len(served), 1)))
        statuses = (Status.SUBMITTED, Status.STREET_REVIEWED, Status.DRAFT)
        for i, plan in enumerate(pending):
            plan.contract_status = statuses[i % len(statuses)]
        young = [
            p
            for p in plans
            if p.category in (Category.NEW, Category.RESETTLEMENT)
            and p.committee is None
            and p.company is not None
            and p.completed_year <= PRELIMINARY_LAST_COMPLETION
        ]
        for plan in rng.sample(young, (len(young) + 1) // 2):
            plan.preliminary = True

    def _service_mode(self, category: str) -> str:
        rng = self.rng
        if category == Category.OLD:
            return rng.choices(
                (Mode.MARKET, Mode.SELF_MANAGED, Mode.QUASI, Mode.PUBLIC_INTEREST), (40, 20, 25, 15)
            )[0]
        if category == Category.RESETTLEMENT:
            return Mode.MARKET if rng.random() < 0.8 else Mode.QUASI
        if category == Category.PUBLIC_RENTAL:
            return Mode.MARKET if rng.random() < 0.6 else Mode.PUBLIC_INTEREST
        return Mode.MARKET

    @staticmethod
    def _project_name(rng: random.Random, category: str) -> str:
        if category == Category.NEW:
            return rng.choice(names.NEW_PROJECT_HEADS) + rng.choice(names.NEW_PROJECT_TAILS)
        if category == Category.OLD:
            if rng.random() < 0.6:
                return rng.choice(names.OLD_PROJECT_UNITS) + rng.choice(names.OLD_UNIT_FORMS)
            return rng.choice(names.COMMUNITY_BASES) + rng.choice(names.OLD_AREA_FORMS)
        forms = (
            names.RESETTLEMENT_FORMS
            if category == Category.RESETTLEMENT
            else names.PUBLIC_RENTAL_FORMS
        )
        return rng.choice(names.COMMUNITY_BASES) + rng.choice(forms)
