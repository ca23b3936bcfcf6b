"""Threshold boundaries: 以上 (ge) includes the number, 过半数/超过 (gt) does not.

民法典 art. 1259; the thresholds of 民法典 art. 278.
"""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules.thresholds import Threshold

TWO_THIRDS_GE = Threshold(Fraction(2, 3), "ge")
HALF_GT = Threshold(Fraction(1, 2), "gt")
THREE_QUARTERS_GE = Threshold(Fraction(3, 4), "ge")


@pytest.mark.parametrize(
    ("threshold", "part", "whole", "met"),
    [
        # 民法典 art. 278 participation: 三分之二以上 (≥ 2/3)
        (TWO_THIRDS_GE, 200, 300, True),  # exactly at 2/3
        (TWO_THIRDS_GE, 199, 300, False),  # one unit under
        (TWO_THIRDS_GE, 201, 300, True),  # one unit over
        (TWO_THIRDS_GE, Decimal("200.00"), Decimal("300.00"), True),
        (TWO_THIRDS_GE, Decimal("199.99"), Decimal("300.00"), False),
        (TWO_THIRDS_GE, 0, 0, False),  # nobody: never met
        # 民法典 art. 278 approval: 过半数 (> 1/2)
        (HALF_GT, 50, 100, False),  # tie at exactly one half
        (HALF_GT, 51, 100, True),
        (HALF_GT, Decimal("50.00"), Decimal("100.00"), False),
        (HALF_GT, Decimal("50.01"), Decimal("100.00"), True),
        (HALF_GT, 1, 1, True),
        (HALF_GT, 0, 0, False),
        # 民法典 art. 278 major decisions: 四分之三以上 (≥ 3/4)
        (THREE_QUARTERS_GE, 75, 100, True),
        (THREE_QUARTERS_GE, 74, 100, False),
        (THREE_QUARTERS_GE, 3, 4, True),
    ],
)
def test_threshold_boundaries_civil_code_278(threshold, part, whole, met):
    assert threshold.met(part, whole) is met


def test_threshold_rejects_floats_and_bad_parts():
    with pytest.raises(TypeError, match="float"):
        TWO_THIRDS_GE.met(0.67, 1)
    with pytest.raises(TypeError):
        TWO_THIRDS_GE.met(True, 1)
    with pytest.raises(ValueError, match="exceeds"):
        TWO_THIRDS_GE.met(4, 3)
    with pytest.raises(ValueError, match="negative"):
        TWO_THIRDS_GE.met(-1, 3)


@pytest.mark.parametrize(
    ("ratio", "comparator"),
    [(Fraction(0), "ge"), (Fraction(3, 2), "ge"), (Fraction(1), "gt"), (Fraction(1, 2), "gte")],
)
def test_threshold_rejects_impossible_definitions(ratio, comparator):
    with pytest.raises(ValueError):
        Threshold(ratio, comparator)


def test_threshold_ratio_must_be_fraction():
    with pytest.raises(TypeError):
        Threshold(0.5, "gt")  # type: ignore[arg-type]


def test_threshold_parse_and_symbol():
    assert Threshold.parse("2/3", "ge") == TWO_THIRDS_GE
    assert TWO_THIRDS_GE.symbol == "≥ 2/3"
    assert str(HALF_GT) == "> 1/2"
    with pytest.raises(ValueError):
        Threshold.parse("two thirds", "ge")
    with pytest.raises(ValueError):
        Threshold.parse("2/3", ">=")


@pytest.mark.parametrize(
    ("threshold", "whole", "minimum"),
    [
        (TWO_THIRDS_GE, 100, 67),
        (TWO_THIRDS_GE, 300, 200),
        (HALF_GT, 10, 6),
        (HALF_GT, 11, 6),
        (THREE_QUARTERS_GE, 4, 3),
        (HALF_GT, 0, None),
    ],
)
def test_minimum_count(threshold, whole, minimum):
    assert threshold.minimum_count(whole) == minimum


thresholds = st.builds(
    Threshold,
    st.fractions(min_value=Fraction(1, 12), max_value=Fraction(11, 12), max_denominator=12),
    st.sampled_from(["ge", "gt"]),
)


@given(thresholds, st.integers(0, 500), st.integers(0, 500))
def test_met_matches_integer_cross_multiplication(threshold, a, b):
    part, whole = min(a, b), max(a, b)
    p, q = threshold.ratio.numerator, threshold.ratio.denominator
    if whole == 0:
        expected = False
    elif threshold.comparator == "ge":
        expected = part * q >= p * whole
    else:
        expected = part * q > p * whole
    assert threshold.met(part, whole) is expected


@given(thresholds, st.integers(1, 500))
def test_minimum_count_is_the_smallest_count_that_meets(threshold, whole):
    minimum = threshold.minimum_count(whole)
    if minimum is None or minimum > whole:
        assert not threshold.met(whole, whole)
        return
    assert threshold.met(minimum, whole)
    if minimum > 0:
        assert not threshold.met(minimum - 1, whole)
