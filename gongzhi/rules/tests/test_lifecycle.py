"""Lifecycle rules (gongzhi/rules/lifecycle.py): selection, handover inspection, exit.

Each test names the clause it checks; every number comes from a shipped profile.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gongzhi.rules import lifecycle as rules
from gongzhi.rules.profiles import get_profile
from gongzhi.rules.profiles.schema import InvalidValue

NATIONAL = get_profile("national")
SHAOYANG = get_profile("hunan-shaoyang")  # seed 000
XIXIAN = get_profile("shaanxi-xixian")  # seed 004
HENAN = get_profile("henan-draft")  # seed 002
ALL = ["national", "hunan-shaoyang", "jiangxi-zhanggong", "henan-draft", "hunan-ziyang",
       "shaanxi-xixian"]  # fmt: skip


# --- handover deadline: seed 000 §24 fifteen days, seed 004 §12 thirty days ---------------


@pytest.mark.parametrize(
    ("profile_id", "days"),
    [("national", 15), ("hunan-shaoyang", 15), ("jiangxi-zhanggong", 15), ("henan-draft", 15),
     ("hunan-ziyang", 15), ("shaanxi-xixian", 30)],
)  # fmt: skip
def test_handover_due_is_the_profiles_days_before_delivery(profile_id, days):
    delivery = dt.date(2026, 6, 30)
    due = rules.handover_due(get_profile(profile_id), delivery)
    assert due.days == days
    assert due.due == delivery - dt.timedelta(days=days)
    assert (
        due.explanation.citation == get_profile(profile_id).param("handover_inspection_days").source
    )


def test_handover_due_boundaries_seed_000_s24():
    due = rules.handover_due(SHAOYANG, dt.date(2026, 6, 30))  # due 2026-06-15
    assert due.due == dt.date(2026, 6, 15)
    assert not due.overdue(done_on=dt.date(2026, 6, 15), today=dt.date(2026, 7, 1))  # exactly
    assert due.overdue(done_on=dt.date(2026, 6, 16), today=dt.date(2026, 7, 1))  # one day late
    assert not due.overdue(done_on=None, today=dt.date(2026, 6, 15))
    assert due.overdue(done_on=None, today=dt.date(2026, 6, 16))
    assert "000 §24" in due.explanation.citation


def test_handover_due_seed_004_s12_thirty_days():
    due = rules.handover_due(XIXIAN, dt.date(2026, 6, 30))
    assert due.due == dt.date(2026, 5, 31)
    assert "004 §12" in due.explanation.citation


def test_rectification_due_default_period():
    due = rules.rectification_due(NATIONAL, dt.date(2026, 3, 1))
    assert due.days == NATIONAL.int_value("handover_rectification_days") == 30
    assert due.due == dt.date(2026, 3, 31)


# --- preconditions (seed 000 §8; 物业承接查验办法 art. 11) -------------------------------------


def test_preconditions_seed_000_s8_lists_metering_facilities_and_certificates():
    codes = [item.code for item in rules.handover_preconditions(SHAOYANG)]
    for code in ("utilities_metered", "public_services_built", "elevator_certificates",
                 "fire_system_certificates", "technical_documents"):  # fmt: skip
        assert code in codes
    assert all("seed 000 §8" in item.source for item in rules.handover_preconditions(SHAOYANG))
    assert "seed 000 §8" in SHAOYANG.param("handover_preconditions").source


def test_preconditions_seed_004_s12_add_as_built_documents():
    codes = [item.code for item in rules.handover_preconditions(XIXIAN)]
    assert codes[-1] == "as_built_documents"
    assert len(codes) == len(rules.handover_preconditions(NATIONAL)) + 1


def test_checklist_check_every_item_or_names_the_missing():
    items = rules.handover_preconditions(NATIONAL)
    all_met = {item.code: True for item in items}
    assert rules.checklist_check(items, all_met).ok
    one_short = {**all_met, "utilities_metered": False}
    result = rules.checklist_check(items, one_short)
    assert not result.ok
    assert [m.code for m in result.missing] == ["utilities_metered"]
    assert not rules.checklist_check(items, {}).ok  # nothing ticked
    assert len(rules.checklist_check(items, {}).missing) == len(items)


def test_exit_handover_items_cover_accounts_records_keys_facilities_and_funds():
    codes = {item.code for item in rules.exit_handover_items(NATIONAL)}
    assert {"accounts", "owner_records", "keys", "facilities", "common_revenue",
            "prepaid_fees"} <= codes  # fmt: skip


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        ([], ""),
        ([{"code": "a", "label_zh": "甲", "label_en": "A"}], "[0].source"),
        ([{"code": "a", "label_zh": "甲", "label_en": "A", "source": "x", "extra": 1}],
         "[0].extra"),
        ([{"code": "A b", "label_zh": "甲", "label_en": "A", "source": "x"}], "[0].code"),
        ([{"code": "a", "label_zh": "甲", "label_en": "A", "source": "x"},
          {"code": "a", "label_zh": "乙", "label_en": "B", "source": "y"}], "[0].code"),
        (["a"], "[0]"),
    ],
)  # fmt: skip
def test_parse_checklist_names_the_bad_entry(raw, where):
    with pytest.raises(InvalidValue) as info:
        rules.parse_checklist(raw)
    assert info.value.where == where


# --- delivery waits for the first deposit (seed 004 §14) -----------------------------------


@pytest.mark.parametrize("profile_id", ALL)
def test_delivery_check_first_deposit(profile_id):
    profile = get_profile(profile_id)
    assert profile.flag("maintenance_fund_first_deposit_before_delivery")
    assert rules.delivery_check(profile, parts_missing_first_deposit=0).ok
    blocked = rules.delivery_check(profile, parts_missing_first_deposit=1)
    assert not blocked.ok
    assert blocked.explanation.params_dict["count"] == "1"


def test_delivery_check_seed_004_cites_s14():
    assert (
        "004 §14"
        in rules.delivery_check(XIXIAN, parts_missing_first_deposit=3).explanation.citation
    )


# --- warranty extension (seed 004 §11) ---------------------------------------------------


def test_warranty_extension_seed_004_two_years_national_none():
    note = rules.warranty_extension(XIXIAN)
    assert note is not None and note.params_dict["years"] == "2"
    assert "004 §11" in note.citation
    assert rules.warranty_extension(NATIONAL) is None


# --- selection: tender or negotiation (物业管理条例 art. 24; seed 002 §二(二)1) ---------------


@pytest.mark.parametrize(("count", "negotiated"), [(0, True), (2, True), (3, False), (4, False)])
def test_selection_mode_minimum_bidders_boundary(count, negotiated):
    result = rules.selection_mode(HENAN, eligible_bidders=count, total_area_m2=Decimal("90000"))
    assert HENAN.int_value("tender_min_bidders") == 3
    assert result.negotiated_allowed is negotiated
    assert ("too_few_bidders" in result.grounds) is negotiated


def test_selection_mode_small_project_needs_a_size_or_a_claim():
    # national: no size; a claim is a ground the bureau judges
    plain = rules.selection_mode(NATIONAL, eligible_bidders=5, total_area_m2=Decimal("100"))
    assert not plain.negotiated_allowed
    claimed = rules.selection_mode(
        NATIONAL, eligible_bidders=5, total_area_m2=None, claimed_small=True
    )
    assert claimed.negotiated_allowed and claimed.grounds == ("small_project",)


def test_selection_mode_rejects_negative_counts():
    with pytest.raises(ValueError, match="negative"):
        rules.selection_mode(NATIONAL, eligible_bidders=-1, total_area_m2=None)


def test_rank_bidders_ties_share_a_rank_and_have_no_unique_winner():
    ranked = rules.rank_bidders({1: Decimal("88"), 2: Decimal("92.5"), 3: Decimal("88")})
    assert [(r.ref, r.rank) for r in ranked] == [(2, 1), (1, 2), (3, 2)]
    assert rules.unique_winner(ranked) == 2
    tie = rules.rank_bidders({1: Decimal("90"), 2: Decimal("90")})
    assert rules.unique_winner(tie) is None
    assert rules.unique_winner(()) is None


def test_committee_parties_seed_004_s8():
    required = rules.required_parties(XIXIAN, "tender_committee_parties")
    assert required == ("new_city", "street", "tenderer", "experts")
    check = rules.parties_check(XIXIAN, "tender_committee_parties", {"tenderer", "experts"})
    assert not check.ok and check.missing == ("new_city", "street")
    assert rules.parties_check(NATIONAL, "tender_committee_parties", {"tenderer", "experts"}).ok


# --- reselection after five years of preliminary service (seed 004 §8) ---------------------


def test_reselection_seed_004_five_years_boundary():
    start = dt.date(2021, 3, 1)
    before = rules.reselection_check(
        XIXIAN, service_start=start, has_committee=False, today=dt.date(2026, 2, 28)
    )
    on = rules.reselection_check(
        XIXIAN, service_start=start, has_committee=False, today=dt.date(2026, 3, 1)
    )
    assert not before.due and on.due and on.due_on == dt.date(2026, 3, 1)
    assert "004 §8" in on.explanation.citation
    with_committee = rules.reselection_check(
        XIXIAN, service_start=start, has_committee=True, today=dt.date(2030, 1, 1)
    )
    assert not with_committee.due


def test_reselection_national_has_none_and_leap_day_start():
    assert not rules.reselection_check(
        NATIONAL, service_start=dt.date(2000, 1, 1), has_committee=False, today=dt.date(2026, 1, 1)
    ).due
    leap = rules.reselection_check(
        XIXIAN, service_start=dt.date(2024, 2, 29), has_committee=False, today=dt.date(2029, 3, 1)
    )
    assert leap.due_on == dt.date(2029, 2, 28)


# --- exit notice (民法典 art. 947; seed 000 §12; seed 004 §10) -------------------------------


@pytest.mark.parametrize("profile_id", ALL)
def test_exit_notice_ninety_days_boundary(profile_id):
    profile = get_profile(profile_id)
    end = dt.date(2026, 12, 31)
    days = profile.int_value("exit_notice_days")
    assert days == 90
    exactly = rules.notice_check(
        profile, kind="non_renewal", notice_on=end - dt.timedelta(days=days), end_on=end
    )
    one_late = rules.notice_check(
        profile, kind="non_renewal", notice_on=end - dt.timedelta(days=days - 1), end_on=end
    )
    early = rules.notice_check(
        profile, kind="early_termination", notice_on=end - dt.timedelta(days=days + 1), end_on=end
    )
    assert exactly.timely and early.timely and not one_late.timely
    assert exactly.due == dt.date(2026, 10, 2)


def test_exit_notice_cites_seed_000_s12_and_004_s10():
    end = dt.date(2026, 12, 31)
    assert (
        "000 §12"
        in rules.notice_check(
            SHAOYANG, kind="non_renewal", notice_on=end, end_on=end
        ).explanation.citation
    )
    assert (
        "004 §10"
        in rules.notice_check(
            XIXIAN, kind="early_termination", notice_on=end, end_on=end
        ).explanation.citation
    )


def test_owners_dismissal_uses_sixty_days_civil_code_946():
    end = dt.date(2026, 12, 31)
    check = rules.notice_check(
        NATIONAL, kind="owners_dismissal", notice_on=end - dt.timedelta(days=60), end_on=end
    )
    assert check.timely and check.days == 60
    with pytest.raises(ValueError, match="no notice period"):
        rules.notice_check(NATIONAL, kind="forced", notice_on=end, end_on=end)


def test_exit_notice_recipients_seed_000_s12_and_004_s10():
    assert rules.required_parties(SHAOYANG, "exit_notice_recipients") == (
        "owners_committee", "bureau", "street", "community")  # fmt: skip
    assert rules.required_parties(XIXIAN, "exit_notice_recipients") == (
        "owners_committee", "street", "community")  # fmt: skip
    check = rules.parties_check(SHAOYANG, "exit_notice_recipients", {"owners_committee"})
    assert check.missing == ("bureau", "street", "community")


def test_forced_exit_review_seed_004_s10_only():
    assert rules.forced_exit_review(XIXIAN).ok
    assert not rules.forced_exit_review(NATIONAL).ok
    assert rules.parties_check(NATIONAL, "forced_exit_review_parties", set()).ok
    review = rules.parties_check(
        XIXIAN, "forced_exit_review_parties", {"new_city", "street", "community", "experts"}
    )
    assert review.missing == ("owners_representatives",)


def test_every_party_code_is_known():
    for profile_id in ALL:
        profile = get_profile(profile_id)
        for key in ("tender_committee_parties", "exit_notice_recipients",
                    "forced_exit_review_parties"):  # fmt: skip
            assert not rules.unknown_parties(rules.required_parties(profile, key))
    assert rules.unknown_parties(["street", "mayor"]) == ["mayor"]


# --- parties in explanations are labels, not codes ------------------------------------------


def test_committee_check_marks_its_parties_as_labels_seed_004_s8():
    # seed 004 §8: 评标委员会由新城、镇街、招标人和物业管理专家组成
    check = rules.parties_check(XIXIAN, "tender_committee_parties", {"new_city", "street"})
    labels = dict(check.explanation.labels)
    assert labels["missing"] == ("Tenderer", "Property-management experts")
    assert labels["required"] == tuple(
        rules.PARTIES[c] for c in ("new_city", "street", "tenderer", "experts")
    )
    # the codes stay in the parameters (machine readers, rows stored before labels)
    assert check.explanation.params_dict["missing"] == "tenderer, experts"
    assert check.explanation.render() == (
        "Missing: Tenderer, Property-management experts (required: New city (新城), "
        "Street / town office, Tenderer, Property-management experts)."
    )


def test_forced_exit_review_names_its_parties_by_label_seed_004_s10():
    # seed 004 §10: 由新城、镇街、社区、业主代表及物业管理专家综合研判后强制退出
    review = rules.forced_exit_review(XIXIAN)
    assert dict(review.explanation.labels)["parties"] == (
        "New city (新城)",
        "Street / town office",
        "Community",
        "Owners' representatives",
        "Property-management experts",
    )
    assert "owners_representatives" not in review.explanation.render()
    assert not rules.forced_exit_review(NATIONAL).explanation.labels  # no review, no parties
