"""Assessment periods (seed 001 §四(一)-(二), seed 003 §五(二)1(7)), credit marks (seed 001
§三(二)3, seed 002 §二(一)3), property officers per community (seed 003 §五(二)2(2), seed
004 §3) and the old-project subsidy (seed 001 §三(三)) — every profile's value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from gongzhi.rules import awards, oldprojects, periods, staffing
from gongzhi.rules.assessments import year_result
from gongzhi.rules.credit import credit_mark
from gongzhi.rules.profiles import get_profile

D = dt.date
PROFILES = ("national", "hunan-shaoyang", "jiangxi-zhanggong", "henan-draft", "hunan-ziyang",
            "shaanxi-xixian")  # fmt: skip


@pytest.mark.parametrize(
    ("profile_id", "company", "committee", "required"),
    [
        ("national", "yearly", "yearly", False),  # no national period: Gongzhi default
        ("hunan-shaoyang", "yearly", "yearly", False),
        ("henan-draft", "yearly", "yearly", False),
        ("shaanxi-xixian", "yearly", "yearly", False),
        ("jiangxi-zhanggong", "quarterly", "yearly", True),  # 001 §四(二) 每季度; §四(一) 年度
        ("hunan-ziyang", "quarterly", "yearly", False),  # 003 §五(二)1(7) 每季度一次
    ],
)
def test_every_profile_schedule(profile_id: str, company: str, committee: str, required: bool):
    profile = get_profile(profile_id)
    assert periods.company_schedule(profile).frequency == company
    schedule = periods.committee_schedule(profile)
    assert (schedule.frequency, schedule.required) == (committee, required)


@pytest.mark.parametrize(
    ("frequency", "day", "label", "first", "last"),
    [
        ("monthly", D(2026, 2, 14), "2026-02", D(2026, 2, 1), D(2026, 2, 28)),
        ("quarterly", D(2026, 9, 30), "2026 Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("quarterly", D(2026, 10, 1), "2026 Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("half_yearly", D(2026, 6, 30), "2026 H1", D(2026, 1, 1), D(2026, 6, 30)),
        ("yearly", D(2028, 2, 29), "2028", D(2028, 1, 1), D(2028, 12, 31)),
    ],
)
def test_period_boundaries(frequency: str, day: dt.date, label: str, first: dt.date, last: dt.date):
    period = periods.period_of(frequency, day)
    assert (period.label, period.first_day, period.last_day) == (label, first, last)
    assert period.contains(first) and period.contains(last)
    assert not period.contains(last + dt.timedelta(days=1))


def test_last_closed_period_crosses_the_year() -> None:
    assert periods.last_closed("quarterly", D(2026, 2, 1)).label == "2025 Q4"
    assert periods.last_closed("monthly", D(2026, 1, 31)).label == "2025-12"
    assert periods.last_closed("yearly", D(2026, 12, 31)).label == "2025"


def test_periods_that_do_not_exist_are_refused() -> None:
    with pytest.raises(ValueError):
        periods.Period(2026, 5, "quarterly")
    with pytest.raises(ValueError):
        periods.Period(2026, 0, "monthly")
    with pytest.raises(ValueError):
        periods.per_year("daily")  # daily checks are recorded apart, never scored periods
    assert periods.check_assessment_frequency("weekly") is not None
    assert periods.check_assessment_frequency(None) is None


def test_year_result_from_months_and_half_years() -> None:
    """Seed 001 §四(二) 二: the year is the plain mean of the published periods."""
    monthly = year_result({1: Decimal(90), 12: Decimal(80)}, frequency="monthly")
    assert monthly is not None and monthly.mean == 85 and monthly.quarters == (1, 12)
    halves = year_result({2: Fraction(171, 2)}, frequency="half_yearly")
    assert halves is not None and halves.mean_display == Decimal("85.50")
    with pytest.raises(ValueError):
        year_result({3: Decimal(90)}, frequency="half_yearly")


@pytest.mark.parametrize(
    ("profile_id", "grade", "score", "text"),
    [
        ("national", "B", 85, "B"),  # letter grades (003 §六(二), 004 §8)
        ("hunan-ziyang", "D", 50, "D"),
        ("shaanxi-xixian", "A", 95, "A"),
        ("hunan-shaoyang", "C", 75, "C"),
        ("henan-draft", "4-star", 85, "★★★★☆"),  # 002 §二(一)3 信用星级评价
        ("henan-draft", "1-star", 10, "★☆☆☆☆"),
        ("jiangxi-zhanggong", "B", 85, "85"),  # 001 §三(二)3 信用记分
    ],
)
def test_credit_mark_in_every_profile_style(profile_id: str, grade: str, score: int, text: str):
    mark = credit_mark(get_profile(profile_id), score, grade)
    assert mark.text == text
    assert mark.title == f"{grade} · {score}"


@pytest.mark.parametrize(
    ("profile_id", "required"),
    [
        ("national", None),
        ("hunan-shaoyang", None),
        ("jiangxi-zhanggong", None),
        ("henan-draft", None),
        ("hunan-ziyang", 1),  # 003 §五(二)2(2) 指定专人
        ("shaanxi-xixian", 2),  # 004 §3 配备2名以上社区物业专干
    ],
)
def test_officers_minimum_of_every_profile(profile_id: str, required: int | None) -> None:
    profile = get_profile(profile_id)
    for staffed in (0, 1, 2, 3):
        check = staffing.officers_check(profile, staffed)
        assert check.required == required
        assert check.short is (required is not None and staffed < required)  # 以上: inclusive


def test_five_basics_all_required_seed_001_3_3_1() -> None:
    assert oldprojects.basics_check(oldprojects.FIVE_BASICS).passed
    short = oldprojects.basics_check(["cleaning", "security", "greening", "repairs"])
    assert short.missing == ("parking",) and not short.passed
    with pytest.raises(ValueError):
        oldprojects.basics_check(["laundry"])


def test_missing_basics_are_named_by_label_seed_001_3_3_1() -> None:
    # seed 001 §三(三)1: 有清扫保洁、有安全防范、有绿化养护、有物业维修、有停车管理
    short = oldprojects.basics_check(["cleaning", "security", "greening"])
    assert dict(short.explanation.labels)["missing"] == (
        "Repairs (有物业维修)",
        "Parking (有停车管理)",
    )
    assert short.explanation.params_dict["missing"] == "repairs, parking"
    text = short.explanation.render()
    assert text.endswith("missing: Repairs (有物业维修), Parking (有停车管理).")


@pytest.mark.parametrize("profile_id", [p for p in PROFILES if p != "jiangxi-zhanggong"])
def test_no_old_project_subsidy_outside_seed_001(profile_id: str) -> None:
    profile = get_profile(profile_id)
    assert oldprojects.subsidy_range(profile) is None
    with pytest.raises(oldprojects.SubsidyError):
        oldprojects.service_subsidy(profile, area_m2=Decimal(100), months=1, rate_fen=20)


def test_subsidy_range_of_seed_001_3_3_3_2_and_no_cap_on_subsidies() -> None:
    """Seed 001 §三(三)3(2): 按管理面积给予物业企业每月每平方米0.2-0.3元的资金扶持 — area ×
    rate × months, the cap of §三(三)3(3) does not apply to it."""
    profile = get_profile("jiangxi-zhanggong")
    assert oldprojects.subsidy_range(profile) == oldprojects.SubsidyRange(
        20, 30, "seed 001 §三(三)3(2) (每月每平方米0.2-0.3元)"
    )
    # the ends of the range are allowed, one fen outside is not
    for rate in (20, 25, 30):
        grant = oldprojects.service_subsidy(
            profile, area_m2=Decimal("1000.00"), months=3, rate_fen=rate
        )
        assert grant.amount_fen == 1000 * rate * 3
    for rate in (19, 31):
        with pytest.raises(oldprojects.SubsidyError) as refused:
            oldprojects.service_subsidy(profile, area_m2=Decimal(1000), months=3, rate_fen=rate)
        assert refused.value.field == "rate"
    # exact fen: 333.33 m² × 0.25 × 1 = 83.3325 yuan → 8 333 fen (half up)
    odd = oldprojects.service_subsidy(profile, area_m2=Decimal("333.33"), months=1, rate_fen=25)
    assert odd.amount_fen == 8333
    # no cap: 20 000 m² × 0.3 × 12 = 72 000 yuan, more than the 50 000 reward cap, in full
    big = oldprojects.service_subsidy(profile, area_m2=Decimal(20000), months=12, rate_fen=30)
    assert big.amount_fen == 7_200_000
    assert "¥72,000.00" in big.explanation.render() and "50,000" not in big.explanation.render()
    for area, months in ((Decimal(0), 1), (Decimal(10), 0), (Decimal(10), 13)):
        with pytest.raises(oldprojects.SubsidyError):
            oldprojects.service_subsidy(profile, area_m2=area, months=months, rate_fen=25)


@pytest.mark.parametrize("profile_id", PROFILES)
def test_company_reward_cap_of_seed_001_3_3_3_3_for_every_profile(profile_id: str) -> None:
    """Seed 001 §三(三)3(3): 按不超过5万元的标准对入驻老旧小区开展物业服务的企业进行奖励 —
    per company a year; above the cap the reward is refused, never cut."""
    profile = get_profile(profile_id)
    cap = oldprojects.reward_cap(profile)
    if cap is None:  # only seed 001 sets the reward
        with pytest.raises(oldprojects.RewardError) as refused:
            oldprojects.company_reward(profile, amount_fen=100, passed_projects=1)
        assert refused.value.field == "company_id"
        return
    assert cap == profile.optional_fen("old_project_company_reward_cap_yuan")
    full = oldprojects.company_reward(profile, amount_fen=cap, passed_projects=1)
    assert (full.amount_fen, full.cap_fen) == (cap, cap)
    assert "§三(三)3(3)" in full.explanation.citation
    with pytest.raises(oldprojects.RewardError) as over:
        oldprojects.company_reward(profile, amount_fen=cap + 1, passed_projects=2)
    assert over.value.field == "amount" and "§三(三)3(3)" in over.value.reason.citation
    # the earlier rewards of the year count: the rest of the cap, not a fen more
    rest = oldprojects.company_reward(
        profile, amount_fen=100, passed_projects=1, rewarded_this_year_fen=cap - 100
    )
    assert rest.amount_fen == 100
    with pytest.raises(oldprojects.RewardError):
        oldprojects.company_reward(
            profile, amount_fen=101, passed_projects=1, rewarded_this_year_fen=cap - 100
        )
    # a company with no old area that passed the 五有 check, or a zero amount, is refused
    with pytest.raises(oldprojects.RewardError) as idle:
        oldprojects.company_reward(profile, amount_fen=100, passed_projects=0)
    assert idle.value.field == "company_id"
    with pytest.raises(oldprojects.RewardError):
        oldprojects.company_reward(profile, amount_fen=0, passed_projects=1)


@pytest.mark.parametrize("profile_id", PROFILES)
def test_award_amounts_of_every_profile_seed_001_4_2(profile_id: str) -> None:
    """Seed 001 §四(二): 对获奖个人给予1000-2000元奖励，获奖单位或组织给予1-2万元奖励."""
    profile = get_profile(profile_id)
    if profile_id != "jiangxi-zhanggong":
        assert awards.award_range(profile, "person") is None
        with pytest.raises(awards.AwardError):
            awards.award_check(profile, "unit", 1_500_000)
        return
    assert awards.award_range(profile, "person") == (100_000, 200_000)
    assert awards.award_range(profile, "unit") == (1_000_000, 2_000_000)
    for recipient, ok, bad in (
        ("person", (100_000, 200_000), (99_999, 200_001)),
        ("unit", (1_000_000, 2_000_000), (999_999, 2_000_001)),
    ):
        for amount in ok:
            awards.award_check(profile, recipient, amount)
        for amount in bad:
            with pytest.raises(awards.AwardError):
                awards.award_check(profile, recipient, amount)


def test_ranking_shares_ranks_on_ties() -> None:
    ranked = awards.ranking(
        [(1, Decimal(80)), (2, Decimal(95)), (3, Decimal(80)), (4, Decimal(70))]
    )
    assert [(r.rank, r.key) for r in ranked] == [(1, 2), (2, 1), (2, 3), (4, 4)]
