"""Quarterly project assessments through HTTP: community → street → bureau, the published
event for the credit app, bad input, scoping and the yearly result (seed 001 §四(二);
seed 003 §五(二)1(7))."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from gongzhi.assessments.models import (
    AssessmentEvidence,
    AssessmentRound,
    ProjectAssessment,
    ProjectItemScore,
)
from gongzhi.assessments.selectors import companies_year_results, company_year_results
from gongzhi.assessments.services import PUBLISHED_EVENT
from gongzhi.assessments.tests.conftest import create, form_of, full_points, pdf, published
from gongzhi.audit.models import AuditEntry
from gongzhi.events.models import DomainEvent
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Project

pytestmark = pytest.mark.django_db
S = ProjectAssessment.Status


def _counts() -> tuple[int, ...]:
    return (
        ProjectAssessment.objects.count(),
        ProjectItemScore.objects.count(),
        AssessmentRound.objects.count(),
        AuditEntry.objects.count(),
        DomainEvent.objects.count(),
    )


def _post_form(client, project, **overrides):
    data = {
        "project": project.pk,
        "year": 2026,
        "quarter": 1,
        "assessors": "李专干",
        "experts": "王工",
        "note": "",
    }
    for code, value in full_points(project).items():
        data[f"item_{code}"] = value
    data.update(overrides)
    return client.post("/assessments/new/", data)


def test_whole_flow_community_street_bureau_emits_the_published_event(city, login):
    """Seed 003 §五(二)1(7): community assesses, the street aggregates and reports to the
    bureau; seed 001 §四(二): results published."""
    # given the community officer on the phone form: the profile's items appear in Chinese
    client = login("community_a")
    page = client.get(f"/assessments/new/?project={city.project_a.pk}")
    assert page.status_code == 200
    assert "环境卫生" in page.content.decode()
    # when they score every item and submit
    response = _post_form(client, city.project_a, item_cleaning="12.5", item_security="14")
    assert response.status_code == 302
    assessment = ProjectAssessment.objects.get()
    assert (assessment.total, assessment.max_score, assessment.band) == (
        Decimal("96.50"),
        100,
        "excellent",
    )
    assert assessment.company == city.company_1
    assert client.post(f"/assessments/{assessment.pk}/submit/").status_code == 302
    # then the street sees it in its round and forwards the round
    client = login("street_a")
    round_page = client.get(f"/assessments/rounds/{assessment.round_id}/")
    assert "幸福家园" in round_page.content.decode()
    assert client.post(f"/assessments/rounds/{assessment.round_id}/forward/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == S.FORWARDED
    # and the bureau publishes it
    client = login("bureau")
    assert client.post(f"/assessments/rounds/{assessment.round_id}/publish/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == S.PUBLISHED
    event = DomainEvent.objects.get(kind=PUBLISHED_EVENT)
    assert event.data == {
        "assessment_id": assessment.pk,
        "company_id": city.company_1.pk,
        "project_id": city.project_a.pk,
        "year": 2026,
        "frequency": "yearly",  # national: company_assessment_frequency
        "period": 1,
        "quarter": 1,
        "score": "96.50",
        "max_score": "100.00",
        "band": "excellent",
    }
    assert event.node_path == city.project_a.node_path
    # every state change was audited
    assert AuditEntry.objects.filter(action="transition", target_id=str(assessment.pk)).count() == 3


def test_page_shows_chinese_and_the_community_its_assessments(city, login):
    create(city)
    create(city, project=city.project_b)
    client = login("community_a")
    page = client.get("/assessments/").content.decode()
    assert "考核" in page
    assert "幸福家园" in page  # no street round for the community, but its own rows
    assert "和平花园" not in login("street_a").get("/assessments/").content.decode()


def test_missing_and_out_of_range_items_are_refused_and_nothing_is_written(city, login):
    client = login("community_a")
    before = _counts()
    response = _post_form(client, city.project_a, item_cleaning="", item_security="15.5")
    assert response.status_code == 400
    body = response.content.decode()
    assert "请填写" in body and "0" in body
    api = client.post(
        "/api/v1/assessments",
        {
            "project_id": city.project_a.pk,
            "year": 2026,
            "quarter": 1,
            "points": full_points(city.project_a, cleaning="-1", parking="10.001"),
            "assessors": "李专干",
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert set(api.json()["fields"]) == {"points.cleaning", "points.parking"}
    assert _counts() == before


def test_second_assessment_of_the_same_project_and_quarter_is_refused(city, login):
    create(city)
    client = login("community_a")
    before = _counts()
    response = _post_form(client, city.project_a)
    assert response.status_code == 409
    api = client.post(
        "/api/v1/assessments",
        {
            "project_id": city.project_a.pk,
            "year": 2026,
            "quarter": 1,
            "points": full_points(city.project_a),
            "assessors": "李专干",
        },
        content_type="application/json",
    )
    assert api.status_code == 409
    assert api.json()["code"] == "conflict"
    assert _counts() == before


def test_future_quarter_and_bad_period_are_refused(city, login):
    client = login("community_a")
    before = _counts()
    assert _post_form(client, city.project_a, year=2027).status_code == 400
    api = client.post(
        "/api/v1/assessments",
        {
            "project_id": city.project_a.pk,
            "year": 2026,
            "quarter": 5,
            "points": full_points(city.project_a),
            "assessors": "",
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert {"quarter", "assessors"} <= set(api.json()["fields"])
    assert _counts() == before


def test_illegal_transitions_are_refused_and_change_nothing(city, login):
    assessment = create(city)
    # the bureau cannot publish a draft; the street cannot forward a draft
    client = login("bureau")
    response = client.post(f"/api/v1/assessments/{assessment.pk}/actions/publish")
    assert response.status_code == 409
    client = login("street_a")
    assert client.post(f"/assessments/{assessment.pk}/forward/").status_code == 409
    # the community cannot publish (role), nor return without a reason
    client = login("community_a")
    client.post(f"/assessments/{assessment.pk}/submit/")
    assert client.post(f"/assessments/{assessment.pk}/publish/").status_code == 403
    client = login("street_a")
    before = _counts()
    response = client.post(f"/api/v1/assessments/{assessment.pk}/actions/return")
    assert response.status_code == 400
    assert "note" in response.json()["fields"]
    assert _counts() == before
    assessment.refresh_from_db()
    assert assessment.status == S.SUBMITTED
    # nothing to forward twice
    client.post(f"/assessments/rounds/{assessment.round_id}/forward/")
    again = client.post(f"/api/v1/assessments/rounds/{assessment.round_id}/forward")
    assert again.status_code == 409


def test_return_and_correct_and_resubmit(city, login):
    assessment = create(city)
    client = login("community_a")
    client.post(f"/assessments/{assessment.pk}/submit/")
    client = login("street_a")
    response = client.post(f"/assessments/{assessment.pk}/return/", {"note": "卫生分数偏高"})
    assert response.status_code == 302
    client = login("community_a")
    data = {"assessors": "李专干", "experts": "", "note": ""}
    for code, value in full_points(city.project_a, cleaning="10").items():
        data[f"item_{code}"] = value
    assert client.post(f"/assessments/{assessment.pk}/edit/", data).status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.total, assessment.band) == (
        S.RETURNED,
        Decimal("95.00"),
        "excellent",
    )
    assert client.post(f"/assessments/{assessment.pk}/submit/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == S.SUBMITTED
    assert assessment.return_note == ""


def test_scoping_other_street_gets_404_everywhere(city, login):
    assessment = create(city)
    client = login("street_b")
    assert client.get(f"/assessments/{assessment.pk}/").status_code == 404
    assert client.get(f"/assessments/rounds/{assessment.round_id}/").status_code == 404
    assert client.get(f"/assessments/rounds/{assessment.round_id}/export.xlsx").status_code == 404
    assert client.post(f"/assessments/rounds/{assessment.round_id}/forward/").status_code == 404
    assert client.get(f"/api/v1/assessments/{assessment.pk}").status_code == 404
    assert client.post(f"/api/v1/assessments/{assessment.pk}/actions/submit").status_code == 404
    assert client.get("/api/v1/assessments").json()["count"] == 0
    # and may not assess another street's project
    before = _counts()
    assert _post_form(client, city.project_a).status_code == 400
    assert _counts() == before


def test_company_and_owner_see_only_published_results(city, login):
    draft = create(city)
    client = login("company_1")
    assert client.get(f"/assessments/{draft.pk}/").status_code == 404
    ProjectAssessment.objects.all().delete()
    done = published(city)
    assert client.get(f"/assessments/{done.pk}/").status_code == 200
    assert login("company_2").get(f"/assessments/{done.pk}/").status_code == 404
    owner = login("owner_1")
    page = owner.get("/assessments/results/?year=2026")
    assert page.status_code == 200
    assert "幸福家园" in page.content.decode()


def test_evidence_upload_accepts_pdf_refuses_other_files(city, login):
    assessment = create(city)
    client = login("community_a")
    bad = client.post(
        f"/assessments/{assessment.pk}/evidence/",
        {"file": io.BytesIO(b"MZ not a document")},
    )
    assert bad.status_code == 400
    assert AssessmentEvidence.objects.count() == 0
    ok = client.post(f"/api/v1/assessments/{assessment.pk}/evidence", {"file": pdf()})
    assert ok.status_code == 201
    evidence = AssessmentEvidence.objects.get()
    download = client.get(f"/assessments/evidence/{evidence.pk}/download/")
    assert download.status_code == 200
    assert (
        login("street_b").get(f"/assessments/evidence/{evidence.pk}/download/").status_code == 404
    )


def test_round_export_lists_items_and_scores(city, login):
    create(city, points=full_points(city.project_a, cleaning="13.25"))
    round_id = AssessmentRound.objects.get().pk
    response = login("street_a").get(f"/assessments/rounds/{round_id}/export.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert "环境卫生" in rows[0]
    assert rows[1][1] == "幸福家园"
    assert Decimal(str(rows[1][rows[0].index("环境卫生")])) == Decimal("13.25")


def test_yearly_result_is_the_mean_of_published_quarters(city, login):
    """Seed 001 §四(二) 二 / seed 003 §五(二)1(7): the yearly result formed from the
    quarters of a quarterly profile; a quarter that was not published is left out."""
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="hunan-ziyang")
    first = form_of(city.project_a)[0]
    for quarter, short in ((1, 10), (2, 5), (3, 15)):
        points = full_points(city.project_a, **{first.code: str(first.max_points - short)})
        assessment = published(city, quarter=quarter, points=points)
        assert (assessment.status, assessment.frequency) == (S.PUBLISHED, "quarterly")
    create(city, quarter=3, project=city.project_b)  # draft: not counted anywhere
    results = company_year_results(city.company_1.pk, 2026)
    assert len(results) == 1
    result = results[0]
    assert result.periods == {1: Decimal("90.00"), 2: Decimal("95.00"), 3: Decimal("85.00")}
    assert result.mean == Decimal("90.00")
    assert result.band == "excellent"
    assert company_year_results(city.company_2.pk, 2026) == []
    assert companies_year_results([city.company_1.pk, city.company_2.pk], 2026) == {
        city.company_1.pk: results
    }
    page = login("bureau").get("/assessments/results/?year=2026").content.decode()
    assert "90.00" in page and "优秀" in page
    api = login("bureau").get("/api/v1/assessments/results/2026").json()
    assert api[0]["mean"] == "90.00"
    assert login("street_b").get("/api/v1/assessments/results/2026").json() == []


def test_seed_003_profile_form_applies_to_its_jurisdiction(city, login):
    """Seed 003 §五(二)1(7): a district under hunan-ziyang uses its own five items."""
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="hunan-ziyang")
    project = Project.objects.get(pk=city.project_a.pk)
    assert [i.code for i in form_of(project)][0] == "contract"
    client = login("community_a")
    page = client.get(f"/assessments/new/?project={project.pk}", HTTP_HX_REQUEST="true")
    assert "物业服务合同履约情况" in page.content.decode()
    assert "<html" not in page.content.decode()
    assert _post_form(client, project).status_code == 302
    assert ProjectAssessment.objects.get().profile_id == "hunan-ziyang"


def test_round_page_queries_do_not_grow_with_the_assessments(city, login):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = create(city, quarter=1)
    client = login("street_a")
    with CaptureQueriesContext(connection) as one:
        assert client.get(f"/assessments/rounds/{first.round_id}/").status_code == 200
    extra = Project.objects.create(
        name="幸福二期",
        community=city.community_a,
        node_path=city.community_a.path,
        category=Project.Category.NEW,
        company=city.company_2,
    )
    create(city, project=extra, quarter=1)
    with CaptureQueriesContext(connection) as two:
        assert client.get(f"/assessments/rounds/{first.round_id}/").status_code == 200
    assert len(two) == len(one)


def _band_reason(page: str) -> str:
    return page.split('data-testid="band-reason">', 1)[1].split("</small>", 1)[0]


def test_the_band_reason_names_the_band_by_its_label(city, login):
    # seed 001 §四(二): a period's result is banded by the profile's floors (以上, inclusive);
    # the national profile's floors are a Gongzhi default (excellent from 90, good from 80)
    full = create(city)
    good = create(city, project=city.project_b, points=full_points(city.project_b, management="0"))
    client = login("community_a")
    url = f"/assessments/{full.pk}/"
    chinese = _band_reason(client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").text)
    assert "“优秀”" in chinese and "90" in chinese
    assert "excellent" not in chinese.lower()
    english = _band_reason(client.get(url, HTTP_ACCEPT_LANGUAGE="en").text)
    assert "in the band “Excellent” (from 90)" in english
    page = login("street_b").get(f"/assessments/{good.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert good.band == "good"
    assert "“良好”" in _band_reason(page.text) and "good" not in _band_reason(page.text)
