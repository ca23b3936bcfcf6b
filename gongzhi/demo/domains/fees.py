"""Demo rows of this app (see gongzhi.demo.extensions).

A published fee list for every project a company serves (bulk); for the demo company's
projects (the committee's first) a year of bills through ``billing_run``, payments for
most of them through the one payment write path (a bounded number, so a 100 000-household
city stays fast), arrears for the rest, the demo owner's bill partly paid with a receipt,
one imported bank statement with a few unmatched rows, and a payment-status publication.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from gongzhi.accounts.selectors import actor_for
from gongzhi.demo.extensions import DemoContext
from gongzhi.fees import services
from gongzhi.fees.models import (
    BankStatementImport,
    Bill,
    BillingRun,
    FeeItem,
    FeeStandard,
    Payment,
    PaymentPublication,
)
from gongzhi.fees.services.payments import payment_apply
from gongzhi.registry.models import Project

MAX_PAYMENTS = 600
ITEMS = [
    {"name": "物业服务费", "part_kind": "dwelling", "basis": "area", "price": "1.60"},
    {"name": "公共区域能耗分摊", "part_kind": "dwelling", "basis": "area", "price": "0.12"},
    {"name": "商铺物业服务费", "part_kind": "shop", "basis": "area", "price": "3.20"},
    {"name": "车位管理费", "part_kind": "parking", "basis": "part", "price": "50"},
]


def _period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last twelve whole months."""
    end = today.replace(day=1) - dt.timedelta(days=1)
    start = dt.date(end.year - 1, end.month, 1) + dt.timedelta(days=32)
    return start.replace(day=1), end


def _bulk_standards(ctx: DemoContext, skip: set[int], start: dt.date) -> int:
    rng = ctx.rng("fees-standards")
    projects = list(
        Project.objects.filter(company__isnull=False).exclude(pk__in=skip).order_by("pk")
    )
    standards = FeeStandard.objects.bulk_create(
        [
            FeeStandard(
                project=p,
                company_id=p.company_id,
                service_grade=str(rng.randint(1, 4)),
                mode=rng.choice(FeeStandard.Mode.values),
                effective_from=start,
                status=FeeStandard.Status.PUBLISHED,
                published_at=ctx_now(ctx),
                node_path=p.node_path,
            )
            for p in projects
        ],
        batch_size=2000,
    )
    items = [
        FeeItem(
            standard=s,
            name=item["name"],
            part_kind=item["part_kind"],
            basis=item["basis"],
            price=Decimal(item["price"]) + Decimal(rng.randint(0, 8)) / 10,
        )
        for s in standards
        for item in ITEMS
    ]
    FeeItem.objects.bulk_create(items, batch_size=2000)
    return len(standards)


def ctx_now(ctx: DemoContext) -> dt.datetime:
    return dt.datetime.combine(ctx.today, dt.time(9), tzinfo=dt.UTC)


def _pay(ctx: DemoContext, actor: object, project: Project, start: dt.date) -> int:
    rng = ctx.rng("fees-payments")
    owner_user = ctx.user("owner")
    bills = list(
        Bill.objects.filter(project=project)
        .order_by("pk")
        .values_list("pk", "total_fen", "payer_owner__user_id")
    )
    made = 0
    days = max((ctx.today - start).days, 1)
    for pk, total, user_id in bills:
        if made >= MAX_PAYMENTS:
            break
        roll = rng.random()
        if user_id == owner_user.pk:
            amount = total // 2
        elif roll < 0.78:
            amount = total
        elif roll < 0.86:
            amount = total // 3
        else:
            continue  # in arrears
        if amount <= 0:
            continue
        payment_apply(
            actor=actor,  # type: ignore[arg-type]
            bill_id=pk,
            amount_fen=amount,
            method=rng.choice((Payment.Method.CASH, Payment.Method.BANK_TRANSFER)),
            paid_on=start + dt.timedelta(days=rng.randrange(min(days, 60))),
        )
        made += 1
    return made


def _statement(ctx: DemoContext, actor: object, project: Project, end: dt.date) -> None:
    rng = ctx.rng("fees-statement")
    open_bills = list(
        Bill.objects.filter(project=project, status=Bill.Status.OPEN)
        .order_by("pk")
        .values_list("reference", "payer_name", "total_fen")[:12]
    )
    lines = ["交易日期,贷方金额,对方户名,摘要"]
    day = min(end + dt.timedelta(days=5), ctx.today)
    for reference, payer, total in open_bills:
        fen = total // 4
        lines.append(f"{day:%Y-%m-%d},{fen // 100}.{fen % 100:02d},{payer},物业费 {reference}")
    for i in range(4):  # transfers no rule can place: staff match them by hand
        lines.append(f"{day:%Y-%m-%d},{rng.randint(100, 900)}.00,个人转账{i + 1},转账")
    data = ("\n".join(lines) + "\n").encode("gbk")
    services.bank_statement_import(
        actor=actor,  # type: ignore[arg-type]
        project_id=project.pk,
        data=data,
        filename=f"银行流水{day:%Y%m}.csv",
    )


def populate(ctx: DemoContext) -> dict[str, int]:
    company_user = ctx.user("company")
    actor = actor_for(company_user)
    company_id = ctx.company_id()
    committee_project = ctx.committee_project_id()
    start, end = _period(ctx.today)
    projects = Project.objects.filter(company_id=company_id).order_by("pk")
    main = projects.filter(pk=committee_project).first() or projects.first()
    billed = [main, *projects.exclude(pk=main.pk)[:1]] if main else []
    for project in billed:
        standard = services.fee_standard_set(
            actor=actor,
            project_id=project.pk,
            service_grade="2",
            mode=FeeStandard.Mode.LUMP_SUM,
            effective_from=start,
            items=ITEMS,
        )
        services.fee_items_publish(actor=actor, standard_id=standard.pk)
        services.billing_run(
            actor=actor,
            project_id=project.pk,
            period_start=start,
            period_end=end,
            due_on=start + dt.timedelta(days=30),
        )
    _bulk_standards(ctx, {p.pk for p in billed}, start)
    if main is not None:
        _pay(ctx, actor, main, start)
        _statement(ctx, actor, main, end)
        services.publication_create(
            actor=actor, project_id=main.pk, period_start=start, period_end=end
        )
    return {
        "fees.FeeStandard": FeeStandard.objects.count(),
        "fees.FeeItem": FeeItem.objects.count(),
        "fees.BillingRun": BillingRun.objects.count(),
        "fees.Bill": Bill.objects.count(),
        "fees.Payment": Payment.objects.count(),
        "fees.BankStatementImport": BankStatementImport.objects.count(),
        "fees.PaymentPublication": PaymentPublication.objects.count(),
    }
