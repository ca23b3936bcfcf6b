"""Credit grades, blacklist and old projects.

Seeds 001 §三(二)3 and §五, 002 §二(一)3, 003 §六(二), 004 §8; 国办发〔2020〕23号.
"""

import datetime as dt

import pytest

from gongzhi.rules.credit import (
    blacklist_check,
    grade_for_score,
    key_supervision_check,
    tender_library_check,
)
from gongzhi.rules.profiles import get_profile
from gongzhi.rules.projects import old_project_check

NATIONAL = get_profile("national")


@pytest.mark.parametrize(
    ("score", "grade"),
    [(100, "A"), (90, "A"), (89, "B"), (80, "B"), (70, "C"), (69, "D"), (0, "D")],
)
def test_grade_bands_national(score, grade):
    assert grade_for_score(NATIONAL, score).grade == grade


def test_seed_002_stars():
    henan = get_profile("henan-draft")
    assert henan.text("credit_rating_style") == "stars"
    assert grade_for_score(henan, 91).grade == "5-star"
    assert grade_for_score(henan, 59).grade == "1-star"


def test_negative_score_refused():
    with pytest.raises(ValueError):
        grade_for_score(NATIONAL, -1)


@pytest.mark.parametrize(
    ("scores", "listed"),
    [
        ([70, 70], True),  # "70分及以下": 70 counts
        ([71, 70], False),
        ([70, 71], False),
        ([85, 60, 65], True),  # the last two years
        ([60], False),  # one year only
        ([], False),
    ],
)
def test_seed_001_blacklist_two_years_at_or_below_70(scores, listed):
    check = blacklist_check(get_profile("jiangxi-zhanggong"), scores)
    assert check.applies is listed
    assert "seed 001 §三(二)3" in check.explanation.citation


def test_serious_dishonesty_blacklists_everywhere():
    assert blacklist_check(NATIONAL, [100], serious_dishonesty=True).applies
    assert not blacklist_check(NATIONAL, [10, 10, 10]).applies


def test_seed_003_d_grade_is_key_supervision():
    ziyang = get_profile("hunan-ziyang")
    assert key_supervision_check(ziyang, "D").applies
    assert not key_supervision_check(ziyang, "C").applies
    assert not key_supervision_check(NATIONAL, "D").applies
    with pytest.raises(ValueError, match="unknown grade"):
        key_supervision_check(ziyang, "E")


@pytest.mark.parametrize(("grade", "eligible"), [("A", True), ("B", False), ("D", False)])
def test_seed_004_tender_library_needs_grade_a(grade, eligible):
    check = tender_library_check(get_profile("shaanxi-xixian"), grade)
    assert check.applies is eligible
    assert "seed 004 §8" in check.explanation.citation


def test_no_tender_floor_nationally():
    assert tender_library_check(NATIONAL, "D").applies


@pytest.mark.parametrize(
    ("profile_id", "completed", "old"),
    [
        ("national", 2000, True),
        ("national", 2001, False),
        ("jiangxi-zhanggong", dt.date(2004, 12, 31), True),  # seed 001: 2004年底以前建成
        ("jiangxi-zhanggong", dt.date(2005, 1, 1), False),
    ],
)
def test_old_project_cutoff(profile_id, completed, old):
    assert old_project_check(get_profile(profile_id), completed).old is old


def test_old_project_refuses_datetimes():
    with pytest.raises(TypeError):
        old_project_check(NATIONAL, dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
