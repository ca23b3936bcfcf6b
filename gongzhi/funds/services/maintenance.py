"""Maintenance fund (专项维修资金): part accounts, first deposits before delivery (004 §14;
住宅专项维修资金管理办法 art. 7), top-ups, interest allocated by balance, and the top-up
notices when a part's balance falls below the profile's share of its first deposit (000
§33: 不足首期交存额百分之三十的，应当及时续交)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import ConflictError, DomainError
from gongzhi.core.explain import stored
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.events.bus import emit
from gongzhi.funds import accounts, ledger
from gongzhi.funds.models import Account, Fund, PartFund, Side, TopUpNotice
from gongzhi.funds.services._base import (
    as_date,
    fen,
    profile_of,
    project_get,
    require_official,
)
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.rules import funds as fund_rules
from gongzhi.rules.money import format_fen, maintenance_fund_topup, percent_of

EVENT_TOPUP_DUE = "funds.topup_due"  # → notices: the top-up notice to the part's owners

OFFICIALS = (Role.BUREAU, Role.STREET_OFFICER)


@transaction.atomic
def maintenance_open(
    *,
    actor: Actor,
    project_id: int,
    cost_yuan_per_m2_elevator: Any = None,
    cost_yuan_per_m2_plain: Any = None,
) -> int:
    """Open a maintenance-fund account for every part of the project that has none, with
    its first-deposit standard from the profile (per m², or a share of the local
    construction cost per m² of the part's building type: elevator or not). Returns how
    many accounts were opened."""
    project = project_get(actor, project_id)
    require_official(actor, project, *OFFICIALS)
    profile = profile_of(project)
    cost_share = profile.text("maintenance_fund_first_deposit_mode") == "cost_share"
    costs = {
        True: fen(cost_yuan_per_m2_elevator, "cost_yuan_per_m2_elevator", required=False),
        False: fen(cost_yuan_per_m2_plain, "cost_yuan_per_m2_plain", required=False),
    }
    parts = list(
        ExclusivePart.objects.filter(project=project, maintenance_fund__isnull=True)
        .select_related("building_unit")
        .order_by("pk")
    )
    if cost_share:
        needed = {bool(p.building_unit and p.building_unit.has_elevator) for p in parts}
        missing = {
            ("cost_yuan_per_m2_elevator" if flag else "cost_yuan_per_m2_plain")
            for flag in needed
            if costs[flag] is None
        }
        if missing:
            raise DomainError(
                _("Enter the construction cost per m² for each building type of the project."),
                fields={name: [_("This field is required.")] for name in sorted(missing)},
            )
    by_part = accounts.part_accounts(parts, project)
    rows = []
    for part in parts:
        elevator = bool(part.building_unit and part.building_unit.has_elevator)
        standard = fund_rules.first_deposit(
            profile, area=part.area, cost_fen_per_m2=costs[elevator]
        )
        assert standard.amount_fen is not None
        rows.append(
            PartFund(
                part=part,
                project=project,
                account=by_part[part.pk],
                standard_fen=standard.amount_fen,
                standard_reason=stored(standard.explanation),
                node_path=project.node_path,
            )
        )
    PartFund.objects.bulk_create(rows, batch_size=1000)
    accounts.maintenance_bank(project)
    audit.record(
        actor=actor,
        action=AuditAction.BULK_CREATE,
        target=project,
        field="maintenance_fund",
        after={"opened": len(rows)},
    )
    return len(rows)


def _part_fund(actor: Actor, part_id: Any) -> PartFund:
    """The part's account row, locked (two clerks recording the same first deposit wait
    for each other, and the second is refused)."""
    part_fund: PartFund = get_visible(
        PartFund.objects.select_for_update(of=("self",)).select_related(
            "part", "project__community", "account"
        ),
        actor,
        part_id=part_id,
    )
    return part_fund


@transaction.atomic
def first_deposit_record(
    *, actor: Actor, part_id: int, amount: Any = None, date: Any = None
) -> PartFund:
    """Record a part's first deposit (before delivery, 004 §14); at least its standard."""
    part_fund = _part_fund(actor, part_id)
    require_official(actor, part_fund.project, *OFFICIALS)
    if part_fund.first_deposit_fen is not None:
        raise ConflictError(_("The first deposit of this part is already recorded."))
    amount_fen = part_fund.standard_fen if amount in (None, "") else fen(amount, "amount")
    assert amount_fen is not None
    if amount_fen < part_fund.standard_fen:
        raise DomainError(
            _("The first deposit is at least the standard %(standard)s.")
            % {"standard": format_fen(part_fund.standard_fen)},
            fields={"amount": [_("Too little for the first deposit.")]},
        )
    day = as_date(date)
    _deposit(actor, part_fund.project, [(part_fund, amount_fen)], day, gettext("First deposit"))
    before = audit.snapshot(part_fund)
    part_fund.first_deposit_fen = amount_fen
    part_fund.first_deposited_on = day
    part_fund.save(update_fields=["first_deposit_fen", "first_deposited_on"])
    audit.record_update(actor, part_fund, before=before)
    return part_fund


