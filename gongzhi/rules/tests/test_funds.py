"""Fund rules (gongzhi.rules.funds): exact apportioning, first deposits
(住宅专项维修资金管理办法 art. 7), the old-project fund (seed 001 §三(三)2), the warranty
deposit (seed 000 §7), emergency use (art. 24), and the bond / preparation-fund formulas
of ``money`` at their caps and floors (seed 000 §16, §19; seed 001 §三(二)4)."""

from decimal import Decimal
from fractions import Fraction
from itertools import product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules.funds import (
    FundRuleError,
    allocate,
    area_weight,
    emergency_use_allowed,
    first_deposit,
    old_project_fund,
    warranty_deposit,
)
from gongzhi.rules.money import performance_bond, preparation_fund
from gongzhi.rules.profiles import get_profile, load_profile_file

NATIONAL = get_profile("national")
SHAOYANG = get_profile("hunan-shaoyang")
ZHANGGONG = get_profile("jiangxi-zhanggong")


def child_profile(tmp_path, body: str):
    path = tmp_path / "local.toml"
    path.write_text(
        f'id = "local"\nname = "local"\nextends = "national"\ndescription = "t"\n{body}',
        encoding="utf-8",
    )
    return load_profile_file(path)


# --- allocate: largest remainder -------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "weights", "expected"),
    [
        (100, [1, 1, 1], (34, 33, 33)),  # the odd fen goes to the first of the ties
        (101, [1, 1, 1], (34, 34, 33)),
        (10, [3, 0, 7], (3, 0, 7)),
        (1, [5, 5], (1, 0)),
        (0, [1, 2], (0, 0)),
        (-100, [1, 1, 1], (-34, -33, -33)),
        (1000, [8950, 12025], (427, 573)),  # a1 89.50 m², a2 120.25 m²
    ],
)
def test_allocate_table(total, weights, expected):
    assert allocate(total, weights) == expected
    assert sum(expected) == total


@pytest.mark.parametrize("weights", [[], [0, 0], [-1, 2], [1, True]])
def test_allocate_refuses_bad_weights(weights):
    with pytest.raises((FundRuleError, TypeError)):
        allocate(100, weights)


def test_allocate_refuses_float_total():
    with pytest.raises(TypeError):
        allocate(1.5, [1])  # type: ignore[arg-type]


def _brute_force(total: int, weights: list[int]) -> tuple[int, ...]:
    """The share vector closest to the exact quotas: each share is the floor or the ceiling
    of its quota, the sum is the total, and the ceilings go to the largest remainders."""
    whole = sum(weights)
    quotas = [Fraction(total * w, whole) for w in weights]
    best = None
    for bumps in product((0, 1), repeat=len(weights)):
        shares = tuple(int(q) + b for q, b in zip(quotas, bumps, strict=True))
        if sum(shares) != total or any(
            b and q.denominator == 1 for q, b in zip(quotas, bumps, strict=True)
        ):
            continue
        key = (
            sorted(
                (-(q - int(q)), i) for i, (q, b) in enumerate(zip(quotas, bumps, strict=True)) if b
            ),
        )
        if best is None or key < best[0]:
            best = (key, shares)
    assert best is not None
    return best[1]


@given(
    total=st.integers(min_value=0, max_value=10**7),
    weights=st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=7).filter(
        lambda ws: sum(ws) > 0
    ),
)
def test_allocate_matches_the_total_and_the_brute_force(total, weights):
    shares = allocate(total, weights)
    assert sum(shares) == total
    whole = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        assert abs(Fraction(share) - Fraction(total * weight, whole)) < 1
    assert shares == _brute_force(total, weights)


def test_area_weight_is_exact_hundredths():
    assert area_weight(Decimal("89.50")) == 8950
    with pytest.raises(FundRuleError):
        area_weight(Decimal("1.005"))


# --- first deposit (住宅专项维修资金管理办法 art. 7) ------------------------------------


def test_first_deposit_cost_share_national_floor_5_percent():
    # 100 m² × 2 000 yuan/m² × 5 % = 10 000 yuan
    result = first_deposit(NATIONAL, area=Decimal("100"), cost_fen_per_m2=200_000)
    assert result.amount_fen == 1_000_000
    assert "art. 7" in result.explanation.citation


def test_first_deposit_rounds_half_up_to_the_fen():
    # 0.01 m² × 1.00 yuan × 5 % = 0.0005 yuan = 0.05 fen → 0 fen; 0.10 m² → 0.5 fen → 1 fen
    assert first_deposit(NATIONAL, area=Decimal("0.10"), cost_fen_per_m2=100).amount_fen == 1


def test_first_deposit_cost_share_needs_the_cost():
    with pytest.raises(FundRuleError):
        first_deposit(NATIONAL, area=Decimal("100"))


@pytest.mark.parametrize(("percent", "fen"), [("8%", 1_600_000), ("5%", 1_000_000)])
def test_first_deposit_percent_at_the_national_bounds(tmp_path, percent, fen):
    profile = child_profile(
        tmp_path,
        f'[params.maintenance_fund_first_deposit_percent]\nvalue = "{percent}"\nsource = "t"\n',
    )
    assert first_deposit(profile, area=Decimal("100"), cost_fen_per_m2=200_000).amount_fen == fen


