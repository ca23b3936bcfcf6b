"""GET services, service definitions, requests and one request against GeoReport v2,
in JSON and XML: element names, filters, the 90-day window, the 1000 cap, jurisdiction
scoping and the absence of personal data."""

from __future__ import annotations

import datetime as dt

import pytest
from freezegun import freeze_time

from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints.models import Complaint
from gongzhi.complaints.services import (
    complaint_accept,
    complaint_resolve,
    complaint_submit,
    responsibility_list_save,
)
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.rules.complaints import Responsibility

from .conftest import DISTRICT, STREET_A, STREET_B, xml

SERVICE_FIELDS = [
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
]
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]


def _codes(city):
    items = effective_profile(city.district).table("complaint_responsibilities", Responsibility)
    return [item.code for item in items]


def _ids(response):
    return sorted(row["service_request_id"] for row in response.json())


# --- services ---------------------------------------------------------------------------


def test_service_list_json_is_the_responsibility_list(codes, client):
    response = client.get("/open311/v2/services.json", {"jurisdiction_id": DISTRICT})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    rows = response.json()
    assert [row["service_code"] for row in rows] == _codes(codes)
    fire = next(row for row in rows if row["service_code"] == "fire_lane_blocked")
    assert list(fire) == SERVICE_FIELDS
    assert fire["service_name"] == "占用消防通道"  # Chinese by default
    assert fire["metadata"] is False and fire["type"] == "realtime"
    assert fire["group"] == "消防救援"


def test_service_list_speaks_english_on_request(codes, client):
    rows = client.get("/open311/v2/services.json", HTTP_ACCEPT_LANGUAGE="en").json()
    fire = next(row for row in rows if row["service_code"] == "fire_lane_blocked")
    assert fire["service_name"] == "Blocked fire lane" and fire["group"] == "Fire and rescue"


