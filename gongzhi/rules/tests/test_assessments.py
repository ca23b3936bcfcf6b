"""Assessment forms, bands, the yearly mean and committee results (seed 001 §四(一)(二);
seed 003 §五(二)1(7)); boundary tables for every profile's form and bands."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules.assessments import (
    BAND_LABELS,
    FormError,
    FormItem,
    ResultBand,
    band_for,
    committee_result,
    parse_bands,
    parse_form,
    scaled,
    score_form,
    to_points,
    year_result,
)
from gongzhi.rules.profiles import get_profile, list_profiles
from gongzhi.rules.profiles.schema import InvalidValue

PROFILES = [s.id for s in list_profiles()]


def _form(profile_id: str) -> tuple[FormItem, ...]:
    return get_profile(profile_id).table("assessment_project_form", FormItem)


def _bands(profile_id: str) -> tuple[ResultBand, ...]:
    return get_profile(profile_id).table("assessment_project_bands", ResultBand)


def _full(items: tuple[FormItem, ...]) -> dict[str, object]:
    return {item.code: str(item.max_points) for item in items}


@pytest.mark.parametrize("profile_id", PROFILES)
def test_every_profile_form_scores_100_when_full_and_0_when_empty(profile_id):
    items = _form(profile_id)
    assert score_form(items, _full(items)).total == Decimal(100)
    assert score_form(items, {i.code: "0" for i in items}).total == Decimal(0)


def test_seed_001_form_scores_the_five_basics_on_site():
    """Seed 001 §四(二) on-site scoring of the 五有 items of §三(三)1."""
    codes = {i.code for i in _form("jiangxi-zhanggong")}
    assert {"cleaning", "security", "greening", "repair", "parking"} <= codes
    assert all("001" in i.source for i in _form("jiangxi-zhanggong"))


def test_seed_003_form_is_the_community_credit_assessment():
    """Seed 003 §五(二)1(7): community assessment of each company every quarter."""
    items = _form("hunan-ziyang")
    assert {i.code for i in items} == {
        "contract",
        "work_orders",
        "safety",
        "cooperation",
        "satisfaction",
    }
    assert all("003" in i.source for i in items)


@pytest.mark.parametrize(
    ("score", "band"),
    [
        ("100", "excellent"),
        ("90", "excellent"),
        ("89.99", "good"),
        ("80", "good"),
        ("79.99", "pass"),
        ("60", "pass"),
        ("59.99", "fail"),
        ("0", "fail"),
    ],
)
@pytest.mark.parametrize("profile_id", PROFILES)
def test_bands_at_their_boundaries_floors_inclusive(profile_id, score, band):
    """Gongzhi default bands (national, inherited by every seed profile): 以上 inclusive."""
    result = band_for(Decimal(score), 100, _bands(profile_id))
    assert result.band == band
    assert result.explanation.params_dict["band"] == band


@pytest.mark.parametrize(("score", "band"), [("90", "excellent"), ("89.99", "good"), ("0", "fail")])
def test_the_band_explanation_names_the_band_by_its_label(score, band):
    """Seed 001 §四(二): a period's result falls in a band (national floors, 以上 inclusive);
    the reason shows the band's label (a msgid the renderer translates), not its code."""
    explanation = band_for(Decimal(score), 100, _bands("national")).explanation
    assert dict(explanation.labels)["band"] == (BAND_LABELS[band],)
    assert explanation.params_dict["band"] == band  # the code, for machine readers
    assert f"in the band “{BAND_LABELS[band]}”" in explanation.render()
    assert f"“{band}”" not in explanation.render()


def test_band_scales_a_form_whose_maximum_is_not_100():
    bands = _bands("national")
    assert band_for(Decimal("45"), 50, bands).band == "excellent"  # 90 of 100
    assert band_for(Decimal("44.99"), 50, bands).band == "good"  # 89.98
    assert scaled(Decimal("1"), 3) == Fraction(100, 3)


def test_missing_items_and_points_out_of_range_name_each_item():
    items = _form("national")
    points = _full(items)
    del points["cleaning"]
    points["security"] = "15.01"
    points["greening"] = "-1"
    points["repair"] = "abc"
    points["parking"] = "1.234"
    points["nope"] = "1"
    with pytest.raises(FormError) as error:
        score_form(items, points)
    assert set(error.value.fields) == {
        "cleaning",
        "security",
        "greening",
        "repair",
        "parking",
        "nope",
    }
    assert error.value.fields["security"].params_dict["max"] == "15"


def test_points_exactly_at_max_and_zero_are_accepted_with_two_decimals():
    items = _form("national")
    points = _full(items)
    points["cleaning"] = "14.75"
    points["security"] = Decimal("0")
    result = score_form(items, points)
    assert result.total == Decimal("84.75")
    assert [s.points for s in result.items][:3] == [Decimal(15), Decimal("14.75"), Decimal(0)]


