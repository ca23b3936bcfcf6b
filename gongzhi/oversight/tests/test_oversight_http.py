"""Joint meetings with follow-up tasks (seed 003 §四(一); seed 002 §二(一)1(1)) and talks
with companies whose complaints concentrate (seed 002 §四(三): 约谈警告、信用扣分), through
the pages and /api/v1, with each actor's scope."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditEntry
from gongzhi.complaints import services as complaints
from gongzhi.core import clock
from gongzhi.credit.models import CreditRecord
from gongzhi.events.models import DomainEvent
from gongzhi.oversight.models import JointMeeting, MeetingTask, Talk
from gongzhi.testing import City

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        JointMeeting.objects.count(),
        MeetingTask.objects.count(),
        Talk.objects.count(),
        AuditEntry.objects.count(),
    )


def _meeting_form(city: City, **changes: Any) -> dict[str, Any]:
    data = {
        "node": city.street_a.pk,
        "kind": "regular",
        "held_on": clock.today().isoformat(),
        "place": "东城街道会议室",
        "topic": "幸福家园电梯停运问题",
        "attendees": "东城街道 王主任\n市场监管所 李科长\n幸福社区 赵书记",
        "minutes": "电梯维保单位限期整改。",
        "task_0_description": "督促维保单位一周内修复2号电梯",
        "task_0_department": city.department.pk,
        "task_0_due_on": (clock.today() + dt.timedelta(days=7)).isoformat(),
    }
    return {**data, **changes}


def test_street_records_a_meeting_and_the_department_reports_its_task(city, login):
    """Seed 002 §二(一)1(1): the street convenes the joint meeting with the departments; the
    matter it decided is followed up by the department and accepted by the street."""
    client = login("street_a")
    # given the street records a held meeting with one decided matter
    response = client.post("/oversight/meetings/new/", _meeting_form(city))
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = JointMeeting.objects.get()
    task = meeting.tasks.get()
    assert (meeting.node, meeting.attendees[1]) == (city.street_a, "市场监管所 李科长")
    assert (task.department, task.status) == (city.department, MeetingTask.Status.OPEN)
    # the department sees its task and reports it done; it may not accept its own report
    client = login("dept")
    assert "督促维保单位" in client.get("/oversight/tasks/").content.decode()
    assert client.post(f"/oversight/tasks/{task.pk}/report/", {"report": ""}).status_code == 400
    assert (
        client.post(f"/oversight/tasks/{task.pk}/report/", {"report": "已修复并验收"}).status_code
        == 302
    )
    assert client.post(f"/oversight/tasks/{task.pk}/accept/").status_code == 403
    # the street returns it once with a reason, then accepts the second report
    client = login("street_a")
    assert client.post(f"/oversight/tasks/{task.pk}/return/", {"note": ""}).status_code == 400
    assert (
        client.post(f"/oversight/tasks/{task.pk}/return/", {"note": "请附验收单"}).status_code
        == 302
    )
    login("dept").post(f"/oversight/tasks/{task.pk}/report/", {"report": "验收单已上传"})
    assert login("street_a").post(f"/oversight/tasks/{task.pk}/accept/").status_code == 302
    task.refresh_from_db()
    assert (task.status, task.report) == (MeetingTask.Status.DONE, "验收单已上传")
    transitions = AuditEntry.objects.filter(action="transition", target_id=str(task.pk))
    assert transitions.count() == 4


def test_bad_meeting_input_changes_nothing(city, login):
    client = login("street_a")
    before = _counts()
    future = (clock.today() + dt.timedelta(days=1)).isoformat()
    response = client.post("/oversight/meetings/new/", _meeting_form(city, held_on=future))
    assert response.status_code == 400
    assert "召开" in response.content.decode()  # translated: record it once it has been held
    late = _meeting_form(city, task_0_due_on=clock.today().isoformat())
    assert client.post("/oversight/meetings/new/", late).status_code == 400
    alone = _meeting_form(city, attendees="东城街道 王主任")
    assert client.post("/oversight/meetings/new/", alone).status_code == 400
    # a street cannot record a meeting of the other street
    other = _meeting_form(city, node=city.street_b.pk)
    assert client.post("/oversight/meetings/new/", other).status_code == 400
    assert _counts() == before


def test_meetings_are_scoped_to_the_convening_area(city, login):
    login("street_a").post("/oversight/meetings/new/", _meeting_form(city))
    meeting = JointMeeting.objects.get()
    assert login("street_a").get(f"/oversight/meetings/{meeting.pk}/").status_code == 200
    assert login("bureau").get(f"/oversight/meetings/{meeting.pk}/").status_code == 200
    client = login("street_b")
    assert client.get(f"/oversight/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/api/v1/oversight/meetings/{meeting.pk}").status_code == 404
    assert client.get("/api/v1/oversight/meetings").json()["count"] == 0
    assert client.get("/api/v1/oversight/tasks").json()["count"] == 0
    # the company and the owners never reach the meetings
    assert login("company_1").get("/oversight/").status_code == 403
    assert login("owner_1").get("/api/v1/oversight/meetings").json()["count"] == 0


def test_half_yearly_profile_shows_the_next_meeting_due_seed_003_4_1(city, login):
    """Seed 003 §四(一) (hunan-ziyang): every half year. A node on that profile with a
    regular meeting seven months ago shows it overdue, on the page and in the API."""
    city.district.profile_id = "hunan-ziyang"
    city.district.save(update_fields=["profile_id"])
    held = clock.today() - dt.timedelta(days=213)
    login("street_a").post(
        "/oversight/meetings/new/",
        _meeting_form(city, held_on=held.isoformat(), task_0_due_on=clock.today().isoformat()),
    )
    rows = login("street_a").get("/api/v1/oversight/meetings/due").json()
    assert [(r["node_id"], r["overdue"], r["last_held"]) for r in rows] == [
        (city.street_a.pk, True, held.isoformat())
    ]
    assert "下一次定期会议" in rows[0]["explanation"] or "定期" in rows[0]["explanation"]
    page = login("street_a").get("/oversight/").content.decode()
    assert f'data-testid="due-{city.street_a.pk}"' in page


def _substantiated(city: City, n: int) -> None:
    owner, community = actor_for(city.users["owner_1"]), actor_for(city.users["community_a"])
    company = actor_for(city.users["company_1"])
    for i in range(n):
        complaint = complaints.complaint_submit(
            actor=owner,
            channel="owner",
            category="service_quality",
            description=f"楼道无人保洁 {i}",
            project=city.project_a,
            place="1栋",
        )
        complaints.complaint_accept(actor=community, pk=complaint.pk)
        complaints.complaint_assign(actor=community, pk=complaint.pk)
        complaints.complaint_start(actor=company, pk=complaint.pk)
        complaints.complaint_resolve(
            actor=company, pk=complaint.pk, public_note="已整改", substantiated=True
        )


def test_concentrated_complaints_lead_to_a_warning_talk_and_a_credit_event(
    city, login, django_capture_on_commit_callbacks
):
    """Seed 002 §四(三): 对投诉集中、整改不到位的物业服务企业，依法采取约谈警告、信用扣分.
    National profile: three substantiated complaints in 90 days (a Gongzhi default)."""
    _substantiated(city, 2)
    client = login("street_a")
    assert client.get("/api/v1/oversight/talks/candidates").json() == []
    _substantiated(city, 1)
    candidates = client.get("/api/v1/oversight/talks/candidates").json()
    assert [(c["company_id"], c["substantiated"]) for c in candidates] == [(city.company_1.pk, 3)]
    # the other street sees no candidate in its area
    assert login("street_b").get("/api/v1/oversight/talks/candidates").json() == []
    # when the street schedules and holds a warning talk with a rectification deadline
    client = login("street_a")
    response = client.post(
        "/api/v1/oversight/talks",
        {
            "node_id": city.street_a.pk,
            "company_id": city.company_1.pk,
            "scheduled_on": clock.today().isoformat(),
            "place": "街道办",
            "reason": "投诉集中",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    talk = Talk.objects.get(pk=response.json()["id"])
    assert talk.complaints_counted == 3
    due = (clock.today() + dt.timedelta(days=30)).isoformat()
    bad = client.post(f"/oversight/talks/{talk.pk}/hold/", {"outcome": "warning", "minutes": ""})
    assert bad.status_code == 400
    assert not DomainEvent.objects.filter(kind="oversight.warning_issued").exists()
    with django_capture_on_commit_callbacks(execute=True):  # deliver the event after commit
        held = client.post(
            f"/oversight/talks/{talk.pk}/hold/",
            {
                "outcome": "warning",
                "held_on": clock.today().isoformat(),
                "minutes": "责令整改",
                "attendees": "公司总经理",
                "rectification_due": due,
            },
        )
    assert held.status_code == 302
    event = DomainEvent.objects.get(kind="oversight.warning_issued")
    assert (event.data["talk_id"], event.data["company_id"]) == (talk.pk, city.company_1.pk)
    # and credit recorded the catalogue's talk kind once (national profile: −3 points)
    record = CreditRecord.objects.get(company=city.company_1, source="talk")
    assert (record.kind_code, record.points, record.origin) == (
        "talk_warning",
        -3,
        f"talk:{talk.pk}",
    )
    assert record.occurred_on == clock.today()
    # the company sees its talk (not company 2's) and reports the rectification
    company = login("company_1")
    assert company.get(f"/oversight/talks/{talk.pk}/").status_code == 200
    assert login("company_2").get(f"/api/v1/oversight/talks/{talk.pk}").status_code == 404
    company = login("company_1")
    assert company.post(f"/oversight/talks/{talk.pk}/close/").status_code == 403
    assert (
        company.post(f"/oversight/talks/{talk.pk}/report/", {"report": "已增派保洁员"}).status_code
        == 302
    )
    assert login("street_a").post(f"/oversight/talks/{talk.pk}/close/").status_code == 302
    talk.refresh_from_db()
    assert (talk.status, talk.outcome) == (Talk.Status.CLOSED, Talk.Outcome.WARNING)
    # a warning talk held before the rectification report cannot be closed
    export = login("street_a").get("/oversight/talks/?format=xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_reminder_talk_makes_no_credit_event_and_closes_without_rectification(city, login):
    client = login("community_a")
    talk = Talk.objects.get(
        pk=client.post(
            "/api/v1/oversight/talks",
            {
                "node_id": city.community_a.pk,
                "company_id": city.company_1.pk,
                "scheduled_on": clock.today().isoformat(),
                "place": "社区",
                "reason": "提醒",
            },
            content_type="application/json",
        ).json()["id"]
    )
    response = client.post(
        f"/api/v1/oversight/talks/{talk.pk}/actions/hold",
        {"outcome": "reminder", "held_on": clock.today().isoformat(), "minutes": "提醒改进"},
        content_type="application/json",
    )
    assert response.json()["status"] == "held"
    assert not DomainEvent.objects.filter(kind="oversight.warning_issued").exists()
    report = client.post(
        f"/api/v1/oversight/talks/{talk.pk}/actions/report",
        {"report": "x"},
        content_type="application/json",
    )
    assert report.status_code == 400  # no rectification was asked
    close = client.post(
        f"/api/v1/oversight/talks/{talk.pk}/actions/close", {}, content_type="application/json"
    )
    assert close.json()["status"] == "closed"
