# ruff: noqa: F811 - pytest fixtures imported from contracts_fixtures
"""The filing deadline after signing and the overdue-filings list (seed 004 §8: 物业服务合同
签订之日起15日内 … 备案; national profile: no deadline). Deadlines are computed from the
policy profile of the project's community, never stored."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.contracts import rules, selectors
from gongzhi.contracts.models import ServiceContract
from gongzhi.contracts.tests.contracts_fixtures import (  # noqa: F401 - fixtures
    _media,
    advance,
    draft,
    frozen,
    xixian,
)
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import Project
from gongzhi.rules.profiles import get_profile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_xixian_deadline_is_15_calendar_days_after_signing(city, xixian, login):
    """Seed 004 §8: signed Monday 2026-11-02 → due Tuesday 2026-11-17."""
    contract = draft(city.users["company_1"], xixian.project, signed_on=dt.date(2026, 11, 2))
    body = login("xx_street").get(f"/api/v1/contracts/{contract.pk}").json()
    deadline = body["filing_deadline"]
    assert deadline["due"] == "2026-11-17"
    assert deadline["days"] == 15 and deadline["day_kind"] == "calendar"
    assert deadline["provisional"] is False
    assert "seed 004 §8" in deadline["citation"]
    assert deadline["overdue"] is True  # today is 2026-11-23 and it is not filed
    page = login("xx_street").get(f"/contracts/{contract.pk}/").content.decode()
    assert "2026-11-17" in page and "seed 004 §8" in page and 'data-testid="overdue"' in page


def test_calendar_deadline_on_a_rest_day_moves_to_the_next_working_day(city, xixian):
    """民法典 art. 203: signed 2026-09-16 + 15 days = 2026-10-01 (National Day) → 10-08."""
    contract = draft(city.users["company_1"], xixian.project, signed_on=dt.date(2026, 9, 16))
    deadline = selectors.contract_deadline(contract)
    assert deadline.due == dt.date(2026, 10, 8)
    assert not deadline.provisional


def test_national_profile_sets_no_deadline(city, login):
    """National profile: contract_filing_days is null (file before service starts)."""
    contract = draft(city.users["company_1"], city.project_a, signed_on=dt.date(2025, 1, 2))
    deadline = login("street_a").get(f"/api/v1/contracts/{contract.pk}").json()["filing_deadline"]
    assert deadline["due"] is None and deadline["days"] is None
    assert deadline["overdue"] is False
    assert login("bureau").get("/api/v1/contracts/overdue").json()["count"] == 0


def test_provisional_deadline_for_a_2027_signing(city, xixian, frozen, login):
    """Requirements §5: no holiday schedule for 2027 yet, so the deadline is provisional."""
    frozen.move_to(dt.date(2027, 3, 20))
    contract = draft(city.users["company_1"], xixian.project, signed_on=dt.date(2027, 3, 10))
    deadline = login("xx_bureau").get(f"/api/v1/contracts/{contract.pk}").json()["filing_deadline"]
    assert deadline["due"] == "2027-03-25"
    assert deadline["provisional"] is True
    assert "2027" in deadline["explanation"]
    page = login("xx_bureau").get(f"/contracts/{contract.pk}/").content.decode()
    assert 'data-testid="provisional"' in page


def test_overdue_list_with_counts(city, xixian, login):
    """Seed 004 §8: listed when the deadline has passed and the contract is not filed."""
    users = city.users
    late_draft = draft(users["company_1"], xixian.project, signed_on=dt.date(2026, 11, 2))
    late_submitted = draft(
        users["company_1"], xixian.project, signed_on=dt.date(2026, 10, 20), kind="preliminary"
    )
    advance(late_submitted, (users["company_1"], "submit"))
    # signed 2026-11-20: due 2026-12-07, not yet overdue
    draft(users["company_1"], xixian.project, signed_on=dt.date(2026, 11, 20), kind="preliminary")
    # late but filed: not listed
    done = draft(
        users["company_1"],
        xixian.project,
        signed_on=dt.date(2026, 10, 1),
        term_start=dt.date(2030, 1, 1),
        term_end=dt.date(2031, 1, 1),
    )
    advance(
        done,
        (users["company_1"], "submit"),
        (xixian.users["xx_street"], "review"),
        (xixian.users["xx_bureau"], "file"),
    )
    # a national-profile contract signed long ago: no deadline, never overdue
    draft(users["company_1"], city.project_a, signed_on=dt.date(2024, 1, 1))

    client = login("xx_bureau")
    listed = client.get("/api/v1/contracts/overdue").json()
    assert {c["id"] for c in listed["items"]} == {late_draft.pk, late_submitted.pk}
    summary = client.get("/api/v1/contracts/overdue/summary").json()
    assert summary == {"total": 2, "by_status": {"draft": 1, "submitted": 1}}
    page = client.get("/contracts/overdue/").content.decode()
    assert 'data-testid="overdue-total">2<' in page
    filtered = client.get("/api/v1/contracts?overdue=true").json()
    assert {c["id"] for c in filtered["items"]} == {late_draft.pk, late_submitted.pk}
    # the district's bureau does not supervise Xixian: nothing overdue for it
    assert login("bureau").get("/api/v1/contracts/overdue").json()["count"] == 0
    # companies and owners may not open the officials' list
    assert login("company_1").get("/contracts/overdue/").status_code == 403


def test_xixian_officials_run_the_workflow_and_district_street_cannot(city, xixian, login):
    contract = draft(city.users["company_1"], xixian.project, signed_on=dt.date(2026, 11, 20))
    advance(contract, (city.users["company_1"], "submit"))
    assert login("street_a").post(f"/contracts/{contract.pk}/review/").status_code == 404
    assert login("xx_street").post(f"/contracts/{contract.pk}/review/").status_code == 302
    assert login("xx_bureau").post(f"/contracts/{contract.pk}/file/").status_code == 302
    assert ServiceContract.objects.get(pk=contract.pk).status == ServiceContract.Status.FILED


# --- units ---------------------------------------------------------------------------------


def test_batch_profiles_agree_with_effective_profile(city, xixian):
    communities = [city.community_a, city.community_b, xixian.community, xixian.street]
    batch = selectors.profiles_for(communities)
    for node in communities:
        assert batch[node.pk].id == effective_profile(node).id
    assert batch[xixian.community.pk].id == "shaanxi-xixian"


def test_working_day_deadline_skips_holidays():
    """A profile counting 工作日: 2026-09-30 + 5 working days skips National Day → 10-13."""
    deadline = rules.filing_deadline(
        dt.date(2026, 9, 30), days=5, day_kind="working", source="test"
    )
    assert deadline.due == dt.date(2026, 10, 13)
    assert deadline.overdue(filed=False, today=dt.date(2026, 10, 14))
    assert not deadline.overdue(filed=False, today=dt.date(2026, 10, 13))
    assert not deadline.overdue(filed=True, today=dt.date(2026, 10, 14))


def test_deadline_from_profiles():
    in_xixian = rules.deadline_from_profile(dt.date(2026, 11, 2), get_profile("shaanxi-xixian"))
    national = rules.deadline_from_profile(dt.date(2026, 11, 2), get_profile("national"))
    assert in_xixian.due == dt.date(2026, 11, 17)
    assert national.due is None and not national.overdue(filed=False, today=dt.date(2030, 1, 1))


def test_preliminary_contract_for_a_new_unserved_project_in_a_reported_street(city, login):
    """docs/domains/contracts.md: a preliminary contract may be drafted for a new project no
    company serves yet, in a street the company reported to (seed 000 §11 报乡镇街道)."""
    from gongzhi.contracts.tests.contracts_fixtures import api_data
    from gongzhi.registry.models import StreetReport

    fresh = Project.objects.create(
        name="新建小区",
        community=city.community_a,
        node_path=city.community_a.path,
        category=Project.Category.NEW,
    )
    client = login("company_1")
    url, json = "/api/v1/contracts", "application/json"
    # not reported to street A: refused
    assert (
        client.post(url, api_data(fresh, kind="preliminary"), content_type=json).status_code == 400
    )
    StreetReport.objects.create(
        company=city.company_1, street=city.street_a, node_path=city.street_a.path
    )
    # a regular contract: refused; a preliminary one: accepted
    regular = client.post(url, api_data(fresh), content_type=json)
    assert regular.status_code == 400 and "kind" in regular.json()["fields"]
    assert (
        client.post(url, api_data(fresh, kind="preliminary"), content_type=json).status_code == 201
    )
