"""Demo rows of the credit domain (see gongzhi.demo.extensions): automatic-style records
for every company (substantiated complaints, assessment results) in bulk, a few manual
records through the services (one awaiting approval, one appealed), scores for this year
and last, one blacklisted company with its letters and one inspection plan."""

from __future__ import annotations

import datetime as dt

from gongzhi.accounts.models import Membership, Role
from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.credit.models import (
    Appeal,
    Blacklisting,
    CreditRecord,
    CreditScore,
    InspectionPlan,
    NotificationLetter,
)
from gongzhi.credit.services import inspections, records, scores
from gongzhi.credit.services.common import company_profile
from gongzhi.demo.extensions import DemoContext
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import credit as rules

SUMMARIES = (
    "楼道堆放杂物未及时清理",
    "电梯故障超过48小时未修复",
    "擅自提高停车收费标准",
    "绿化养护不到位",
)


def _bulk_records(ctx: DemoContext, companies: list[PropertyCompany], day: dt.date) -> int:
    rng = ctx.rng("credit")
    rows = []
    for company in companies:
        profile = company_profile(company)
        project = Project.objects.filter(company_id=company.pk).order_by("pk").first()
        complaint = rules.kind_for_event(profile, "complaint")
        for _ in range(rng.randint(0, 4)):
            on = day - dt.timedelta(days=rng.randint(1, 600))
            if complaint is not None:
                rows.append(_row(company, project, complaint, on, rng.choice(SUMMARIES)))
        for quarter in (1, 2, 3):
            band = rng.choice(("excellent", "good", "good", "pass", "fail"))
            kind = rules.kind_for_event(profile, "assessment", band)
            on = dt.date(day.year - 1, quarter * 3, 28)
            if kind is not None:
                rows.append(_row(company, project, kind, on, f"{day.year - 1} Q{quarter} · {band}"))
    CreditRecord.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


def _row(
    company: PropertyCompany,
    project: Project | None,
    kind: rules.CreditKind,
    on: dt.date,
    evidence: str,
) -> CreditRecord:
    return CreditRecord(
        company=company,
        project=project,
        **records.kind_fields(kind, on),
        evidence=evidence,
        status=CreditRecord.Status.ACTIVE,
        node_path=project.node_path if project else company.node_path,
    )


def populate(ctx: DemoContext) -> dict[str, int]:
    day = min(ctx.today, clock.today())
    companies = list(
        PropertyCompany.objects.filter(filing_status=PropertyCompany.FilingStatus.FILED)
        .select_related("filed_with")
        .order_by("pk")
    )
    if not companies:
        return {}
    _bulk_records(ctx, companies, day)
    bureau, street = actor_for(ctx.user("bureau")), actor_for(ctx.user("street"))
    staff = ctx.user("company")
    own = Membership.objects.get(user=staff, role=Role.COMPANY_STAFF).company
    assert own is not None, "the demo company login belongs to a company"
    penalty = records.record_enter(
        actor=street,
        company_id=own.pk,
        kind_code="administrative_penalty",
        occurred_on=day - dt.timedelta(days=30),
        evidence="行政处罚决定书：未按规定公示收费项目",
    )
    records.record_approve(actor=bureau, record_id=penalty.pk)
    records.appeal_file(
        actor=actor_for(staff),
        record_id=penalty.pk,
        reason="收费项目已于当日在小区公告栏公示，附照片为证",
    )
    records.record_enter(
        actor=street,
        company_id=own.pk,
        kind_code="award",
        occurred_on=day - dt.timedelta(days=10),
        evidence="区物业管理联席会议年度优秀物业服务企业表彰",
    )
    # one blacklisted company: one that holds no contract, so the register stays consistent
    # (a filed one where the city has one, else one whose filing is under review)
    without_contract = (
        PropertyCompany.objects.exclude(pk=own.pk)
        .exclude(service_contracts__isnull=False)
        .order_by("pk")
    )
    dishonest = (
        without_contract.filter(filing_status=PropertyCompany.FilingStatus.FILED).first()
        or without_contract.first()
    )
    if dishonest is not None:
        serious = records.record_enter(
            actor=bureau,
            company_id=dishonest.pk,
            kind_code="serious_dishonesty",
            occurred_on=day - dt.timedelta(days=60),
            evidence="提交虚假备案材料，拒不执行整改通知",
        )
        records.record_approve(actor=actor_for(ctx.user("admin")), record_id=serious.pk)
    for year in (day.year - 1, day.year):
        scores.scores_recompute(actor=None, year=year)
    scores.blacklist_evaluate(actor=None, on=day, company_ids=[dishonest.pk] if dishonest else [])
    inspections.inspection_draw(actor=bureau, node_id=ctx.tree.root.pk, seed=f"demo-{ctx.seed}")
    return {
        "credit.CreditRecord": CreditRecord.objects.count(),
        "credit.Appeal": Appeal.objects.count(),
        "credit.CreditScore": CreditScore.objects.count(),
        "credit.Blacklisting": Blacklisting.objects.count(),
        "credit.NotificationLetter": NotificationLetter.objects.count(),
        "credit.InspectionPlan": InspectionPlan.objects.count(),
    }
