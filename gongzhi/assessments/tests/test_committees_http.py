"""Yearly committee assessments (seed 001 §四(一)): result against the profile's pass
score and the member subsidy cap it allows."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongzhi.assessments.models import CommitteeAssessment
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.rules.assessments import FormItem
from gongzhi.rules.profiles import get_profile

pytestmark = pytest.mark.django_db


def _points(profile_id: str, shortfall: int) -> dict[str, str]:
    """Full marks except the last item, which loses ``shortfall`` points."""
    items = get_profile(profile_id).table("assessment_committee_form", FormItem)
    points = {f"item_{i.code}": str(i.max_points) for i in items}
    last = items[-1]
    points[f"item_{last.code}"] = str(last.max_points - shortfall)
    return points


def _total(profile_id: str, total: str) -> dict[str, str]:
    """Points that add up to ``total``, filling the items in order."""
    items = get_profile(profile_id).table("assessment_committee_form", FormItem)
    left = Decimal(total)
    points = {}
    for item in items:
        take = min(left, Decimal(item.max_points))
        points[f"item_{item.code}"] = str(take)
        left -= take
    return points


@pytest.mark.parametrize(("total", "passed"), [("60", True), ("59.99", False)])
def test_seed_001_committee_passes_at_60_and_earns_the_300_yuan_cap(
    city, login, committee, total, passed
):
    """001 §四(一): 评定结果合格的 … 每人每月不高于300元 (pass score 60, inclusive)."""
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="jiangxi-zhanggong")
    client = login("street_a")
    response = client.post(
        "/assessments/committees/new/",
        {"committee": committee.pk, "year": 2025, **_total("jiangxi-zhanggong", total)},
    )
    assert response.status_code == 302
    assessment = CommitteeAssessment.objects.get()
    assert assessment.passed is passed
    assert assessment.subsidy_eligible is passed
    assert assessment.subsidy_cap_fen == (30000 if passed else None)
    page = client.get(f"/assessments/committees/{assessment.pk}/")
    assert ("¥300.00" in page.content.decode()) is passed
    assert client.post(f"/assessments/committees/{assessment.pk}/decide/").status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "decided"


def test_national_profile_pass_gives_no_subsidy(city, login, committee):
    response = login("street_a").post(
        "/api/v1/assessments/committees",
        {
            "committee_id": committee.pk,
            "year": 2025,
            "points": {k.removeprefix("item_"): v for k, v in _points("national", 0).items()},
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["passed"] is True
    assert response.json()["subsidy_eligible"] is False


def test_committee_bad_input_twice_and_scoping(city, login, committee):
    client = login("street_b")
    response = client.post(
        "/assessments/committees/new/",
        {"committee": committee.pk, "year": 2025, **_points("national", 0)},
    )
    assert response.status_code == 400  # not in street B's list
    client = login("street_a")
    missing = _points("national", 0)
    missing.pop("item_duties")
    response = client.post(
        "/assessments/committees/new/", {"committee": committee.pk, "year": 2025, **missing}
    )
    assert response.status_code == 400
    assert CommitteeAssessment.objects.count() == 0
    ok = {"committee": committee.pk, "year": 2025, **_points("national", 0)}
    assert client.post("/assessments/committees/new/", ok).status_code == 302
    assert client.post("/assessments/committees/new/", ok).status_code == 409
    assert CommitteeAssessment.objects.count() == 1
    pk = CommitteeAssessment.objects.get().pk
    assert login("street_b").get(f"/assessments/committees/{pk}/").status_code == 404
    assert login("community_a").post(f"/assessments/committees/{pk}/decide/").status_code == 403
