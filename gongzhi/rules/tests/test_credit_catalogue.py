"""The credit catalogue, yearly scores, tender eligibility and the 双随机 draw.

Seeds 001 §三(二)3 (blacklist: serious dishonesty, or ≤ 70 two years running), 002 §二(一)3
(stars), 003 §六(二) (D grade, high share of inspections), 004 §8 (A or better to tender).
"""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules import credit as rules
from gongzhi.rules.profiles import get_profile
from gongzhi.rules.profiles.schema import SCHEMA, InvalidValue

NATIONAL = get_profile("national")
ZHANGGONG = get_profile("jiangxi-zhanggong")
ZIYANG = get_profile("hunan-ziyang")
XIXIAN = get_profile("shaanxi-xixian")
HENAN = get_profile("henan-draft")

ENTRY = {
    "code": "x",
    "label_zh": "某",
    "label_en": "X",
    "nature": "bad",
    "points": -2,
    "validity_months": 12,
    "public": True,
    "serious": False,
    "source": "manual",
}


def test_every_profile_has_a_catalogue_with_each_automatic_source():
    for profile in (NATIONAL, ZHANGGONG, ZIYANG, XIXIAN, HENAN):
        sources = {k.source for k in rules.catalogue(profile)}
        assert set(rules.AUTOMATIC_SOURCES) <= sources
        assert all(k.citation for k in rules.catalogue(profile))


def test_serious_dishonesty_kind_exists_seed_001():
    kind = rules.kind_by_code(NATIONAL, "serious_dishonesty")
    assert kind is not None and kind.serious and kind.points < 0


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"points": 2}, "[0].points"),  # a bad record must take points away
        ({"points": 0}, "[0].points"),
        ({"points": True}, "[0].points"),
        ({"nature": "neutral"}, "[0].nature"),
        ({"source": "gossip"}, "[0].source"),
        ({"validity_months": 0}, "[0].validity_months"),
        ({"label_zh": ""}, "[0].label_zh"),
        ({"nature": "good", "points": 2, "serious": True}, "[0].serious"),
        ({"colour": "red"}, "[0].colour"),
    ],
)
def test_catalogue_parser_names_the_bad_entry(change, where):
    with pytest.raises(InvalidValue) as error:
        SCHEMA["credit_catalogue"].coerce([{**ENTRY, **change}])
    assert error.value.where == where


def test_catalogue_codes_are_distinct():
    with pytest.raises(InvalidValue) as error:
        SCHEMA["credit_catalogue"].coerce([ENTRY, ENTRY])
    assert error.value.where == "[0].code"


def test_kind_for_event_prefers_the_matching_band():
    assert rules.kind_for_event(NATIONAL, "assessment", "excellent").code == "assessment_excellent"
    assert rules.kind_for_event(NATIONAL, "assessment", "fail").points < 0
    assert rules.kind_for_event(NATIONAL, "assessment", "unknown-band") is None
    assert rules.kind_for_event(NATIONAL, "complaint", "noise").code == "complaint_substantiated"


@pytest.mark.parametrize(
    ("on", "months", "until"),
    [
        (dt.date(2026, 3, 15), 12, dt.date(2027, 3, 14)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 27)),  # February has no 31st
        (dt.date(2024, 12, 1), 36, dt.date(2027, 11, 30)),
    ],
)
def test_valid_until(on, months, until):
    kind = rules.CreditKind("k", "k", "k", "bad", -1, months, True, False, "manual")
    assert rules.valid_until(kind, on) == until


def _rec(ref, points, on, until):
    return rules.ScoredRecord(ref, "k", points, on, until)


def test_yearly_score_counts_records_valid_in_the_year():
    records = [
        _rec(1, -10, dt.date(2025, 6, 1), dt.date(2026, 5, 31)),  # counts in 2025 and 2026
        _rec(2, 5, dt.date(2026, 2, 1), dt.date(2027, 1, 31)),
        _rec(3, -30, dt.date(2023, 1, 1), dt.date(2025, 12, 31)),  # over before 2026
    ]
    result = rules.yearly_score(NATIONAL, 2026, records)
    assert result.score == 95 and [r.ref for r in result.lines] == [1, 2]
    assert rules.yearly_score(NATIONAL, 2025, records).score == 60
    assert "Gongzhi default" in result.explanation.citation


