"""Maintenance fund: part accounts with their first-deposit standard (住宅专项维修资金管理办法
art. 7), first deposits before delivery (seed 004 §14), interest by balance, and top-up
notices below 30 % of the first deposit (seed 000 §33)."""

from __future__ import annotations

import pytest

from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.sms import MemorySmsBackend
from gongzhi.funds import ledger, selectors, services
from gongzhi.funds.models import Account, PartFund, TopUpNotice


def test_accounts_open_with_the_standard_by_building_type(funded):
    # 89.50 m² × 2 000 yuan × 5 % (elevator building) = 8 950 yuan
    assert funded.a1.standard_fen == 895_000
    assert funded.a1.standard_reason["citation"].startswith("住宅专项维修资金管理办法")
    assert funded.a2.standard_fen == 1_202_500
    assert funded.a1.first_deposit_fen == 895_000


def test_opening_needs_the_cost_of_each_building_type_present(city, actor):
    # project A has only elevator buildings: the elevator cost is required, the other not
    with pytest.raises(DomainError) as caught:
        services.maintenance_open(
            actor=actor("bureau"), project_id=city.project_a.pk, cost_yuan_per_m2_plain="1500"
        )
    assert set(caught.value.fields) == {"cost_yuan_per_m2_elevator"}
    assert not PartFund.objects.exists()


def test_negative_cost_is_refused(city, actor):
    with pytest.raises(DomainError) as caught:
        services.maintenance_open(
            actor=actor("bureau"), project_id=city.project_a.pk, cost_yuan_per_m2_elevator="-5"
        )
    assert "cost_yuan_per_m2_elevator" in caught.value.fields
    assert not Account.objects.exists()


def test_other_street_cannot_open_accounts(city, actor):
    with pytest.raises(NotFoundError):
        services.maintenance_open(
            actor=actor("street_b"), project_id=city.project_a.pk, cost_yuan_per_m2_elevator="1"
        )
    with pytest.raises(PermissionDeniedError):
        services.maintenance_open(
            actor=actor("company_1"), project_id=city.project_a.pk, cost_yuan_per_m2_elevator="1"
        )


def test_first_deposit_missing_lists_parts_before_delivery(city, actor):
    """Seed 004 §14: no delivery without the first deposit; the selector the handover
    capability uses lists the parts still missing it."""
    bureau = actor("bureau")
    assert set(selectors.first_deposit_missing(city.project_a)) == {city.part_a1, city.part_a2}
    services.maintenance_open(
        actor=bureau, project_id=city.project_a.pk, cost_yuan_per_m2_elevator="2000"
    )
    services.first_deposit_record(actor=bureau, part_id=city.part_a1.pk)
    assert list(selectors.first_deposit_missing(city.project_a)) == [city.part_a2]
    # less than the standard is refused; the standard itself is accepted once
    with pytest.raises(DomainError, match="不得低于标准"):
        services.first_deposit_record(actor=bureau, part_id=city.part_a2.pk, amount="12024.99")
    services.first_deposit_record(actor=bureau, part_id=city.part_a2.pk, amount="12025")
    assert not selectors.first_deposit_missing(city.project_a).exists()
    with pytest.raises(ConflictError):
        services.first_deposit_record(actor=bureau, part_id=city.part_a2.pk)


def test_interest_is_allocated_by_balance_exactly(funded, actor):
    # balances 8 950.00 and 12 025.00; interest 100.01 yuan = 10 001 fen
    services.interest_allocate(
        actor=actor("bureau"), project_id=funded.city.project_a.pk, amount="100.01"
    )
    funded.a1.account.refresh_from_db()
    funded.a2.account.refresh_from_db()
    gained = (funded.a1.account.balance_fen - 895_000, funded.a2.account.balance_fen - 1_202_500)
    # exact quotas 4 267.41… and 5 733.58…: the leftover fen goes to the larger remainder
    assert gained == (4_267, 5_734)
    assert sum(gained) == 10_001
    assert ledger.reconcile().ok


def test_interest_only_by_the_bureau(funded, actor):
    with pytest.raises(PermissionDeniedError):
        services.interest_allocate(
            actor=actor("street_a"), project_id=funded.city.project_a.pk, amount="1"
        )


def _spend(funded, actor, amount: str, part) -> None:
    app = services.fund_use_apply(
        actor=actor("committee_a"),
        project_id=funded.city.project_a.pk,
        title="roof",
        work="roof leak",
        estimate=amount,
        part_ids=[part.pk],
        emergency="leak",
    )
    services.fund_use_act(actor=actor("bureau"), application_id=app.pk, action="pre_review")
    services.fund_use_disburse(actor=actor("bureau"), application_id=app.pk)


@pytest.mark.parametrize(
    ("spent", "notice"),
    [
        ("6265.00", False),  # balance 2 685.00 = exactly 30 % of 8 950.00: not below
        ("6265.01", True),  # one fen under 30 %: a top-up notice (seed 000 §33)
    ],
)
def test_top_up_notice_below_30_percent_of_the_first_deposit(
    funded, actor, django_capture_on_commit_callbacks, spent, notice
):
    MemorySmsBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _spend(funded, actor, spent, funded.city.part_a1)
    notices = TopUpNotice.objects.filter(part_fund=funded.a1)
    assert notices.exists() is notice
    sent = [m for m in MemorySmsBackend.outbox if m[0] == "13800000001"]
    assert bool(sent) is notice
    if notice:
        assert notices.get().threshold_fen == 268_500


def test_a_top_up_resolves_the_notice(funded, actor):
    _spend(funded, actor, "8000", funded.city.part_a1)
    assert TopUpNotice.objects.filter(part_fund=funded.a1, resolved_on__isnull=True).exists()
    services.topup_record(actor=actor("bureau"), part_id=funded.city.part_a1.pk, amount="2000")
    assert not TopUpNotice.objects.filter(part_fund=funded.a1, resolved_on__isnull=True).exists()
    # a second fall below the threshold opens a new notice
    _spend(funded, actor, "1500", funded.city.part_a1)
    assert TopUpNotice.objects.filter(part_fund=funded.a1).count() == 2


@pytest.mark.parametrize("amount", ["-1", "0", "1.001", "abc", ""])
def test_bad_top_up_amounts_change_nothing(funded, actor, amount):
    before = funded.a1.account.balance_fen
    with pytest.raises(DomainError) as caught:
        services.topup_record(actor=actor("bureau"), part_id=funded.city.part_a1.pk, amount=amount)
    assert "amount" in caught.value.fields
    funded.a1.account.refresh_from_db()
    assert funded.a1.account.balance_fen == before