def test_service_list_xml(codes, client):
    root = xml(client.get("/open311/v2/services.xml"))
    assert root.tag == "services"
    services = list(root)
    assert {s.tag for s in services} == {"service"}
    assert [s.findtext("service_code") for s in services] == _codes(codes)
    assert [child.tag for child in services[0]] == SERVICE_FIELDS
    assert services[0].findtext("metadata") == "false"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_service_definition(codes, client, fmt):
    response = client.get(f"/open311/v2/services/illegal_building.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        assert response.json() == {"service_code": "illegal_building", "attributes": []}
    else:
        root = xml(response)
        assert root.tag == "service_definition"
        assert root.findtext("service_code") == "illegal_building"
        assert root.find("attributes") is not None and list(root.find("attributes")) == []


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_definition_is_a_404_error_document(codes, client, fmt):
    response = client.get(f"/open311/v2/services/pothole.{fmt}")
    assert response.status_code == 404
    if fmt == "json":
        [error] = response.json()
        assert error["code"] == 404 and "service_code" in error["description"]
    else:
        root = xml(response)
        assert root.tag == "errors" and [e.tag for e in root] == ["error"]
        assert [c.tag for c in root[0]] == ["code", "description"]
        assert root.findtext("error/code") == "404"


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("path", ["services", "requests", "services/other", "requests/TS1"])
def test_unknown_jurisdiction_id_is_a_404_error_document(codes, client, fmt, path):
    response = client.get(f"/open311/v2/{path}.{fmt}", {"jurisdiction_id": "110101"})
    assert response.status_code == 404
    if fmt == "json":
        assert response.json()[0]["code"] == 404
    else:
        assert xml(response).findtext("error/code") == "404"


def test_unsupported_format_is_not_served(codes, client):
    assert client.get("/open311/v2/services.csv").status_code == 404


# --- requests ---------------------------------------------------------------------------


def test_request_list_and_one_request_json(codes, post, client):
    number = post().json()[0]["service_request_id"]
    rows = client.get("/open311/v2/requests.json").json()
    assert [row["service_request_id"] for row in rows] == [number]
    [row] = rows
    assert list(row) == REQUEST_FIELDS
    assert row["status"] == "open"
    assert row["service_code"] == "contract_performance"
    assert row["service_name"] == "不履行物业服务合同"
    assert row["agency_responsible"] == "东城街道"
    assert row["lat"] == pytest.approx(28.228) and row["long"] == pytest.approx(112.9388)
    complaint = Complaint.objects.get()
    assert row["expected_datetime"].startswith(complaint.resolve_due.isoformat())
    assert row["requested_datetime"].endswith("+08:00")
    assert client.get(f"/open311/v2/requests/{number}.json").json() == rows


def test_request_list_and_one_request_xml(codes, post, client):
    number = post().json()[0]["service_request_id"]
    root = xml(client.get("/open311/v2/requests.xml"))
    assert root.tag == "service_requests"
    [request] = list(root)
    assert request.tag == "request"
    assert [child.tag for child in request] == REQUEST_FIELDS
    assert request.findtext("service_request_id") == number
    one = xml(client.get(f"/open311/v2/requests/{number}.xml"))
    assert one.tag == "service_requests" and one.findtext("request/status") == "open"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_request_is_a_404_error_document(codes, client, fmt):
    response = client.get(f"/open311/v2/requests/TS000.{fmt}")
    assert response.status_code == 404


def test_status_filter_and_public_notes_only(codes, post, client):
    # given two requests, one resolved by street A with a public and an internal note
    first = post().json()[0]["service_request_id"]
    second = post(description="垃圾清运不及时").json()[0]["service_request_id"]
    official = actor_for(codes.users["street_a"])
    complaint = Complaint.objects.get(number=first)
    complaint_accept(actor=official, pk=complaint.pk)
    complaint_resolve(
        actor=official,
        pk=complaint.pk,
        public_note="已协调物业清理积水",
        internal_note="内部：约谈项目经理",
    )
    # then status filters split them, and only the note to the complainant is public
    closed = client.get("/open311/v2/requests.json", {"status": "closed"}).json()
    assert [row["service_request_id"] for row in closed] == [first]
    assert closed[0]["status_notes"] == "已协调物业清理积水"
    opened = client.get("/open311/v2/requests.json", {"status": "open"})
    assert _ids(opened) == [second]
    both = client.get("/open311/v2/requests.json", {"status": "open,closed"})
    assert _ids(both) == sorted([first, second])
    body = client.get("/open311/v2/requests.xml").content.decode()
    assert "约谈项目经理" not in body and "已协调物业清理积水" in body


def test_bad_status_is_400(codes, client):
    response = client.get("/open311/v2/requests.json", {"status": "pending"})
    assert response.status_code == 400 and response.json()[0]["code"] == 400


def test_service_code_filter_takes_a_comma_list(codes, post, client):
    a = post(service_code="other").json()[0]["service_request_id"]
    b = post(service_code="illegal_charges").json()[0]["service_request_id"]
    post(service_code="contract_performance")
    assert _ids(client.get("/open311/v2/requests.json", {"service_code": "other"})) == [a]
    both = client.get("/open311/v2/requests.json", {"service_code": "other,illegal_charges"})
    assert _ids(both) == sorted([a, b])


def test_service_request_id_list_ignores_the_other_filters(codes, post, client):
    a = post().json()[0]["service_request_id"]
    b = post().json()[0]["service_request_id"]
    post()
    response = client.get(
        "/open311/v2/requests.json",
        {"service_request_id": f"{a}, {b}", "status": "closed", "service_code": "other"},
    )
    assert _ids(response) == sorted([a, b])


def test_dates_default_to_the_last_90_days_and_filter_by_w3c_datetime(codes, post, client):
    # given requests received on 1 July, 1 September and 10 October 2026
    numbers = {}
    for day in ("2026-07-01", "2026-09-01", "2026-10-10"):
        with freeze_time(f"{day}T02:00:00Z"):
            numbers[day] = post().json()[0]["service_request_id"]
    with freeze_time("2026-10-20T02:00:00Z"):
        # then by default only the last 90 days are listed (1 July is 111 days back)
        default = client.get("/open311/v2/requests.json")
        assert _ids(default) == sorted([numbers["2026-09-01"], numbers["2026-10-10"]])
        # and start_date/end_date select by the requested time, offsets honoured
        window = client.get(
            "/open311/v2/requests.json",
            {"start_date": "2026-08-15T00:00:00+08:00", "end_date": "2026-09-30T23:59:59Z"},
        )
        assert _ids(window) == [numbers["2026-09-01"]]
        # at the boundary: 10:00 Beijing time on 1 September is the request's own time
        edge = {"start_date": "2026-09-01T10:00:00+08:00", "end_date": "2026-09-02T00:00:00+08:00"}
        assert _ids(client.get("/open311/v2/requests.json", edge)) == [numbers["2026-09-01"]]
        late = {"start_date": "2026-09-01T10:00:01+08:00", "end_date": "2026-09-02T00:00:00+08:00"}
        assert client.get("/open311/v2/requests.json", late).json() == []
        old = client.get("/open311/v2/requests.json", {"end_date": "2026-07-02T00:00:00Z"})
        assert _ids(old) == [numbers["2026-07-01"]]


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"end_date": "2026-13-01T00:00:00Z"},
        {"start_date": "2026-10-01T00:00:00Z", "end_date": "2026-09-01T00:00:00Z"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},  # > 90 days
    ],
)
def test_bad_dates_are_400(codes, client, params):
    response = client.get("/open311/v2/requests.json", params)
    assert response.status_code == 400 and response.json()[0]["code"] == 400


