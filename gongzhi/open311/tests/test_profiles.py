"""An Open311 intake follows the policy profile in force when it arrives: the node named by
``jurisdiction_id`` inherits its profile from the district, read once per request (no
process-wide copy that a changed assignment would leave stale). Things thrown from height
go to public security nationally (民法典 art. 1254) and to urban management in Ziyang
(seed 003 §五(一)2(20))."""

from __future__ import annotations

from gongzhi.complaints.models import Complaint
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.services import department_create
from gongzhi.open311.tests.conftest import STREET_A


def _department_of(response) -> int | None:
    assert response.status_code == 201, response.content
    number = response.json()[0]["service_request_id"]
    return Complaint.objects.get(number=number).department_id


def test_a_changed_district_profile_routes_the_next_request(codes, post) -> None:
    police = department_create(actor=None, node=codes.district, kind="public_security")
    urban = department_create(actor=None, node=codes.district, kind="urban_management")
    assert Jurisdiction.objects.get(division_code=STREET_A).profile_id == ""
    first = post(service_code="thrown_from_height", description="楼上扔下花盆")
    assert _department_of(first) == police.pk

    Jurisdiction.objects.filter(pk=codes.district.pk).update(profile_id="hunan-ziyang")
    second = post(service_code="thrown_from_height", description="楼上又扔下花盆")
    assert _department_of(second) == urban.pk
