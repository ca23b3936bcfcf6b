"""Deadlines reaching 2027 once the bureau has entered the 2027 schedule: complaint
acknowledgement/resolution (working days, profile keys complaint_*_working_days) and
contract filing (seed 004 §8, calendar days run on past a rest day per 民法典 art. 203; and a
profile counting 工作日). chinese-calendar stops at 2026, so before the entry they are
provisional (requirements digest §5). The 2027 dates are illustrative (see conftest)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from gongzhi.complaints.models import Complaint
from gongzhi.contracts import selectors as contract_selectors
from gongzhi.contracts.tests.contracts_fixtures import build_xixian, draft
from gongzhi.holidays import services
from gongzhi.holidays.tests.conftest import REST_2027, SOURCE_2027, WORK_2027
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.rules.profiles.loader import Parameter

pytestmark = pytest.mark.django_db


@pytest.fixture
def enter_2027(actor):
    return lambda: services.holiday_year_save(
        actor=actor("bureau"),
        year=2027,
        rest_days=REST_2027,
        workdays=WORK_2027,
        source=SOURCE_2027,
    )


def _complain(city, login, today):
    """owner_1 complains on Wednesday 2027-02-03 (national: 2 and 15 working days)."""
    today(dt.date(2027, 2, 3))
    client = login("owner_1")
    response = client.post(
        "/complaints/new/",
        {"project": city.project_a.pk, "category": "service_quality", "description": "漏水"},
    )
    assert response.status_code == 302
    return client, Complaint.objects.get()


def test_complaint_before_the_schedule_is_entered_is_provisional(city, login, today):
    """Weekends only: Feb 3 + 15 working days = Wed Feb 24, provisional."""
    client, complaint = _complain(city, login, today)
    assert (complaint.acknowledge_due, complaint.resolve_due) == (
        dt.date(2027, 2, 5),
        dt.date(2027, 2, 24),
    )
    assert complaint.due_provisional is True
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "2027-02-24" in page and "暂定" in page


def test_complaint_after_the_schedule_skips_rest_days_and_counts_makeup_days(
    city, login, today, enter_2027
):
    """Feb 4, 5, Sat 13 (调休), 15–19, Sun 21 (调休), 22–26, Mar 1: the 15th is 2027-03-01;
    the rest days Feb 8–12 are skipped; the deadline is firm."""
    enter_2027()
    client, complaint = _complain(city, login, today)
    assert (complaint.acknowledge_due, complaint.resolve_due) == (
        dt.date(2027, 2, 5),
        dt.date(2027, 3, 1),
    )
    assert complaint.due_provisional is False
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "2027-03-01" in page


def test_xixian_filing_deadline_on_a_2027_rest_day_moves_to_the_makeup_workday(
    city, login, today, enter_2027
):
    """Seed 004 §8 (15日) + 民法典 art. 203: signed Fri 2027-01-22 + 15 days = Sat Feb 6, a
    rest day. Weekends only: Mon Feb 8, provisional. With the schedule: Feb 6–12 are rest
    days and Sat Feb 13 is worked, so Feb 13, firm."""
    xixian = build_xixian(city)
    today(dt.date(2027, 1, 25))
    contract = draft(city.users["company_1"], xixian.project, signed_on=dt.date(2027, 1, 22))
    url = f"/api/v1/contracts/{contract.pk}"
    before = login("xx_street").get(url).json()["filing_deadline"]
    assert before["due"] == "2027-02-08" and before["provisional"] is True
    enter_2027()
    after = login("xx_street").get(url).json()["filing_deadline"]
    assert after["due"] == "2027-02-13" and after["provisional"] is False
    assert SOURCE_2027 in after["citation"]


def test_filing_deadline_in_working_days_follows_the_entered_schedule(
    city, monkeypatch, today, enter_2027
):
    """No shipped profile counts 工作日 for filing, so one is derived from national with
    contract_filing_days = 5 working days. Signed Wed 2027-02-03: weekends only → Wed
    Feb 10 (provisional); with the schedule: Feb 4, 5, Sat 13, Mon 15, Tue 16 → Feb 16."""
    base = effective_profile(city.community_a)
    params = dict(base.params)
    params["contract_filing_days"] = Parameter("contract_filing_days", 5, "test", "test")
    params["contract_filing_day_kind"] = Parameter(
        "contract_filing_day_kind", "working", "test", "test"
    )
    working = dataclasses.replace(base, params=params)
    monkeypatch.setattr(contract_selectors, "effective_profile", lambda node: working)
    today(dt.date(2027, 2, 5))
    contract = draft(city.users["company_1"], city.project_a, signed_on=dt.date(2027, 2, 3))
    before = contract_selectors.contract_deadline(contract)
    assert (before.due, before.provisional) == (dt.date(2027, 2, 10), True)
    enter_2027()
    after = contract_selectors.contract_deadline(contract)
    assert (after.due, after.provisional) == (dt.date(2027, 2, 16), False)
