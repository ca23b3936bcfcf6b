"""Daily community checks (日常考核, seed 004 §10 and annex): recorded on the phone with
photos, closed once put right, scoped, and shown to the joint review of a forced exit."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.assessments.daily_models import DailyCheck, DailyCheckPhoto
from gongzhi.core.clock import frozen
from gongzhi.lifecycle.models import Exit
from gongzhi.lifecycle.tests.conftest import png

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with frozen(dt.date(2026, 11, 23)):
        yield


def test_daily_check_journey_and_the_exit_review_sees_it(city, login):
    client = login("community_a")
    page = client.get(f"/assessments/daily/new/?project={city.project_a.pk}").content.decode()
    assert "环境卫生" in page  # the items of the project's assessment form
    answer = client.post(
        "/assessments/daily/new/",
        {
            "project": city.project_a.pk,
            "checked_on": "2026-11-20",
            "problem_cleaning": "楼道垃圾未清运",
            "photos": [png()],
        },
    )
    assert answer.status_code == 302
    check = DailyCheck.objects.get()
    assert (check.status, check.company_id) == ("open", city.company_1.pk)
    assert check.findings == [{"code": "cleaning", "label": "环境卫生", "note": "楼道垃圾未清运"}]
    assert DailyCheckPhoto.objects.filter(daily_check=check).count() == 1
    # bad input changes nothing: a future day and an item not on the form
    before = DailyCheck.objects.count()
    bad = client.post(
        "/api/v1/assessments/daily",
        {"project_id": city.project_a.pk, "checked_on": "2026-12-01", "problems": {"x": "y"}},
        content_type="application/json",
    )
    assert bad.status_code == 400 and {"checked_on", "problems.x"} <= set(bad.json()["fields"])
    assert DailyCheck.objects.count() == before
    # the joint review of a forced exit sees the company's checks (seed 004 §10)
    exit_ = Exit.objects.create(
        project=city.project_a,
        company=city.company_1,
        kind=Exit.Kind.FORCED,
        status=Exit.Status.REVIEW,
        node_path=city.project_a.node_path,
    )
    review = login("street_a").get(f"/lifecycle/exits/{exit_.pk}/").content.decode()
    assert "楼道垃圾未清运" in review and "1 次检查" in review
    # closing needs a word on how it was put right
    client = login("community_a")
    assert client.post(f"/assessments/daily/{check.pk}/close/", {"note": ""}).status_code == 302
    check.refresh_from_db()
    assert check.status == "open"
    client.post(f"/assessments/daily/{check.pk}/close/", {"note": "已清运"})
    check.refresh_from_db()
    assert check.status == "closed"
    export = client.get("/assessments/daily/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_daily_checks_are_scoped(city, login):
    check = DailyCheck.objects.create(
        project=city.project_a,
        company=city.company_1,
        checked_on=dt.date(2026, 11, 1),
        status="open",
        node_path=city.project_a.node_path,
    )
    for user in ("street_b", "company_2"):
        client = login(user)
        assert client.get(f"/assessments/daily/{check.pk}/").status_code == 404
        assert client.get(f"/api/v1/assessments/daily/{check.pk}").status_code == 404
        assert client.get("/api/v1/assessments/daily").json()["items"] == []
    assert login("company_1").get(f"/api/v1/assessments/daily/{check.pk}").status_code == 200
    assert (
        login("street_b")
        .post(
            f"/api/v1/assessments/daily/{check.pk}/close",
            {"note": "x"},
            content_type="application/json",
        )
        .status_code
        == 404
    )
