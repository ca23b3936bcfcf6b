"""Demo rows of the oldprojects app (seed 001 §三(三)) and of the register's security-guard
filings (seed 004 §2), through the services: the street login's old residential areas get
a service mode and a "五有" check; where the profile sets the subsidy (jiangxi-zhanggong),
the demo company applies for the first quarter, the street checks, the district approves
and pays, and the district grants the serving company its yearly reward (§三(三)3(3)); the
demo company records its guard filing, verified by the bureau."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.core.scoping import Actor, Grant
from gongzhi.demo.extensions import DemoContext
from gongzhi.oldprojects import selectors, services
from gongzhi.oldprojects.models import (
    CompanyReward,
    OldProjectService,
    ServiceMode,
    SubsidyApplication,
)
from gongzhi.registry.companies import guards
from gongzhi.registry.models import GuardFiling
from gongzhi.rules.oldprojects import FIVE_BASICS

MODES = (
    ServiceMode.COMPANY,
    ServiceMode.SELF_MANAGED,
    ServiceMode.QUASI_MANAGEMENT,
    ServiceMode.PUBLIC_WELFARE,
)


def populate(ctx: DemoContext) -> dict[str, int]:
    day = min(ctx.today, timezone.localdate())
    rng = ctx.rng("oldprojects")
    street, bureau = actor_for(ctx.user("street")), actor_for(ctx.user("bureau"))
    company = actor_for(ctx.user("company"))
    company_ids = {g.company_id for g in company.grants_of("company") if g.company_id}
    with clock.frozen(day):
        for index, project in enumerate(selectors.old_projects(actor=street)[:12]):
            mode = MODES[index % len(MODES)]
            if project.company_id in company_ids:
                mode = ServiceMode.COMPANY
            elif (
                mode in (ServiceMode.COMPANY, ServiceMode.PUBLIC_WELFARE) and not project.company_id
            ):
                mode = ServiceMode.QUASI_MANAGEMENT
            basics = list(FIVE_BASICS) if rng.random() < 0.7 else list(FIVE_BASICS[:3])
            services.service_record(
                actor=street,
                project_id=project.pk,
                mode=mode,
                basics=basics,
                checked_on=day - dt.timedelta(days=rng.randint(3, 40)),
                note="街道、社区联合检查",
            )
        served = (
            selectors.old_projects(actor=street)
            .filter(company__isnull=False, total_building_area__gt=0)
            .order_by("pk")
        )
        year = day.year if day.month > 3 else day.year - 1
        for position, project in enumerate(served[:2]):
            if selectors.subsidy_range(project) is None:
                break  # the profile sets no old-project subsidy (only seed 001 does)
            # the serving company's staff apply (entered by the demo administrator)
            staff = Actor(
                user=ctx.user("admin"),
                grants=(
                    Grant(kind="company", role=Role.COMPANY_STAFF, company_id=project.company_id),
                ),
                roles=frozenset({Role.COMPANY_STAFF}),
            )
            app = services.subsidy_apply(
                actor=staff, project_id=project.pk, year=year, month_from=1, month_to=3
            )
            services.subsidy_check(actor=street, application_id=app.pk, basics=FIVE_BASICS)
            if position == 0:
                services.subsidy_approve(actor=bureau, application_id=app.pk, rate="0.25")
                services.subsidy_pay(actor=bureau, application_id=app.pk)
                # the street's on-site check found all five: it records them on the
                # project, which qualifies the company for the yearly reward (§三(三)3(3))
                services.service_record(
                    actor=street,
                    project_id=project.pk,
                    mode=ServiceMode.COMPANY,
                    basics=FIVE_BASICS,
                    checked_on=day,
                    note="补贴核查时五项基本服务齐全",
                )
                reward = services.reward_grant(
                    actor=bureau,
                    company_id=project.company_id,
                    year=year,
                    amount="30000",
                    note="入驻老旧小区开展物业服务",
                )
                services.reward_pay(actor=bureau, reward_id=reward.pk)
        for company_id in sorted(company_ids)[:1]:
            filing = guards.guard_filing_record(
                actor=company,
                company_id=company_id,
                police_bureau="市公安局治安支队",
                filing_number=f"BA-{day.year}-{company_id:04d}",
                filed_on=day - dt.timedelta(days=120),
                valid_until=day + dt.timedelta(days=245),
                guards=rng.randint(6, 30),
            )
            guards.guard_filing_review(actor=bureau, filing_id=filing.pk, action="verify")
    return {
        "oldprojects.OldProjectService": OldProjectService.objects.count(),
        "oldprojects.SubsidyApplication": SubsidyApplication.objects.count(),
        "oldprojects.CompanyReward": CompanyReward.objects.count(),
        "registry.GuardFiling": GuardFiling.objects.count(),
    }
