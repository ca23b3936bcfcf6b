"""/api/v1/complaints: intake, list, detail with history, actions, categories."""

from __future__ import annotations

from gongzhi.complaints.models import Complaint


def test_owner_submits_and_confirms_through_the_api(city, login, actor):

    client = login("owner_1")
    response = client.post(
        "/api/v1/complaints",
        {
            "category": "neighbour_dispute",
            "description": "楼上噪音",
            "project_id": city.project_a.pk,
            "contact_phone": "13900001111",
            "latitude": "28.600000",
            "longitude": "112.330000",
        },
        "application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["channel"] == "api" and body["party"] == "community"
    assert body["public_status"] == "open" and body["contact_phone"] == "139****1111"
    assert body["history"][0]["action"] == "submit"
    pk = body["id"]
    officer = login("community_a")
    for action in ("accept", "assign", "start"):
        response = officer.post(f"/api/v1/complaints/{pk}/actions/{action}", {}, "application/json")
        assert response.status_code == 200, response.content
    response = officer.post(
        f"/api/v1/complaints/{pk}/actions/resolve",
        {"public_note": "已调解", "internal_note": "双方签字"},
        "application/json",
    )
    assert response.json()["public_status"] == "closed"
    client = login("owner_1")
    detail = client.get(f"/api/v1/complaints/{pk}").json()
    assert all(event["internal_note"] == "" for event in detail["history"])
    assert detail["actions"] == ["confirm", "reopen"]
    response = client.post(
        f"/api/v1/complaints/{pk}/actions/confirm", {"rating": 5}, "application/json"
    )
    assert response.json()["satisfaction"] == 5
    assert Complaint.objects.get().status == "confirmed"


def test_illegal_transition_over_the_api_is_a_conflict(city, login, submit):
    complaint = submit()
    client = login("owner_1")
    response = client.post(
        f"/api/v1/complaints/{complaint.pk}/actions/confirm", {"rating": 5}, "application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "conflict"


def test_categories_list_the_responsibility_list(city, login):
    body = login("street_a").get("/api/v1/complaints/categories").json()
    assert {"code": "fire_lane_blocked"}.items() <= next(
        c for c in body if c["code"] == "fire_lane_blocked"
    ).items()


def test_open311_channel_accepts_an_anonymous_actor_with_a_node(city):
    """The Open311 adapter calls complaint_submit with an anonymous actor and a node."""
    from gongzhi.complaints.selectors import public_status
    from gongzhi.complaints.services import complaint_submit
    from gongzhi.core.scoping import ANONYMOUS

    complaint = complaint_submit(
        actor=ANONYMOUS,
        channel="open311",
        category="pollution",
        description="河边倾倒垃圾",
        node=city.street_b,
        latitude="28.123456",
        longitude="112.654321",
        address="西城路1号",
    )
    assert complaint.submitter_id is None and complaint.node_id == city.street_b.pk
    assert complaint.party == "street" and public_status(complaint) == "open"
    assert str(complaint.latitude) == "28.123456"


def test_anonymous_actor_may_not_use_the_owner_channel(city):
    import pytest

    from gongzhi.complaints.services import complaint_submit
    from gongzhi.core.errors import PermissionDeniedError
    from gongzhi.core.scoping import ANONYMOUS

    with pytest.raises(PermissionDeniedError):
        complaint_submit(
            actor=ANONYMOUS,
            channel="owner",
            category="pollution",
            description="x",
            node=city.street_b,
        )
    assert not Complaint.objects.exists()
