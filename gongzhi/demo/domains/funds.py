"""Demo rows of the funds capability (see gongzhi.demo.extensions).

Every project gets its maintenance-fund accounts with the first deposits made (bulk: one
batch entry per project, the construction cost per m² drawn per project and building
type; the standard from the profile's rule once per area and building type, the accounts,
part funds and postings written with ``core.bulk.insert_rows``, no model instance per
part); in the demo committee's project, a few parts' first deposits are left missing (so
the delivery check shows them), one fund-use application waits for the owners' vote
(through the services, so the decisions capability holds its matter) and last year's
common revenue is recorded and its statement published; every company serving a project
has a performance bond held by the street, by the profile's formula.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext

from gongzhi.accounts.selectors import actor_for
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.bulk import insert_rows
from gongzhi.core.explain import stored
from gongzhi.demo.extensions import DemoContext
from gongzhi.funds import accounts, services
from gongzhi.funds.models import (
    Account,
    Fund,
    FundUseApplication,
    JournalEntry,
    PartFund,
    Posting,
    RevenueStatement,
    Side,
)
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.rules import funds as fund_rules
from gongzhi.rules.money import performance_bond

MISSING_IN_SHOWCASE = 3


def _open_project(ctx: DemoContext, project: Project, day: dt.date, skip: int) -> tuple[int, int]:
    """Accounts, part funds and one batch first-deposit entry for one project (bulk)."""
    rng = ctx.rng(f"funds:{project.pk}")
    profile = effective_profile(project.community)
    costs = {True: rng.randrange(2_600, 3_400) * 100, False: rng.randrange(1_800, 2_400) * 100}
    parts = list(
        ExclusivePart.objects.filter(project=project)
        .order_by("pk")
        .values_list("pk", "number", "area", "building_unit__has_elevator")
    )
    if not parts:
        return 0, 0
    bank = accounts.maintenance_bank(project)
    # The rule is a function of the profile, the area and the cost: the parts of a
    # building share a few floor plans, so most parts reuse a standard already computed.
    rule: dict[tuple[Decimal, bool], tuple[int, object]] = {}
    standards: list[tuple[int, object]] = []
    for _pk, _number, area, elevator in parts:
        key = (area, bool(elevator))
        if key not in rule:
            standard = fund_rules.first_deposit(profile, area=area, cost_fen_per_m2=costs[key[1]])
            assert standard.amount_fen is not None
            rule[key] = (standard.amount_fen, stored(standard.explanation))
        standards.append(rule[key])
    paid = len(parts) - skip
    # as funds.accounts.part_account names and keys a part's maintenance-fund account
    name = gettext("Maintenance fund · %(project)s %(part)s")
    insert_rows(
        Account,
        ("key", "name", "part", "balance_fen"),
        [
            (
                accounts.maintenance_part_key(pk),
                name % {"project": project.name, "part": number},
                pk,
                amount if index < paid else 0,
            )
            for index, ((pk, number, _area, _lift), (amount, _why)) in enumerate(
                zip(parts, standards, strict=True)
            )
        ],
        constants={
            "fund": Fund.MAINTENANCE,
            "kind": Account.Kind.LIABILITY,
            "holder": Account.Holder.PART,
            "category": "",
            "node_path": project.node_path,
            "project": project.pk,
        },
    )
    by_key = dict(Account.objects.filter(project=project, holder="part").values_list("key", "pk"))
    account_ids = [by_key[accounts.maintenance_part_key(pk)] for pk, *_rest in parts]
    total = sum(amount for amount, _why in standards[:paid])
    insert_rows(
        PartFund,
        (
            "part",
            "account",
            "standard_fen",
            "standard_reason",
            "first_deposit_fen",
            "first_deposited_on",
        ),
        [
            (
                pk,
                account_id,
                amount,
                why,
                amount if index < paid else None,
                day if index < paid else None,
            )
            for index, ((pk, *_rest), account_id, (amount, why)) in enumerate(
                zip(parts, account_ids, standards, strict=True)
            )
        ],
        constants={"project": project.pk, "node_path": project.node_path},
    )
    if paid <= 0:
        return len(parts), 0
    entry = JournalEntry.objects.create(
        fund=Fund.MAINTENANCE,
        project=project,
        date=day,
        memo="首期专项维修资金（批量交存）",
        reference=f"funds.maintenance:{project.pk}",
        node_path=project.node_path,
    )
    postings = [(bank.pk, Side.DEBIT, total)]
    postings += [
        (account_id, Side.CREDIT, amount)
        for account_id, (amount, _why) in zip(account_ids[:paid], standards[:paid], strict=True)
    ]
    insert_rows(Posting, ("account", "side", "amount_fen"), postings, constants={"entry": entry.pk})
    Account.objects.filter(pk=bank.pk).update(balance_fen=total)
    return len(parts), len(postings)


def _bond(admin: object, project: Project) -> bool:
    profile = effective_profile(project.community)
    area = project.total_building_area or Decimal("50000")
    # a year's receivable fees at 1.50 yuan per m² per month, for the percent-of-fees rule
    fees = int(area * 150 * 12)
    requirement = performance_bond(profile, annual_fees_fen=fees, total_floor_area=area)
    amount = (
        requirement.minimum_fen if requirement.required and requirement.minimum_fen else 5_000_000
    )
    services.bond_deposit(
        actor=admin,  # type: ignore[arg-type]
        project_id=project.pk,
        amount=f"{amount // 100}.{amount % 100:02d}",
        annual_fees=f"{fees // 100}.{fees % 100:02d}",
    )
    return True


def populate(ctx: DemoContext) -> dict[str, int]:
    today = ctx.today
    admin = actor_for(ctx.user("admin"))
    committee_user = ctx.user("committee")
    committee = actor_for(committee_user)
    grant = next(g for g in committee.grants_of("project"))
    showcase = Project.objects.select_related("community").get(pk=grant.project_id)
    opened = postings = bonds = 0
    with transaction.atomic():
        for project in Project.objects.select_related("community").order_by("pk"):
            skip = MISSING_IN_SHOWCASE if project.pk == showcase.pk else 0
            delivered = dt.date(project.completed_year or 2015, 6, 30)
            n, p = _open_project(ctx, project, min(delivered, today), skip)
            opened += n
            postings += p
            if project.company_id is not None:
                bonds += _bond(admin, project)
    for label, rows in (
        ("funds.Account", Account.objects.count()),
        ("funds.PartFund", opened),
        ("funds.Posting", postings),
    ):
        audit.record(
            actor=None,
            action=AuditAction.BULK_CREATE,
            target_type=label,
            target_repr=f"demo city ({rows} rows)",
            after={"rows": rows, "seed": ctx.seed},
        )
    # the showcase: an application waiting for the owners, last year's common revenue
    shared = list(
        PartFund.objects.filter(project=showcase, first_deposit_fen__isnull=False)
        .order_by("part__number")
        .values_list("part_id", flat=True)[:60]
    )
    services.fund_use_apply(
        actor=committee,
        project_id=showcase.pk,
        title="更换1号楼电梯曳引钢丝绳",
        work="1号楼电梯曳引钢丝绳磨损超标，经维保单位检测需整体更换。",
        estimate="36800.00",
        part_ids=shared,
    )
    rng = ctx.rng("funds:revenue")
    year = today.year - 1

    def record(category: str, amount: int, memo: str, day: dt.date) -> None:
        services.revenue_record(
            actor=committee,
            project_id=showcase.pk,
            category=category,
            amount=str(amount),
            memo=memo,
            date=day,
        )

    for month in range(1, 13):
        day = dt.date(year, month, 15)
        record("parking", rng.randrange(8_000, 12_000), f"{month}月地面停车费", day)
        if month % 3 == 0:
            record("advertising", rng.randrange(2_000, 4_000), "电梯广告", day)
    record("repair", 6500, "健身器材维修", dt.date(year, 8, 20))
    record("committee_office", 2400, "业委会办公经费", dt.date(year, 12, 20))
    services.revenue_statement_publish(actor=committee, project_id=showcase.pk, year=year)
    return {
        "funds.PartFund": opened,
        "funds.Posting": postings,
        "funds.PerformanceBond": bonds,
        "funds.FundUseApplication": FundUseApplication.objects.count(),
        "funds.RevenueStatement": RevenueStatement.objects.count(),
    }
