"""Money held for others: the performance bond (seed 000 §16; 001 §三(二)4), the
developer's preparation fund (000 §19) and quality warranty deposit (000 §7), and the
old-project repair fund with the district finance's matching (001 §三(三)2)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core.clock import now
from gongzhi.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongzhi.core.explain import explain, stored
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.core.workflow import transition
from gongzhi.funds import accounts, ledger
from gongzhi.funds.models import Account, Deposit, Fund, JournalEntry, PerformanceBond
from gongzhi.funds.services._base import (
    as_date,
    fen,
    profile_of,
    project_get,
    require_official,
    required_text,
)
from gongzhi.funds.workflow import BOND_FLOW, DEPOSIT_FLOW, is_committee_of, is_official_over
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.rules import funds as fund_rules
from gongzhi.rules.money import BondRequirement, performance_bond, preparation_fund

SUPERVISORS = (Role.STREET_OFFICER, Role.BUREAU)


def bond_requirement(project: Project, *, annual_fees_fen: int | None = None) -> BondRequirement:
    """The bond the project's profile requires (000 §16: percent of fees, capped; 001
    §三(二)4: a yearly band by total floor area)."""
    profile = profile_of(project)
    if profile.text("performance_bond_mode") == "percent_of_fees" and annual_fees_fen is None:
        raise DomainError(
            _("Enter the year's receivable property fees to compute the bond."),
            fields={"annual_fees": [_("This field is required.")]},
        )
    return performance_bond(
        profile, annual_fees_fen=annual_fees_fen, total_floor_area=project.total_building_area
    )


def _post(
    actor: Actor,
    project: Project,
    fund: str,
    memo: str,
    lines: list[ledger.Line],
    day: Any,
    ref: str,
) -> JournalEntry:
    return ledger.post(
        actor=actor,
        fund=fund,
        date=as_date(day),
        memo=memo,
        lines=lines,
        project_id=project.pk,
        node_path=project.node_path,
        reference=ref,
    )


def _pay_out_rest(
    actor: Actor,
    held: PerformanceBond | Deposit,
    memo: str,
    to: Account,
    day: Any,
    ref: str,
) -> None:
    """Pay what is left on a bond's or deposit's account out to ``to`` (the bank account it
    is refunded or released from), once the record has left the held state."""
    held.account.refresh_from_db()
    left = held.account.balance_fen
    if left > 0:
        _post(
            actor,
            held.project,
            held.account.fund,
            memo,
            [ledger.debit(held.account, left), ledger.credit(to, left)],
            day,
            ref,
        )


@transaction.atomic
def bond_deposit(
    *,
    actor: Actor,
    project_id: int,
    amount: Any,
    holder: str = PerformanceBond.Holder.STREET,
    annual_fees: Any = None,
    date: Any = None,
) -> PerformanceBond:
    """Record the project company's performance bond, held by the street (or, once the
    assembly exists, in the assembly's account, 001 §三(二)4); the amount must satisfy
    the profile's formula."""
    project = project_get(actor, project_id)
    require_official(actor, project, *SUPERVISORS)
    if project.company_id is None:
        raise ConflictError(_("No property company serves this project."))
    if holder not in PerformanceBond.Holder.values:
        raise DomainError(
            _("Select a valid choice."), fields={"holder": [_("Select a valid choice.")]}
        )
    amount_fen = fen(amount, "amount")
    assert amount_fen is not None
    fees = fen(annual_fees, "annual_fees", required=False)
    requirement = bond_requirement(project, annual_fees_fen=fees)
    if requirement.required and not requirement.accepts(amount_fen):
        raise DomainError(
            _("The bond does not meet the policy: %(reason)s")
            % {"reason": explain(requirement.explanation)},
            fields={"amount": [_("Outside the amount the policy requires.")]},
        )
    if PerformanceBond.objects.filter(
        company_id=project.company_id, project=project, status=PerformanceBond.Status.HELD
    ).exists():
        raise ConflictError(_("This company already has a bond held for this project."))
    sequence = PerformanceBond.objects.filter(project=project).count() + 1
    account = ledger.account_for(
        f"pb:bond:{project.pk}:{project.company_id}:{sequence}",
        name=gettext("Performance bond of %(company)s · %(project)s")
        % {"company": project.company.name if project.company else "", "project": project.name},
        fund=Fund.PERFORMANCE_BOND,
        kind=Account.Kind.LIABILITY,
        holder=Account.Holder.COMPANY,
        node_path=project.node_path,
        project=project,
        company_id=project.company_id,
    )
    bond = PerformanceBond.objects.create(
        company_id=project.company_id,
        project=project,
        holder=holder,
        amount_fen=amount_fen,
        requirement=stored(requirement.explanation),
        account=account,
        status=PerformanceBond.Status.HELD,
        node_path=project.node_path,
    )
    audit.record_create(actor, bond)
    _post(
        actor,
        project,
        Fund.PERFORMANCE_BOND,
        gettext("Performance bond deposited"),
        [
            ledger.debit(accounts.bond_bank(project, holder), amount_fen),
            ledger.credit(account, amount_fen),
        ],
        date,
        f"funds.bond:{bond.pk}",
    )
    return bond


