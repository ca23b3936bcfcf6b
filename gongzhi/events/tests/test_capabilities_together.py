"""Capabilities joined by domain events, end to end (ADR 0005; docs/architecture.md, Domain
events): each test drives the producing app's and the consuming app's real services, never
emitting an event or writing a row by hand, and checks the delivery rows the bus leaves.

* funds → decisions → funds: a maintenance-fund use decided by the sharing owners
  (seed 000 §33; 民法典 art. 278 ¶1 item 5, ¶2), then pre-reviewed and disbursed by the
  bureau (seed 003 §五(一)1(6)) by area, to the fen, with a ledger that reconciles.
* complaints → credit: a substantiated complaint against the property company is a credit
  record (seed 002 §四(三); seed 003 §六(三)).
* assessments → credit: a published project assessment's band is a credit record
  (seed 001 §四(二); seed 003 §五(二)1(7)).

The test settings deliver tasks immediately, but only after a real commit
(``transaction.on_commit``), so these tests run with ``transaction=True``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from gongzhi.accounts.selectors import actor_for
from gongzhi.assessments import selectors as assessment_selectors
from gongzhi.assessments import services as assessments
from gongzhi.assessments.models import ProjectAssessment
from gongzhi.assessments.tests.conftest import TODAY as ASSESSED_ON
from gongzhi.assessments.tests.conftest import create as assessment_create
from gongzhi.assessments.tests.conftest import form_of
from gongzhi.audit.models import AuditEntry
from gongzhi.complaints import services as complaints
from gongzhi.core.clock import StoppedClock
from gongzhi.core.errors import ConflictError
from gongzhi.core.scoping import Actor
from gongzhi.credit.models import CreditRecord, CreditScore
from gongzhi.credit.services.scores import scores_recompute
from gongzhi.decisions import services as decisions
from gongzhi.decisions.models import Matter, Result
from gongzhi.decisions.tests import conftest as decisions_conftest
from gongzhi.events.bus import handlers_for, undelivered
from gongzhi.events.models import DomainEvent, EventDelivery
from gongzhi.funds import selectors as fund_selectors
from gongzhi.funds import services as funds
from gongzhi.funds.models import FundUseApplication, FundUseShare, JournalEntry
from gongzhi.funds.tests import conftest as funds_conftest
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import PropertyCompany
from gongzhi.rules import credit as credit_rules
from gongzhi.testing import City

pytestmark = pytest.mark.django_db(transaction=True)

# the other apps' fixtures, reused as they are (no copies)
clock = decisions_conftest.clock  # the decisions app's "today"
funded = funds_conftest.funded  # project A's fund accounts, first deposits recorded
actor = funds_conftest.actor  # actor("bureau"): the scoped actor of a city user

S = FundUseApplication.Status
FUND_USE_HANDLER = "gongzhi.funds.handlers.fund_use_decided"
COMPLAINT_HANDLER = "gongzhi.credit.handlers.record_substantiated_complaint"
ASSESSMENT_HANDLER = "gongzhi.credit.handlers.record_assessment_result"


def delivered_to(event: DomainEvent) -> set[str]:
    """The handlers the bus recorded as having run for ``event``."""
    return set(EventDelivery.objects.filter(event=event).values_list("handler", flat=True))


def the_event(kind: str, subject: Any) -> DomainEvent:
    return DomainEvent.objects.get(
        kind=kind, subject_type=subject._meta.label, subject_id=str(subject.pk)
    )


# --- 1. fund use through the owners' vote (seed 000 §33) -------------------------------------

#: ¥3,579.01 over part a1 (89.50 m²) and a2 (120.25 m²): exact quotas 152 715.80… and
#: 205 185.19… fen; the one fen left over goes to the larger remainder (a1).
ESTIMATE = "3579.01"
SHARE_A1, SHARE_A2 = 152_716, 205_185
FIRST_A1, FIRST_A2 = 895_000, 1_202_500  # 100 yuan/m² first deposits (funded fixture)


def apply_and_vote(
    funded: funds_conftest.Funded,
    actor: Any,
    clock: StoppedClock,
    votes: dict[str, str],
) -> tuple[FundUseApplication, Matter]:
    """The committee applies (funds), which drafts the fund-use matter (decisions); the
    committee publishes it with 15 days' notice (物业管理条例 art. 14), opens the vote,
    the owners in ``votes`` cast their ballots and the committee closes it the day after
    the window."""
    city = funded.city
    committee = actor("committee_a")
    app = funds.fund_use_apply(
        actor=committee,
        project_id=city.project_a.pk,
        title="更换1栋1单元电梯钢丝绳",
        work="电梯钢丝绳磨损超标，按维保单位检测报告整体更换。",
        estimate=ESTIMATE,
        part_ids=[city.part_a1.pk, city.part_a2.pk],
    )
    assert app.status == S.AWAITING_OWNERS
    matter = Matter.objects.get(pk=app.matter_id)
    assert (matter.kind, matter.scope_kind, matter.source_ref) == (
        Matter.Kind.FUND_USE,
        Matter.ScopeKind.PARTS,
        f"funds.fund_use:{app.pk}",
    )
    assert set(matter.parts.values_list("pk", flat=True)) == {city.part_a1.pk, city.part_a2.pk}
    starts = clock.day + dt.timedelta(days=15)
    decisions.matter_publish(
        actor=committee,
        matter=matter,
        voting_starts_on=starts,
        voting_ends_on=starts + dt.timedelta(6),
    )
    clock.day = starts
    decisions.voting_open(actor=committee, matter=matter)
    for username, choice in votes.items():
        decisions.ballot_cast(actor=actor(username), matter=matter, choice=choice)
    app.refresh_from_db()
    assert app.status == S.AWAITING_OWNERS  # nothing moves before the close
    clock.day = starts + dt.timedelta(days=7)
    decisions.matter_close(actor=committee, matter=matter)
    app.refresh_from_db()
    matter.refresh_from_db()
    return app, matter


def balances(funded: funds_conftest.Funded) -> tuple[int, int]:
    funded.a1.account.refresh_from_db()
    funded.a2.account.refresh_from_db()
    return funded.a1.account.balance_fen, funded.a2.account.balance_fen


def test_fund_use_approved_by_the_owners_is_disbursed_by_area_to_the_fen(funded, actor, clock):
    """Seed 000 §33 / 民法典 art. 278: both sharing owners take part (2/3 of area and of
    owners) and agree (more than half of the participating area and owners), so the
    closed matter moves the application to owners_approved; the bureau pre-reviews and
    disburses (seed 003 §五(一)1(6)), apportioned by area with the largest remainder."""
    # given both owners of the sharing parts agreeing
    app, matter = apply_and_vote(funded, actor, clock, {"owner_1": "yes", "owner_2": "yes"})
    # then the tally passed and its event reached the funds handler once
    result = Result.objects.get(matter=matter)
    assert (result.passed, result.unmet) == (True, [])
    event = the_event("decisions.matter_closed", matter)
    assert event.data["passed"] is True
    assert event.data["source_ref"] == f"funds.fund_use:{app.pk}"
    assert FUND_USE_HANDLER in handlers_for("decisions.matter_closed")
    assert delivered_to(event) == set(handlers_for("decisions.matter_closed"))
    assert app.status == S.OWNERS_APPROVED
    assert app.owners_decided_on == matter.closed_on == clock.day
    assert app.matter_id == matter.pk
    # the handler's step is audited in the name of the committee member who closed the vote
    step = AuditEntry.objects.get(
        action="transition", target_type="funds.FundUseApplication", target_id=str(app.pk)
    )
    assert step.actor == funded.city.users["committee_a"]
    # when the bureau pre-reviews and disburses the estimate
    bureau = actor("bureau")
    funds.fund_use_act(actor=bureau, application_id=app.pk, action="pre_review")
    app = funds.fund_use_disburse(actor=bureau, application_id=app.pk)
    # then each sharing part pays its area share, exact to the fen, adding up to the total
    assert app.status == S.DISBURSED and app.disbursement is not None
    shares = dict(FundUseShare.objects.filter(application=app).values_list("part_id", "amount_fen"))
    city = funded.city
    assert shares == {city.part_a1.pk: SHARE_A1, city.part_a2.pk: SHARE_A2}
    assert sum(shares.values()) == 357_901
    assert balances(funded) == (FIRST_A1 - SHARE_A1, FIRST_A2 - SHARE_A2)
    # and the ledger reconciles, for the bureau's scope and as a whole
    assert fund_selectors.reconciliation(actor=bureau).ok
    call_command("funds", "reconcile")
    assert undelivered() == []


def test_a_company_application_put_to_the_vote_and_disbursed_over_http(
    funded, clock, login, monkeypatch
):
    """Seed 000 §33; 住宅专项维修资金管理办法 arts. 22-23: the company proposes on the
    phone form, the committee puts it to the owners, the owners vote on their phones, the
    committee closes the vote and the bureau pre-reviews and disburses — all over HTTP."""
    city = funded.city
    # the company applies for the whole project (parts a1 and a2)
    client = login("company_1")
    response = client.post(
        f"/funds/projects/{city.project_a.pk}/applications/new/",
        {
            "title": "更换1栋1单元电梯钢丝绳",
            "work": "电梯钢丝绳磨损超标，整体更换。",
            "estimate": ESTIMATE,
            "scope": "all",
        },
    )
    assert response.status_code == 302, response.content[:500]
    app = FundUseApplication.objects.get()
    assert (app.applicant, app.status, app.matter_id) == ("company", S.AWAITING_OWNERS, None)
    # the committee opens the owners' decision, publishes and opens the vote
    client = login("committee_a")
    action = f"/funds/applications/{app.pk}/open_decision/"
    assert client.post(action).status_code == 302
    app.refresh_from_db()
    matter = Matter.objects.get(pk=app.matter_id)
    starts = clock.day + dt.timedelta(days=15)
    ends = starts + dt.timedelta(days=6)
    response = client.post(
        f"/decisions/{matter.pk}/publish/",
        {"voting_starts_on": starts.isoformat(), "voting_ends_on": ends.isoformat()},
    )
    assert response.status_code == 302, response.content[:500]
    clock.day = starts
    assert client.post(f"/decisions/{matter.pk}/open/").status_code == 302
    # both owners agree on their phones
    for owner in ("owner_1", "owner_2"):
        response = login(owner).post(f"/decisions/{matter.pk}/vote/", {"choice": "yes"})
        assert response.status_code == 302, response.content[:500]
    # the committee closes the vote the day after the window
    clock.day = ends + dt.timedelta(days=1)
    assert login("committee_a").post(f"/decisions/{matter.pk}/close/").status_code == 302
    event = the_event("decisions.matter_closed", matter)
    assert FUND_USE_HANDLER in delivered_to(event)
    app.refresh_from_db()
    assert app.status == S.OWNERS_APPROVED
    # the bureau pre-reviews and disburses
    client = login("bureau")
    assert client.post(f"/funds/applications/{app.pk}/pre_review/").status_code == 302
    assert client.post(f"/funds/applications/{app.pk}/disburse/").status_code == 302
    app.refresh_from_db()
    assert app.status == S.DISBURSED
    assert balances(funded) == (FIRST_A1 - SHARE_A1, FIRST_A2 - SHARE_A2)
    assert fund_selectors.reconciliation(actor=actor_for(city.users["bureau"])).ok


@pytest.mark.parametrize(
    ("votes", "unmet"),
    [
        # all take part; 89.50 of 209.75 m² and 1 of 2 owners agree: no majority of either
        ({"owner_1": "yes", "owner_2": "no"}, ["approval_area", "approval_owners"]),
        # 120.25 of 209.75 m² agree (a majority of area) but 1 of 2 owners is only half
        ({"owner_1": "no", "owner_2": "yes"}, ["approval_owners"]),
        # only 89.50 of 209.75 m² and 1 of 2 owners take part: below 2/3 of each
        ({"owner_1": "yes"}, ["participation_area", "participation_owners"]),
    ],
)
def test_fund_use_the_owners_did_not_approve_is_rejected_and_pays_nothing(
    funded, actor, clock, votes, unmet
):
    """Seed 000 §33 / 民法典 art. 278: participation of 2/3 of area and owners, then more
    than half of the participating area AND owners; failing any one rejects the use."""
    entries_before = JournalEntry.objects.count()
    app, matter = apply_and_vote(funded, actor, clock, votes)
    event = the_event("decisions.matter_closed", matter)
    assert (event.data["passed"], event.data["unmet"]) == (False, unmet)
    assert delivered_to(event) == set(handlers_for("decisions.matter_closed"))
    assert FUND_USE_HANDLER in delivered_to(event)
    assert app.status == S.OWNERS_REJECTED
    assert app.owners_decided_on == clock.day
    # the bureau cannot take a rejected use further, and no money moves
    with pytest.raises(ConflictError):
        funds.fund_use_act(actor=actor("bureau"), application_id=app.pk, action="pre_review")
    with pytest.raises(ConflictError):
        funds.fund_use_disburse(actor=actor("bureau"), application_id=app.pk)
    app.refresh_from_db()
    assert app.status == S.OWNERS_REJECTED and app.disbursement is None
    assert JournalEntry.objects.count() == entries_before
    assert balances(funded) == (FIRST_A1, FIRST_A2)
    assert fund_selectors.reconciliation(actor=actor("bureau")).ok


# --- 2. a substantiated complaint is a credit record (seed 002 §四(三); 003 §六(三)) ------


def as_user(city: City, username: str) -> Actor:
    return actor_for(city.users[username])


def stored_score(company: PropertyCompany, year: int) -> int:
    return CreditScore.objects.get(company=company, year=year).score


def complaint_resolved(city: City, *, substantiated: bool) -> Any:
    """Owner 1 complains about project A's service (the company answers, seed 002 §二(一)2);
    the community accepts and assigns; company 1 starts and resolves it."""
    complaint = complaints.complaint_submit(
        actor=as_user(city, "owner_1"),
        channel="owner",
        category="service_quality",
        description="楼道连续三天无人保洁，垃圾堆积",
        project=city.project_a,
        place="1栋1单元",
    )
    assert complaint.party == "company" and complaint.company_id == city.company_1.pk
    community = as_user(city, "community_a")
    complaints.complaint_accept(actor=community, pk=complaint.pk)
    complaints.complaint_assign(actor=community, pk=complaint.pk)
    company = as_user(city, "company_1")
    complaints.complaint_start(actor=company, pk=complaint.pk)
    return complaints.complaint_resolve(
        actor=company,
        pk=complaint.pk,
        public_note="已增派保洁员并清运垃圾",
        substantiated=substantiated,
    )


def test_a_substantiated_complaint_makes_one_active_credit_record(city):
    """Seed 002 §四(三) (信用扣分), seed 003 §六(三): the catalogue's complaint kind (national
    profile: 投诉经查属实, −2 points) is recorded against the company at once and its
    recomputed score falls by those points."""
    year = timezone.localdate().year
    scores_recompute(actor=as_user(city, "bureau"), year=year, company_ids=[city.company_1.pk])
    base = stored_score(city.company_1, year)
    kind = credit_rules.kind_for_event(
        effective_profile(city.project_a.community), "complaint", "service_quality"
    )
    assert kind is not None and (kind.code, kind.points) == ("complaint_substantiated", -2)
    # when the company resolves the complaint as substantiated
    complaint = complaint_resolved(city, substantiated=True)
    # then the event reached the credit handler, which made exactly one active record
    event = the_event("complaints.substantiated", complaint)
    assert COMPLAINT_HANDLER in handlers_for("complaints.substantiated")
    assert delivered_to(event) == set(handlers_for("complaints.substantiated"))
    record = CreditRecord.objects.get(company=city.company_1)
    assert record.status == CreditRecord.Status.ACTIVE
    assert (record.kind_code, record.points, record.source) == (kind.code, kind.points, "complaint")
    assert record.origin == f"complaint:{complaint.pk}"
    assert record.project_id == city.project_a.pk
    assert complaint.number in record.evidence
    assert record.occurred_on == timezone.localdate()
    # and the company's stored score fell by the catalogue's points; company 2 is untouched
    assert stored_score(city.company_1, year) == base + kind.points == 98
    assert not CreditRecord.objects.filter(company=city.company_2).exists()
    assert undelivered() == []


def test_a_complaint_reopened_and_substantiated_again_costs_the_company_once(city):
    """Seed 002 §四(三): the deduction is for the substantiated complaint — one fact. When
    the owner reopens it (not resolved yet) and the company resolves it as substantiated
    again, the company still holds one record for it and loses the points once."""
    year = timezone.localdate().year
    complaint = complaint_resolved(city, substantiated=True)
    complaints.complaint_reopen(
        actor=as_user(city, "owner_1"), pk=complaint.pk, public_note="楼道仍然没有人打扫"
    )
    company = as_user(city, "company_1")
    complaints.complaint_start(actor=company, pk=complaint.pk)
    complaints.complaint_resolve(
        actor=company, pk=complaint.pk, public_note="已更换保洁公司", substantiated=True
    )
    assert CreditRecord.objects.filter(company=city.company_1).count() == 1
    assert stored_score(city.company_1, year) == 98


def test_a_complaint_not_substantiated_makes_no_credit_record(city):
    """Seed 002 §四(三): only a complaint found substantiated costs the company points."""
    year = timezone.localdate().year
    scores_recompute(actor=as_user(city, "bureau"), year=year, company_ids=[city.company_1.pk])
    complaint = complaint_resolved(city, substantiated=False)
    assert complaint.status == "resolved" and complaint.substantiated is False
    assert not DomainEvent.objects.filter(kind="complaints.substantiated").exists()
    assert not CreditRecord.objects.exists()
    assert stored_score(city.company_1, year) == 100


# --- 3. a published assessment's band is a credit record (seed 001 §四(二); 003 §五(二)1(7)) -


def points_totalling(assessment_project: Any, total: Decimal) -> dict[str, str]:
    """Item points of the project's form (100 points in all) adding up to ``total``: the
    shortfall is taken from the items in order."""
    short = Decimal(100) - total
    points: dict[str, str] = {}
    for item in form_of(assessment_project):
        cut = min(Decimal(item.max_points), short)
        short -= cut
        points[item.code] = str(Decimal(item.max_points) - cut)
    assert short == 0
    return points


@pytest.mark.parametrize(
    ("total", "band", "code", "points"),
    [
        # bands (national profile): excellent from 90, good from 80, pass from 60 of 100
        ("100", "excellent", "assessment_excellent", 3),
        ("90", "excellent", "assessment_excellent", 3),
        ("89.5", "good", "assessment_good", 1),
        ("80", "good", "assessment_good", 1),
        ("79.5", "pass", None, 0),  # a pass earns no points: no record
        ("60", "pass", None, 0),
        ("59.5", "fail", "assessment_failed", -5),
    ],
)
def test_a_published_assessment_makes_the_record_its_band_implies(
    city, monkeypatch, total, band, code, points
):
    """Seed 003 §五(二)1(7): the community assesses, the street forwards, the bureau
    publishes (seed 001 §四(二)); 考核结果作为信用加减分的依据 — the catalogue's kind for
    the band, dated at the end of the quarter assessed."""
    # seed 003's jurisdiction assesses every quarter (company_assessment_frequency)
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="hunan-ziyang")
    monkeypatch.setattr(assessment_selectors, "today", lambda: ASSESSED_ON)
    scores_recompute(actor=as_user(city, "bureau"), year=2026, company_ids=[city.company_1.pk])
    # given a 2026 Q3 assessment of project A scoring ``total``
    draft = assessment_create(
        city, quarter=3, points=points_totalling(city.project_a, Decimal(total))
    )
    assert (draft.total, draft.band) == (Decimal(total), band)
    # when the community submits, the street forwards and the bureau publishes it
    for username, action in (
        ("community_a", "submit"),
        ("street_a", "forward"),
        ("bureau", "publish"),
    ):
        assessments.assessment_act(
            actor=as_user(city, username), assessment_id=draft.pk, action=action
        )
    assessment = ProjectAssessment.objects.get(pk=draft.pk)
    assert assessment.status == ProjectAssessment.Status.PUBLISHED
    # then the bureau's publication event reached the credit handler
    event = the_event("assessments.project_assessment_published", assessment)
    assert event.data["band"] == band
    assert ASSESSMENT_HANDLER in handlers_for("assessments.project_assessment_published")
    assert delivered_to(event) == set(handlers_for("assessments.project_assessment_published"))
    records = CreditRecord.objects.filter(
        company=city.company_1, origin=f"assessment:{assessment.pk}"
    )
    if code is None:
        assert not CreditRecord.objects.exists()
    else:
        record = records.get()
        assert (record.kind_code, record.points, record.status) == (
            code,
            points,
            CreditRecord.Status.ACTIVE,
        )
        assert record.project_id == city.project_a.pk
        assert record.occurred_on == dt.date(2026, 9, 30)
    # and the company's 2026 score moved by the band's points (none for a pass)
    assert stored_score(city.company_1, 2026) == 100 + points


def test_a_failed_assessment_published_with_its_round_over_http_costs_points(
    city, login, monkeypatch
):
    """Seed 003 §五(二)1(7): the community scores on the phone form and submits, the
    street forwards its round (社区考核结果由街道办汇总后报区住建局), the bureau publishes the
    round (seed 001 §四(二)); a fail (59.5 of 100) is the catalogue's −5 record."""
    # seed 003's jurisdiction assesses every quarter (company_assessment_frequency)
    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="hunan-ziyang")
    monkeypatch.setattr(assessment_selectors, "today", lambda: ASSESSED_ON)
    client = login("community_a")
    data: dict[str, Any] = {
        "project": city.project_a.pk,
        "year": 2026,
        "quarter": 3,
        "assessors": "李专干",
        "experts": "王工",
        "note": "",
    }
    for code, value in points_totalling(city.project_a, Decimal("59.5")).items():
        data[f"item_{code}"] = value
    assert client.post("/assessments/new/", data).status_code == 302
    assessment = ProjectAssessment.objects.get()
    assert (assessment.total, assessment.band) == (Decimal("59.50"), "fail")
    assert client.post(f"/assessments/{assessment.pk}/submit/").status_code == 302
    round_url = f"/assessments/rounds/{assessment.round_id}"
    assert login("street_a").post(f"{round_url}/forward/").status_code == 302
    assert login("bureau").post(f"{round_url}/publish/").status_code == 302
    event = the_event("assessments.project_assessment_published", assessment)
    assert delivered_to(event) == set(handlers_for("assessments.project_assessment_published"))
    record = CreditRecord.objects.get(company=city.company_1)
    assert (record.kind_code, record.points, record.origin) == (
        "assessment_failed",
        -5,
        f"assessment:{assessment.pk}",
    )
    assert stored_score(city.company_1, 2026) == 95
    assert undelivered() == []
