"""Satisfaction surveys: opened by the profile's organiser with the profile's questions,
one answer per home, results by question published, scoping of pages and API, and the
score feeding the quarterly assessment's satisfaction item."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.registry.models import Ownership
from gongzhi.surveys import selectors, services
from gongzhi.surveys.models import Survey, SurveyAnswer, SurveyResponse

DAY = dt.date(2026, 9, 10)


def a(city, name):
    return actor_for(city.users[name])


def all_answers(survey, value=5):
    return {q["code"]: value for q in survey.questions}


@pytest.fixture
def survey(city):
    with clock.frozen(DAY):
        return services.survey_create(
            actor=a(city, "company_1"),
            project_id=city.project_a.pk,
            title="2026年第三季度业主满意度调查",
            closes_on=dt.date(2026, 9, 30),
        )


def test_the_survey_copies_the_profiles_questionnaire(city, survey):
    assert survey.status == Survey.Status.OPEN and survey.organiser == "company"
    assert [q["code"] for q in survey.questions][:3] == ["security", "cleaning", "maintenance"]
    assert survey.company == city.company_1 and survey.profile_id == "national"


def test_only_the_organiser_opens_a_survey_and_bad_input_changes_nothing(city):
    with clock.frozen(DAY):
        with pytest.raises(DomainError) as error:
            services.survey_create(
                actor=a(city, "community_a"), project_id=city.project_a.pk, title="x",
                closes_on=dt.date(2026, 9, 30),
            )  # fmt: skip
        assert "project" in error.value.fields  # the national profile: the company runs it
        with pytest.raises(DomainError) as error:
            services.survey_create(
                actor=a(city, "company_1"), project_id=city.project_a.pk, title=" ",
                closes_on=dt.date(2027, 9, 30),
            )  # fmt: skip
        assert set(error.value.fields) == {"title", "closes_on"}
        with pytest.raises(DomainError):
            services.survey_create(
                actor=a(city, "company_2"), project_id=city.project_a.pk, title="x",
                closes_on=dt.date(2026, 9, 30),
            )  # fmt: skip
        with pytest.raises(PermissionDeniedError):
            services.survey_create(
                actor=a(city, "owner_1"), project_id=city.project_a.pk, title="x",
                closes_on=dt.date(2026, 9, 30),
            )  # fmt: skip
    assert Survey.objects.count() == 0


def test_where_the_profile_says_so_the_community_runs_it(city):
    type(city.district).objects.filter(pk=city.district.pk).update(profile_id="shaanxi-xixian")
    from gongzhi.jurisdictions import selectors as jurisdiction_selectors

    if hasattr(jurisdiction_selectors.effective_profile, "cache_clear"):
        jurisdiction_selectors.effective_profile.cache_clear()
    city.project_a.community.refresh_from_db()
    with clock.frozen(DAY):
        with pytest.raises(DomainError):
            services.survey_create(
                actor=a(city, "company_1"), project_id=city.project_a.pk, title="x",
                closes_on=dt.date(2026, 9, 30),
            )  # fmt: skip
        survey = services.survey_create(
            actor=a(city, "community_a"), project_id=city.project_a.pk, title="x",
            closes_on=dt.date(2026, 9, 30),
        )  # fmt: skip
    assert survey.organiser == "community"


def test_one_answer_per_home(city, survey):
    # given owner_2 also co-owns owner_1's home
    Ownership.objects.create(part=city.part_a1, owner=city.owner_2, share_numerator=1)
    with clock.frozen(DAY):
        services.survey_answer(
            actor=a(city, "owner_1"), survey_id=survey.pk, part_id=city.part_a1.pk,
            answers=all_answers(survey),
        )  # fmt: skip
        # when the co-owner answers for the same home, it is refused
        with pytest.raises(ConflictError):
            services.survey_answer(
                actor=a(city, "owner_2"), survey_id=survey.pk, part_id=city.part_a1.pk,
                answers=all_answers(survey, 1),
            )  # fmt: skip
        # and owner_2's own home answers once
        services.survey_answer(
            actor=a(city, "owner_2"), survey_id=survey.pk, part_id=city.part_a2.pk,
            answers=all_answers(survey, 3),
        )  # fmt: skip
        with pytest.raises(ConflictError):
            services.survey_answer(
                actor=a(city, "owner_2"), survey_id=survey.pk, part_id=city.part_a2.pk,
                answers=all_answers(survey, 3),
            )  # fmt: skip
    assert SurveyResponse.objects.count() == 2
    assert SurveyAnswer.objects.count() == 2 * len(survey.questions)


def test_bad_answers_name_the_question_and_write_nothing(city, survey):
    answers = all_answers(survey)
    answers["cleaning"] = 9
    del answers["security"]
    with clock.frozen(DAY):
        with pytest.raises(DomainError) as error:
            services.survey_answer(
                actor=a(city, "owner_1"), survey_id=survey.pk, part_id=city.part_a1.pk,
                answers=answers,
            )  # fmt: skip
        assert {"answers.cleaning", "answers.security"} <= set(error.value.fields)
        with pytest.raises(DomainError) as error:
            services.survey_answer(
                actor=a(city, "owner_1"), survey_id=survey.pk, part_id=city.part_a2.pk,
                answers=all_answers(survey),
            )  # fmt: skip
        assert "part" in error.value.fields
        # only owners answer
        with pytest.raises(PermissionDeniedError):
            services.survey_answer(
                actor=a(city, "company_1"), survey_id=survey.pk, part_id=city.part_a1.pk,
                answers=all_answers(survey),
            )  # fmt: skip
    with clock.frozen(dt.date(2026, 10, 1)), pytest.raises(ConflictError):
        services.survey_answer(
            actor=a(city, "owner_1"), survey_id=survey.pk, part_id=city.part_a1.pk,
            answers=all_answers(survey),
        )  # fmt: skip
    assert SurveyResponse.objects.count() == 0 and SurveyAnswer.objects.count() == 0


def test_results_by_question_are_published_and_feed_the_assessment(city, survey):
    with clock.frozen(DAY):
        services.survey_answer(
            actor=a(city, "owner_1"), survey_id=survey.pk, part_id=city.part_a1.pk,
            answers=all_answers(survey, 5),
        )  # fmt: skip
        services.survey_answer(
            actor=a(city, "owner_2"), survey_id=survey.pk, part_id=city.part_a2.pk,
            answers={**all_answers(survey, 4), "cleaning": 2},
        )  # fmt: skip
    # before publication the owner sees no results, the organiser the count so far
    assert not selectors.may_see_results(a(city, "owner_1"), survey)
    assert selectors.may_see_results(a(city, "company_1"), survey)
    with clock.frozen(dt.date(2026, 9, 30)):
        services.survey_close(actor=a(city, "company_1"), pk=survey.pk)
    with pytest.raises(NotFoundError):
        services.survey_publish(actor=a(city, "company_2"), pk=survey.pk)
    survey = services.survey_publish(actor=a(city, "company_1"), pk=survey.pk)
    assert survey.status == Survey.Status.PUBLISHED
    cleaning = next(r for r in survey.results if r["code"] == "cleaning")
    assert cleaning["score"] == "62.50" and cleaning["count"] == 2
    # (6 questions at 87.5, cleaning at 62.5) / 7
    assert survey.score == Decimal("83.93") and (survey.answered, survey.eligible) == (2, 2)
    assert selectors.may_see_results(a(city, "owner_1"), survey)
    found = selectors.quarter_satisfaction(project_id=city.project_a.pk, year=2026, quarter=3)
    assert found is not None and found.survey_id == survey.pk
    assert (
        selectors.quarter_satisfaction(project_id=city.project_a.pk, year=2026, quarter=4) is None
    )


def test_pages_and_api_are_scoped(city, login, survey):
    owner = login("owner_1")
    assert survey.title in owner.get("/surveys/").content.decode()
    with clock.frozen(DAY):
        page = owner.get(f"/surveys/{survey.pk}/").content.decode()
        assert 'data-testid="answer-form"' in page and "非常满意" in page
        post = {f"q_{q['code']}": "4" for q in survey.questions} | {"part": city.part_a1.pk}
        post.pop("q_cleaning")
        bad = owner.post(f"/surveys/{survey.pk}/answer/", post)
        assert bad.status_code == 400 and "请回答" in bad.content.decode()
        assert SurveyResponse.objects.count() == 0
        post["q_cleaning"] = "5"
        assert owner.post(f"/surveys/{survey.pk}/answer/", post).status_code == 302
        assert 'data-testid="answered"' in owner.get(f"/surveys/{survey.pk}/").content.decode()
        api = owner.post(
            f"/api/v1/surveys/{survey.pk}/answers",
            {"part_id": city.part_a1.pk, "answers": all_answers(survey)},
            "application/json",
        )
        assert api.status_code == 409
    # owners of another project, the other company, the other street: not found
    for name in ("company_2", "street_b"):
        client = login(name)
        assert client.get(f"/surveys/{survey.pk}/").status_code == 404
        assert client.get(f"/api/v1/surveys/{survey.pk}").status_code == 404
        assert client.get("/api/v1/surveys").json() == []
    detail = login("company_1").get(f"/api/v1/surveys/{survey.pk}").json()
    assert detail["actions"] == ["close"] and detail["results"][0]["count"] == 1
    assert login("owner_1").get(f"/api/v1/surveys/{survey.pk}").json()["results"] is None
    sheet = load_workbook(io.BytesIO(login("company_1").get("/surveys/export.xlsx").content))
    assert sheet.active.cell(2, 1).value == survey.title
    assert login("owner_1").get("/surveys/export.xlsx").status_code == 403


def test_the_api_opens_closes_and_publishes(city, login):
    client = login("company_1")
    with clock.frozen(DAY):
        created = client.post(
            "/api/v1/surveys",
            {"project_id": city.project_a.pk, "title": "调查", "closes_on": "2026-09-20"},
            "application/json",
        )
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        again = client.post(
            "/api/v1/surveys",
            {"project_id": city.project_a.pk, "title": "调查", "closes_on": "2026-09-20"},
            "application/json",
        )
        assert again.status_code == 409
        assert client.post(f"/api/v1/surveys/{pk}/actions/publish").status_code == 409
        assert client.post(f"/api/v1/surveys/{pk}/actions/close").json()["status"] == "closed"
        body = client.post(f"/api/v1/surveys/{pk}/actions/publish").json()
    assert body["status"] == "published" and body["score"] is None and body["answered"] == 0


def test_the_published_score_fills_the_quarterly_assessments_satisfaction_item(city, survey):
    from gongzhi.assessments import services as assessments
    from gongzhi.assessments.models import ProjectItemScore
    from gongzhi.jurisdictions.models import Jurisdiction
    from gongzhi.jurisdictions.selectors import effective_profile
    from gongzhi.rules.assessments import FormItem

    # seed 003's jurisdiction assesses every quarter (company_assessment_frequency)
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="hunan-ziyang")
    # given a published survey of project A that closed in 2026 Q3 with a score of 75
    with clock.frozen(DAY):
        services.survey_answer(
            actor=a(city, "owner_1"), survey_id=survey.pk, part_id=city.part_a1.pk,
            answers=all_answers(survey, 4),
        )  # fmt: skip
        services.survey_close(actor=a(city, "company_1"), pk=survey.pk)
    services.survey_publish(actor=a(city, "company_1"), pk=survey.pk)
    # when the community assesses the quarter on the profile's form, entering 1 point for
    # satisfaction and full points elsewhere
    city.district.refresh_from_db()
    form = effective_profile(city.district).table("assessment_project_form", FormItem)
    points = {i.code: str(i.max_points) for i in form} | {"satisfaction": "1"}
    top = next(i.max_points for i in form if i.code == "satisfaction")
    assessment = assessments.assessment_create(
        actor=a(city, "community_a"), project_id=city.project_a.pk, year=2026, quarter=3,
        points=points, assessors="社区物业专干",
    )  # fmt: skip
    # then the item takes the survey's 75 of 100 as 75 % of its points, with the reason
    item = ProjectItemScore.objects.get(assessment=assessment, code="satisfaction")
    share = Decimal(top) * Decimal("0.75")
    assert item.points == share and assessment.total == 100 - top + share
    assert "75.00" in assessment.note
    # and a quarter without a published survey keeps the assessor's entry
    other = assessments.assessment_create(
        actor=a(city, "community_a"), project_id=city.project_a.pk, year=2026, quarter=2,
        points=points, assessors="社区物业专干",
    )  # fmt: skip
    assert ProjectItemScore.objects.get(assessment=other, code="satisfaction").points == 1
