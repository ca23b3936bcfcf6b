"""Escalation of late complaints: community → street → district (seed 002 §二(一)2;
003 §四(二)), the parties notified by SMS, and never twice for the same lateness."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from gongzhi.complaints import services
from gongzhi.complaints.models import ComplaintDailyStat, ComplaintEscalation
from gongzhi.complaints.tasks import escalate_overdue
from gongzhi.core.sms import MemorySmsBackend


@pytest.fixture(autouse=True)
def _outbox():
    MemorySmsBackend.outbox.clear()
    yield
    MemorySmsBackend.outbox.clear()


def _late(complaint, days=1):
    return complaint.due_on + dt.timedelta(days=days)


def test_not_late_on_the_due_day(city, submit):
    complaint = submit(contact_phone="13912345678")
    assert services.complaints_escalate(today=complaint.due_on) == 0
    assert not ComplaintEscalation.objects.exists()


def test_late_complaint_goes_up_one_tier_and_parties_are_told(
    city, submit, django_capture_on_commit_callbacks
):
    complaint = submit(contact_phone="13912345678")
    assert complaint.tier_node_id == city.community_a.pk
    missed = complaint.due_on
    day = _late(complaint)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.complaints_escalate(today=day) == 1
    complaint.refresh_from_db()
    assert complaint.tier_node_id == city.street_a.pk
    assert complaint.escalations == 1 and complaint.due_on > day
    phones = {mobile for mobile, _text in MemorySmsBackend.outbox}
    assert "13912345678" in phones  # the complainant
    row = ComplaintEscalation.objects.get()
    assert (row.from_node_id, row.to_node_id, row.missed_due) == (
        city.community_a.pk,
        city.street_a.pk,
        missed,
    )
    assert ComplaintDailyStat.objects.filter(overdue=1).count() == 1


def test_nothing_escalates_twice_for_the_same_lateness(city, submit):
    complaint = submit()
    day = _late(complaint)
    missed = complaint.due_on
    assert services.complaints_escalate(today=day) == 1
    assert services.complaints_escalate(today=day) == 0
    assert services.complaint_escalate_one(complaint.pk, today=day) is False
    # even a lost update cannot escalate the same missed date again: the row is unique
    rows = ComplaintEscalation.objects.filter(complaint=complaint, missed_due=missed)
    assert rows.count() == 1


def test_a_new_lateness_escalates_again_up_to_the_top(city, submit):
    complaint = submit()
    services.complaints_escalate(today=_late(complaint))
    complaint.refresh_from_db()
    services.complaints_escalate(today=_late(complaint))
    complaint.refresh_from_db()
    assert complaint.tier_node_id == city.district.pk and complaint.escalations == 2
    services.complaints_escalate(today=_late(complaint))
    complaint.refresh_from_db()
    assert complaint.tier_node_id == city.district.pk and complaint.escalations == 3
    last = ComplaintEscalation.objects.order_by("-missed_due").first()
    assert last.to_node_id is None  # reported again at the top tier
    assert ComplaintDailyStat.objects.filter(overdue__gt=0).count() == 1  # counted once


def test_resolved_complaints_do_not_escalate(city, submit, actor):
    complaint = submit("neighbour_dispute")
    officer = actor("community_a")
    services.complaint_accept(actor=officer, pk=complaint.pk)
    services.complaint_resolve(actor=officer, pk=complaint.pk, public_note="已调解")
    assert services.complaints_escalate(today=dt.date(2099, 1, 1)) == 0


def test_the_street_can_act_after_escalation_and_the_community_cannot(city, submit, login):
    complaint = submit("neighbour_dispute")
    services.complaints_escalate(today=_late(complaint))
    assert login("community_a").post(f"/complaints/{complaint.pk}/accept/").status_code == 403
    assert login("street_a").post(f"/complaints/{complaint.pk}/accept/").status_code == 302


def test_task_and_command_run_the_same_service(city, submit, stop_clock, capsys):
    complaint = submit()
    stop_clock(_late(complaint))
    escalate_overdue.enqueue()
    complaint.refresh_from_db()
    assert complaint.escalations == 1
    call_command("complaints", "escalate", "--date", _late(complaint).isoformat())
    assert "1 complaint(s) escalated" in capsys.readouterr().out
    complaint.refresh_from_db()
    assert complaint.escalations == 2
