"""Bad input changes nothing: not an image, too big, unknown category, missing fields,
illegal transitions (e.g. confirming a complaint that is not resolved)."""

from __future__ import annotations

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.complaints.models import Complaint, ComplaintEvent, ComplaintPhoto
from gongzhi.complaints.services import PHOTO_MAX_BYTES

from .conftest import PNG, png


def _counts():
    return (
        Complaint.objects.count(),
        ComplaintPhoto.objects.count(),
        ComplaintEvent.objects.count(),
        AuditEntry.objects.filter(target_type="complaints.Complaint").count(),
    )


def _post(client, city, **extra):
    data = {
        "project": city.project_a.pk,
        "category": "service_quality",
        "description": "电梯故障",
    }
    data.update(extra)
    return client.post("/complaints/new/", data)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"photos": [png("x.png", b"%PDF-1.7 not an image")]}, "照片"),
        ({"photos": [png("big.png", PNG + b"\x00" * PHOTO_MAX_BYTES)]}, "过大"),
        ({"category": "ufo_sighting"}, "ufo_sighting"),
        ({"description": ""}, ""),
    ],
)
def test_bad_owner_form_changes_nothing(city, login, extra, message):
    client = login("owner_1")
    before = _counts()
    response = _post(client, city, **extra)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _counts() == before


def test_owner_cannot_file_for_a_project_where_they_own_nothing(city, login, actor):
    from gongzhi.complaints.services import complaint_submit
    from gongzhi.core.errors import DomainError

    before = _counts()
    with pytest.raises(DomainError) as error:
        complaint_submit(
            actor=actor("owner_1"),
            channel="owner",
            category="service_quality",
            description="x",
            project=city.project_b,
        )
    assert "project" in error.value.fields
    assert _counts() == before


def test_hotline_order_needs_its_number_and_call_back_phone(city, login):
    client = login("community_a")
    before = _counts()
    response = client.post(
        "/complaints/intake/",
        {
            "channel": "hotline_12345",
            "project": city.project_a.pk,
            "category": "common_repairs",
            "description": "来电",
        },
    )
    assert response.status_code == 400
    assert _counts() == before


def test_confirming_a_complaint_not_resolved_is_refused(city, login, submit):
    complaint = submit()
    before = _counts()
    response = login("owner_1").post(f"/complaints/{complaint.pk}/confirm/", {"rating": "5"})
    assert response.status_code == 409
    assert "“确认并评价”" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == "received" and complaint.satisfaction is None
    assert _counts() == before


def test_rating_outside_1_to_5_is_refused(city, login, submit, actor):
    from gongzhi.complaints import services

    complaint = submit("neighbour_dispute")
    officer = actor("community_a")
    for step in ("accept", "assign", "start"):
        services.ACTIONS[step](actor=officer, pk=complaint.pk)
    services.complaint_resolve(actor=officer, pk=complaint.pk, public_note="ok")
    before = _counts()
    for rating in ("0", "6", "abc", ""):
        response = login("owner_1").post(f"/complaints/{complaint.pk}/confirm/", {"rating": rating})
        assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == "resolved"
    assert _counts() == before


def test_resolving_against_a_company_needs_the_substantiated_flag(city, login, submit, actor):
    from gongzhi.complaints import services

    complaint = submit()
    officer = actor("community_a")
    services.complaint_accept(actor=officer, pk=complaint.pk)
    response = login("company_1").post(
        f"/complaints/{complaint.pk}/resolve/", {"public_note": "ok"}
    )
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == "accepted"


def test_company_cannot_accept_for_the_tier_of_another_party(city, login, submit):
    complaint = submit("illegal_charges")  # routed to the department, project A
    response = login("company_1").post(f"/complaints/{complaint.pk}/accept/")
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_api_errors_come_in_the_shared_format(city, login):
    client = login("owner_1")
    before = _counts()
    response = client.post(
        "/api/v1/complaints",
        {"category": "ufo", "description": "x", "project_id": city.project_a.pk},
        "application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "category" in body["fields"]
    assert _counts() == before
