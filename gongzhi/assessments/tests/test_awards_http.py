"""Yearly rankings and awards (seed 001 §四(二)): amounts within the profile's range, a
company's unit award becomes a credit bonus through the credit app."""

from __future__ import annotations

import pytest

from gongzhi.assessments.award_models import Award
from gongzhi.assessments.tests.conftest import published
from gongzhi.credit.models import CreditRecord
from gongzhi.jurisdictions.models import Jurisdiction

pytestmark = pytest.mark.django_db


def test_awards_journey_ranking_credit_bonus_and_bad_amounts(
    city, login, django_capture_on_commit_callbacks
):
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="jiangxi-zhanggong")
    published(city, quarter=1)
    bureau = login("bureau")
    page = bureau.get("/assessments/awards/?year=2026").content.decode()
    assert "幸福家园" not in page and city.company_1.name in page  # the ranking names companies
    # an amount outside 1–2万 for a unit is refused with the range, nothing written
    bad = bureau.post(
        "/assessments/awards/?year=2026",
        {"title": "优秀物业服务企业", "recipient": "unit", "name": city.company_1.name,
         "company": city.company_1.pk, "amount": "25000"},
    )  # fmt: skip
    assert bad.status_code == 400 and "¥20,000.00" in bad.content.decode()
    assert Award.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        ok = bureau.post(
            "/assessments/awards/?year=2026",
            {"title": "优秀物业服务企业", "recipient": "unit", "name": city.company_1.name,
             "company": city.company_1.pk, "amount": "15000"},
        )  # fmt: skip
    assert ok.status_code == 302
    award = Award.objects.get()
    assert award.amount_fen == 1_500_000
    bonus = CreditRecord.objects.get(origin=f"award:{award.pk}")
    assert bonus.company_id == city.company_1.pk and bonus.points > 0
    person = bureau.post(
        "/api/v1/assessments/awards",
        {
            "year": 2026,
            "recipient": "person",
            "name": "王师傅",
            "title": "先进个人",
            "amount": "2500",
        },
        content_type="application/json",
    )
    assert person.status_code == 400 and "amount" in person.json()["fields"]
    assert bureau.get("/assessments/awards/?year=2026&format=xlsx")["Content-Type"].startswith(
        "application/vnd.openxmlformats"
    )
    # only the bureau grants; another district's bureau or a street sees none of it
    assert (
        login("street_a")
        .post(
            "/api/v1/assessments/awards",
            {"year": 2026, "recipient": "person", "name": "x", "title": "y", "amount": "1500"},
            content_type="application/json",
        )
        .status_code
        == 403
    )
    assert login("street_b").get("/api/v1/assessments/awards").json() == []
