"""Routing by the responsibility list of the node's profile (national vs seed 003's
hunan-ziyang), the bureau's edited list, and working-day deadlines over HTTP across
National Day and the Spring Festival 2026 (国务院办公厅关于2026年部分节假日安排的通知)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints.models import Complaint, Party, ResponsibilityList
from gongzhi.complaints.services import complaint_submit
from gongzhi.complaints.tests.formsets import current_rows, rows_post
from gongzhi.jurisdictions.models import Department
from gongzhi.jurisdictions.services import department_create
from gongzhi.rules.complaints import DEPARTMENT_KIND_LABELS, DEPARTMENT_KINDS, PARTY_LABELS
from gongzhi.testing import build_city


def test_rules_department_kinds_match_the_model():
    assert set(DEPARTMENT_KINDS) == set(Department.Kind.values)


def test_rules_labels_are_the_models_labels():
    """A route's explanation shows a party or department kind by the label the pages use."""
    with translation.override("en"):
        assert DEPARTMENT_KIND_LABELS == {k.value: str(k.label) for k in Department.Kind}
        assert PARTY_LABELS == {p.value: str(p.label) for p in Party}


@pytest.mark.parametrize(
    ("profile_id", "kind"),
    [("national", "public_security"), ("hunan-ziyang", "urban_management")],
)
def test_things_thrown_from_height_follow_the_profile(db, profile_id, kind):
    """民法典 art. 1254 nationally; seed 003 §五(一)2(20) in Ziyang."""
    city = build_city(profile_id)
    department = department_create(actor=None, node=city.district, kind=kind)
    complaint = complaint_submit(
        actor=actor_for(city.users["owner_1"]),
        channel="owner",
        category="thrown_from_height",
        description="楼上扔下花盆",
        project=city.project_a,
    )
    assert complaint.party == "department" and complaint.department_id == department.pk


def test_ziyang_sends_flying_lead_charging_to_fire_rescue(db):
    """Seed 003 §五(一)7: 飞线充电 → 区消防救援大队."""
    city = build_city("hunan-ziyang")
    fire = department_create(actor=None, node=city.district, kind="fire_rescue")
    complaint = complaint_submit(
        actor=actor_for(city.users["street_a"]),
        channel="patrol",
        category="flying_lead_charging",
        description="楼道飞线充电",
        project=city.project_a,
    )
    assert complaint.department_id == fire.pk


def test_national_list_does_not_know_a_ziyang_only_category(city, submit):
    from gongzhi.core.errors import DomainError

    with pytest.raises(DomainError) as error:
        submit("flying_lead_charging")
    assert "category" in error.value.fields


def test_missing_department_falls_back_to_the_street(city, submit):
    complaint = submit("fire_lane_blocked")  # no fire rescue department in the test city
    assert complaint.party == "street" and complaint.tier_node_id == city.street_a.pk


def test_bureau_edits_the_list_and_it_applies_below(city, login, submit):
    client = login("bureau")
    shown = current_rows(city.district)
    entries = [
        {
            "code": "parking",
            "label_zh": "停车秩序",
            "label_en": "Parking",
            "party": "community",
            "source": "区住建局2026年职责清单",
        }
    ]
    # the table editor: every profile row removed, one new row added
    everything = frozenset(row["code"] for row in shown)
    response = client.post(
        "/complaints/responsibilities/", rows_post(shown, new=tuple(entries), remove=everything)
    )
    assert response.status_code == 302
    assert ResponsibilityList.objects.get().node_id == city.district.pk
    assert [e["code"] for e in ResponsibilityList.objects.get().entries] == ["parking"]
    assert submit("parking").party == "community"
    # an invalid list is refused next to the row's field and changes nothing
    bad = [{**entries[0], "party": "mayor"}]
    response = client.post("/complaints/responsibilities/", rows_post(bad))
    assert response.status_code == 400
    assert 'data-testid="error-rows-0-party"' in response.content.decode()
    assert ResponsibilityList.objects.get().entries[0]["party"] == "community"
    # the street may read the list but not edit it
    street = login("street_a")
    assert street.get("/complaints/responsibilities/").status_code == 200
    assert street.post("/complaints/responsibilities/", rows_post(entries)).status_code == 403


@pytest.mark.parametrize(
    ("received", "acknowledge", "resolve"),
    [
        # National Day: 1–7 Oct 2026 off, Sat 10 Oct worked
        (dt.date(2026, 9, 30), dt.date(2026, 10, 9), dt.date(2026, 10, 27)),
        # Spring Festival: 15–23 Feb 2026 off, Sat 14 and Sat 28 Feb worked
        (dt.date(2026, 2, 13), dt.date(2026, 2, 24), dt.date(2026, 3, 12)),
    ],
)
def test_deadlines_count_working_days_over_the_holidays(
    city, login, stop_clock, received, acknowledge, resolve
):
    stop_clock(received)
    client = login("owner_1")
    response = client.post(
        "/complaints/new/",
        {"project": city.project_a.pk, "category": "service_quality", "description": "漏水"},
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.acknowledge_due, complaint.resolve_due) == (acknowledge, resolve)
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert acknowledge.isoformat() in page and resolve.isoformat() in page