def _bond(actor: Actor, bond_id: Any) -> PerformanceBond:
    bond: PerformanceBond = get_visible(
        PerformanceBond.objects.select_related("project", "account"), actor, pk=bond_id
    )
    return bond


@transaction.atomic
def bond_deduct(
    *, actor: Actor, bond_id: int, amount: Any, reason: str, date: Any = None
) -> PerformanceBond:
    """Deduct from a held bond for a breach, with the reason; the deduction goes to the
    owners (an income of the project). Never more than the bond's balance."""
    bond = _bond(actor, bond_id)
    if not is_official_over(actor, bond.node_path, *SUPERVISORS):
        raise PermissionDeniedError(_("Your role may not do this for this record."))
    if bond.status != PerformanceBond.Status.HELD:
        raise ConflictError(_("Only a held bond can be deducted from."))
    text = required_text(reason, "reason")
    amount_fen = fen(amount, "amount")
    assert amount_fen is not None
    _post(
        actor,
        bond.project,
        Fund.PERFORMANCE_BOND,
        gettext("Bond deduction: %(reason)s") % {"reason": text},
        [
            ledger.debit(bond.account, amount_fen),
            ledger.credit(accounts.bond_deductions(bond.project), amount_fen),
        ],
        date,
        f"funds.bond:{bond.pk}",
    )
    return bond


@transaction.atomic
def bond_refund(*, actor: Actor, bond_id: int, opinion: str, date: Any = None) -> PerformanceBond:
    """Refund what is left of the bond on the company's exit, recording the committee's
    opinion (000 §16: 业委会协助出具相关意见)."""
    bond: PerformanceBond = transition(
        actor=actor,
        workflow=BOND_FLOW,
        queryset=PerformanceBond.objects.select_related("project", "account"),
        pk=bond_id,
        action="refund",
        changes={"committee_opinion": str(opinion or "").strip(), "refunded_at": now()},
        opinion=opinion,
    )
    _pay_out_rest(
        actor,
        bond,
        gettext("Performance bond refunded"),
        accounts.bond_bank(bond.project, bond.holder),
        date,
        f"funds.bond:{bond.pk}",
    )
    return bond


@transaction.atomic
def deposit_record(
    *,
    actor: Actor,
    project_id: int,
    kind: str,
    households: Any = None,
    construction_cost: Any = None,
    date: Any = None,
) -> Deposit:
    """Record the developer's preparation fund (000 §19: 30 yuan per household, at most
    100 000, before completion filing) or warranty deposit (000 §7: 3 % of the
    construction cost), computed from the profile."""
    project = project_get(actor, project_id)
    require_official(actor, project, *SUPERVISORS)
    profile = profile_of(project)
    if kind == Deposit.Kind.PREPARATION:
        try:
            count = int(households)
        except (TypeError, ValueError):
            count = -1
        if count <= 0:
            raise DomainError(
                _("Enter the number of households."),
                fields={"households": [_("Enter a whole number greater than zero.")]},
            )
        result = preparation_fund(profile, count)
    elif kind == Deposit.Kind.WARRANTY:
        cost = fen(construction_cost, "construction_cost")
        assert cost is not None
        result = fund_rules.warranty_deposit(profile, construction_cost_fen=cost)
    else:
        raise DomainError(
            _("Select a valid choice."), fields={"kind": [_("Select a valid choice.")]}
        )
    if result.amount_fen is None or result.amount_fen <= 0:
        raise ConflictError(_("This jurisdiction's policy sets no such deposit."))
    if Deposit.objects.filter(project=project, kind=kind).exists():
        raise ConflictError(_("This deposit is already recorded for the project."))
    fund = Fund.PREPARATION if kind == Deposit.Kind.PREPARATION else Fund.WARRANTY
    account = ledger.account_for(
        f"{fund}:held:{project.pk}",
        name=gettext("%(kind)s · %(project)s")
        % {"kind": Deposit.Kind(kind).label, "project": project.name},
        fund=fund,
        kind=Account.Kind.LIABILITY,
        holder=Account.Holder.ASSEMBLY
        if kind == Deposit.Kind.PREPARATION
        else Account.Holder.DEVELOPER,
        node_path=project.node_path,
        project=project,
    )
    deposit = Deposit.objects.create(
        kind=kind,
        project=project,
        amount_fen=result.amount_fen,
        basis=stored(result.explanation),
        account=account,
        status=Deposit.Status.HELD,
        node_path=project.node_path,
    )
    audit.record_create(actor, deposit)
    _post(
        actor,
        project,
        fund,
        gettext("%(kind)s deposited") % {"kind": Deposit.Kind(kind).label},
        [
            ledger.debit(accounts.deposit_bank(project, kind), result.amount_fen),
            ledger.credit(account, result.amount_fen),
        ],
        date,
        f"funds.deposit:{deposit.pk}",
    )
    return deposit