@pytest.mark.parametrize(
    ("quarters", "mean"),
    [
        ({1: Decimal("80"), 2: Decimal("90"), 3: Decimal("85"), 4: Decimal("95")}, "87.50"),
        ({1: Decimal("80"), 3: Decimal("91")}, "85.50"),  # missing quarters are left out
        ({2: Decimal("70.01")}, "70.01"),
        ({1: Decimal("80"), 2: Decimal("80"), 3: Decimal("80.01")}, "80.00"),  # 80.00333…
        ({1: Decimal("80.01"), 2: Decimal("80.02")}, "80.02"),  # 80.015 half up
    ],
)
def test_year_is_the_mean_of_the_published_quarters(quarters, mean):
    """Seed 001 §四(二) 二: 根据每季度考核结果形成年度考核评定结果."""
    result = year_result(quarters)
    assert result is not None
    assert str(result.mean_display) == mean
    assert result.quarters == tuple(sorted(quarters))


def test_year_without_quarters_has_no_result_and_bad_quarter_is_refused():
    assert year_result({}) is None
    with pytest.raises(ValueError):
        year_result({5: Decimal(1)})


def test_year_band_uses_the_exact_mean_not_the_rounded_one():
    # 89.995 rounds to 90.00 for display but is below the excellent floor
    result = year_result({1: Decimal("89.99"), 2: Decimal("90.00")})
    assert result is not None
    assert str(result.mean_display) == "90.00"
    assert band_for(result.mean, 100, _bands("national")).band == "good"


@given(st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=4))
def test_year_mean_matches_brute_force(values):
    quarters = {q + 1: v for q, v in enumerate(values)}
    result = year_result(quarters)
    assert result is not None
    assert result.mean == Fraction(sum(values)) / len(values)
    assert min(values) <= result.mean <= max(values)


@pytest.mark.parametrize(
    ("total", "passed"), [("60", True), ("59.99", False), ("100", True), ("0", False)]
)
def test_committee_pass_score_inclusive(total, passed):
    """Gongzhi default pass score 60 (001 §四(一) says 合格 without a number)."""
    profile = get_profile("national")
    result = committee_result(
        Decimal(total),
        100,
        pass_score=profile.int_value("assessment_committee_pass_score"),
        subsidy_cap_fen=profile.optional_fen("committee_member_subsidy_cap_yuan_per_month"),
    )
    assert result.passed is passed
    assert result.subsidy_eligible is False  # national: no subsidy rule
    assert result.subsidy_cap_fen is None


def test_seed_001_committee_that_passes_earns_the_300_yuan_cap():
    """Seed 001 §四(一): 评定结果合格的 … 每人每月不高于300元."""
    profile = get_profile("jiangxi-zhanggong")
    cap = profile.optional_fen("committee_member_subsidy_cap_yuan_per_month")
    passed = committee_result(Decimal("60"), 100, pass_score=60, subsidy_cap_fen=cap)
    failed = committee_result(Decimal("59.99"), 100, pass_score=60, subsidy_cap_fen=cap)
    assert (passed.subsidy_eligible, passed.subsidy_cap_fen) == (True, 30000)
    assert "¥300.00" in passed.subsidy_explanation.render()
    assert (failed.subsidy_eligible, failed.subsidy_cap_fen) == (False, None)


def test_parse_form_names_the_bad_entry():
    good = {"code": "a", "label_zh": "甲", "label_en": "A", "max_points": 5, "source": "x"}
    with pytest.raises(InvalidValue) as error:
        parse_form([good, {**good, "code": "b", "max_points": 0}])
    assert error.value.where == "[1].max_points"
    with pytest.raises(InvalidValue) as error:
        parse_form([good, good])
    assert error.value.where == "[1].code"
    with pytest.raises(InvalidValue):
        parse_form([])


def test_parse_bands_requires_order_and_a_zero_floor():
    with pytest.raises(InvalidValue):
        parse_bands([{"band": "good", "min_score": 80}, {"band": "excellent", "min_score": 0}])
    with pytest.raises(InvalidValue) as error:
        parse_bands([{"band": "excellent", "min_score": 90}, {"band": "fail", "min_score": 10}])
    assert error.value.where == "[1].min_score"
    with pytest.raises(InvalidValue):
        parse_bands([{"band": "best", "min_score": 90}, {"band": "fail", "min_score": 0}])
    assert parse_bands([{"band": "pass", "min_score": 60}, {"band": "fail", "min_score": 0}]) == (
        ResultBand("pass", 60),
        ResultBand("fail", 0),
    )


def test_to_points_rounds_half_up():
    assert to_points(Fraction(87125, 1000)) == Decimal("87.13")
    assert to_points(Decimal("87.124")) == Decimal("87.12")
