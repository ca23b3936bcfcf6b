"""Scores, grades, the blacklist and its letters, tender eligibility and the random
inspection draw, through the services (seed 001 §三(二)3; 003 §六(二); 004 §8)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.contracts.rules import require_company_may_serve
from gongzhi.core.errors import DomainError
from gongzhi.credit.models import Blacklisting, CreditRecord, CreditScore, NotificationLetter
from gongzhi.credit.selectors import tender_eligibility
from gongzhi.credit.services import inspections, records, scores
from gongzhi.credit.tests.helpers import active_record, actor, today
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import PropertyCompany

pytestmark = pytest.mark.django_db
YEAR = today().year


def _profile(city, profile_id):
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id=profile_id)


def _stored(city, company, year, score):
    """A stored yearly score (as the yearly recompute leaves it)."""
    CreditScore.objects.update_or_create(
        company=company,
        year=year,
        defaults={
            "base": 100,
            "points": score - 100,
            "record_count": 1,
            "score": score,
            "grade": "C",
            "profile_id": "jiangxi-zhanggong",
            "computed_at": dt.datetime(year, 12, 31, tzinfo=dt.UTC),
        },
    )


def test_recompute_scores_every_visible_company_with_grade(city):
    active_record(city)  # -10
    assert scores.scores_recompute(actor=None, year=YEAR) == PropertyCompany.objects.count()
    one = CreditScore.objects.get(company=city.company_1, year=YEAR)
    two = CreditScore.objects.get(company=city.company_2, year=YEAR)
    assert (one.score, one.grade, one.record_count) == (90, "A", 1)
    assert (two.score, two.grade) == (100, "A")
    # recomputing changes nothing and duplicates nothing
    scores.scores_recompute(actor=None, year=YEAR)
    assert CreditScore.objects.filter(year=YEAR).count() == PropertyCompany.objects.count()


@pytest.mark.parametrize(("score", "listed"), [(70, True), (71, False)])
def test_seed_001_blacklist_at_70_two_years_running(city, score, listed):
    # given Zhanggong's rule and two stored years at the score
    _profile(city, "jiangxi-zhanggong")
    _stored(city, city.company_1, YEAR - 2, score)
    _stored(city, city.company_1, YEAR - 1, score)
    # when the rule is applied
    outcome = scores.blacklist_evaluate(actor=None, company_ids=[city.company_1.pk])
    city.company_1.refresh_from_db()
    # then
    assert (city.company_1.pk in outcome.listed) is listed
    assert city.company_1.is_blacklisted is listed


def test_seed_001_one_low_year_does_not_blacklist(city):
    _profile(city, "jiangxi-zhanggong")
    _stored(city, city.company_1, YEAR - 2, 95)
    _stored(city, city.company_1, YEAR - 1, 60)
    assert scores.blacklist_evaluate(actor=None).listed == []


def test_national_profile_has_no_score_threshold(city):
    _stored(city, city.company_1, YEAR - 2, 10)
    _stored(city, city.company_1, YEAR - 1, 10)
    assert scores.blacklist_evaluate(actor=None).listed == []


def test_serious_dishonesty_blacklists_with_letters_and_blocks_contracts(city):
    # given Zhanggong's departments (seed 001 §三(二)3: 抄告市监、税务、政府采购)
    _profile(city, "jiangxi-zhanggong")
    record = active_record(city, kind="serious_dishonesty")
    # when the rule is applied
    outcome = scores.blacklist_evaluate(actor=None)
    # then the company is listed for as long as the record lasts
    assert outcome.listed == [city.company_1.pk]
    listing = Blacklisting.objects.get(company=city.company_1)
    assert listing.until == record.valid_until and list(listing.records.all()) == [record]
    letters = NotificationLetter.objects.filter(blacklisting=listing)
    assert sorted(letters.values_list("kind", flat=True)) == ["client"] + ["department"] * 3
    assert "市场监督管理局" in letters.values_list("addressee", flat=True)
    # and the registry refuses it new contracts
    city.company_1.refresh_from_db()
    with pytest.raises(DomainError):
        require_company_may_serve(city.company_1)
    assert not tender_eligibility(city.company_1).ok
    # applying the rule again lists nobody twice
    assert scores.blacklist_evaluate(actor=None).listed == []


def test_blacklisting_is_lifted_when_its_record_is_withdrawn(city):
    record = active_record(city, kind="serious_dishonesty")
    scores.blacklist_evaluate(actor=None)
    appeal = records.appeal_file(actor=actor(city, "company_1"), record_id=record.pk, reason="x")
    records.appeal_decide(
        actor=actor(city, "bureau"), appeal_id=appeal.pk, action="withdraw", note="撤销"
    )
    outcome = scores.blacklist_evaluate(actor=None)
    assert outcome.lifted == [city.company_1.pk]
    city.company_1.refresh_from_db()
    assert not city.company_1.is_blacklisted
    assert Blacklisting.objects.get(company=city.company_1).lifted_on == today()


@pytest.mark.parametrize(("score", "ok"), [(90, True), (89, False)])
def test_seed_004_tender_eligibility_needs_grade_a(city, score, ok):
    _profile(city, "shaanxi-xixian")
    CreditScore.objects.create(
        company=city.company_1,
        year=YEAR,
        base=100,
        points=score - 100,
        record_count=1,
        score=score,
        grade="A" if score >= 90 else "B",
        profile_id="shaanxi-xixian",
        computed_at=dt.datetime(YEAR, 1, 2, tzinfo=dt.UTC),
    )
    result = tender_eligibility(PropertyCompany.objects.get(pk=city.company_1.pk))
    assert result.ok is ok and result.reasons


def test_seed_003_draw_takes_every_d_grade_project_and_is_reproducible(city):
    # given Ziyang's ratios (D: every project) and company_1 at grade D
    _profile(city, "hunan-ziyang")
    for _ in range(4):
        active_record(city, kind="administrative_penalty")  # 100 - 40 = 60 → D
    bureau = actor(city, "bureau")
    plan = inspections.inspection_draw(actor=bureau, node_id=city.district.pk, seed="s1")
    items = {i.project_id: i.grade for i in plan.items.all()}
    assert items[city.project_a.pk] == "D"
    assert plan.ratios["D"] == "1"
    # the same seed gives the same plan; the inspectors are the area's officials
    again = inspections.inspection_draw(actor=bureau, node_id=city.district.pk, seed="s1")

    def shape(p):
        return [(i.project_id, sorted(u.pk for u in i.inspectors.all())) for i in p.items.all()]

    assert shape(plan) == shape(again)
    assert CreditRecord.objects.filter(status="active").count() == 4


def test_draw_without_seed_records_a_generated_one(city):
    plan = inspections.inspection_draw(actor=actor(city, "street_a"), node_id=city.street_a.pk)
    assert len(plan.seed) == 8


def test_draw_refuses_bad_input_and_other_areas(city):
    from gongzhi.core.errors import NotFoundError

    with pytest.raises(DomainError) as error:
        inspections.inspection_draw(
            actor=actor(city, "street_a"), node_id=city.street_a.pk, per_project=9
        )
    assert "per_project" in error.value.fields
    with pytest.raises(NotFoundError):
        inspections.inspection_draw(actor=actor(city, "street_a"), node_id=city.street_b.pk)
    with pytest.raises(DomainError):
        inspections.inspection_draw(actor=actor(city, "community_a"), node_id=city.community_a.pk)


def test_tasks_recompute_and_scan(city):
    from gongzhi.credit.tasks import recompute_scores_task, scan_overdue_filings_task

    active_record(city, kind="serious_dishonesty")
    recompute_scores_task.enqueue(YEAR)
    assert CreditScore.objects.filter(year=YEAR).count() == PropertyCompany.objects.count()
    assert Blacklisting.objects.filter(company=city.company_1).exists()
    scan_overdue_filings_task.enqueue()  # nationally no filing deadline: nothing to record
    assert not CreditRecord.objects.filter(source="late_filing").exists()
