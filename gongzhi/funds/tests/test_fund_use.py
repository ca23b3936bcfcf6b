"""Using the maintenance fund (seed 000 §33; 003 §五(一)1(6); 住宅专项维修资金管理办法
arts. 22-24): application, the owners' decision arriving as ``decisions.matter_closed``,
the bureau's pre-review, disbursement by area (all or nothing), publication, and the
emergency path."""

from __future__ import annotations

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.events.bus import emit
from gongzhi.funds import ledger, services
from gongzhi.funds.models import FundUseApplication, FundUseShare, JournalEntry

S = FundUseApplication.Status


@pytest.fixture
def apply(funded, actor):
    def _apply(**overrides):
        data = {
            "project_id": funded.city.project_a.pk,
            "title": "更换1栋电梯钢丝绳",
            "work": "Replace the ropes of the elevator of building 1.",
            "estimate": "1000.00",
            "part_ids": [funded.city.part_a1.pk, funded.city.part_a2.pk],
        }
        data.update(overrides)
        return services.fund_use_apply(actor=actor("committee_a"), **data)

    return _apply


def close_matter(app, *, passed: bool, capture, user=None):
    """The decisions capability's event, emitted as its close would (ADR 0005)."""
    with capture(execute=True):
        emit(
            "decisions.matter_closed",
            subject=app,
            data={
                "matter_id": 77,
                "kind": "fund_use",
                "passed": passed,
                "project_id": app.project_id,
                "source_ref": f"funds.fund_use:{app.pk}",
                "closed_on": "2026-11-20",
                "unmet": [] if passed else ["participation_area"],
            },
            actor=user,
        )
    app.refresh_from_db()
    return app


def test_a_normal_application_waits_for_the_owners(apply):
    app = apply()
    assert app.status == S.AWAITING_OWNERS
    assert app.applicant == "committee"
    assert sorted(FundUseShare.objects.filter(application=app).values_list("area", flat=True)) == [
        pytest.approx(89.5),
        pytest.approx(120.25),
    ]
    assert AuditEntry.objects.filter(
        target_type="funds.FundUseApplication", target_id=str(app.pk)
    ).exists()


def test_the_owners_approval_event_moves_the_application(
    apply, django_capture_on_commit_callbacks, city
):
    app = close_matter(
        apply(),
        passed=True,
        capture=django_capture_on_commit_callbacks,
        user=city.users["street_a"],
    )
    assert app.status == S.OWNERS_APPROVED
    assert app.matter_id == 77
    assert str(app.owners_decided_on) == "2026-11-20"


def test_the_owners_rejection_event_closes_it(apply, django_capture_on_commit_callbacks):
    app = close_matter(apply(), passed=False, capture=django_capture_on_commit_callbacks)
    assert app.status == S.OWNERS_REJECTED


def test_events_of_other_kinds_are_ignored(apply, django_capture_on_commit_callbacks):
    app = apply()
    with django_capture_on_commit_callbacks(execute=True):
        emit(
            "decisions.matter_closed",
            subject=app,
            data={"kind": "ordinary", "passed": True, "source_ref": f"funds.fund_use:{app.pk}"},
        )
    app.refresh_from_db()
    assert app.status == S.AWAITING_OWNERS


def test_the_full_flow_disburses_by_area_and_publishes(
    apply, actor, funded, django_capture_on_commit_callbacks
):
    # given an application the owners approved
    app = close_matter(apply(), passed=True, capture=django_capture_on_commit_callbacks)
    bureau = actor("bureau")
    # the street may not pre-review (003 §五(一)1(6) gives it to the bureau)
    with pytest.raises(PermissionDeniedError):
        services.fund_use_act(actor=actor("street_a"), application_id=app.pk, action="pre_review")
    services.fund_use_act(actor=bureau, application_id=app.pk, action="pre_review")
    # when the bureau disburses ¥1,000.00 over 89.50 m² and 120.25 m²
    app = services.fund_use_disburse(actor=bureau, application_id=app.pk)
    # then the shares are exact to the fen: 426.70… → 42 670, 573.29… → 57 330
    shares = dict(FundUseShare.objects.filter(application=app).values_list("part_id", "amount_fen"))
    assert shares == {funded.city.part_a1.pk: 42_670, funded.city.part_a2.pk: 57_330}
    assert sum(shares.values()) == 100_000
    funded.a1.account.refresh_from_db()
    assert funded.a1.account.balance_fen == 895_000 - 42_670
    assert app.status == S.DISBURSED and app.disbursement is not None
    assert ledger.reconcile().ok
    # and publication needs a text, then the committee publishes
    with pytest.raises(DomainError):
        services.fund_use_act(actor=actor("committee_a"), application_id=app.pk, action="publish")
    app = services.fund_use_act(
        actor=actor("committee_a"), application_id=app.pk, action="publish", note="已完工，费用公示"
    )
    assert app.status == S.PUBLISHED