@transaction.atomic
def deposit_release(*, actor: Actor, deposit_id: int, note: str, date: Any = None) -> Deposit:
    """Release a deposit (the preparation fund to the first assembly, the warranty
    deposit at the end of the warranty), with the reason."""
    deposit: Deposit = transition(
        actor=actor,
        workflow=DEPOSIT_FLOW,
        queryset=Deposit.objects.select_related("project", "account"),
        pk=deposit_id,
        action="release",
        changes={"release_note": str(note or "").strip(), "released_at": now()},
        note=note,
    )
    _pay_out_rest(
        actor,
        deposit,
        gettext("%(kind)s released") % {"kind": deposit.get_kind_display()},
        accounts.deposit_bank(deposit.project, deposit.kind),
        date,
        f"funds.deposit:{deposit.pk}",
    )
    return deposit


@transaction.atomic
def old_fund_collect(
    *,
    actor: Actor,
    project_id: int,
    rate_yuan_per_m2_elevator: Any = None,
    rate_yuan_per_m2_plain: Any = None,
    date: Any = None,
) -> JournalEntry:
    """Record an old project's repair-fund collection (001 §三(三)2), part by part: each
    exclusive part's owners deposit its area × the rate of its building unit (elevator or
    not; at most the profile's cap, ≤ 75 / ≤ 55 yuan in 001), the district finance matches
    each deposit (等额配套), and both are owed to the part (归全体业主所有) while the money
    is held in the district finance's account: one balanced entry, its postings written in
    one batch (a constant number of queries whatever the number of parts)."""
    project = project_get(actor, project_id)
    if not (
        is_official_over(actor, project.node_path, *SUPERVISORS)
        or is_committee_of(actor, project.pk)
    ):
        raise PermissionDeniedError(_("Your role may not do this for this project."))
    if project.category != Project.Category.OLD:
        raise ConflictError(_("Only an old residential area collects the old-project fund."))
    profile = profile_of(project)
    rates = {
        True: ("rate_yuan_per_m2_elevator", rate_yuan_per_m2_elevator),
        False: ("rate_yuan_per_m2_plain", rate_yuan_per_m2_plain),
    }
    parts = list(
        ExclusivePart.objects.filter(project=project, area__gt=0)
        .select_related("building_unit")
        .order_by("pk")
    )
    if not parts:
        raise ConflictError(_("The project has no registered area to collect for."))
    by_flag: dict[bool, list[ExclusivePart]] = {True: [], False: []}
    for part in parts:
        by_flag[bool(part.building_unit and part.building_unit.has_elevator)].append(part)
    amounts: dict[int, tuple[int, int]] = {}  # part id → (owners, match) in fen
    reasons = []
    for elevator, members in by_flag.items():
        if not members:
            continue
        field, given = rates[elevator]
        rate = fen(given, field, required=False)
        try:
            for part in members:
                result = fund_rules.old_project_fund(
                    profile, area=part.area, elevator=elevator, rate_fen_per_m2=rate
                )
                if result.owners_fen is None:
                    raise ConflictError(_("This jurisdiction's policy sets no old-project fund."))
                amounts[part.pk] = (result.owners_fen, result.match_fen or 0)
            # the explanation of the whole class (its total area), for the entry's memo
            total = fund_rules.old_project_fund(
                profile,
                area=sum((p.area for p in members), Decimal(0)),
                elevator=elevator,
                rate_fen_per_m2=rate,
            )
        except fund_rules.FundRuleError as error:
            raise DomainError(
                _("The rate is above the policy's cap per m²."), fields={field: [str(error)]}
            ) from None
        reasons.append(explain(total.explanation, cite=False))
    owners, matches = accounts.old_fund_part_accounts(parts, project)
    lines = []
    for part in parts:
        own, match = amounts[part.pk]
        lines.append(ledger.credit(owners[part.pk], own))
        if match:
            lines.append(ledger.credit(matches[part.pk], match))
    bank = accounts.old_fund_bank(project)
    lines.insert(0, ledger.debit(bank, sum(line.amount_fen for line in lines)))
    return _post(
        actor,
        project,
        Fund.OLD_PROJECT,
        (" ".join(reasons))[:255],
        lines,
        date,
        f"funds.old_project:{project.pk}",
    )