@transaction.atomic
def first_deposits_record_all(*, actor: Actor, project_id: int, date: Any = None) -> int:
    """Record the standard first deposit of every part of the project still missing one,
    as one batch entry (the developer's or the sales office's bulk remittance)."""
    project = project_get(actor, project_id)
    require_official(actor, project, *OFFICIALS)
    day = as_date(date)
    missing = list(
        PartFund.objects.select_for_update()
        .filter(project=project, first_deposit_fen__isnull=True)
        .select_related("account")
        .order_by("pk")
    )
    if not missing:
        return 0
    _deposit(
        actor, project, [(pf, pf.standard_fen) for pf in missing], day, gettext("First deposits")
    )
    PartFund.objects.filter(pk__in=[pf.pk for pf in missing]).update(
        first_deposit_fen=F("standard_fen"), first_deposited_on=day
    )
    audit.record(
        actor=actor,
        action=AuditAction.BULK_CREATE,
        target=project,
        field="first_deposit",
        after={"parts": len(missing), "total_fen": sum(pf.standard_fen for pf in missing)},
    )
    return len(missing)


@transaction.atomic
def topup_record(*, actor: Actor, part_id: int, amount: Any, date: Any = None) -> PartFund:
    """Record a top-up (续交) to a part's account; resolves its open top-up notice when
    the balance is back at or above the threshold."""
    part_fund = _part_fund(actor, part_id)
    require_official(actor, part_fund.project, *OFFICIALS)
    if part_fund.first_deposit_fen is None:
        raise ConflictError(_("Record the first deposit of this part first."))
    amount_fen = fen(amount, "amount")
    assert amount_fen is not None
    day = as_date(date)
    _deposit(actor, part_fund.project, [(part_fund, amount_fen)], day, gettext("Top-up"))
    part_fund.account.refresh_from_db()
    profile = profile_of(part_fund.project)
    check = maintenance_fund_topup(
        profile,
        balance_fen=part_fund.account.balance_fen,
        first_deposit_fen=part_fund.first_deposit_fen,
    )
    if not check.due:
        TopUpNotice.objects.filter(part_fund=part_fund, resolved_on__isnull=True).update(
            resolved_on=day
        )
    return part_fund


def _deposit(
    actor: Actor, project: Project, deposits: list[tuple[PartFund, int]], day: Any, memo: str
) -> None:
    bank = accounts.maintenance_bank(project)
    total = sum(amount for _pf, amount in deposits)
    lines = [ledger.debit(bank, total)]
    lines += [ledger.credit(pf.account, amount) for pf, amount in deposits]
    ledger.post(
        actor=actor,
        fund=Fund.MAINTENANCE,
        date=day,
        memo=memo,
        lines=lines,
        project_id=project.pk,
        node_path=project.node_path,
        reference=f"funds.maintenance:{project.pk}",
    )


