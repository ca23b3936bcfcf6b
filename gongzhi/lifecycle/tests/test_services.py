"""The lifecycle services: the whole path from tender to bond refund, the forced exit from a
real owners' vote, and each rule with its clause. Bad input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.contracts.models import ServiceContract
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.credit.models import CreditRecord
from gongzhi.decisions import services as decisions
from gongzhi.decisions.models import Matter
from gongzhi.disclosure.models import BoardItem
from gongzhi.funds import services as funds
from gongzhi.funds.models import PerformanceBond
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.lifecycle import services
from gongzhi.lifecycle.models import Bidder, Exit, ExitItem, Handover, HandoverFinding, Selection
from gongzhi.lifecycle.tests.conftest import (
    bid,
    file_contract,
    non_renewal,
    open_handover,
    png,
    preliminary_tender,
    tender_committee,
)
from gongzhi.notices.models import Notice
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import lifecycle as rules
from gongzhi.rules.profiles import get_profile

pytestmark = pytest.mark.django_db

USCC_3 = "91110000100000000A"  # the check digit is not validated on direct creation


def _third_company(city, *, filed: bool = True) -> PropertyCompany:
    return PropertyCompany.objects.create(
        name="三湘物业有限公司",
        uscc=USCC_3,
        legal_representative="王五",
        filed_with=city.district,
        node_path=city.district.path,
        filing_status=PropertyCompany.FilingStatus.FILED
        if filed
        else PropertyCompany.FilingStatus.UNFILED,
    )


def _project_history(project) -> list[str]:
    return [
        e.after["step"]
        for e in AuditEntry.objects.filter(
            target_type="registry.Project", target_id=str(project.pk), field="lifecycle"
        ).order_by("id")
    ]


def _profile(city, profile_id: str) -> None:
    Jurisdiction.objects.filter(pk=city.community_a.pk).update(profile_id=profile_id)


# --- the whole path ---------------------------------------------------------------------


def test_tender_contract_handover_service_exit_handover_and_bond_refund(
    city, actor, new_project, django_capture_on_commit_callbacks
):
    bureau, street = actor("bureau"), actor("street_a")
    third = _third_company(city)
    # given a preliminary tender announced before the pre-sale permit (seed 000 §13)
    selection = services.selection_create(
        actor=street,
        project_id=new_project.pk,
        kind="preliminary",
        title="新城花园前期物业服务招标",
        announced_on=dt.date(2026, 2, 20),
        bid_deadline=dt.date(2026, 3, 10),
        presale_permit_on=dt.date(2026, 4, 1),
    )
    bid(street, selection, (city.company_1, city.company_2, third))
    tender_committee(street, selection, tenderer="新城置业", experts="刘工")
    bidders = {b.company_id: b.pk for b in Bidder.objects.filter(selection=selection)}
    # when the committee scores them, the best is chosen and the result published
    selection = services.selection_evaluate(
        actor=street,
        selection_id=selection.pk,
        scores={
            bidders[city.company_1.pk]: "81.5",
            bidders[city.company_2.pk]: "92",
            bidders[third.pk]: "77",
        },
    )
    assert selection.winner_id == city.company_2.pk
    selection = services.selection_publish(actor=street, selection_id=selection.pk)
    # and the winner's preliminary contract is filed and linked: the project has its company
    contract = file_contract(
        actor,
        company_user="company_2",
        project=new_project,
        kind="preliminary",
        signed_on=dt.date(2026, 3, 1),
        term_start=dt.date(2026, 4, 1),
        term_end=dt.date(2029, 3, 31),
    )
    selection = services.selection_contract(
        actor=street, selection_id=selection.pk, contract_id=contract.pk
    )
    assert selection.status == Selection.Status.CONTRACTED
    new_project.refresh_from_db()
    assert new_project.company_id == city.company_2.pk

    # the handover inspection: preconditions, a defect, rectified, re-inspected, signed
    handover = services.handover_create(
        actor=actor("company_2"),
        project_id=new_project.pk,
        company_id=city.company_2.pk,
        delivery_on=dt.date(2026, 6, 30),
    )
    assert handover.developer_name == "新城置业有限公司"
    items = rules.handover_preconditions(get_profile("national"))
    services.preconditions_set(
        actor=actor("company_2"), handover_id=handover.pk, met={i.code: True for i in items}
    )
    services.handover_start(actor=actor("company_2"), handover_id=handover.pk)
    defect = services.finding_add(
        actor=actor("company_2"),
        handover_id=handover.pk,
        location="1栋电梯",
        result="defect",
        description="轿厢照明不亮",
        photo=png(),
    )
    assert defect.rectify_by == dt.date(2026, 4, 1)  # 30 days (handover_rectification_days)
    services.handover_rectify(actor=actor("company_2"), handover_id=handover.pk)
    services.finding_rectified(actor=actor("company_2"), finding_id=defect.pk)
    services.finding_reinspect(actor=actor("street_a"), finding_id=defect.pk, passed=True)
    services.handover_sign(
        actor=actor("company_2"),
        handover_id=handover.pk,
        developer_signatory="张建",
        company_signatory="李管",
    )
    with django_capture_on_commit_callbacks(execute=True):  # the board hears of it
        services.handover_publish(actor=street, handover_id=handover.pk)
    # the result is on the project's disclosure board (seed 000 §24: 向业主公开查验结果)
    board = BoardItem.objects.get(project=new_project, kind="handover_results")
    findings = handover.findings.all()
    defects = [f for f in findings if f.result == "defect"]
    assert board.data["result"].startswith(
        f"承接查验已完成：查验 {len(findings)} 项，发现问题 {len(defects)} 项，"
        f"已整改 {len(defects)} 项"
    )
    assert board.data["rectification"] == "发现的问题均已整改并复验合格。"
    assert defects[0].location in board.data["issues"]
    services.handover_file(actor=bureau, handover_id=handover.pk)
    # delivery waits for every first deposit (seed 004 §14)
    funds.maintenance_open(
        actor=bureau,
        project_id=new_project.pk,
        cost_yuan_per_m2_elevator="2000",
        cost_yuan_per_m2_plain="1500",
    )
    with pytest.raises(ConflictError, match="first maintenance-fund deposit"):
        services.handover_deliver(actor=bureau, handover_id=handover.pk)
    assert Handover.objects.get(pk=handover.pk).status == Handover.Status.FILED
    funds.first_deposits_record_all(actor=bureau, project_id=new_project.pk)
    handover = services.handover_deliver(actor=bureau, handover_id=handover.pk)
    assert handover.status == Handover.Status.DELIVERED

    # service: the street holds the company's bond
    bond = funds.bond_deposit(actor=street, project_id=new_project.pk, amount="50000")
    # exit: the company does not renew and gives notice in time (90 days, 民法典 art. 947)
    with clock.frozen(dt.date(2028, 12, 1)):
        exit_ = non_renewal(
            actor, contract, company_user="company_2", notice_on=dt.date(2028, 12, 1)
        )
        assert exit_.notice_timely is True
        assert exit_.end_on == dt.date(2029, 3, 31)
        exit_ = services.exit_start_handover(
            actor=street, exit_id=exit_.pk, incoming_company_id=city.company_1.pk
        )
        for item in ExitItem.objects.filter(exit=exit_):
            services.exit_item_describe(actor=actor("company_2"), item_id=item.pk, detail="已清点")
            services.exit_item_confirm(actor=actor("company_1"), item_id=item.pk)
        services.exit_complete_handover(actor=street, exit_id=exit_.pk)
        with django_capture_on_commit_callbacks(execute=True):
            exit_ = services.exit_close(
                actor=street, exit_id=exit_.pk, committee_opinion="同意退还"
            )
    assert exit_.status == Exit.Status.CLOSED
    bond.refresh_from_db()
    assert bond.status == PerformanceBond.Status.REFUNDED
    assert bond.committee_opinion == "同意退还"
    assert ServiceContract.objects.get(pk=contract.pk).status == ServiceContract.Status.ENDED
    new_project.refresh_from_db()
    assert new_project.company_id == city.company_1.pk
    assert _project_history(new_project) == [
        "selection_opened", "selection_evaluated", "selection_published",
        "selection_contracted", "handover_opened", "handover_started",
        "handover_rectification", "handover_signed", "handover_published", "handover_filed",
        "delivered", "exit_notice", "exit_handover_started", "exit_handed_over", "exit_closed",
    ]  # fmt: skip
    assert not CreditRecord.objects.filter(company=city.company_2).exists()


# --- forced exit from a real vote (seed 004 §10) ------------------------------------------


def _vote(city, actor, matter_id: int, yes: bool) -> None:
    committee = actor("committee_a")
    start = clock.today() + dt.timedelta(days=15)
    decisions.matter_publish(
        actor=committee,
        matter=matter_id,
        voting_starts_on=start,
        voting_ends_on=start + dt.timedelta(days=6),
    )
    with clock.frozen(start):
        decisions.voting_open(actor=committee, matter=matter_id)
        choice = "yes" if yes else "no"
        decisions.ballot_cast(actor=actor("owner_1"), matter=matter_id, choice=choice)
        decisions.ballot_cast(actor=actor("owner_2"), matter=matter_id, choice=choice)


def _close(actor, matter_id: int, capture) -> None:
    matter = Matter.objects.get(pk=matter_id)
    with clock.frozen(matter.voting_ends_on + dt.timedelta(days=1)), capture(execute=True):
        decisions.matter_close(actor=actor("committee_a"), matter=matter_id)


def test_forced_exit_seed_004_vote_then_joint_review_then_handover(
    city, actor, filed_contract, django_capture_on_commit_callbacks
):
    _profile(city, "shaanxi-xixian")
    exit_ = services.exit_forced_open(
        actor=actor("committee_a"), contract_id=filed_contract.pk, reason="服务质量不合格"
    )
    matter = Matter.objects.get(pk=exit_.matter_id)
    assert matter.kind == "forced_exit" and matter.source_ref == f"lifecycle.exit:{exit_.pk}"
    _vote(city, actor, matter.pk, yes=True)
    _close(actor, matter.pk, django_capture_on_commit_callbacks)
    exit_.refresh_from_db()
    assert exit_.status == Exit.Status.REVIEW  # seed 004 §10: 综合研判
    street = actor("street_a")
    with pytest.raises(DomainError) as info:  # the owners' representatives are missing
        services.exit_review(
            actor=street,
            exit_id=exit_.pk,
            uphold=True,
            parties=["new_city", "street", "community", "experts"],
            note="研判同意退出",
            end_on=dt.date(2026, 6, 30),
        )
    # named by label, not code (the code "owners_representatives" no longer shows)
    assert "Missing: Owners' representatives (" in str(info.value.fields["parties"][0])
    assert Exit.objects.get(pk=exit_.pk).status == Exit.Status.REVIEW
    exit_ = services.exit_review(
        actor=street,
        exit_id=exit_.pk,
        uphold=True,
        parties=["new_city", "street", "community", "owners_representatives", "experts"],
        note="研判同意退出",
        end_on=dt.date(2026, 6, 30),
    )
    assert exit_.status == Exit.Status.HANDING_OVER
    assert ExitItem.objects.filter(exit=exit_).count() == len(
        rules.exit_handover_items(get_profile("shaanxi-xixian"))
    )


def test_forced_exit_national_needs_no_review_and_a_failed_vote_keeps_the_company(
    city, actor, filed_contract, django_capture_on_commit_callbacks
):
    exit_ = services.exit_forced_open(
        actor=actor("committee_a"), contract_id=filed_contract.pk, reason="服务差"
    )
    _vote(city, actor, exit_.matter_id, yes=False)
    _close(actor, exit_.matter_id, django_capture_on_commit_callbacks)
    assert Exit.objects.get(pk=exit_.pk).status == Exit.Status.REJECTED
    again = services.exit_forced_open(
        actor=actor("committee_a"), contract_id=filed_contract.pk, reason="仍然服务差"
    )
    with clock.frozen(dt.date(2026, 4, 1)):
        _vote(city, actor, again.matter_id, yes=True)
        _close(actor, again.matter_id, django_capture_on_commit_callbacks)
    assert Exit.objects.get(pk=again.pk).status == Exit.Status.HANDING_OVER


def test_a_blacklisted_company_is_ordered_out_seed_000_s12(city, actor, filed_contract):
    with pytest.raises(DomainError) as info:
        services.exit_order(
            actor=actor("street_a"), contract_id=filed_contract.pk, end_on=dt.date(2026, 4, 30)
        )
    assert "contract_id" in info.value.fields
    PropertyCompany.objects.filter(pk=city.company_1.pk).update(
        blacklisted_since=dt.date(2026, 1, 1)
    )
    with pytest.raises(PermissionDeniedError):
        services.exit_order(
            actor=actor("company_1"), contract_id=filed_contract.pk, end_on=dt.date(2026, 4, 30)
        )
    exit_ = services.exit_order(
        actor=actor("street_a"), contract_id=filed_contract.pk, end_on=dt.date(2026, 4, 30)
    )
    assert exit_.status == Exit.Status.HANDING_OVER and exit_.kind == "blacklisted"


# --- exit notice rules ------------------------------------------------------------------


def test_late_notice_is_recorded_and_makes_the_credit_record(
    city, actor, filed_contract, django_capture_on_commit_callbacks
):
    # given the contract ends 2026-12-31; 90 days before is 2026-10-02
    with clock.frozen(dt.date(2026, 10, 3)), django_capture_on_commit_callbacks(execute=True):
        exit_ = services.exit_notify(
            actor=actor("company_1"),
            contract_id=filed_contract.pk,
            kind="non_renewal",
            notice_on=dt.date(2026, 10, 3),
            end_on="2026-12-31",
            recipients=["owners_committee"],
        )
    assert exit_.notice_timely is False and exit_.notice_due == dt.date(2026, 10, 2)
    record = CreditRecord.objects.get(company=city.company_1)
    assert record.kind_code == "exit_notice_late" and record.points == -5
    assert record.origin == f"exit:{exit_.pk}"
    # and the project's owners are told through the one notice mechanism (seed 000 §12)
    notice = Notice.objects.get(source_ref=f"lifecycle.exit:{exit_.pk}:notice")
    assert (notice.category, notice.project_id) == ("exit", filed_contract.project_id)
    assert notice.recipients.count() == 2  # owner_1 and owner_2 of project A


def test_timely_notice_makes_no_credit_record(city, actor, filed_contract):
    with clock.frozen(dt.date(2026, 10, 2)):
        exit_ = non_renewal(actor, filed_contract, notice_on=dt.date(2026, 10, 2))
    assert exit_.notice_timely is True
    assert not CreditRecord.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"notice_on": dt.date(2027, 1, 5), "end_on": dt.date(2026, 12, 31)}, "notice_on"),
        ({"notice_on": dt.date(2026, 3, 3)}, "notice_on"),  # in the future
        ({"end_on": dt.date(2026, 11, 30)}, "end_on"),  # not renewing ends on the term end
        ({"recipients": []}, "recipients"),
        ({"kind": "forced"}, "kind"),
    ],
)
def test_bad_notices_are_refused_and_write_nothing(actor, filed_contract, overrides, field):
    data = {
        "kind": "non_renewal",
        "notice_on": dt.date(2026, 3, 1),
        "end_on": dt.date(2026, 12, 31),
        "recipients": ["owners_committee"],
        **overrides,
    }
    with pytest.raises(DomainError) as info:
        services.exit_notify(actor=actor("company_1"), contract_id=filed_contract.pk, **data)
    assert field in info.value.fields
    assert not Exit.objects.exists()
    assert not AuditEntry.objects.filter(field="lifecycle").exists()


def test_seed_000_notice_reaches_committee_bureau_street_and_community(city, actor, filed_contract):
    _profile(city, "hunan-shaoyang")
    with pytest.raises(DomainError) as info:
        non_renewal(actor, filed_contract)
    # named by label, not code (this pinned "bureau, street, community" before)
    assert "Missing: Housing bureau, Street / town office, Community (" in str(
        info.value.fields["recipients"][0]
    )
    exit_ = non_renewal(
        actor, filed_contract, recipients=["owners_committee", "bureau", "street", "community"]
    )
    assert exit_.notice_timely


def test_only_the_company_notifies_and_the_committee_dismisses(city, actor, filed_contract):
    base = {
        "contract_id": filed_contract.pk,
        "notice_on": dt.date(2026, 3, 1),
        "end_on": dt.date(2026, 6, 30),
        "recipients": ["owners_committee"],
    }
    with pytest.raises(NotFoundError):  # another company's contract is not even visible
        services.exit_notify(actor=actor("company_2"), kind="early_termination", **base)
    with pytest.raises(PermissionDeniedError):
        services.exit_notify(actor=actor("company_1"), kind="owners_dismissal", **base)
    exit_ = services.exit_notify(actor=actor("committee_a"), kind="owners_dismissal", **base)
    assert exit_.notice_timely  # 121 days ≥ 60 (民法典 art. 946)


def test_an_item_confirmed_twice_is_refused(city, actor, filed_contract):
    exit_ = non_renewal(actor, filed_contract)
    services.exit_start_handover(actor=actor("street_a"), exit_id=exit_.pk)
    item = ExitItem.objects.filter(exit=exit_).first()
    with pytest.raises(DomainError, match="Please correct"):
        services.exit_item_confirm(actor=actor("committee_a"), item_id=item.pk)  # no detail yet
    services.exit_item_describe(
        actor=actor("company_1"), item_id=item.pk, detail="物业用房一间", amount_fen=None
    )
    with pytest.raises(PermissionDeniedError):
        services.exit_item_confirm(actor=actor("company_1"), item_id=item.pk)  # the outgoing
    services.exit_item_confirm(actor=actor("committee_a"), item_id=item.pk)
    confirmed_at = ExitItem.objects.get(pk=item.pk).confirmed_at
    with pytest.raises(ConflictError, match="already confirmed"):
        services.exit_item_confirm(actor=actor("committee_a"), item_id=item.pk)
    assert ExitItem.objects.get(pk=item.pk).confirmed_at == confirmed_at
    with pytest.raises(DomainError) as info:
        services.exit_complete_handover(actor=actor("street_a"), exit_id=exit_.pk)
    assert len(info.value.fields["items"]) == ExitItem.objects.filter(exit=exit_).count() - 1


# --- selection rules --------------------------------------------------------------------


def test_a_bidder_that_is_not_filed_is_refused_with_the_reason(city, actor, new_project):
    street = actor("street_a")
    selection = preliminary_tender(street, new_project)
    unfiled = _third_company(city, filed=False)
    with pytest.raises(DomainError) as info:
        services.bidder_add(actor=street, selection_id=selection.pk, company_id=unfiled.pk)
    assert "not filed" in str(info.value.fields["company_id"][0])
    assert not Bidder.objects.exists()
    PropertyCompany.objects.filter(pk=city.company_1.pk).update(
        blacklisted_since=dt.date(2026, 1, 1)
    )
    with pytest.raises(DomainError, match="may not bid"):
        services.bidder_add(actor=street, selection_id=selection.pk, company_id=city.company_1.pk)


def test_seed_004_bidders_need_grade_a(city, actor, new_project):
    from gongzhi.credit.models import CreditScore

    Jurisdiction.objects.filter(pk=city.district.pk).update(profile_id="shaanxi-xixian")
    selection = preliminary_tender(actor("street_a"), new_project)
    with pytest.raises(DomainError, match="may not bid"):  # no grade yet
        services.bidder_add(
            actor=actor("street_a"), selection_id=selection.pk, company_id=city.company_1.pk
        )
    for grade, company in (("B", city.company_1), ("A", city.company_2)):
        CreditScore.objects.create(
            company=company, year=2025, base=100, points=0, record_count=0,
            score=90 if grade == "A" else 85, grade=grade, profile_id="shaanxi-xixian",
            computed_at=clock.now(),
        )  # fmt: skip
    with pytest.raises(DomainError, match="may not bid"):
        services.bidder_add(
            actor=actor("street_a"), selection_id=selection.pk, company_id=city.company_1.pk
        )
    bidder = services.bidder_add(
        actor=actor("street_a"), selection_id=selection.pk, company_id=city.company_2.pk
    )
    assert bidder.eligible


def test_tender_after_the_presale_permit_is_refused_seed_000_s13(actor, new_project):
    with pytest.raises(DomainError) as info:
        preliminary_tender(actor("street_a"), new_project, presale_permit_on=dt.date(2026, 2, 1))
    assert "announced_on" in info.value.fields
    assert not Selection.objects.exists()


def test_too_few_bidders_need_the_bureaus_approved_negotiation(city, actor, new_project):
    street, bureau = actor("street_a"), actor("bureau")
    selection = preliminary_tender(street, new_project)
    bidder = services.bidder_add(
        actor=street, selection_id=selection.pk, company_id=city.company_1.pk
    )
    tender_committee(street, selection)
    with pytest.raises(DomainError, match="Please correct") as info:
        services.selection_evaluate(
            actor=street, selection_id=selection.pk, scores={bidder.pk: "90"}
        )
    assert "fewer than 3" in str(info.value.fields["scores"][0])
    assert Bidder.objects.get(pk=bidder.pk).score is None  # nothing written
    services.selection_request_negotiation(
        actor=street, selection_id=selection.pk, reason="仅一家报名"
    )
    with pytest.raises(PermissionDeniedError):
        services.selection_decide_negotiation(
            actor=street, selection_id=selection.pk, approve=True, note="同意"
        )
    services.selection_decide_negotiation(
        actor=bureau, selection_id=selection.pk, approve=True, note="同意协议选聘"
    )
    done = services.selection_evaluate(
        actor=street, selection_id=selection.pk, scores={bidder.pk: "90"}
    )
    assert done.mode == Selection.Mode.NEGOTIATED and done.winner_id == city.company_1.pk


def test_enough_bidders_cannot_ask_for_negotiation(city, actor, new_project):
    street = actor("street_a")
    selection = preliminary_tender(street, new_project)
    bid(street, selection, (city.company_1, city.company_2, _third_company(city)))
    with pytest.raises(DomainError) as info:
        services.selection_request_negotiation(
            actor=street, selection_id=selection.pk, reason="想协议"
        )
    assert "public tender" in str(info.value.fields["reason"][0])


def test_seed_004_committee_must_hold_new_city_and_street(city, actor, new_project):
    _profile(city, "shaanxi-xixian")
    street = actor("street_a")
    selection = preliminary_tender(street, new_project)
    ids = bid(street, selection, (city.company_1, city.company_2, _third_company(city)))
    tender_committee(street, selection)
    with pytest.raises(DomainError) as info:
        services.selection_evaluate(
            actor=street, selection_id=selection.pk, scores=dict.fromkeys(ids, "80")
        )
    # named by label, not code (this pinned "new_city, street" before)
    refusal = str(info.value.fields["members"][0])
    assert "Missing: New city (新城), Street / town office (" in refusal
    # a tie for first place is refused too
    services.committee_set(
        actor=street,
        selection_id=selection.pk,
        members=[{"party": p, "name": p} for p in ("new_city", "street", "tenderer", "experts")],
    )
    with pytest.raises(DomainError, match="Please correct") as info:
        services.selection_evaluate(
            actor=street,
            selection_id=selection.pk,
            scores={ids[0]: "90", ids[1]: "90", ids[2]: "70"},
        )
    assert "first place" in str(info.value.fields["scores"][0])


def test_owners_selection_goes_through_an_owners_decision(
    city, actor, django_capture_on_commit_callbacks
):
    Project.objects.filter(pk=city.project_a.pk).update(formation=Project.Formation.COMMITTEE)
    committee = actor("committee_a")
    selection = services.selection_create(
        actor=committee, project_id=city.project_a.pk, kind="owners", title="业主大会选聘",
        announced_on=dt.date(2026, 3, 1), bid_deadline=dt.date(2026, 3, 2),
    )  # fmt: skip
    ids = bid(committee, selection, (city.company_1, city.company_2, _third_company(city)))
    tender_committee(committee, selection, tenderer="业委会", experts="专家")
    services.selection_evaluate(
        actor=committee,
        selection_id=selection.pk,
        scores=dict(zip(ids, ["85", "80", "70"], strict=True)),
    )
    services.selection_publish(actor=committee, selection_id=selection.pk)
    selection = services.selection_owners_vote(actor=committee, selection_id=selection.pk)
    assert selection.status == Selection.Status.AWAITING_OWNERS
    _vote(city, actor, selection.matter_id, yes=True)
    _close(actor, selection.matter_id, django_capture_on_commit_callbacks)
    assert Selection.objects.get(pk=selection.pk).status == Selection.Status.OWNERS_APPROVED


# --- handover rules ---------------------------------------------------------------------


def test_inspection_waits_for_every_precondition_seed_000_s8(city, actor):
    _profile(city, "hunan-shaoyang")
    handover = open_handover(actor, city)
    items = rules.handover_preconditions(get_profile("hunan-shaoyang"))
    met = {i.code: True for i in items} | {"utilities_metered": False}
    services.preconditions_set(actor=actor("company_1"), handover_id=handover.pk, met=met)
    with pytest.raises(DomainError) as info:
        services.handover_start(actor=actor("company_1"), handover_id=handover.pk)
    assert info.value.fields["preconditions"] == ["供水、供电、供气、供热已安装独立计量表具"]
    assert Handover.objects.get(pk=handover.pk).status == Handover.Status.PREPARING
    with pytest.raises(DomainError):
        services.preconditions_set(
            actor=actor("company_1"), handover_id=handover.pk, met={"no_such": True}
        )


def test_sign_is_refused_while_a_defect_is_open_and_late_signature_is_overdue(city, actor):
    _profile(city, "shaanxi-xixian")
    handover = open_handover(actor, city)
    items = rules.handover_preconditions(get_profile("shaanxi-xixian"))
    services.preconditions_set(
        actor=actor("company_1"), handover_id=handover.pk, met={i.code: True for i in items}
    )
    services.handover_start(actor=actor("company_1"), handover_id=handover.pk)
    finding = services.finding_add(
        actor=actor("company_1"), handover_id=handover.pk, location="地下车库",
        result="defect", description="渗水", rectify_by="2026-04-15",
    )  # fmt: skip
    sign = {"developer_signatory": "甲", "company_signatory": "乙"}
    with pytest.raises(ConflictError, match="still open"):
        services.handover_sign(actor=actor("company_1"), handover_id=handover.pk, **sign)
    with pytest.raises(ConflictError, match="not reported rectified"):
        services.finding_reinspect(actor=actor("company_1"), finding_id=finding.pk, passed=True)
    services.finding_rectified(actor=actor("company_1"), finding_id=finding.pk)
    services.finding_reinspect(actor=actor("company_1"), finding_id=finding.pk, passed=False)
    assert HandoverFinding.objects.get(pk=finding.pk).rectified_on is None
    services.finding_rectified(actor=actor("company_1"), finding_id=finding.pk)
    services.finding_reinspect(actor=actor("company_1"), finding_id=finding.pk, passed=True)
    with clock.frozen(dt.date(2026, 6, 5)):  # 30 days before 06-30 is 05-31 (seed 004 §12)
        done = services.handover_sign(actor=actor("company_1"), handover_id=handover.pk, **sign)
    due = rules.handover_due(get_profile("shaanxi-xixian"), done.delivery_on)
    assert due.due == dt.date(2026, 5, 31)
    assert due.overdue(done_on=done.signed_on, today=dt.date(2026, 6, 5))


def test_bad_findings_change_nothing(city, actor):
    handover = open_handover(actor, city)
    items = rules.handover_preconditions(get_profile("national"))
    services.preconditions_set(
        actor=actor("company_1"), handover_id=handover.pk, met={i.code: True for i in items}
    )
    with pytest.raises(ConflictError):  # not started yet
        services.finding_add(
            actor=actor("company_1"), handover_id=handover.pk, location="x", result="passed"
        )
    services.handover_start(actor=actor("company_1"), handover_id=handover.pk)
    with pytest.raises(DomainError) as info:
        services.finding_add(
            actor=actor("company_1"), handover_id=handover.pk, location="", result="defect",
            rectify_by="2026-01-01",
        )  # fmt: skip
    assert {"location", "description", "rectify_by"} <= set(info.value.fields)
    assert not HandoverFinding.objects.exists()


def test_a_blacklisted_company_cannot_take_a_handover(city, actor):
    PropertyCompany.objects.filter(pk=city.company_1.pk).update(
        blacklisted_since=dt.date(2026, 1, 1)
    )
    with pytest.raises(DomainError) as info:
        open_handover(actor, city)
    assert "company_id" in info.value.fields
    assert not Handover.objects.exists()


# --- scoping ----------------------------------------------------------------------------


def test_other_streets_and_companies_see_nothing(city, actor, filed_contract):
    exit_ = non_renewal(actor, filed_contract)
    with pytest.raises(NotFoundError):
        services.exit_start_handover(actor=actor("street_b"), exit_id=exit_.pk)
    with pytest.raises(NotFoundError):
        non_renewal(actor, filed_contract, company_user="company_2")
    handover = open_handover(actor, city)
    with pytest.raises(NotFoundError):
        services.handover_start(actor=actor("company_2"), handover_id=handover.pk)


def test_every_lifecycle_profile_parameter_is_read_by_code():
    """Each parameter of the selection, handover and exit rules is read by code outside
    the profiles."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sources = "\n".join(
        p.read_text(encoding="utf-8")
        for p in root.rglob("*.py")
        if "tests" not in p.parts and "profiles" not in p.parts and "migrations" not in p.parts
    )
    keys = (
        "handover_inspection_days", "exit_notice_days", "owner_dismissal_notice_days",
        "tender_min_bidders", "preliminary_service_reselection_years",
        "warranty_extension_years_encouraged", "maintenance_fund_first_deposit_before_delivery",
        "tender_library_min_grade", "decision_forced_exit", "tender_small_project_max_area_m2",
        "tender_committee_parties", "handover_preconditions", "handover_rectification_days",
        "exit_notice_recipients", "forced_exit_review_parties", "exit_handover_items",
    )  # fmt: skip
    unread = [key for key in keys if f'"{key}"' not in sources]
    assert unread == []
