"""Rules of the owners' assembly and committee (gongzhi/rules/assembly.py), each with its
clause and every shipped profile's value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from gongzhi.rules import assembly
from gongzhi.rules.profiles import get_profile

SHIPPED = (
    "national",
    "hunan-shaoyang",
    "jiangxi-zhanggong",
    "henan-draft",
    "hunan-ziyang",
    "shaanxi-xixian",
)
TODAY = dt.date(2026, 6, 1)

# Every profile's values (the seeds restate the national rules or change the fallback).
EXPECTED = {
    "national": ("management_committee", "1/2"),
    "hunan-shaoyang": ("management_committee", "1/2"),  # seed 000 §19, §21
    "jiangxi-zhanggong": ("management_committee", "1/2"),  # seed 001 §三(四)3
    "henan-draft": ("management_committee", "1/2"),
    "hunan-ziyang": ("management_committee", "1/2"),
    "shaanxi-xixian": ("residents_committee", "1/2"),  # seed 004 §19
}


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_formation_due_by_delivered_share_指导规则_art_9(profile_id):
    profile = get_profile(profile_id)
    threshold = profile.threshold("assembly_formation_delivered_share")
    assert (threshold.ratio, threshold.comparator) == (Fraction(1, 2), "gt")
    # exactly half is not "超过50%"; one square metre more is
    at = assembly.formation_due(
        profile,
        delivered_area=Decimal("500"),
        total_area=Decimal("1000"),
        first_delivery=TODAY,
        today=TODAY,
    )
    over = assembly.formation_due(
        profile,
        delivered_area=Decimal("501"),
        total_area=Decimal("1000"),
        first_delivery=TODAY,
        today=TODAY,
    )
    assert (at.due, over.due) == (False, True)
    assert "指导规则" in over.explanation.citation


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_formation_due_by_years_since_first_delivery(profile_id):
    profile = get_profile(profile_id)
    years = profile.optional_int("assembly_formation_years_since_first_delivery")
    assert years == 2
    first = dt.date(2024, 6, 2)
    day_before = assembly.formation_due(
        profile, delivered_area=Decimal(0), total_area=Decimal(10), first_delivery=first,
        today=dt.date(2026, 6, 1),
    )  # fmt: skip
    on_the_day = assembly.formation_due(
        profile, delivered_area=Decimal(0), total_area=Decimal(10), first_delivery=first,
        today=dt.date(2026, 6, 2),
    )  # fmt: skip
    assert (day_before.due, on_the_day.due) == (False, True)
    assert on_the_day.years_since_first_delivery == 2
    # no delivery known and nothing delivered: not due, and no division by zero
    empty = assembly.formation_due(
        profile, delivered_area=Decimal(0), total_area=Decimal(0), first_delivery=None, today=TODAY
    )
    assert empty.due is False and empty.delivered_share == 0


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_preparation_group_composition_seed_000_s20(profile_id):
    profile = get_profile(profile_id)
    assert profile.strings("preparation_group_parties") == assembly.PARTIES
    assert profile.flag("preparation_group_odd_size") is True
    share = profile.threshold("preparation_group_owner_share")
    assert (share.ratio, share.comparator) == (Fraction(1, 2), "ge")
    good = ["street", "community", "developer", "owners", "owners", "owners", "owners"]
    assert assembly.group_composition(profile, good).ok
    # even size, too few owners, a party missing: three problems, each cited
    bad = assembly.group_composition(profile, ["street", "community", "owners", "owners"])
    assert not bad.ok
    assert len(bad.problems) == 2  # developer missing, even size (2 of 4 owners is half)
    few = assembly.group_composition(profile, ["street", "community", "developer", "owners", "x"])
    assert any("represent the owners" in p.message for p in few.problems)


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_publication_window_before_the_first_assembly(profile_id):
    profile = get_profile(profile_id)
    assert profile.int_value("assembly_publication_days") == 15
    window = assembly.publication_window(profile, TODAY)
    assert window.ends_on == TODAY + dt.timedelta(days=15)


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_term_and_reelection_reminder(profile_id):
    profile = get_profile(profile_id)
    assert profile.int_value("committee_term_years") == 5
    assert profile.int_value("committee_reelection_notice_days") == 90
    end = assembly.term_end(profile, dt.date(2024, 2, 29))
    assert end == dt.date(2029, 2, 27)
    remind_from = end - dt.timedelta(days=90)
    assert assembly.reelection(profile, end, remind_from).due is True
    assert assembly.reelection(profile, end, remind_from - dt.timedelta(days=1)).due is False


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_committee_below_half_is_replaced_seed_000_s21(profile_id):
    profile = get_profile(profile_id)
    share = profile.threshold("committee_min_members_share")
    assert str(share.ratio) == EXPECTED[profile_id][1]
    # 不足总数的二分之一: 3 of 7 is below half, 4 of 7 is not; exactly half (3 of 6) is enough
    assert assembly.committee_strength(profile, active=3, seats=7).enough is False
    assert assembly.committee_strength(profile, active=4, seats=7).enough is True
    assert assembly.committee_strength(profile, active=3, seats=6).enough is True
    if profile_id == "hunan-shaoyang":
        assert "seed 000 §21" in profile.param("committee_min_members_share").source


@pytest.mark.parametrize("profile_id", SHIPPED)
def test_fallback_body_seed_000_s19_and_004_s19(profile_id):
    profile = get_profile(profile_id)
    assert assembly.fallback_body(profile) == EXPECTED[profile_id][0]


def test_a_missing_group_party_is_named_by_its_label_seed_000_s20():
    # seed 000 §20 (指导规则): the preparation group draws on the street, the residents'
    # committee, the developer and the owners
    problems = assembly.group_composition(
        get_profile("hunan-shaoyang"), ["street", "owners", "owners"]
    ).problems
    missing = next(p for p in problems if "no member from" in p.message)
    assert dict(missing.labels)["parties"] == ("Residents' committee", "Developer")
    assert missing.params_dict["parties"] == "community, developer"
    assert missing.render() == "The group has no member from: Residents' committee, Developer."