def test_yearly_score_floors_at_zero():
    result = rules.score_from_total(NATIONAL, 2026, -150, 5)
    assert result.score == 0
    assert "floored" in result.explanation.message


@given(st.lists(st.integers(min_value=-40, max_value=10).filter(bool), max_size=30))
def test_score_is_base_plus_sum(points):
    records = [_rec(i, p, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) for i, p in enumerate(points)]
    assert rules.yearly_score(NATIONAL, 2026, records).score == max(0, 100 + sum(points))


@pytest.mark.parametrize(("score", "listed"), [(70, True), (71, False)])
def test_seed_001_blacklist_boundary_two_years(score, listed):
    assert rules.blacklist_check(ZHANGGONG, [score, score]).applies is listed


def test_seed_001_one_low_year_is_not_enough():
    assert not rules.blacklist_check(ZHANGGONG, [70]).applies
    assert rules.blacklist_check(ZHANGGONG, [90], serious_dishonesty=True).applies


def test_seed_002_stars_and_003_grades_at_70():
    assert rules.grade_for_score(HENAN, 70).grade == "3-star"
    assert rules.grade_for_score(HENAN, 69).grade == "2-star"
    assert rules.grade_for_score(ZIYANG, 70).grade == "C"
    assert rules.grade_for_score(ZIYANG, 69).grade == "D"


@pytest.mark.parametrize(
    ("filed", "blacklisted", "grade", "ok"),
    [
        (True, False, "A", True),
        (True, False, "B", False),
        (False, False, "A", False),
        (True, True, "A", False),
        (True, False, None, False),
    ],
)
def test_seed_004_tender_eligibility(filed, blacklisted, grade, ok):
    result = rules.tender_eligibility(XIXIAN, filed=filed, blacklisted=blacklisted, grade=grade)
    assert result.ok is ok
    assert result.reasons


def test_national_tender_needs_only_filing_and_no_blacklist():
    assert rules.tender_eligibility(NATIONAL, filed=True, blacklisted=False, grade=None).ok
    assert rules.tender_eligibility(NATIONAL, filed=True, blacklisted=False, grade="D").ok


def test_blacklist_until_is_the_latest_bad_record():
    records = [
        _rec(1, -30, dt.date(2026, 1, 1), dt.date(2028, 12, 31)),
        _rec(2, -2, dt.date(2026, 3, 1), dt.date(2027, 2, 28)),
    ]
    assert rules.blacklist_until(records) == dt.date(2028, 12, 31)
    assert rules.blacklist_until([]) is None


# --- the 双随机 draw ------------------------------------------------------------------------


def _candidates():
    return [rules.Candidate(i, "D" if i <= 4 else "A") for i in range(1, 25)]


def test_seed_003_ratios_d_every_project():
    ratios = rules.inspection_ratios(ZIYANG)
    assert ratios["D"] == 1 and ratios["A"] == Fraction(1, 10)
    plan = rules.draw_inspections(
        seed="abc", candidates=_candidates(), inspectors=[7, 8, 9], ratios=ratios
    )
    drawn = {g: d for g, _n, d in plan.per_grade}
    assert drawn == {"A": 2, "B": 0, "C": 0, "D": 4}  # ceil(20 / 10) = 2, all four D
    assert all(len(item.inspectors) == 2 for item in plan.items)


def test_draw_is_reproducible_from_its_seed():
    ratios = rules.inspection_ratios(NATIONAL)
    one = rules.draw_inspections(
        seed="2026-Q4", candidates=_candidates(), inspectors=[1, 2, 3, 4], ratios=ratios
    )
    shuffled = list(reversed(_candidates()))
    two = rules.draw_inspections(
        seed="2026-Q4", candidates=shuffled, inspectors=[4, 3, 2, 1], ratios=ratios
    )
    assert one == two
    other = rules.draw_inspections(
        seed="another", candidates=_candidates(), inspectors=[1, 2, 3, 4], ratios=ratios
    )
    assert other.items != one.items


def test_ratios_must_cover_the_grades_of_the_bands():
    with pytest.raises(InvalidValue):
        SCHEMA["credit_inspection_ratios"].coerce([{"grade": "A", "ratio": "3/2"}])
    with pytest.raises(InvalidValue):
        SCHEMA["credit_inspection_ratios"].coerce([{"grade": "A", "ratio": "0.5"}])
    assert set(rules.inspection_ratios(HENAN)) == {b.grade for b in HENAN.grade_bands()}
