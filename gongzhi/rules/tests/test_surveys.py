"""Satisfaction surveys (rules.surveys): the profile tables, checking one home's answers,
scores per question and overall, and the assessment points. No database."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules import surveys
from gongzhi.rules.profiles import get_profile
from gongzhi.rules.profiles.schema import InvalidValue

Q = (
    surveys.Question("cleaning", "环境卫生", "Cleaning", "seed 002"),
    surveys.Question("security", "秩序维护", "Security", "seed 002"),
)
SCALE = (
    surveys.Level(5, "非常满意", "Very satisfied", 100),
    surveys.Level(4, "满意", "Satisfied", 75),
    surveys.Level(3, "一般", "Neutral", 50),
    surveys.Level(2, "不满意", "Dissatisfied", 25),
    surveys.Level(1, "非常不满意", "Very dissatisfied", 0),
)


def test_every_shipped_profile_has_a_questionnaire_and_a_scale():
    for profile_id in ("national", "henan-draft", "shaanxi-xixian", "hunan-shaoyang"):
        profile = get_profile(profile_id)
        assert profile.table("survey_questionnaire", surveys.Question)
        scale = profile.table("survey_scale", surveys.Level)
        assert scale[0].points == 100 and scale[-1].points == 0
    assert get_profile("national").value("survey_organiser") == "company"
    assert get_profile("shaanxi-xixian").value("survey_organiser") == "community"
    assert get_profile("henan-draft").value("survey_organiser") == "company"


@pytest.mark.parametrize(
    "raw",
    [
        [],
        [{"code": "a", "label_zh": "甲", "label_en": "A"}],
        [{"code": "a b", "label_zh": "甲", "label_en": "A", "source": "x"}],
        [
            {"code": "a", "label_zh": "甲", "label_en": "A", "source": "x"},
            {"code": "a", "label_zh": "乙", "label_en": "B", "source": "x"},
        ],
    ],
)
def test_bad_questionnaires_are_refused(raw):
    with pytest.raises(InvalidValue):
        surveys.parse_questionnaire(raw)


@pytest.mark.parametrize(
    "raw",
    [
        [{"value": 2, "label_zh": "好", "label_en": "Good", "points": 100}],
        [  # points must fall from 100 to 0
            {"value": 2, "label_zh": "好", "label_en": "Good", "points": 90},
            {"value": 1, "label_zh": "差", "label_en": "Bad", "points": 0},
        ],
        [  # values must fall
            {"value": 1, "label_zh": "好", "label_en": "Good", "points": 100},
            {"value": 2, "label_zh": "差", "label_en": "Bad", "points": 0},
        ],
        [
            {"value": 2, "label_zh": "好", "label_en": "Good", "points": 100},
            {"value": 1, "label_zh": "差", "label_en": "Bad", "points": True},
        ],
    ],
)
def test_bad_scales_are_refused(raw):
    with pytest.raises(InvalidValue):
        surveys.parse_scale(raw)


def test_answers_must_cover_every_question_on_the_scale():
    assert surveys.check_answers(Q, SCALE, {"cleaning": 5, "security": "3"}) == {
        "cleaning": 5,
        "security": 3,
    }
    with pytest.raises(surveys.AnswerError) as error:
        surveys.check_answers(Q, SCALE, {"cleaning": 6, "parking": 5})
    assert set(error.value.fields) == {"cleaning", "security", "parking"}
    for bad in (0, 6, True, None, "", "five", 4.0):
        with pytest.raises(surveys.AnswerError):
            surveys.check_answers(Q, SCALE, {"cleaning": bad, "security": 5})


def test_scores_per_question_and_overall():
    counts = {("cleaning", 5): 2, ("cleaning", 1): 1, ("security", 4): 3}
    result = surveys.survey_result(Q, SCALE, counts, answered=3, eligible=10)
    cleaning, security = result.items
    assert cleaning.score == Fraction(200, 3) and cleaning.score_display == Decimal("66.67")
    assert security.score == 75 and security.count == 3
    assert result.score == (Fraction(200, 3) + 75) / 2
    assert result.score_display == Decimal("70.83")  # 70.8333… half up
    assert result.response_rate == Fraction(3, 10)
    assert "70.83" in result.explanation.render() and "30.00%" in result.explanation.render()


def test_a_question_nobody_answered_is_left_out_and_no_answers_give_no_score():
    result = surveys.survey_result(Q, SCALE, {("cleaning", 3): 4}, answered=4, eligible=4)
    assert result.items[1].score is None and result.score == 50
    empty = surveys.survey_result(Q, SCALE, {}, answered=0, eligible=0)
    assert empty.score is None and empty.response_rate is None
    with pytest.raises(ValueError):
        surveys.survey_result(Q, SCALE, {}, answered=5, eligible=4)


@pytest.mark.parametrize(
    ("score", "max_points", "points"),
    [
        (Fraction(100), 10, Decimal("10.00")),
        (Fraction(0), 10, Decimal("0.00")),
        (Fraction(8765, 100), 10, Decimal("8.77")),  # 8.765 half up
        (Fraction(8764, 100), 10, Decimal("8.76")),
        (Fraction(200, 3), 20, Decimal("13.33")),
    ],
)
def test_assessment_points_scale_the_score_to_the_item(score, max_points, points):
    value, explanation = surveys.assessment_points(score, max_points, closed="2026-09-30")
    assert value == points and "2026-09-30" in explanation.render()


def test_assessment_points_refuse_impossible_scores():
    with pytest.raises(ValueError):
        surveys.assessment_points(Fraction(101), 10)
    with pytest.raises(ValueError):
        surveys.assessment_points(Fraction(50), 0)


@given(
    st.lists(st.tuples(st.sampled_from(["cleaning", "security"]), st.integers(1, 5)), max_size=60)
)
def test_scores_match_a_brute_force_mean(answers):
    counts: dict[tuple[str, int], int] = {}
    for key in answers:
        counts[key] = counts.get(key, 0) + 1
    result = surveys.survey_result(Q, SCALE, counts, answered=len(answers), eligible=len(answers))
    points = {lv.value: lv.points for lv in SCALE}
    means = []
    for question in Q:
        given_points = [points[v] for code, v in answers if code == question.code]
        if given_points:
            means.append(Fraction(sum(given_points), len(given_points)))
    assert result.score == (sum(means, Fraction(0)) / len(means) if means else None)
    assert result.score is None or 0 <= result.score <= 100


def test_quarters():
    assert surveys.quarter_of(2026, 1) == (2026, 1)
    assert surveys.quarter_of(2026, 12) == (2026, 4)
    with pytest.raises(ValueError):
        surveys.quarter_of(2026, 13)
