"""Money held for others: the performance bond (seed 000 §16; 001 §三(二)4), the
preparation fund (000 §19), the warranty deposit (000 §7), the old-project fund (001
§三(三)2) and common revenue with its annual statement (000 §22)."""

from __future__ import annotations

import pytest

from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.funds import ledger, selectors, services
from gongzhi.funds.models import Account, Deposit, PerformanceBond, RevenueStatement
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Project


@pytest.fixture
def under(city):
    """Put the test city under a seed's profile."""

    def _under(profile_id: str) -> None:
        Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id=profile_id)

    return _under


# --- performance bond ---------------------------------------------------------------------


def test_bond_seed_000_at_least_5_percent_of_fees(city, actor, under):
    under("hunan-shaoyang")
    street = actor("street_a")
    # fees 1 000 000 yuan → at least 50 000 yuan
    with pytest.raises(DomainError) as caught:
        services.bond_deposit(
            actor=street, project_id=city.project_a.pk, amount="49999.99", annual_fees="1000000"
        )
    assert "amount" in caught.value.fields
    assert not PerformanceBond.objects.exists()
    bond = services.bond_deposit(
        actor=street, project_id=city.project_a.pk, amount="50000", annual_fees="1000000"
    )
    assert bond.account.balance_fen == 5_000_000
    assert bond.requirement["citation"].startswith("seed 000 §16")
    # a second held bond of the same company for the project is refused
    with pytest.raises(ConflictError):
        services.bond_deposit(
            actor=street, project_id=city.project_a.pk, amount="50000", annual_fees="1000000"
        )


def test_bond_seed_000_cap_300_000(city, actor, under):
    under("hunan-shaoyang")
    with pytest.raises(DomainError):
        services.bond_deposit(
            actor=actor("street_a"),
            project_id=city.project_a.pk,
            amount="300000.01",
            annual_fees="9000000",
        )
    bond = services.bond_deposit(
        actor=actor("street_a"),
        project_id=city.project_a.pk,
        amount="300000",
        annual_fees="9000000",
    )
    assert bond.amount_fen == 30_000_000


def test_bond_seed_000_needs_the_years_fees(city, actor, under):
    under("hunan-shaoyang")
    with pytest.raises(DomainError) as caught:
        services.bond_deposit(actor=actor("street_a"), project_id=city.project_a.pk, amount="1")
    assert "annual_fees" in caught.value.fields


@pytest.mark.parametrize(
    ("amount", "ok"), [("19999.99", False), ("20000", True), ("100000", True), ("100000.01", False)]
)
def test_bond_seed_001_band(city, actor, under, amount, ok):
    under("jiangxi-zhanggong")
    call = lambda: services.bond_deposit(  # noqa: E731
        actor=actor("street_a"), project_id=city.project_a.pk, amount=amount, holder="assembly"
    )
    if ok:
        assert call().holder == "assembly"
    else:
        with pytest.raises(DomainError):
            call()


def test_bond_deductions_and_refund_with_the_committees_opinion(city, actor, under):
    under("jiangxi-zhanggong")
    street = actor("street_a")
    bond = services.bond_deposit(actor=street, project_id=city.project_a.pk, amount="20000")
    # a deduction needs a reason and cannot exceed the bond
    with pytest.raises(DomainError):
        services.bond_deduct(actor=street, bond_id=bond.pk, amount="100", reason="")
    with pytest.raises(ConflictError, match="余额不足"):
        services.bond_deduct(actor=street, bond_id=bond.pk, amount="20000.01", reason="违约")
    services.bond_deduct(actor=street, bond_id=bond.pk, amount="1500", reason="绿化未养护")
    # the company cannot refund itself; the street needs the committee's opinion
    with pytest.raises(PermissionDeniedError):
        services.bond_refund(actor=actor("company_1"), bond_id=bond.pk, opinion="ok")
    with pytest.raises(DomainError) as caught:
        services.bond_refund(actor=street, bond_id=bond.pk, opinion=" ")
    assert "committee_opinion" in caught.value.fields
    bond = services.bond_refund(actor=street, bond_id=bond.pk, opinion="业委会同意退还")
    assert bond.status == PerformanceBond.Status.REFUNDED
    bond.account.refresh_from_db()
    assert bond.account.balance_fen == 0
    deductions = Account.objects.get(key=f"pb:deductions:{city.project_a.pk}")
    assert deductions.balance_fen == 150_000
    assert ledger.reconcile().ok
    with pytest.raises(ConflictError):
        services.bond_refund(actor=street, bond_id=bond.pk, opinion="again")


def test_other_street_cannot_see_or_touch_a_bond(city, actor, under):
    under("jiangxi-zhanggong")
    bond = services.bond_deposit(
        actor=actor("street_a"), project_id=city.project_a.pk, amount="20000"
    )
    with pytest.raises(NotFoundError):
        services.bond_deduct(actor=actor("street_b"), bond_id=bond.pk, amount="1", reason="x")
    assert not selectors.bond_list(actor=actor("street_b")).exists()
    assert selectors.bond_list(actor=actor("company_1")).exists()


# --- developer deposits ---------------------------------------------------------------


