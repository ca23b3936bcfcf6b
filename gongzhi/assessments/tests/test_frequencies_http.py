"""Assessment periods come from the profile (rules.periods): seed 001 §四(二) and seed 003
§五(二)1(7) assess every quarter; national law sets no period (Gongzhi default: yearly).
The period shows on the pages, the API, the yearly results and the credit record's date."""

from __future__ import annotations

import pytest

from gongzhi.assessments.models import ProjectAssessment
from gongzhi.assessments.tests.conftest import create, published
from gongzhi.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db


def test_national_assesses_once_a_year_and_refuses_a_second_period(city, login):
    assessment = create(city)  # period 1 of 2026
    assert (assessment.frequency, assessment.period_label) == ("yearly", "2026")
    client = login("community_a")
    api = client.post(
        "/api/v1/assessments",
        {
            "project_id": city.project_a.pk,
            "year": 2026,
            "quarter": 2,
            "points": {},
            "assessors": "李专干",
        },
        content_type="application/json",
    )
    assert api.status_code == 400
    assert "1至第1期" in api.json()["fields"]["quarter"][0]
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert "2026" in page and "Q" not in page.split("<h1>")[1].split("</h1>")[0]


def test_seed_001_assesses_every_quarter_and_the_form_offers_quarters(city, login):
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="jiangxi-zhanggong")
    client = login("community_a")
    page = client.get(f"/assessments/new/?project={city.project_a.pk}").content.decode()
    assert "第4季度" in page and "每季度" in page
    assessment = published(city, quarter=2)
    assert (assessment.frequency, assessment.quarter, assessment.period_label) == (
        "quarterly",
        2,
        "2026 Q2",
    )
    got = client.get(f"/api/v1/assessments/{assessment.pk}").json()
    assert (got["frequency"], got["period_label"]) == ("quarterly", "2026 Q2")
    results = login("bureau").get("/api/v1/assessments/results/2026").json()
    assert results[0]["frequency"] == "quarterly" and list(results[0]["periods"]) == ["2"]


def test_the_credit_record_is_dated_at_the_end_of_the_period(
    city, django_capture_on_commit_callbacks
):
    from gongzhi.credit.models import CreditRecord

    with django_capture_on_commit_callbacks(execute=True):
        published(city)  # national: the year 2026
    # full marks: excellent, a bonus record dated at the end of the assessed year
    record = CreditRecord.objects.get(company=city.company_1)
    assert record.occurred_on.isoformat() == "2026-12-31"
    assert record.evidence.startswith("2026 ·")
    assert ProjectAssessment.objects.get().frequency == "yearly"


def test_committee_period_follows_the_profile(city, login, committee):
    """Seed 001 §四(一): committees are assessed yearly (年度考核评定)."""
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="jiangxi-zhanggong")
    client = login("street_a")
    page = client.get(f"/assessments/committees/new/?committee={committee.pk}").content.decode()
    assert "每年考核一次" in page
