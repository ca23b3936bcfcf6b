"""The disclosure board's required items per profile, completeness and the out-of-date
flag (seed 000 §14, §22, §24; seed 002 §三(一)3(2); seed 004 §9; seed 001 §四(二);
民法典 art. 943). No database."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongzhi.rules.disclosure import (
    DERIVED_KINDS,
    ENTERED_KINDS,
    FIELDS,
    KINDS,
    RequiredItem,
    board_status,
    clean_entry,
    parse_required_items,
)
from gongzhi.rules.params import InvalidValue
from gongzhi.rules.profiles import get_profile, list_profiles

TODAY = dt.date(2026, 6, 30)


def kinds_of(profile_id: str) -> set[str]:
    items = get_profile(profile_id).value("disclosure_required_items")
    return {item.kind for item in items}  # type: ignore[union-attr]


# --- the required list of each profile ------------------------------------------------

NATIONAL = {"project_manager", "complaint_phone", "service_standard", "fee_items", "common_revenue"}


def test_national_floor_is_civil_code_943():
    # 民法典 art. 943: 服务的事项、负责人员、质量要求、收费项目、收费标准 … 经营与收益情况
    assert kinds_of("national") == NATIONAL


def test_seed_000_requires_every_item_of_section_14_and_22_and_24():
    # seed 000 §14: manager, complaint phone, service, fees, elevator/fire contractors,
    # parking, shared utilities, common revenue, elevator spending, home-care services;
    # §22 the committee's yearly publication; §24 the handover inspection results
    assert kinds_of("hunan-shaoyang") == NATIONAL | {
        "equipment_maintenance",
        "parking_use",
        "shared_utilities",
        "elevator_maintenance_spending",
        "extra_services",
        "handover_results",
        "committee_annual_report",
    }


def test_seed_002_adds_payment_status_and_shared_utilities():
    # seed 002 §三(一)3(2): 业主交纳物业服务费用情况、公共水电分摊费用情况
    assert kinds_of("henan-draft") == NATIONAL | {"payment_status", "shared_utilities"}


def test_seed_001_adds_assessment_results():
    # seed 001 §四(二): 考核结果 … 向社会公布
    assert kinds_of("jiangxi-zhanggong") == NATIONAL | {"assessment_results"}


def test_seed_004_adds_the_contract_and_fee_standard_at_sale():
    # seed 004 §9: 销售阶段 … 公示物业服务合同内容和收费标准
    assert kinds_of("shaanxi-xixian") == NATIONAL | {"sale_contract"}


def test_seed_003_inherits_the_national_list():
    assert kinds_of("hunan-ziyang") == NATIONAL


@pytest.mark.parametrize("profile_id", [p.id for p in list_profiles()])
def test_every_required_item_cites_a_source(profile_id):
    for item in get_profile(profile_id).value("disclosure_required_items"):  # type: ignore[union-attr]
        assert item.source.strip()
        assert item.kind in KINDS


def test_every_entered_kind_has_fields_and_no_kind_is_both():
    assert set(FIELDS) == set(ENTERED_KINDS)
    assert not set(ENTERED_KINDS) & set(DERIVED_KINDS)


# --- parsing the table -------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ([], ""),
        ([{"kind": "nope", "max_age_days": 10, "source": "x"}], "[0].kind"),
        ([{"kind": "fee_items", "max_age_days": 0, "source": "x"}], "[0].max_age_days"),
        ([{"kind": "fee_items", "max_age_days": 1001, "source": "x"}], "[0].max_age_days"),
        ([{"kind": "fee_items", "max_age_days": True, "source": "x"}], "[0].max_age_days"),
        ([{"kind": "fee_items", "max_age_days": 10, "source": " "}], "[0].source"),
        ([{"kind": "fee_items", "max_age_days": 10}], "[0]"),
        (
            [
                {"kind": "fee_items", "max_age_days": 10, "source": "x"},
                {"kind": "fee_items", "max_age_days": 20, "source": "y"},
            ],
            "[1].kind",
        ),
    ],
)
def test_parse_refuses_bad_tables(raw, where):
    with pytest.raises(InvalidValue) as error:
        parse_required_items(raw)
    assert error.value.where == where


# --- completeness and the out-of-date flag -----------------------------------------

REQUIRED = (
    RequiredItem("project_manager", 365, "seed 000 §14"),
    RequiredItem("shared_utilities", 92, "seed 000 §14"),
    RequiredItem("fee_items", 365, "seed 000 §14"),
    RequiredItem("handover_results", 1000, "seed 000 §24"),
)


@pytest.mark.parametrize(
    ("age_days", "out_of_date"),
    [(91, False), (92, False), (93, True)],  # the last day of the period still counts
)
def test_out_of_date_boundary(age_days, out_of_date):
    as_of = {"shared_utilities": TODAY - dt.timedelta(days=age_days)}
    status = board_status(REQUIRED, as_of, TODAY)
    item = next(i for i in status.items if i.kind == "shared_utilities")
    assert item.out_of_date is out_of_date
    assert item.due_by == as_of["shared_utilities"] + dt.timedelta(days=92)
    assert ("shared_utilities" in status.out_of_date) is out_of_date


def test_completeness_counts_present_and_current_items_only():
    as_of = {
        "project_manager": TODAY,  # current
        "shared_utilities": TODAY - dt.timedelta(days=200),  # out of date
        "fee_items": TODAY - dt.timedelta(days=10),  # current
        # handover_results missing (the lifecycle capability has not filled it)
        "parking_use": TODAY,  # posted but not required: listed, not counted
    }
    status = board_status(REQUIRED, as_of, TODAY)
    assert (status.required, status.current) == (4, 2)
    assert status.completeness == Fraction(1, 2)
    assert status.percent == 50
    assert status.missing == ("handover_results",)
    assert status.out_of_date == ("shared_utilities",)
    extra = [i for i in status.items if not i.required]
    assert [i.kind for i in extra] == ["parking_use"] and not extra[0].out_of_date
    assert status.explanation.params_dict == {"current": "2", "required": "4", "percent": "50"}


def test_empty_board_and_empty_list():
    assert board_status(REQUIRED, {}, TODAY).percent == 0
    nothing = board_status((), {}, TODAY)
    assert nothing.completeness == 1 and nothing.percent == 100


def test_percent_rounds_down():
    three = REQUIRED[:3]
    status = board_status(three, {"project_manager": TODAY, "fee_items": TODAY}, TODAY)
    assert status.percent == 66  # 2/3, never shown as 67 %


@given(
    st.lists(st.sampled_from(KINDS), unique=True, min_size=1),
    st.dictionaries(st.sampled_from(KINDS), st.integers(min_value=0, max_value=1500)),
    st.integers(min_value=1, max_value=1000),
)
def test_completeness_matches_a_brute_force_count(kinds, ages, period):
    required = tuple(RequiredItem(k, period, "x") for k in kinds)
    as_of = {k: TODAY - dt.timedelta(days=a) for k, a in ages.items()}
    status = board_status(required, as_of, TODAY)
    current = sum(1 for k in kinds if k in ages and ages[k] <= period)
    assert status.current == current
    assert status.completeness == Fraction(current, len(kinds))
    assert len(status.missing) + len(status.out_of_date) + current == len(kinds)


# --- the fields of an entered item -------------------------------------------------


def test_clean_entry_accepts_a_full_item():
    clean, errors = clean_entry(
        "equipment_maintenance",
        {
            "elevator_contractor": " 湘电梯维保有限公司 ",
            "elevator_contact": "0739-5123456",
            "fire_contractor": "邵阳消防技术服务公司",
            "fire_contact": "13800000009",
        },
    )
    assert not errors
    assert clean["elevator_contractor"] == "湘电梯维保有限公司"


@pytest.mark.parametrize(
    ("kind", "data", "field"),
    [
        ("project_manager", {"name": "", "phone": "13800000000"}, "name"),
        ("project_manager", {"name": "张三", "phone": "call me"}, "phone"),
        ("project_manager", {"name": "张" * 65, "phone": "13800000000"}, "name"),
        ("project_manager", {"name": "张三", "phone": "1", "age": "40"}, "age"),
        ("parking_use", {"spaces_total": "十"}, "spaces_total"),
        (
            "parking_use",
            {"spaces_total": "10", "spaces_sold": "8", "spaces_rented": "3"},
            "spaces_sold",
        ),
        (
            "shared_utilities",
            {
                "period": "2026-Q1",
                "water_yuan": "12.345",
                "electricity_yuan": "1",
                "method": "按面积",
            },
            "water_yuan",
        ),
        ("handover_results", {"inspected_on": "2026-13-01", "result": "合格"}, "inspected_on"),
    ],
)
def test_clean_entry_names_the_wrong_field(kind, data, field):
    _clean, errors = clean_entry(kind, data)
    assert field in errors


def test_parking_exactly_full_is_accepted():
    _clean, errors = clean_entry(
        "parking_use", {"spaces_total": "10", "spaces_sold": "7", "spaces_rented": "3"}
    )
    assert not errors