@pytest.mark.parametrize("percent", ["4.9%", "8.1%"])
def test_first_deposit_percent_outside_5_to_8_is_refused_by_the_schema(tmp_path, percent):
    with pytest.raises(Exception, match="maintenance_fund_first_deposit_percent"):
        child_profile(
            tmp_path,
            f'[params.maintenance_fund_first_deposit_percent]\nvalue = "{percent}"\nsource = "t"\n',
        )


def test_first_deposit_per_m2_mode(tmp_path):
    profile = child_profile(
        tmp_path,
        '[params.maintenance_fund_first_deposit_mode]\nvalue = "per_m2"\nsource = "t"\n'
        '[params.maintenance_fund_first_deposit_yuan_per_m2]\nvalue = "120"\nsource = "t"\n',
    )
    assert first_deposit(profile, area=Decimal("89.50")).amount_fen == 1_074_000


def test_per_m2_mode_without_an_amount_is_refused(tmp_path):
    with pytest.raises(Exception, match="maintenance_fund_first_deposit_yuan_per_m2"):
        child_profile(
            tmp_path,
            '[params.maintenance_fund_first_deposit_mode]\nvalue = "per_m2"\nsource = "t"\n',
        )


# --- old-project fund (seed 001 §三(三)2) -----------------------------------------------


def test_old_project_fund_elevator_cap_75_and_1_to_1_match():
    result = old_project_fund(ZHANGGONG, area=Decimal("100"), elevator=True)
    assert result.cap_fen_per_m2 == 7_500
    assert result.owners_fen == 750_000
    assert result.match_fen == 750_000
    assert "001" in result.explanation.citation


def test_old_project_fund_no_elevator_cap_55():
    result = old_project_fund(ZHANGGONG, area=Decimal("10.5"), elevator=False)
    assert result.owners_fen == 57_750
    assert result.match_fen == 57_750


def test_old_project_fund_rate_at_cap_allowed_one_fen_over_refused():
    assert old_project_fund(ZHANGGONG, area=Decimal("1"), elevator=False, rate_fen_per_m2=5_500)
    with pytest.raises(FundRuleError, match="exceeds"):
        old_project_fund(ZHANGGONG, area=Decimal("1"), elevator=False, rate_fen_per_m2=5_501)


def test_old_project_fund_lower_rate_allowed():
    result = old_project_fund(ZHANGGONG, area=Decimal("2"), elevator=True, rate_fen_per_m2=5_000)
    assert (result.owners_fen, result.match_fen) == (10_000, 10_000)


def test_old_project_fund_absent_nationally():
    assert old_project_fund(NATIONAL, area=Decimal("1"), elevator=True).owners_fen is None


# --- warranty deposit (seed 000 §7) ---------------------------------------------------


def test_warranty_deposit_is_3_percent_of_construction_cost():
    assert warranty_deposit(SHAOYANG, construction_cost_fen=100_000_000).amount_fen == 3_000_000
    assert warranty_deposit(NATIONAL, construction_cost_fen=100).amount_fen is None
    with pytest.raises(FundRuleError):
        warranty_deposit(SHAOYANG, construction_cost_fen=0)


# --- emergency use (住宅专项维修资金管理办法 art. 24) ----------------------------------


def test_emergency_kinds_from_the_profile(tmp_path):
    assert emergency_use_allowed(NATIONAL, "elevator_failure")
    assert not emergency_use_allowed(NATIONAL, "painting")
    profile = child_profile(
        tmp_path, '[params.maintenance_fund_emergency_kinds]\nvalue = []\nsource = "t"\n'
    )
    assert not emergency_use_allowed(profile, "leak")


def test_unknown_emergency_kind_refused_by_the_schema(tmp_path):
    with pytest.raises(Exception, match="maintenance_fund_emergency_kinds"):
        child_profile(
            tmp_path, '[params.maintenance_fund_emergency_kinds]\nvalue = ["flood"]\nsource = "t"\n'
        )


# --- bond and preparation fund at their caps and floors (money) -----------------------


@pytest.mark.parametrize(
    ("fees_fen", "minimum"),
    [
        (100_000_000, 5_000_000),  # 5 % of 1 000 000 yuan = 50 000 yuan
        (599_999_900, 29_999_995),  # just under the cap
        (600_000_000, 30_000_000),  # exactly at the cap: 300 000 yuan (seed 000 §16)
        (800_000_000, 30_000_000),  # above: the cap itself
    ],
)
def test_bond_seed_000_percent_of_fees_capped(fees_fen, minimum):
    requirement = performance_bond(SHAOYANG, annual_fees_fen=fees_fen)
    assert requirement.minimum_fen == minimum
    assert requirement.maximum_fen == 30_000_000
    assert requirement.accepts(minimum)
    assert not requirement.accepts(30_000_001)


def test_bond_seed_001_band_20_000_to_100_000():
    requirement = performance_bond(ZHANGGONG, total_floor_area=Decimal("50000"))
    assert (requirement.minimum_fen, requirement.maximum_fen) == (2_000_000, 10_000_000)
    assert requirement.accepts(2_000_000) and requirement.accepts(10_000_000)
    assert not requirement.accepts(1_999_999) and not requirement.accepts(10_000_001)


@pytest.mark.parametrize(
    ("households", "fen"),
    [(1, 3_000), (3_333, 9_999_000), (3_334, 10_000_000), (10_000, 10_000_000)],
)
def test_preparation_fund_seed_000_30_per_household_capped_100_000(households, fen):
    assert preparation_fund(SHAOYANG, households).amount_fen == fen
