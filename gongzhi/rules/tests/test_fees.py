"""Fee rules: bill lines, the unrenovated share, the developer's bills, the published list.

Seed 000 §14 (no fee outside the published list), §15 (60 % for unrenovated parts; the
developer pays for unsold parts and unsold parking); seed 004 §7 (the developer pays in
full, reserve subsidy of at least 2 months); 物业管理条例 art. 41.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules import fees
from gongzhi.rules.profiles import get_profile

SERVICE = fees.FeeItem("物业服务费", "dwelling", fees.BASIS_AREA, Decimal("1.80"))
SHOP = fees.FeeItem("商铺物业服务费", "shop", fees.BASIS_AREA, Decimal("3.00"))
PARKING = fees.FeeItem("车位管理费", "parking", fees.BASIS_PART, Decimal("60"))
PUBLISHED = (SERVICE, SHOP, PARKING)


def part(kind="dwelling", area="100.00", delivery="delivered", unrenovated=False, owner=True):
    return fees.PartFacts(kind, Decimal(area), delivery, unrenovated, owner)


@pytest.fixture(scope="module")
def shaoyang():
    return fees.fee_rules(get_profile("hunan-shaoyang"))


@pytest.fixture(scope="module")
def national():
    return fees.fee_rules(get_profile("national"))


@pytest.fixture(scope="module")
def xixian():
    return fees.fee_rules(get_profile("shaanxi-xixian"))


def test_line_is_area_times_price_times_months(national):
    plan = fees.plan_bill(national, PUBLISHED, part(area="89.50"), 12)
    # 89.50 × 1.80 = 161.10 a month; × 12 = 1 933.20
    assert plan.payer == fees.PAYER_OWNER
    assert [(line.monthly_fen, line.amount_fen) for line in plan.lines] == [(16110, 193320)]
    assert plan.total_fen == 193320
    assert "161.10" in plan.lines[0].explanation.render()


@pytest.mark.parametrize(
    ("area", "price", "monthly"),
    [
        ("10.01", "0.05", 50),  # 0.5005 yuan = 50.05 fen → 50
        ("10.03", "0.05", 50),  # 50.15 fen → 50
        ("10.10", "0.05", 51),  # 50.5 fen → 51: half up
        ("10.09", "0.05", 50),  # 50.45 fen → 50
        ("1.00", "0.0050", 1),  # 0.5 fen → 1: half up at the smallest tie
        ("1.00", "0.0049", 0),  # 0.49 fen → 0
    ],
)
def test_monthly_amount_rounds_half_up_to_the_fen(area, price, monthly):
    assert fees.monthly_fen(Decimal(area), Decimal(price)) == monthly


def test_unrenovated_owner_pays_60_percent_seed_000_s15(shaoyang):
    plan = fees.plan_bill(shaoyang, PUBLISHED, part(area="100.00", unrenovated=True), 1)
    assert plan.lines[0].share == Fraction(3, 5)
    assert plan.total_fen == 10800  # 100 × 1.80 × 60 %
    assert "000 §15" in plan.explanation.citation


def test_unrenovated_share_only_where_the_standard_adopts_it_seed_000_s15(shaoyang):
    plan = fees.plan_bill(
        shaoyang, PUBLISHED, part(unrenovated=True), 1, unrenovated_reduction=False
    )
    assert plan.total_fen == 18000


def test_national_profile_has_no_unrenovated_reduction(national):
    plan = fees.plan_bill(national, PUBLISHED, part(unrenovated=True), 1)
    assert plan.total_fen == 18000


@pytest.mark.parametrize("delivery", ["unsold", "sold_undelivered"])
def test_developer_pays_in_full_for_unsold_or_undelivered_seed_004_s7(xixian, delivery):
    plan = fees.plan_bill(xixian, PUBLISHED, part(delivery=delivery, unrenovated=True), 2)
    assert plan.payer == fees.PAYER_DEVELOPER
    assert plan.total_fen == 36000  # no 60 % for the developer: 全额交纳
    assert "004 §7" in plan.explanation.citation


def test_developer_pays_for_unsold_parking_seed_000_s15(shaoyang):
    plan = fees.plan_bill(shaoyang, PUBLISHED, part(kind="parking", delivery="unsold"), 12)
    assert plan.payer == fees.PAYER_DEVELOPER
    assert plan.total_fen == 6000 * 12
    assert "000 §15" in plan.explanation.citation


def test_delivered_part_without_owner_is_not_billed(national):
    plan = fees.plan_bill(national, PUBLISHED, part(owner=False), 1)
    assert plan.payer is None and plan.total_fen == 0 and plan.lines == ()


def test_item_outside_published_list_is_refused_seed_000_s14(national):
    with pytest.raises(fees.FeeRuleError) as error:
        fees.plan_bill(national, PUBLISHED, part(), 1, items=["物业服务费", "装修押金"])
    assert error.value.field == "items"
    assert error.value.params == {"item": "装修押金"}


def test_only_items_of_the_part_kind_are_billed(national):
    plan = fees.plan_bill(national, PUBLISHED, part(kind="shop", area="50.00"), 1)
    assert [line.item for line in plan.lines] == ["商铺物业服务费"]
    assert plan.total_fen == 15000


@pytest.mark.parametrize("price", ["0", "-1.00", "0.00001"])
def test_zero_negative_or_too_fine_prices_are_refused(price):
    with pytest.raises(fees.FeeRuleError) as error:
        fees.check_price(Decimal(price))
    assert error.value.field == "price"


@pytest.mark.parametrize("months", [0, -1, fees.MAX_MONTHS + 1])
def test_months_out_of_range_are_refused(national, months):
    with pytest.raises(fees.FeeRuleError):
        fees.plan_bill(national, PUBLISHED, part(), months)


def test_months_at_the_bounds_are_accepted(national):
    assert fees.plan_bill(national, PUBLISHED, part(), 1).total_fen == 18000
    assert fees.plan_bill(national, PUBLISHED, part(), fees.MAX_MONTHS).total_fen == 18000 * 120


def test_reserve_subsidy_is_two_months_in_xixian_seed_004_s7(xixian, national):
    assert xixian.reserve_subsidy_months == 2
    assert "2" in fees.reserve_subsidy(xixian, 5).render()
    assert national.reserve_subsidy_months is None


def test_floats_are_refused():
    with pytest.raises(TypeError):
        fees.monthly_fen(1.5, Decimal("1"))  # type: ignore[arg-type]


def test_months_between_counts_both_ends():
    assert fees.months_between(2026, 1, 2026, 12) == 12
    assert fees.months_between(2025, 11, 2026, 2) == 4


AREAS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999.99"), places=2)
PRICES = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal("99.9999"), places=4)


@given(area=AREAS, price=PRICES, split=st.lists(st.integers(1, 12), min_size=1, max_size=6))
def test_billing_is_additive_over_months(area, price, split):
    rules = fees.FeeRules(Fraction(3, 5), "", True, "", None, "")
    item = fees.FeeItem("物业服务费", "dwelling", fees.BASIS_AREA, price)
    for unrenovated in (False, True):
        facts = part(area=str(area), unrenovated=unrenovated)
        whole = fees.plan_bill(rules, (item,), facts, sum(split)).total_fen
        parts = sum(fees.plan_bill(rules, (item,), facts, m).total_fen for m in split)
        assert whole == parts


@given(area=AREAS, price=PRICES)
def test_monthly_amount_is_within_half_a_fen_of_the_exact_product(area, price):
    exact = Fraction(area) * Fraction(price) * 100
    assert abs(fees.monthly_fen(area, price) - exact) <= Fraction(1, 2)


@pytest.mark.parametrize(
    ("profile_id", "share", "reserve"),
    [
        ("national", None, None),
        ("hunan-shaoyang", Fraction(3, 5), None),  # seed 000 §15
        ("jiangxi-zhanggong", None, None),
        ("henan-draft", None, None),
        ("hunan-ziyang", None, None),
        ("shaanxi-xixian", None, 2),  # seed 004 §7
    ],
)
def test_each_profile_fee_rules(profile_id, share, reserve):
    rules = fees.fee_rules(get_profile(profile_id))
    assert rules.unrenovated_share == share
    assert rules.reserve_subsidy_months == reserve
    assert rules.developer_pays_undelivered is True  # 物业管理条例 art. 41


@pytest.mark.parametrize(
    ("price", "monthly"),
    [
        ("0.0084", 1),  # 1 m² × 0.0084 × 60 % = 0.504 fen → 1
        ("0.0083", 0),  # 0.498 fen → 0
        ("0.0250", 2),  # 1.5 fen exactly → 2: half up at the tie (seed 000 §15 share)
    ],
)
def test_unrenovated_share_rounds_half_up_once(shaoyang, price, monthly):
    item = fees.FeeItem("物业服务费", "dwelling", fees.BASIS_AREA, Decimal(price))
    plan = fees.plan_bill(shaoyang, (item,), part(area="1.00", unrenovated=True), 3)
    assert plan.lines[0].monthly_fen == monthly
    assert plan.total_fen == monthly * 3
