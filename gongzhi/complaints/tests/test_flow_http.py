"""The whole complaint flow over HTTP, for each responsible party and tier
(seed 002 §二(一)2; 003 §四(二)–(三), §五), with the history each side sees."""

from __future__ import annotations

import pytest

from gongzhi.complaints.models import Complaint, ComplaintEvent
from gongzhi.events.models import DomainEvent

from .conftest import png


def _act(client, complaint, action, **data):
    return client.post(f"/complaints/{complaint.pk}/{action}/", data)


def test_owner_complaint_against_the_company_runs_to_confirmation(city, login):
    # given an owner of project A filing through the phone form, with a photo
    client = login("owner_1")
    response = client.post(
        "/complaints/new/",
        {
            "project": city.project_a.pk,
            "place": "1栋1单元",
            "category": "service_quality",
            "description": "楼道三天没有保洁",
            "photos": [png()],
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.party == "company" and complaint.company_id == city.company_1.pk
    assert complaint.tier_node_id == city.community_a.pk
    assert complaint.photos.count() == 1
    # when the community accepts and assigns, the company handles and resolves
    client = login("community_a")
    assert _act(client, complaint, "accept").status_code == 302
    assert _act(client, complaint, "assign", internal_note="请尽快处理").status_code == 302
    client = login("company_1")
    assert _act(client, complaint, "start").status_code == 302
    response = _act(client, complaint, "resolve", public_note="已安排保洁", substantiated="1")
    assert response.status_code == 302
    # then the substantiated complaint is a domain event for the credit capability
    event = DomainEvent.objects.get(kind="complaints.substantiated")
    assert event.data["company_id"] == city.company_1.pk
    assert event.data["project_id"] == city.project_a.pk
    assert event.data["category"] == "service_quality"
    assert event.data["number"] == complaint.number
    # and the owner confirms with a rating, seeing the history without internal notes
    client = login("owner_1")
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "已安排保洁" in page and "请尽快处理" not in page
    assert _act(client, complaint, "confirm", rating="4").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "confirmed" and complaint.satisfaction == 4
    actions = list(
        ComplaintEvent.objects.filter(complaint=complaint).values_list("action", flat=True)
    )
    assert actions == ["submit", "accept", "assign", "start", "resolve", "confirm"]
    # the officials still read the internal note
    client = login("community_a")
    assert "请尽快处理" in client.get(f"/complaints/{complaint.pk}/").content.decode()


def test_department_matter_is_handled_by_the_department(city, login, submit):
    """illegal_charges → market regulation (物业管理条例 art. 40; 003 §五(一)3(2))."""
    complaint = submit("illegal_charges")
    assert complaint.party == "department" and complaint.department_id == city.department.pk
    client = login("dept")
    assert client.get("/complaints/").content.decode().count(complaint.number) == 1
    for action in ("accept", "assign", "start"):
        assert _act(client, complaint, action).status_code == 302
    assert _act(client, complaint, "resolve", public_note="已责令退还").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "resolved" and complaint.substantiated is None
    assert not DomainEvent.objects.filter(kind="complaints.substantiated").exists()


def test_owner_reopens_and_the_handler_starts_again(city, login, submit, actor):
    from gongzhi.complaints import services

    complaint = submit("neighbour_dispute")
    assert complaint.party == "community"
    officer = actor("community_a")
    for step in ("accept", "assign", "start"):
        services.ACTIONS[step](actor=officer, pk=complaint.pk)
    services.complaint_resolve(actor=officer, pk=complaint.pk, public_note="已调解")
    client = login("owner_1")
    assert _act(client, complaint, "reopen", public_note="噪音依旧").status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == "reopened" and complaint.due_on is not None
    assert _act(login("community_a"), complaint, "start").status_code == 302


def test_hotline_work_order_entered_by_the_community(city, login):
    """003 §五(二)2(2): the community's 物管员 handles 12345 work orders."""
    client = login("community_a")
    response = client.post(
        "/complaints/intake/",
        {
            "channel": "hotline_12345",
            "hotline_number": "2026112300123",
            "project": city.project_a.pk,
            "category": "common_repairs",
            "description": "来电反映电梯故障",
            "contact_name": "刘先生",
            "contact_phone": "13912345678",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == "hotline_12345" and complaint.submitter_id is None
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "139****5678" in page and "13912345678" not in page


def test_patrol_finding_on_a_street_goes_to_the_street(city, login):
    """002 §二(一)1(2): a patrol reports illegal building; no department → the street."""
    client = login("street_a")
    response = client.post(
        "/complaints/intake/",
        {
            "channel": "patrol",
            "node": city.street_a.pk,
            "place": "东城路12号",
            "category": "illegal_building",
            "description": "沿街违法搭建板房",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.project_id is None and complaint.party == "street"
    assert complaint.tier_node_id == city.street_a.pk
    for action in ("accept", "assign", "start"):
        assert _act(client, complaint, action).status_code == 302
    assert _act(client, complaint, "resolve", public_note="已拆除").status_code == 302
    # the street records the call-back for a finding without a complainant
    assert _act(client, complaint, "confirm", rating="5").status_code == 302


def test_transfer_needs_a_reason_and_moves_the_matter(city, login, submit):
    complaint = submit("neighbour_dispute")
    client = login("community_a")
    response = _act(
        client, complaint, "transfer", party="department", department=city.department.pk
    )
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.party == "community" and complaint.status == "received"
    response = _act(
        client,
        complaint,
        "transfer",
        party="department",
        department=city.department.pk,
        reason="涉及收费，属市场监管职责",
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.party == "department" and complaint.status == "assigned"
    assert complaint.department_id == city.department.pk
    assert complaint.number in login("dept").get("/complaints/").content.decode()


def test_bureau_supervises_with_a_note_and_a_new_deadline(city, login, submit):
    complaint = submit()
    client = login("street_a")
    assert _act(client, complaint, "supervise", note="x", due="2099-01-01").status_code == 403
    client = login("bureau")
    response = _act(client, complaint, "supervise", note="请三日内办结", due="2099-01-01")
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.supervised_at is not None and str(complaint.due_on) == "2099-01-01"
    assert complaint.status == "received"
    assert ComplaintEvent.objects.filter(complaint=complaint, action="supervise").exists()


@pytest.mark.parametrize("username", ["owner_1", "community_a", "company_1", "dept", "bureau"])
def test_pages_are_in_chinese(city, login, submit, username):
    complaint = submit("illegal_charges")
    client = login(username)
    url = "/complaints/mine/" if username == "owner_1" else "/complaints/"
    assert "投诉" in client.get(url).content.decode()
    assert client.get(f"/complaints/{complaint.pk}/").status_code == 200
