"""POST /requests against GeoReport v2: the api_key, the location, the service code, the
sizes, and the complaint it becomes (channel open311, routed by the responsibility list,
seed 003 §五; 000 §5)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from gongzhi.complaints.models import Complaint
from gongzhi.core.sms import MemorySmsBackend
from gongzhi.open311.models import Open311Client, Open311Request
from gongzhi.open311.services import client_create, client_revoke

from .conftest import COMMUNITY_A, STREET_A, STREET_B, xml


def test_valid_key_creates_a_routed_open311_complaint_json(codes, post):
    # when a hotline platform posts a blocked-charging matter with the district key
    response = post(service_code="illegal_charges", phone="13912345678", account_id="A-7")
    # then GeoReport answers 201 with the complaint number, notice and account id
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json; charset=utf-8"
    [row] = response.json()
    complaint = Complaint.objects.get()
    assert row["service_request_id"] == complaint.number
    assert row["account_id"] == "A-7"
    assert row["service_notice"] == complaint.routing_note != ""
    # and the complaint came through complaint_submit: channel, place, routing, deadlines
    assert complaint.channel == "open311"
    assert complaint.node_id == codes.street_a.pk
    assert complaint.party == "department"
    assert complaint.department_id == codes.department.pk  # market regulation
    assert complaint.status == "received" and complaint.resolve_due is not None
    assert complaint.events.get().action == "submit"
    link = Open311Request.objects.get()
    assert link.complaint == complaint and link.client.name == "12345 热线平台"


def test_valid_key_creates_a_request_xml(codes, post):
    response = post("xml")
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == "service_requests"
    [request] = list(root)
    assert request.tag == "request"
    assert {child.tag for child in request} >= {
        "service_request_id",
        "service_notice",
        "account_id",
    }
    assert request.findtext("service_request_id") == Complaint.objects.get().number


def test_the_callers_phone_gets_the_receipt_sms(codes, post, django_capture_on_commit_callbacks):
    MemorySmsBackend.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert post(phone="13912345678").status_code == 201
    number = Complaint.objects.get().number
    assert [(to, number in text) for to, text in MemorySmsBackend.outbox] == [("13912345678", True)]


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("api_key", [None, "", "o311_unknown", "gz_not-an-open311-key"])
def test_missing_or_invalid_key_is_403_and_writes_nothing(codes, post, fmt, api_key):
    response = post(fmt, api_key=api_key)
    assert response.status_code == 403
    if fmt == "json":
        [error] = response.json()
        assert error["code"] == 403 and "api_key" in error["description"]
    else:
        root = xml(response)
        assert root.tag == "errors"
        assert root.find("error/code").text == "403"
        assert root.find("error/description").text
    assert not Complaint.objects.exists()


def test_revoked_key_is_refused(codes, post, key):
    client = Open311Client.objects.get()
    client_revoke(actor=None, pk=client.pk)
    assert post().status_code == 403
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_a_400_error_document(codes, post, fmt):
    response = post(fmt, service_code="pothole")
    assert response.status_code == 400
    if fmt == "json":
        [error] = response.json()
        assert error["code"] == 400 and error["description"].startswith("service_code:")
    else:
        assert xml(response).find("error/description").text.startswith("service_code:")
    assert not Complaint.objects.exists()


def test_missing_service_code_is_400(codes, post):
    response = post(service_code="")
    assert response.status_code == 400
    assert any(e["description"].startswith("service_code:") for e in response.json())


@pytest.mark.parametrize(
    "fields",
    [
        {"lat": None, "long": None},
        {"lat": "", "long": ""},
        {"long": None},  # lat without long
    ],
)
def test_missing_location_is_400(codes, post, fields):
    response = post(**fields)
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_address_string_alone_is_a_location(codes, post):
    response = post(lat=None, long=None, address_string="东城街道人民路8号")
    assert response.status_code == 201
    assert Complaint.objects.get().address == "东城街道人民路8号"


def test_address_id_names_the_project_and_routes_to_its_company(codes, post):
    # given address_id = project A's id (its 物业管理区域) and a service-quality matter
    response = post(
        lat=None, long=None, address_id=str(codes.project_a.pk), service_code="service_quality"
    )
    # then the complaint lies in project A and goes to its property company
    assert response.status_code == 201
    complaint = Complaint.objects.get()
    assert complaint.project_id == codes.project_a.pk
    assert complaint.node_id == codes.community_a.pk
    assert complaint.party == "company" and complaint.company_id == codes.company_1.pk


def test_address_id_outside_the_jurisdiction_is_400(codes, post):
    response = post(jurisdiction_id=STREET_A, address_id=str(codes.project_b.pk))
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("address_id:")
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("fields", "parameter"),
    [
        ({"description": ""}, "description"),
        ({"description": "长" * 2001}, "description"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"media_url": "https://example.org/" + "a" * 500}, "media_url"),
        ({"email": "not-an-email"}, "email"),
        ({"lat": "91", "long": "112"}, "lat"),
        ({"lat": "north", "long": "112"}, "lat"),
        ({"phone": "12"}, "phone"),
        ({"device_id": "d" * 65}, "device_id"),
        ({"first_name": "名" * 33}, "first_name"),
        ({"address_string": "路" * 256}, "address_string"),
    ],
)
def test_bad_fields_are_400_naming_the_parameter_and_write_nothing(codes, post, fields, parameter):
    response = post(**fields)
    assert response.status_code == 400
    assert any(e["description"].startswith(f"{parameter}:") for e in response.json())
    assert not Complaint.objects.exists() and not Open311Request.objects.exists()


def test_description_at_the_limit_is_accepted(codes, post):
    assert post(description="长" * 2000).status_code == 201


def test_media_url_is_kept_and_published(codes, post, client):
    post(media_url="https://img.example.org/1.jpg")
    number = Complaint.objects.get().number
    [row] = client.get(f"/open311/v2/requests/{number}.json").json()
    assert row["media_url"] == "https://img.example.org/1.jpg"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_jurisdiction_id_is_404(codes, post, fmt):
    response = post(fmt, jurisdiction_id="999999")
    assert response.status_code == 404
    assert not Complaint.objects.exists()


def test_a_key_posts_only_into_its_own_jurisdiction(codes, post):
    # given a key issued for street A
    raw = client_create(actor=None, name="东城街道网格平台", node=codes.street_a)[1]
    # then it posts into street A and below, not into street B or the district
    assert post(api_key=raw, jurisdiction_id=COMMUNITY_A).status_code == 201
    assert post(api_key=raw, jurisdiction_id=STREET_B).status_code == 403
    assert post(api_key=raw, jurisdiction_id="430502").status_code == 403
    # and without jurisdiction_id the key's own jurisdiction is used
    assert post(api_key=raw, jurisdiction_id=None).status_code == 201
    assert sorted(Complaint.objects.values_list("node_id", flat=True)) == sorted(
        [codes.community_a.pk, codes.street_a.pk]
    )


def test_a_platform_wide_key_must_name_a_jurisdiction(codes, post):
    raw = client_create(actor=None, name="省级平台", node=None)[1]
    response = post(api_key=raw, jurisdiction_id=None)
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("jurisdiction_id:")
    assert post(api_key=raw, jurisdiction_id=STREET_B).status_code == 201


def test_post_needs_no_csrf_token(codes, key):
    machine = Client(enforce_csrf_checks=True)
    response = machine.post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "jurisdiction_id": STREET_A,
            "service_code": "other",
            "description": "路灯不亮",
            "address_string": "人民路",
        },
    )
    assert response.status_code == 201


def test_the_token_leads_to_the_request(codes, post, client):
    row = post().json()[0]
    response = client.get(f"/open311/v2/tokens/{row['token']}.json")
    assert response.status_code == 200
    assert response.json() == [
        {"service_request_id": row["service_request_id"], "token": row["token"]}
    ]
    root = xml(client.get(f"/open311/v2/tokens/{row['token']}.xml"))
    assert root.tag == "service_requests"
    assert root.find("request/service_request_id").text == row["service_request_id"]
    assert client.get("/open311/v2/tokens/nonsense.json").status_code == 404
    other = client.get(f"/open311/v2/tokens/{row['token']}.json", {"jurisdiction_id": STREET_B})
    assert other.status_code == 404


def test_other_methods_are_405_error_documents(codes, client):
    response = client.delete("/open311/v2/requests.json")
    assert response.status_code == 405
    assert json.loads(response.content)[0]["code"] == 405
    assert client.post("/open311/v2/services.xml").status_code == 405