def test_at_most_1000_requests_newest_first(codes, post, client, django_assert_max_num_queries):
    # given 1001 requests: one posted, 1000 copies of it (test data, not the write path)
    post()
    template = Complaint.objects.get()
    fields = [f.attname for f in Complaint._meta.concrete_fields if f.name != "id"]
    Complaint.objects.bulk_create(
        Complaint(**{**{a: getattr(template, a) for a in fields}, "number": f"TC{i:010d}"})
        for i in range(1000)
    )
    # then one answer holds 1000, newest first, in a fixed number of queries
    with django_assert_max_num_queries(8):
        rows = client.get("/open311/v2/requests.json", {"jurisdiction_id": DISTRICT}).json()
    assert len(rows) == 1000
    assert template.number not in {row["service_request_id"] for row in rows}
    assert len(list(xml(client.get("/open311/v2/requests.xml")))) == 1000


def test_jurisdiction_scoping(codes, post, client):
    # given a request posted into street A
    number = post(jurisdiction_id=STREET_A).json()[0]["service_request_id"]
    # then it is listed under street A and the district, not under street B
    assert _ids(client.get("/open311/v2/requests.json", {"jurisdiction_id": STREET_A})) == [number]
    assert _ids(client.get("/open311/v2/requests.json", {"jurisdiction_id": DISTRICT})) == [number]
    assert client.get("/open311/v2/requests.json", {"jurisdiction_id": STREET_B}).json() == []
    one = client.get(f"/open311/v2/requests/{number}.json", {"jurisdiction_id": STREET_B})
    assert one.status_code == 404


def test_no_personal_data_in_any_get(codes, post, client):
    # given an Open311 request with the caller's name, phone and email
    post(first_name="小明", last_name="王", phone="13912345678", email="wang@example.cn")
    # and an owner's complaint filed on the owner form with a call-back phone and a room
    complaint_submit(
        actor=actor_for(codes.users["owner_1"]),
        channel="owner",
        category="service_quality",
        description="王小明家楼上漏水，联系13800000001",
        project=codes.project_a,
        place="1栋1单元101室",
        contact_phone="13800000001",
    )
    bodies = [client.get(f"/open311/v2/requests.{fmt}").content.decode() for fmt in ("json", "xml")]
    for number in Complaint.objects.values_list("number", flat=True):
        bodies.append(client.get(f"/open311/v2/requests/{number}.json").content.decode())
    # then no GET shows a name, phone, email, the owner's words or the room
    for body in bodies:
        for secret in ("王小明", "小明", "13912345678", "wang@example.cn", "13800000001", "101室"):
            assert secret not in body
    # while the owner's matter is still listed with its service, status and project
    rows = client.get("/open311/v2/requests.json").json()
    owner_row = next(row for row in rows if row["service_code"] == "service_quality")
    assert owner_row["description"] == "" and owner_row["address"] == "幸福家园"
    assert owner_row["address_id"] == str(codes.project_a.pk)
    assert owner_row["agency_responsible"] == "湘安物业服务有限公司"
    assert owner_row["lat"] is None


