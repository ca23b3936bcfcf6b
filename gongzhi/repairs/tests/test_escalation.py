"""A repair the owner is not satisfied with becomes a complaint in one step, keeping the
request's history and photos; the complaints app takes it through its service."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.complaints import selectors as complaint_selectors
from gongzhi.complaints.models import Complaint, ComplaintEvent
from gongzhi.core import clock
from gongzhi.core.errors import DomainError
from gongzhi.repairs import services
from gongzhi.repairs.models import RepairRequest
from gongzhi.repairs.tests.conftest import png

S = RepairRequest.Status


def test_a_badly_rated_repair_becomes_a_complaint_with_its_history(
    city, actor, worker, request_repair
):
    # given a common-part repair, finished and rated one star
    start = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
    with clock.frozen(start):
        repair = request_repair(
            place="common", part_id=None, project_id=city.project_a.pk,
            location="1栋电梯", category="elevator", description="电梯异响", photos=[png()],
        )  # fmt: skip
    company, owner = actor("company_1"), actor("owner_1")
    with clock.frozen(start + dt.timedelta(hours=1)):
        services.repair_dispatch(actor=company, pk=repair.pk, worker_id=worker.pk)
    with clock.frozen(start + dt.timedelta(hours=5)):
        services.repair_complete(actor=company, pk=repair.pk, note="已调整")
        services.repair_rate(actor=owner, pk=repair.pk, rating=1)
    # when the owner turns it into a complaint
    repair = services.repair_escalate(actor=owner, pk=repair.pk, reason="第二天又坏了")
    # then the complaint exists, routed by the responsibility list, and links back
    complaint = Complaint.objects.get()
    assert repair.status == S.ESCALATED and repair.complaint == complaint
    assert complaint.submitter == city.users["owner_1"] and complaint.channel == "owner"
    assert complaint.category == "common_repairs" and complaint.party == "company"
    assert complaint.description == "第二天又坏了" and complaint.place == "1栋电梯"
    assert complaint.photos.count() == 1
    # and its history starts with the repair's steps, dated when they happened
    events = list(ComplaintEvent.objects.filter(complaint=complaint).order_by("at", "pk"))
    prior = [e for e in events if e.action == "prior"]
    assert len(prior) == 4  # requested, dispatched, finished, rated
    assert prior[0].at == start and repair.number in prior[0].public_note
    assert "刘师傅" in prior[1].public_note and "已调整" in prior[2].public_note
    assert events[-2].action == "submit" or events[-1].action == "continued"
    # and the owner reads the whole history on the complaint
    history = complaint_selectors.complaint_history(owner, complaint)
    assert [h["action"] for h in history][:4] == ["prior"] * 4


def test_an_open_repair_can_be_escalated_but_a_well_rated_one_cannot(
    city, actor, worker, request_repair
):
    open_one = request_repair()
    services.repair_escalate(actor=actor("owner_1"), pk=open_one.pk, reason="三天没人来")
    assert Complaint.objects.get().category == "service_quality"
    good = request_repair()
    services.repair_dispatch(actor=actor("company_1"), pk=good.pk, worker_id=worker.pk)
    services.repair_complete(actor=actor("company_1"), pk=good.pk, note="好了")
    services.repair_rate(actor=actor("owner_1"), pk=good.pk, rating=4)
    with pytest.raises(DomainError):
        services.repair_escalate(actor=actor("owner_1"), pk=good.pk, reason="想投诉")
    assert Complaint.objects.count() == 1
    assert RepairRequest.objects.get(pk=good.pk).status == S.RATED


def test_escalation_without_a_reason_changes_nothing(city, actor, request_repair):
    repair = request_repair()
    with pytest.raises(DomainError) as error:
        services.repair_escalate(actor=actor("owner_1"), pk=repair.pk, reason=" ")
    assert "reason" in error.value.fields
    assert Complaint.objects.count() == 0
    assert RepairRequest.objects.get(pk=repair.pk).status == S.SUBMITTED


def test_a_refused_complaint_rolls_the_escalation_back(city, actor, request_repair):
    # the owner sold the home: the complaints service refuses, the repair stays as it was
    repair = request_repair()
    city.owner_1.ownerships.all().delete()
    with pytest.raises(DomainError):
        services.repair_escalate(actor=actor("owner_1"), pk=repair.pk, reason="没人来")
    assert Complaint.objects.count() == 0
    assert RepairRequest.objects.get(pk=repair.pk).status == S.SUBMITTED
