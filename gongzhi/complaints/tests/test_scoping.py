"""Scoping of every complaint page and endpoint: a department sees only what is routed to
it, a street only its subtree, a company only its projects, an owner only their own;
everything else is 404 (absent = forbidden)."""

from __future__ import annotations

import pytest

from gongzhi.jurisdictions.services import department_create


@pytest.fixture
def two(city, submit):
    mine = submit("illegal_charges")  # project A → market regulation
    other = submit("service_quality", as_user="owner_2", project=city.project_a, description="噪音")
    return mine, other


def test_department_sees_only_what_is_routed_to_it(city, login, submit):
    routed = submit("illegal_charges")
    not_routed = submit("service_quality")
    fire = department_create(actor=None, node=city.district, kind="fire_rescue")
    assert fire.pk != city.department.pk
    client = login("dept")
    page = client.get("/complaints/").content.decode()
    assert routed.number in page and not_routed.number not in page
    assert client.get(f"/complaints/{not_routed.pk}/").status_code == 404
    assert client.get(f"/api/v1/complaints/{not_routed.pk}").status_code == 404
    numbers = [c["number"] for c in client.get("/api/v1/complaints").json()["items"]]
    assert numbers == [routed.number]


def test_other_street_gets_404_everywhere(city, login, submit):
    complaint = submit()
    client = login("street_b")
    assert complaint.number not in client.get("/complaints/").content.decode()
    assert client.get(f"/complaints/{complaint.pk}/").status_code == 404
    assert client.post(f"/complaints/{complaint.pk}/accept/").status_code == 404
    assert client.get(f"/api/v1/complaints/{complaint.pk}").status_code == 404
    response = client.post(
        f"/api/v1/complaints/{complaint.pk}/actions/accept", {}, "application/json"
    )
    assert response.status_code == 404
    photo = complaint.photos.first()
    assert photo is None or client.get(f"/complaints/photos/{photo.pk}/").status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == "received"


def test_own_street_and_bureau_see_it(city, login, submit):
    complaint = submit()
    for username in ("street_a", "bureau", "community_a", "company_1", "committee_a"):
        assert login(username).get(f"/complaints/{complaint.pk}/").status_code == 200


def test_other_company_gets_404(city, login, submit):
    complaint = submit()
    assert login("company_2").get(f"/complaints/{complaint.pk}/").status_code == 404


def test_owner_sees_only_their_own(city, login, two):
    mine, other = two
    client = login("owner_1")
    page = client.get("/complaints/mine/").content.decode()
    assert mine.number in page and other.number not in page
    assert client.get(f"/complaints/{other.pk}/").status_code == 404
    assert client.get(f"/api/v1/complaints/{other.pk}").status_code == 404
    assert client.post(f"/complaints/{other.pk}/confirm/", {"rating": "5"}).status_code == 404


def test_owner_cannot_open_the_work_queue_or_statistics(city, login):
    client = login("owner_1")
    assert client.get("/complaints/").status_code == 403
    assert client.get("/complaints/statistics/").status_code == 403
    assert client.get("/complaints/intake/").status_code == 403


def test_owner_photo_is_visible_to_the_owner_and_not_to_others(city, login, submit):
    from .conftest import png

    complaint = submit(photos=[png()])
    photo = complaint.photos.get()
    assert login("owner_1").get(f"/complaints/photos/{photo.pk}/").status_code == 200
    assert login("owner_2").get(f"/complaints/photos/{photo.pk}/").status_code == 404
    assert login("street_b").get(f"/complaints/photos/{photo.pk}/").status_code == 404


def test_photo_is_served_as_the_image_its_bytes_say(city, login, submit):
    from .conftest import png

    complaint = submit(photos=[png("evil.html")])
    photo = complaint.photos.get()
    response = login("owner_1").get(f"/complaints/photos/{photo.pk}/")
    assert response["Content-Type"] == "image/png"