@transaction.atomic
def interest_allocate(*, actor: Actor, project_id: int, amount: Any, date: Any = None) -> int:
    """Credit the interest the special account earned to the project's parts in proportion
    to their balances, exact to the fen (largest remainder; ties to the lower part id).
    Returns how many parts received interest."""
    project = project_get(actor, project_id)
    require_official(actor, project, Role.BUREAU)
    amount_fen = fen(amount, "amount")
    assert amount_fen is not None
    funds = list(
        Account.objects.select_for_update()
        .filter(
            project=project, fund=Fund.MAINTENANCE, holder=Account.Holder.PART, balance_fen__gt=0
        )
        .order_by("pk")
        .values_list("pk", "balance_fen")  # what the split reads: no instance per part
    )
    if not funds:
        raise ConflictError(_("No part of this project has a balance to earn interest."))
    shares = fund_rules.allocate(amount_fen, [balance for _pk, balance in funds])
    bank = accounts.maintenance_bank(project)
    rows = [(bank.pk, Side.DEBIT, amount_fen)]
    rows += [(pk, Side.CREDIT, s) for (pk, _b), s in zip(funds, shares, strict=True) if s > 0]
    ledger.post_rows(
        actor=actor,
        fund=Fund.MAINTENANCE,
        date=as_date(date),
        memo=gettext("Interest allocated by balance"),
        rows=rows,
        project_id=project.pk,
        node_path=project.node_path,
        reference=f"funds.interest:{project.pk}",
    )
    return len(rows) - 1


def check_topups(*, actor: Actor | None, part_fund_ids: Iterable[int]) -> list[TopUpNotice]:
    """Issue a top-up notice for each part whose balance is now below the profile's share
    of its first deposit (000 §33); ``funds.topup_due`` lets gongzhi.notices tell the
    part's owners (inbox and SMS, after commit).

    The threshold test runs on plain values for every part; only the parts due are
    loaded in full."""
    ids = part_fund_ids if isinstance(part_fund_ids, QuerySet) else list(part_fund_ids)
    candidates = (
        PartFund.objects.filter(pk__in=ids, first_deposit_fen__isnull=False)
        .exclude(pk__in=TopUpNotice.objects.filter(resolved_on__isnull=True).values("part_fund_id"))
        .order_by()  # no join for the default ordering
        .values_list("pk", "project_id", "account__balance_fen", "first_deposit_fen")
    )
    rates: dict[int, Fraction] = {}
    due = []
    for pk, project_id, balance, first in candidates:
        rate = rates.get(project_id)
        if rate is None:
            project = Project.objects.select_related("community").get(pk=project_id)
            rate = profile_of(project).fraction("maintenance_fund_topup_below_percent")
            rates[project_id] = rate
        # balance < rate × first deposit, in integers (rate = numerator / denominator)
        if balance * rate.denominator < rate.numerator * first:
            due.append(pk)
    notices: list[TopUpNotice] = []
    rows = PartFund.objects.filter(pk__in=due).select_related(
        "account", "project__community", "part"
    )
    for pf in rows:
        assert pf.first_deposit_fen is not None
        check = maintenance_fund_topup(
            profile_of(pf.project),
            balance_fen=pf.account.balance_fen,
            first_deposit_fen=pf.first_deposit_fen,
        )
        threshold = percent_of(pf.first_deposit_fen, rates[pf.project_id])
        notice = TopUpNotice.objects.create(
            part_fund=pf,
            project_id=pf.project_id,
            balance_fen=pf.account.balance_fen,
            threshold_fen=threshold,
            reason=stored(check.explanation),
            node_path=pf.node_path,
        )
        audit.record_create(actor, notice)
        notices.append(notice)
        # the notice to the part's owners (inbox and SMS) is published by gongzhi.notices
        emit(
            EVENT_TOPUP_DUE,
            subject=notice,
            data={
                "topup_notice_id": notice.pk,
                "project_id": pf.project_id,
                "part_id": pf.part_id,
                "part_number": pf.part.number,
                "balance_fen": pf.account.balance_fen,
                "threshold_fen": threshold,
                "reason": notice.reason,
            },
            node_path=pf.node_path,
            actor=user_of(actor),
        )
    return notices
