"""The demo city's property-service contracts (seed 000 §11,16; seed 004 §8).

Every project a company serves has a regular contract (物业服务合同). Where a committee is
in office its term lies within the committee's (000 §16) and it is signed after the
committee took office; elsewhere it runs three years from 2021–2024. Some new and
resettlement projects without a committee had a filed preliminary contract (前期物业服务合同)
from delivery until the regular one began.
Filed contracts went through submit → street review → filing within 14 days of signing;
the few still in the workflow were signed long ago, so under a profile with a filing
deadline (seed 004 §8: 15 days) they are overdue. No attachment rows: an attachment needs a
stored file, and the demo writes none.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from gongzhi.contracts.models import ServiceContract
from gongzhi.demo.generator.identity import aware, random_date
from gongzhi.demo.generator.layout import Category
from gongzhi.demo.generator.planning import ProjectPlan
from gongzhi.registry.models import OwnersCommittee, Project

Kind = ServiceContract.Kind
Status = ServiceContract.Status
Grade = ServiceContract.Grade
CONTRACT_YEARS = 3
# Fee standards in fen per m² per month: new housing 1.20–3.50 yuan, other housing less.
FEES: dict[str, tuple[int, int]] = {Category.NEW: (120, 350), Category.OLD: (40, 120)}
OTHER_FEES = (60, 150)
# The workflow's time stamps a contract in each status carries (none for a draft).
STAMPS: dict[str, tuple[str, ...]] = {
    Status.SUBMITTED: ("submitted_at",),
    Status.STREET_REVIEWED: ("submitted_at", "street_reviewed_at"),
    Status.FILED: ("submitted_at", "street_reviewed_at", "filed_at"),
}


def _fee(rng: random.Random, category: str) -> Decimal:
    low, high = FEES.get(category, OTHER_FEES)
    return Decimal(rng.randrange(low, high + 1, 5)).scaleb(-2)


def _years_later(day: dt.date, years: int) -> dt.date:
    return day.replace(year=day.year + years) - dt.timedelta(days=1)  # day ≤ 28


def _contract(
    rng: random.Random,
    plan: ProjectPlan,
    project: Project,
    *,
    kind: str,
    status: str,
    signed_on: dt.date,
    term_start: dt.date,
    term_end: dt.date,
) -> ServiceContract:
    assert plan.company is not None
    new = plan.category == Category.NEW
    contract = ServiceContract(
        project=project,
        company=plan.company,
        kind=kind,
        signed_on=signed_on,
        term_start=term_start,
        term_end=term_end,
        service_grade=rng.choice((Grade.GRADE_1, Grade.GRADE_2, Grade.GRADE_3))
        if new
        else rng.choice((Grade.GRADE_3, Grade.GRADE_4, Grade.GRADE_5)),
        fee_per_m2_month=_fee(rng, plan.category),
        fee_mode=ServiceContract.FeeMode.LUMP_SUM
        if rng.random() < 0.8
        else ServiceContract.FeeMode.REMUNERATION,
        status=status,
        node_path=project.node_path,
    )
    # The workflow's stamps, in order, each a few days after the previous step.
    day = signed_on
    for stamp in STAMPS.get(status, ()):
        day += dt.timedelta(days=rng.randint(1, 4))
        setattr(contract, stamp, aware(day, rng.randint(9, 16), rng.choice((0, 15, 30, 45))))
    return contract


def contracts_for(
    rng: random.Random, plan: ProjectPlan, project: Project, committee: OwnersCommittee | None
) -> list[ServiceContract]:
    """The contracts of one project: none without a company."""
    if plan.company is None:
        return []
    if committee is not None:  # signed by the committee in office, within its term
        start = committee.term_start + dt.timedelta(days=rng.randint(15, 120))
        end = min(_years_later(start, CONTRACT_YEARS), committee.term_end)
    else:
        first = min(max(plan.completed_year + 1, 2021), 2024)
        start = random_date(rng, first, 2024)
        end = _years_later(start, CONTRACT_YEARS)
    contracts = []
    if plan.preliminary:  # the developer's choice, from delivery until the regular one
        begin = random_date(rng, plan.completed_year, plan.completed_year)
        contracts.append(
            _contract(
                rng,
                plan,
                project,
                kind=Kind.PRELIMINARY,
                status=Status.FILED,
                signed_on=begin - dt.timedelta(days=rng.randint(30, 180)),
                term_start=begin,
                term_end=start - dt.timedelta(days=1),
            )
        )
    contracts.append(
        _contract(
            rng,
            plan,
            project,
            kind=Kind.REGULAR,
            status=plan.contract_status,
            signed_on=start - dt.timedelta(days=rng.randint(3, 14)),
            term_start=start,
            term_end=end,
        )
    )
    return contracts
