"""Complaint rules: the responsibility list (seed 000 §5, 003 §五, 002 §二(一)1(2)),
routing, working-day deadlines and the escalation order (002 §二(一)2, 003 §四(二)).

Holiday dates: 国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office,
2026 holiday schedule): Spring Festival 15–23 February 2026 off, Saturdays 14 and 28
February worked; National Day (with no Mid-Autumn overlap) 1–7 October 2026 off, Sunday
20 September and Saturday 10 October worked.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules import complaints as rules
from gongzhi.rules.profiles import get_profile
from gongzhi.rules.profiles.schema import InvalidValue
from gongzhi.rules.workdays import working_days_between

ENTRY = {
    "code": "fire_lane_blocked",
    "label_zh": "占用消防通道",
    "label_en": "Blocked fire lane",
    "party": "department",
    "department_kind": "fire_rescue",
    "source": "seed 003 §五(一)7",
}
PATROL_FINDINGS = (
    "illegal_building",
    "illegal_renovation",
    "fire_lane_blocked",
    "greenery_damaged",
    "pollution",
)


def table(profile_id: str) -> tuple[rules.Responsibility, ...]:
    return get_profile(profile_id).table("complaint_responsibilities", rules.Responsibility)


def test_parser_reads_a_valid_entry():
    (item,) = rules.parse_responsibilities([ENTRY])
    assert item.party == "department" and item.department_kind == "fire_rescue"
    assert item.label("zh-hans") == "占用消防通道" and item.label("en") == "Blocked fire lane"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"code": "bb", "party": "mayor"}, "[1].party"),
        ({"code": "bb", "department_kind": "navy"}, "[1].department_kind"),
        ({"code": "bb", "department_kind": None}, "[1].department_kind"),
        ({"code": "bb", "party": "company"}, "[1].department_kind"),  # a kind only for a department
        ({"code": "Bad Code"}, "[1].code"),
        ({"code": "ok_code", "label_zh": ""}, "[1].label_zh"),
        ({"code": "ok_code", "source": "  "}, "[1].source"),
        ({"code": "ok_code", "colour": "red"}, "[1].colour"),
        ({}, "[1].code"),  # the same code twice
    ],
)
def test_parser_names_the_bad_entry(change, where):
    bad = {**ENTRY, **change}
    with pytest.raises(InvalidValue) as error:
        rules.parse_responsibilities([ENTRY, bad])
    assert error.value.where == where


def test_parser_refuses_an_empty_list_and_non_tables():
    with pytest.raises(InvalidValue):
        rules.parse_responsibilities([])
    with pytest.raises(InvalidValue):
        rules.parse_responsibilities(["fire"])


def test_dump_is_the_inverse_of_parse():
    for profile_id in ("national", "hunan-ziyang"):
        items = table(profile_id)
        assert rules.parse_responsibilities(rules.dump_responsibilities(items)) == items


@pytest.mark.parametrize("profile_id", ["national", "hunan-ziyang"])
def test_every_profile_lists_the_patrol_findings_of_seed_002(profile_id):
    """002 §二(一)1(2): 违法建设、违规装修、占用消防通道、毁坏绿化、环境污染."""
    codes = {item.code for item in table(profile_id)}
    assert set(PATROL_FINDINGS) <= codes


@pytest.mark.parametrize(
    ("code", "party", "kind"),
    [
        ("fire_lane_blocked", "department", "fire_rescue"),  # 003 §五(一)7
        ("flying_lead_charging", "department", "fire_rescue"),  # 003 §五(一)7
        ("illegal_charges", "department", "market_regulation"),  # 003 §五(一)3(2)
        ("elevator_safety", "department", "market_regulation"),  # 003 §五(一)3(3)
        ("illegal_building", "department", "urban_management"),
        ("load_bearing_wall", "department", "urban_management"),  # 003 §五(一)2(18)
        ("thrown_from_height", "department", "urban_management"),  # 003 §五(一)2(20)
        ("secondary_water_supply", "department", "health"),  # 003 §五(一)10
        ("home_school", "department", "education"),  # 003 §五(一)12
        ("neighbour_dispute", "community", None),  # 003 §四(二)3
        ("contract_performance", "street", None),  # 003 §四(二)2
        ("service_quality", "company", None),
    ],
)
def test_seed_003_routes_each_matter_to_its_department(code, party, kind):
    route = rules.route(table("hunan-ziyang"), code)
    assert route is not None
    assert (route.responsibility.party, route.responsibility.department_kind) == (party, kind)
    assert route.explanation.citation


def test_seed_003_names_about_twenty_departments():
    kinds = {i.department_kind for i in table("hunan-ziyang") if i.department_kind}
    assert len(kinds) >= 15


def test_routing_differs_by_profile():
    """民法典 art. 1254 (公安机关调查) nationally; 003 §五(一)2(20) gives it to 城管 in Ziyang."""
    national = rules.route(table("national"), "thrown_from_height")
    ziyang = rules.route(table("hunan-ziyang"), "thrown_from_height")
    assert national is not None and ziyang is not None
    assert national.responsibility.department_kind == "public_security"
    assert ziyang.responsibility.department_kind == "urban_management"


def test_unknown_category_has_no_route():
    assert rules.route(table("national"), "ufo_sighting") is None


def test_deadlines_across_national_day_2026():
    """Received Wed 30 Sep 2026: 1–7 Oct are holidays, Sat 10 Oct is a make-up workday."""
    due = rules.complaint_deadlines(dt.date(2026, 9, 30), acknowledge_days=2, resolve_days=15)
    assert due.acknowledge.date == dt.date(2026, 10, 9)
    assert due.resolve.date == dt.date(2026, 10, 27)
    assert not due.provisional


def test_deadlines_across_spring_festival_2026():
    """Received Fri 13 Feb 2026: Sat 14 Feb worked, 15–23 Feb off, Sat 28 Feb worked."""
    due = rules.complaint_deadlines(dt.date(2026, 2, 13), acknowledge_days=2, resolve_days=15)
    assert due.acknowledge.date == dt.date(2026, 2, 24)
    assert due.resolve.date == dt.date(2026, 3, 12)


def test_deadline_in_a_year_without_schedule_is_provisional():
    due = rules.complaint_deadlines(dt.date(2027, 3, 1), acknowledge_days=2, resolve_days=15)
    assert due.provisional


@given(
    st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 1)),
    st.integers(min_value=1, max_value=30),
)
def test_resolution_deadline_is_exactly_n_working_days_later(start, days):
    due = rules.complaint_deadlines(start, acknowledge_days=1, resolve_days=days)
    assert working_days_between(start, due.resolve.date).days == days
    assert working_days_between(start, due.resolve.date - dt.timedelta(days=1)).days == days - 1


@pytest.mark.parametrize(
    ("current", "expected"),
    [("community", "street"), ("street", "district"), ("district", None), ("city", None)],
)
def test_escalation_goes_up_one_tier(current, expected):
    """002 §二(一)2 / 003 §四(二): community → street → district."""
    assert rules.next_tier(("district", "street", "community"), current) == expected


def test_overdue_only_after_the_due_day():
    due = dt.date(2026, 10, 9)
    assert not rules.is_overdue(due, due)
    assert rules.is_overdue(due, due + dt.timedelta(days=1))
    assert not rules.is_overdue(None, due)


def test_a_route_names_its_party_and_department_kind_by_label_seed_003():
    # seed 003 §五(一)7 gives flying-lead charging to fire and rescue; §四(二)3 neighbour
    # disputes to the community
    department = rules.route(table("hunan-ziyang"), "flying_lead_charging")
    community = rules.route(table("hunan-ziyang"), "neighbour_dispute")
    assert department is not None and community is not None
    assert dict(department.explanation.labels)["kind"] == ("Fire and rescue",)
    assert "(Fire and rescue)" in department.explanation.render()
    assert "fire_rescue" not in department.explanation.render()
    assert dict(community.explanation.labels)["party"] == ("Community",)
    assert set(rules.PARTY_LABELS) == set(rules.PARTIES)