def test_several_top_jurisdictions_need_jurisdiction_id(codes, client):
    from gongzhi.jurisdictions.services import jurisdiction_create

    jurisdiction_create(actor=None, name="另一区", level="district", division_code="430503")
    response = client.get("/open311/v2/services.json")
    assert response.status_code == 400
    assert "jurisdiction_id" in response.json()[0]["description"]
    assert client.get("/open311/v2/services.json", {"jurisdiction_id": "430503"}).status_code == 200


def test_requested_time_is_w3c_with_offset(codes, post, client):
    with freeze_time("2026-10-08T01:30:00Z"):
        post()
    with freeze_time("2026-10-09T00:00:00Z"):
        [row] = client.get("/open311/v2/requests.json").json()
    assert row["requested_datetime"] == "2026-10-08T09:30:00+08:00"
    assert dt.datetime.fromisoformat(row["expected_datetime"]).utcoffset() == dt.timedelta(hours=8)


def test_the_bureaus_edited_list_is_the_service_list_where_it_applies(codes, post, client):
    # given the bureau replaces the list for street A with one extra category (seed 000 §5)
    entries = [
        {
            "code": c.code,
            "label_zh": c.label_zh,
            "label_en": c.label_en,
            "party": c.party,
            "source": c.source,
            **({"department_kind": c.department_kind} if c.department_kind else {}),
        }
        for c in effective_profile(codes.district).table(
            "complaint_responsibilities", Responsibility
        )
    ]
    entries.append(
        {
            "code": "flying_lead_charging",
            "label_zh": "飞线充电",
            "label_en": "Flying-lead charging",
            "party": "department",
            "department_kind": "fire_rescue",
            "source": "seed 003 §五",
        }
    )
    responsibility_list_save(
        actor=actor_for(codes.users["bureau"]), node=codes.street_a, entries=entries
    )
    # then street A offers it, street B does not
    in_a = client.get("/open311/v2/services.json", {"jurisdiction_id": STREET_A}).json()
    in_b = client.get("/open311/v2/services.json", {"jurisdiction_id": STREET_B}).json()
    assert "flying_lead_charging" in [s["service_code"] for s in in_a]
    assert "flying_lead_charging" not in [s["service_code"] for s in in_b]
    definition = client.get(
        "/open311/v2/services/flying_lead_charging.json", {"jurisdiction_id": STREET_B}
    )
    assert definition.status_code == 404
    # and a request with it is accepted in street A only
    assert post(jurisdiction_id=STREET_A, service_code="flying_lead_charging").status_code == 201
    assert post(jurisdiction_id=STREET_B, service_code="flying_lead_charging").status_code == 400


def test_head_is_allowed_where_get_is(codes, client):
    assert client.head("/open311/v2/services.json").status_code == 200
    response = client.put("/open311/v2/services.json")
    assert response.status_code == 405 and response["Allow"] == "GET, HEAD"


def test_a_range_of_exactly_90_days_is_accepted_and_one_second_more_is_not(codes, client):
    ok = {"start_date": "2026-07-01T00:00:00+08:00", "end_date": "2026-09-29T00:00:00+08:00"}
    assert client.get("/open311/v2/requests.json", ok).status_code == 200
    over = {"start_date": "2026-07-01T00:00:00+08:00", "end_date": "2026-09-29T00:00:01+08:00"}
    assert client.get("/open311/v2/requests.json", over).status_code == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_service_discovery_names_the_endpoint_and_its_formats(codes, client, fmt):
    response = client.get(f"/open311/v2/discovery.{fmt}")
    assert response.status_code == 200
    if fmt == "json":
        body = response.json()
        [endpoint] = body["endpoints"]
        assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
        assert endpoint["url"] == "http://testserver/open311/v2"
        assert endpoint["formats"] == ["text/xml", "application/json"]
        assert "create-key" in body["key_service"]
    else:
        root = xml(response)
        assert root.tag == "discovery"
        assert [c.tag for c in root] == ["changeset", "contact", "key_service", "endpoints"]
        endpoint = root.find("endpoints/endpoint")
        assert [f.text for f in endpoint.find("formats")] == ["text/xml", "application/json"]
        assert [f.tag for f in endpoint.find("formats")] == ["format", "format"]
