"""Money in fen: parsing, formatting, rounding, and the seeds' fund rules (000 §16 §19 §33, 001)."""

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules.money import (
    MoneyError,
    clamp_fen,
    fen_to_yuan,
    format_fen,
    maintenance_fund_topup,
    parse_yuan,
    percent_of,
    performance_bond,
    preparation_fund,
)
from gongzhi.rules.profiles import get_profile

SHAOYANG = get_profile("hunan-shaoyang")
ZHANGGONG = get_profile("jiangxi-zhanggong")
NATIONAL = get_profile("national")


@pytest.mark.parametrize(
    ("text", "fen"),
    [
        ("12.34", 1234),
        ("12", 1200),
        ("12.3", 1230),
        ("0.05", 5),
        (" 300000 ", 30_000_000),
        ("007.10", 710),
        (Decimal("12.30"), 1230),
        (Decimal("5"), 500),
        (7, 700),
    ],
)
def test_parse_yuan(text, fen):
    assert parse_yuan(text) == fen


@pytest.mark.parametrize(
    "text", ["1.234", "", "abc", "1,000", "¥12", "12.", ".5", "1e3", "12.3.4", Decimal("0.001")]
)
def test_parse_yuan_rejects(text):
    with pytest.raises(MoneyError):
        parse_yuan(text)


def test_parse_yuan_negative_only_when_allowed():
    with pytest.raises(MoneyError, match="negative"):
        parse_yuan("-1.50")
    assert parse_yuan("-1.50", allow_negative=True) == -150
    assert parse_yuan(Decimal("-2"), allow_negative=True) == -200


@pytest.mark.parametrize("value", [12.34, True, None, Decimal("NaN")])
def test_parse_yuan_rejects_floats_and_non_numbers(value):
    with pytest.raises((TypeError, MoneyError)):
        parse_yuan(value)
    if isinstance(value, float):
        with pytest.raises(TypeError, match="float"):
            parse_yuan(value)


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "¥0.00"),
        (5, "¥0.05"),
        (123456, "¥1,234.56"),
        (30_000_000, "¥300,000.00"),
        (-150, "-¥1.50"),
        (123456789012, "¥1,234,567,890.12"),
    ],
)
def test_format_fen(fen, text):
    assert format_fen(fen) == text


def test_format_fen_refuses_non_integers():
    with pytest.raises(TypeError):
        format_fen(1.5)  # type: ignore[arg-type]
    assert fen_to_yuan(1234) == Decimal("12.34")


@given(st.integers(min_value=0, max_value=10**12))
def test_format_then_parse_round_trips(fen):
    assert parse_yuan(format_fen(fen, symbol="").replace(",", "")) == fen


@pytest.mark.parametrize(
    ("amount", "rate", "rounding", "result"),
    [
        (12345, Fraction(5, 100), None, 617),  # 617.25 → 617 (half up)
        (12350, Fraction(5, 100), None, 618),  # 617.5 → 618 (half up, not banker's)
        (12350, Fraction(5, 100), ROUND_HALF_EVEN, 618),  # 617.5 → 618 (even)
        (12250, Fraction(5, 100), ROUND_HALF_EVEN, 612),  # 612.5 → 612 (even)
        (12345, Fraction(5, 100), ROUND_CEILING, 618),
        (12355, Fraction(5, 100), ROUND_FLOOR, 617),
        (100, Fraction(1, 3), None, 33),
        (-12350, Fraction(5, 100), None, -618),  # ties away from zero
        (0, Fraction(3, 100), None, 0),
    ],
)
def test_percent_of_rounding(amount, rate, rounding, result):
    kwargs = {"rounding": rounding} if rounding else {}
    assert percent_of(amount, rate, **kwargs) == result


def test_percent_of_refuses_float_rates_and_unknown_modes():
    with pytest.raises(TypeError):
        percent_of(100, 0.05)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        percent_of(100, Fraction(1, 2), rounding="ROUND_SOMETIMES")


def test_clamp_fen():
    assert clamp_fen(5, 10, 20) == 10
    assert clamp_fen(25, 10, 20) == 20
    assert clamp_fen(15, None, None) == 15
    with pytest.raises(ValueError):
        clamp_fen(15, 30, 20)


@pytest.mark.parametrize(
    ("annual_fees_yuan", "minimum_yuan"),
    [
        ("1000000", "50000"),  # 5 % of 1 000 000
        ("6000000", "300000"),  # exactly at the cap
        ("10000000", "300000"),  # 5 % would be 500 000: the cap is due
        ("1234.56", "61.73"),  # 61.728 rounded up: "不低于" 5 %
    ],
)
def test_seed_000_s16_performance_bond(annual_fees_yuan, minimum_yuan):
    bond = performance_bond(SHAOYANG, annual_fees_fen=parse_yuan(annual_fees_yuan))
    assert bond.required
    assert bond.minimum_fen == parse_yuan(minimum_yuan)
    assert bond.maximum_fen == parse_yuan("300000")
    assert bond.accepts(bond.minimum_fen)
    assert not bond.accepts(bond.minimum_fen - 1)
    assert not bond.accepts(parse_yuan("300000.01"))
    assert "seed 000 §16" in bond.explanation.citation


def test_seed_000_bond_needs_the_annual_fees():
    with pytest.raises(ValueError, match="annual_fees_fen"):
        performance_bond(SHAOYANG)


def test_seed_001_bond_is_a_yearly_band():
    bond = performance_bond(ZHANGGONG, total_floor_area=Decimal("85000.5"))
    assert (bond.minimum_fen, bond.maximum_fen) == (parse_yuan("20000"), parse_yuan("100000"))
    assert bond.accepts(parse_yuan("50000"))
    assert not bond.accepts(parse_yuan("19999.99"))
    assert "seed 001 §三(二)4" in bond.explanation.citation
    assert "¥20,000.00" in bond.explanation.render()


def test_national_profile_requires_no_bond():
    bond = performance_bond(NATIONAL, annual_fees_fen=100)
    assert not bond.required
    assert bond.accepts(0)


@pytest.mark.parametrize(
    ("households", "amount_yuan"),
    [(0, "0"), (200, "6000"), (3333, "99990"), (3334, "100000"), (10000, "100000")],
)
def test_seed_000_s19_preparation_fund(households, amount_yuan):
    fund = preparation_fund(SHAOYANG, households)
    assert fund.amount_fen == parse_yuan(amount_yuan)
    assert "seed 000 §19" in fund.explanation.citation


def test_preparation_fund_not_set_nationally():
    assert preparation_fund(NATIONAL, 100).amount_fen is None


@pytest.mark.parametrize(
    ("balance", "due"),
    [(3000, False), (2999, True), (3001, False), (0, True)],  # first deposit 10 000 fen
)
def test_seed_000_s33_topup_below_30_percent_of_first_deposit(balance, due):
    check = maintenance_fund_topup(SHAOYANG, balance_fen=balance, first_deposit_fen=10000)
    assert check.due is due
    assert "seed 000 §33" in check.explanation.citation


def test_topup_needs_a_positive_first_deposit():
    with pytest.raises(ValueError):
        maintenance_fund_topup(NATIONAL, balance_fen=0, first_deposit_fen=0)
