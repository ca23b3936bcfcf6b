"""What the demo city's filed property companies hold beyond their filing (seed 000 §11):
1–3 qualifications (no scans), 1–3 engineers, and a report to every street where they
serve, acknowledged by most streets. Project managers (one per served project) are
written with their projects by the housing generator.

``StreetReport.reported_at`` is stamped on insert (``auto_now_add``); the demo sets it to a
date of the company's own afterwards, so the city does not depend on the clock.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence

from django.db import models
from faker import Faker

from gongzhi.demo.extensions import Tree
from gongzhi.demo.generator import names
from gongzhi.demo.generator.identity import IdentityFactory, aware, random_date
from gongzhi.demo.generator.planning import ProjectPlan
from gongzhi.registry.models import (
    CompanyQualification,
    CompanyStaff,
    PropertyCompany,
    StreetReport,
)

Save = Callable[[type[models.Model], Sequence[models.Model]], None]
ACKNOWLEDGED_SHARE = 0.85


def company_extras(
    *,
    rng: random.Random,
    fake: Faker,
    ids: IdentityFactory,
    tree: Tree,
    companies: Sequence[PropertyCompany],
    plans: Sequence[ProjectPlan],
    save: Save,
) -> None:
    """Write the qualifications, engineers and street reports of the filed companies."""
    streets = {s.pk: s for s in tree.streets}
    served: dict[int, set[int]] = {}
    for plan in plans:
        if plan.company is not None:
            street_id = plan.community.parent_id
            assert street_id is not None
            served.setdefault(plan.company.pk, set()).add(street_id)
    qualifications: list[CompanyQualification] = []
    engineers: list[CompanyStaff] = []
    reports: list[StreetReport] = []
    for company in companies:
        if company.filing_status != PropertyCompany.FilingStatus.FILED:
            continue
        assert company.filed_at is not None
        for name, issuer in rng.sample(names.QUALIFICATIONS, rng.randint(1, 3)):
            qualifications.append(
                CompanyQualification(
                    company=company,
                    name=name,
                    certificate_number=f"{rng.choice('ABCDEFGHJK')}{rng.randrange(10**9):09d}",
                    issued_by=issuer,
                    valid_until=random_date(rng, 2026, 2030),
                )
            )
        for _ in range(rng.randint(1, 3)):
            engineers.append(
                CompanyStaff(
                    company=company,
                    name=fake.name(),
                    role=CompanyStaff.Role.ENGINEER,
                    specialty=rng.choice(names.ENGINEER_SPECIALTIES),
                    certificate_number=f"GC{rng.randrange(10**10):010d}",
                    phone=ids.mobile(),
                )
            )
        for street_id in sorted(served.get(company.pk, ())):
            street = streets[street_id]
            reported = company.filed_at + dt.timedelta(days=rng.randint(3, 60))
            report = StreetReport(
                company=company,
                street=street,
                node_path=street.path,
                note=f"{company.name}在{street.name}辖区提供物业服务",
            )
            report.reported_at = aware(reported, rng.randint(9, 16))  # overwritten on insert
            if rng.random() < ACKNOWLEDGED_SHARE:
                report.acknowledged_at = aware(
                    reported + dt.timedelta(days=rng.randint(1, 10)), rng.randint(9, 17)
                )
            reports.append(report)
    save(CompanyQualification, qualifications)
    save(CompanyStaff, engineers)
    stamps = [r.reported_at for r in reports]
    save(StreetReport, reports)
    for report, stamp in zip(reports, stamps, strict=True):
        report.reported_at = stamp
    StreetReport.objects.bulk_update(reports, ["reported_at"], batch_size=500)