def test_disbursing_more_than_a_part_holds_changes_nothing(
    apply, actor, funded, django_capture_on_commit_callbacks
):
    # ¥30,000 over both parts: part a1's share (¥12,801.62) exceeds its ¥8,950.00
    app = close_matter(
        apply(estimate="30000"), passed=True, capture=django_capture_on_commit_callbacks
    )
    bureau = actor("bureau")
    services.fund_use_act(actor=bureau, application_id=app.pk, action="pre_review")
    entries = JournalEntry.objects.count()
    with pytest.raises(ConflictError, match="余额不足") as caught:
        services.fund_use_disburse(actor=bureau, application_id=app.pk)
    assert caught.value.code == "insufficient_balance"
    app.refresh_from_db()
    assert app.status == S.PRE_REVIEWED
    assert JournalEntry.objects.count() == entries
    funded.a2.account.refresh_from_db()
    assert funded.a2.account.balance_fen == 1_202_500  # all or nothing
    assert set(
        FundUseShare.objects.filter(application=app).values_list("amount_fen", flat=True)
    ) == {None}


def test_illegal_transitions_are_refused(apply, actor):
    app = apply()
    with pytest.raises(ConflictError):
        services.fund_use_disburse(actor=actor("bureau"), application_id=app.pk)
    with pytest.raises(ConflictError):
        services.fund_use_act(actor=actor("bureau"), application_id=app.pk, action="pre_review")
    with pytest.raises(ConflictError):
        services.fund_use_act(actor=actor("bureau"), application_id=app.pk, action="bogus")
    app.refresh_from_db()
    assert app.status == S.AWAITING_OWNERS


def test_refusal_needs_a_reason(apply, actor, django_capture_on_commit_callbacks):
    app = close_matter(apply(), passed=True, capture=django_capture_on_commit_callbacks)
    with pytest.raises(DomainError):
        services.fund_use_act(actor=actor("bureau"), application_id=app.pk, action="refuse")
    app = services.fund_use_act(
        actor=actor("bureau"), application_id=app.pk, action="refuse", note="预算不合理"
    )
    assert app.status == S.REFUSED


def test_the_emergency_path_skips_the_owners_and_publishes_afterwards(apply, actor):
    """住宅专项维修资金管理办法 art. 24: elevator failure, leak, fire-system failure."""
    app = apply(emergency="elevator_failure")
    assert app.status == S.EMERGENCY
    services.fund_use_act(actor=actor("bureau"), application_id=app.pk, action="pre_review")
    app = services.fund_use_disburse(actor=actor("bureau"), application_id=app.pk)
    assert app.status == S.DISBURSED
    app = services.fund_use_act(
        actor=actor("company_1"), application_id=app.pk, action="publish", note="紧急维修公示"
    )
    assert app.status == S.PUBLISHED


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"emergency": "painting"}, "emergency"),
        ({"estimate": "-1"}, "estimate"),
        ({"estimate": "0"}, "estimate"),
        ({"title": " "}, "title"),
        ({"part_ids": []}, "part_ids"),
    ],
)
def test_bad_applications_are_refused_and_nothing_is_written(apply, overrides, field):
    with pytest.raises(DomainError) as caught:
        apply(**overrides)
    assert field in caught.value.fields
    assert not FundUseApplication.objects.exists()


def test_parts_of_another_project_cannot_share(apply, city):
    with pytest.raises(DomainError) as caught:
        apply(part_ids=[city.part_a1.pk, city.part_b1.pk])
    assert "part_ids" in caught.value.fields


def test_only_the_committee_or_the_company_applies(funded, actor):
    data = {
        "project_id": funded.city.project_a.pk,
        "title": "t",
        "work": "w",
        "estimate": "1",
        "part_ids": [funded.city.part_a1.pk],
    }
    with pytest.raises(PermissionDeniedError):
        services.fund_use_apply(actor=actor("street_a"), **data)
    with pytest.raises(NotFoundError):
        services.fund_use_apply(actor=actor("company_2"), **data)
    app = services.fund_use_apply(actor=actor("company_1"), **data)
    assert app.applicant == "company"


def test_the_committee_application_opens_a_fund_use_matter(apply):
    """The owners' decision is the decisions capability's fund_use matter on which the
    sharing parts vote, linked back by source_ref."""
    from gongzhi.decisions.models import Matter

    app = apply()
    matter = Matter.objects.get(pk=app.matter_id)
    assert matter.kind == "fund_use"
    assert matter.source_ref == f"funds.fund_use:{app.pk}"


def test_a_company_application_is_put_to_the_vote_by_the_committee(funded, actor):
    from gongzhi.decisions.models import Matter

    app = services.fund_use_apply(
        actor=actor("company_1"),
        project_id=funded.city.project_a.pk,
        title="t",
        work="w",
        estimate="1",
        part_ids=[funded.city.part_a1.pk],
    )
    assert app.matter_id is None
    with pytest.raises(PermissionDeniedError):
        services.fund_use_open_decision(actor=actor("company_1"), application_id=app.pk)
    app = services.fund_use_open_decision(actor=actor("committee_a"), application_id=app.pk)
    assert Matter.objects.get(pk=app.matter_id).source_ref == app.source_ref
    with pytest.raises(ConflictError):
        services.fund_use_open_decision(actor=actor("committee_a"), application_id=app.pk)