@pytest.mark.parametrize(("households", "fen"), [(100, 300_000), (3334, 10_000_000)])
def test_preparation_fund_seed_000(city, actor, under, households, fen):
    under("hunan-shaoyang")
    deposit = services.deposit_record(
        actor=actor("street_a"),
        project_id=city.project_a.pk,
        kind="preparation",
        households=households,
    )
    assert deposit.amount_fen == fen
    with pytest.raises(ConflictError):
        services.deposit_record(
            actor=actor("street_a"), project_id=city.project_a.pk, kind="preparation", households=1
        )


def test_warranty_deposit_seed_000_and_release(city, actor, under):
    under("hunan-shaoyang")
    deposit = services.deposit_record(
        actor=actor("bureau"),
        project_id=city.project_a.pk,
        kind="warranty",
        construction_cost="10000000",
    )
    assert deposit.amount_fen == 30_000_000
    with pytest.raises(DomainError):
        services.deposit_release(actor=actor("bureau"), deposit_id=deposit.pk, note="")
    deposit = services.deposit_release(
        actor=actor("bureau"), deposit_id=deposit.pk, note="保修期满"
    )
    assert deposit.status == Deposit.Status.RELEASED
    deposit.account.refresh_from_db()
    assert deposit.account.balance_fen == 0
    assert ledger.reconcile().ok


def test_no_deposit_where_the_profile_sets_none(city, actor):
    with pytest.raises(ConflictError):
        services.deposit_record(
            actor=actor("bureau"),
            project_id=city.project_a.pk,
            kind="warranty",
            construction_cost="1",
        )
    with pytest.raises(DomainError):
        services.deposit_record(
            actor=actor("bureau"), project_id=city.project_a.pk, kind="preparation", households=-3
        )


# --- old-project fund -----------------------------------------------------------------


def test_old_project_fund_seed_001_with_1_to_1_matching(city, actor, under):
    under("jiangxi-zhanggong")
    Project.objects.filter(pk=city.project_a.pk).update(category=Project.Category.OLD)
    # project A: 209.75 m², all with an elevator: 75 yuan/m² → 15 731.25 yuan, matched 1:1
    entry = services.old_fund_collect(actor=actor("street_a"), project_id=city.project_a.pk)
    bank = Account.objects.get(key=f"op:bank:{city.project_a.pk}")
    assert bank.holder == Account.Holder.FINANCE
    assert bank.balance_fen == 2 * 1_573_125
    assert entry.postings.count() == 1 + 2 * 2  # the bank, and per part: owners, match
    with pytest.raises(DomainError) as caught:
        services.old_fund_collect(
            actor=actor("street_a"), project_id=city.project_a.pk, rate_yuan_per_m2_elevator="75.01"
        )
    assert "rate_yuan_per_m2_elevator" in caught.value.fields


def test_old_project_fund_only_for_old_projects(city, actor, under):
    under("jiangxi-zhanggong")
    with pytest.raises(ConflictError):
        services.old_fund_collect(actor=actor("street_a"), project_id=city.project_a.pk)


# --- common revenue (seed 000 §22) -----------------------------------------------------


def test_common_revenue_and_its_annual_statement(city, actor):
    committee = actor("committee_a")
    pid = city.project_a.pk
    services.revenue_record(
        actor=committee, project_id=pid, category="parking", amount="12000", date="2025-03-01"
    )
    services.revenue_record(
        actor=committee, project_id=pid, category="advertising", amount="3000.50", date="2025-05-01"
    )
    services.revenue_record(
        actor=actor("company_1"),
        project_id=pid,
        category="repair",
        amount="2000",
        date="2025-06-01",
    )
    services.revenue_record(
        actor=committee, project_id=pid, category="parking", amount="99", date="2024-12-31"
    )
    # an expense beyond the money held is refused
    with pytest.raises(ConflictError):
        services.revenue_record(actor=committee, project_id=pid, category="staff", amount="999999")
    with pytest.raises(DomainError):
        services.revenue_record(actor=committee, project_id=pid, category="bribes", amount="1")
    with pytest.raises(PermissionDeniedError):
        services.revenue_record(
            actor=actor("street_a"), project_id=pid, category="parking", amount="1"
        )
    # the statement of 2025 counts 2025 only
    statement = services.revenue_statement_publish(actor=committee, project_id=pid, year=2025)
    assert (statement.income_fen, statement.expense_fen) == (1_500_050, 200_000)
    assert {line["category"]: line["amount_fen"] for line in statement.lines}[
        "parking"
    ] == 1_200_000
    with pytest.raises(ConflictError):
        services.revenue_statement_publish(actor=committee, project_id=pid, year=2025)
    with pytest.raises(PermissionDeniedError):
        services.revenue_statement_publish(actor=actor("company_1"), project_id=pid, year=2024)
    assert RevenueStatement.objects.count() == 1
    assert ledger.reconcile().ok


def test_owner_sees_published_statements_of_own_project_only(city, actor):
    services.revenue_statement_publish(
        actor=actor("committee_a"), project_id=city.project_a.pk, year=2025
    )
    assert selectors.statement_list(actor=actor("owner_1"), project=city.project_a).count() == 1
    assert selectors.statement_list(actor=actor("street_b"), project=city.project_a).count() == 0
