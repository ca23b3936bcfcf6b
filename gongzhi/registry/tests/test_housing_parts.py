"""Buildings → building units → exclusive parts: registered area to 0.01 m², a number
unique in the project, a part never in two projects; the developer holds parts that are
not delivered yet (seed 000 §15). Only officials of the subtree write."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Owner, Ownership
from gongzhi.registry.tests.housing_fixtures import DEV_USCC_2, state

pytestmark = pytest.mark.django_db


def _part(city, **changes):
    data = {
        "number": "1-1-301",
        "area": "88.88",
        "kind": "dwelling",
        "building_unit_id": city.part_a1.building_unit_id,
        "floor": 3,
        "use": "住宅",
        "delivery": "delivered",
        "vacant_unrenovated": False,
    }
    data.update(changes)
    return data


def _post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_building_unit_and_part_through_the_project_page(city, login):
    # given an officer of street A on the project page
    client = login("street_a")
    pk = city.project_a.pk
    page = client.get(f"/registry/projects/{pk}/").content.decode()
    assert f"/registry/projects/{pk}/buildings/new/" in page
    # when they add a building, a unit with an elevator, and a part in it
    assert (
        client.post(
            f"/registry/projects/{pk}/buildings/new/", {"name": "2栋", "storeys": "11"}
        ).status_code
        == 302
    )
    building = Building.objects.get(project_id=pk, name="2栋")
    response = client.post(
        f"/registry/projects/{pk}/units/new/",
        {"building": building.pk, "name": "1单元", "storeys": "11", "has_elevator": "on"},
    )
    assert response.status_code == 302
    unit = BuildingUnit.objects.get(building=building)
    assert unit.has_elevator and unit.project_id == pk
    response = client.post(
        f"/registry/projects/{pk}/parts/new/",
        {
            "kind": "dwelling",
            "number": "2-1-101",
            "building_unit": unit.pk,
            "floor": "1",
            "area": "99.99",
            "use": "住宅",
            "delivery": "delivered",
        },
    )
    # then the part exists with its exact area and the page links to it
    assert response.status_code == 302
    part = ExclusivePart.objects.get(project_id=pk, number="2-1-101")
    assert str(part.area) == "99.99"
    detail = client.get(f"/registry/parts/{part.pk}/")
    assert detail.status_code == 200 and 'data-testid="edit-history"' in detail.content.decode()


def test_api_part_create_update_and_detail(city, login):
    client = login("street_a")
    created = _post(client, f"/api/v1/registry/projects/{city.project_a.pk}/parts", _part(city))
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    updated = client.put(
        f"/api/v1/registry/parts/{pk}",
        _part(city, area="90.1", vacant_unrenovated=True),
        content_type="application/json",
    )
    assert updated.status_code == 200
    assert updated.json()["area"] in ("90.10", 90.1, "90.1")
    assert ExclusivePart.objects.get(pk=pk).vacant_unrenovated


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("area", "0"),
        ("area", "-1.5"),
        ("area", "60.555"),
        ("kind", "garden"),
        ("number", ""),
        ("delivery", "lost"),
        ("floor", 0),
    ],
)
def test_bad_part_is_refused_and_changes_nothing(city, login, field, value):
    client = login("street_a")
    before = state()
    response = _post(
        client,
        f"/api/v1/registry/projects/{city.project_a.pk}/parts",
        _part(city, **{field: value}),
    )
    assert response.status_code in (400, 422)
    assert field in response.json()["fields"]
    assert state() == before


def test_area_with_three_decimals_refused_on_the_page(city, login):
    client = login("street_a")
    before = state()
    response = client.post(
        f"/registry/projects/{city.project_a.pk}/parts/new/",
        {"kind": "parking", "number": "P-001", "area": "12.345", "delivery": "delivered"},
    )
    assert response.status_code == 400
    assert state() == before


def test_a_part_cannot_be_put_into_a_unit_of_another_project(city, login):
    """A part is never in two projects: its unit's project must be its own."""
    client = login("bureau")
    before = state()
    foreign_unit = city.part_b1.building_unit_id
    response = _post(
        client,
        f"/api/v1/registry/projects/{city.project_a.pk}/parts",
        _part(city, building_unit_id=foreign_unit),
    )
    assert response.status_code == 400
    assert "building_unit" in response.json()["fields"]
    moved = client.put(
        f"/api/v1/registry/parts/{city.part_a1.pk}",
        _part(city, number=city.part_a1.number, building_unit_id=foreign_unit),
        content_type="application/json",
    )
    assert moved.status_code == 400
    page = client.post(
        f"/registry/projects/{city.project_a.pk}/parts/new/",
        {
            "kind": "dwelling",
            "number": "X-1",
            "building_unit": foreign_unit,
            "area": "50",
            "delivery": "delivered",
        },
    )
    assert page.status_code == 400
    assert state() == before


def test_a_part_number_already_used_in_the_project_is_refused(city, login):
    client = login("street_a")
    before = state()
    response = _post(
        client,
        f"/api/v1/registry/projects/{city.project_a.pk}/parts",
        _part(city, number=city.part_a1.number),
    )
    assert response.status_code == 400
    assert "number" in response.json()["fields"]
    assert state() == before


def test_same_number_in_another_project_is_a_different_part(city, login):
    client = login("bureau")
    response = _post(
        client,
        f"/api/v1/registry/projects/{city.project_b.pk}/parts",
        _part(city, number=city.part_a1.number, building_unit_id=city.part_b1.building_unit_id),
    )
    assert response.status_code == 201


def test_parking_space_needs_no_building_unit_but_a_dwelling_does(city, login):
    client = login("street_a")
    url = f"/api/v1/registry/projects/{city.project_a.pk}/parts"
    parking = _post(
        client, url, _part(city, kind="parking", number="P-01", building_unit_id=None, area="12.50")
    )
    assert parking.status_code == 201
    dwelling = _post(client, url, _part(city, number="9-9-999", building_unit_id=None))
    assert dwelling.status_code == 400
    assert "building_unit" in dwelling.json()["fields"]


def test_undelivered_part_is_held_by_the_developer(city, login):
    """Seed 000 §15: the developer is the owner of unsold and undelivered parts."""
    client = login("street_a")
    developer = Owner.objects.create(
        kind=Owner.Kind.ORGANISATION, name="湘南置业", uscc=DEV_USCC_2, is_developer=True
    )
    city.project_a.developer = developer
    city.project_a.save()
    response = _post(
        client,
        f"/api/v1/registry/projects/{city.project_a.pk}/parts",
        _part(city, number="1-1-1801", delivery="unsold"),
    )
    assert response.status_code == 201
    assert response.json()["ownerships"][0]["owner_id"] == developer.pk
    assert response.json()["ownerships"][0]["share"] == "1/1"


def test_unit_cannot_have_more_storeys_than_its_building(city, login):
    client = login("street_a")
    before = state()
    building = city.part_a1.building_unit.building
    response = _post(
        client, f"/api/v1/registry/buildings/{building.pk}/units", {"name": "9单元", "storeys": 40}
    )
    assert response.status_code == 400
    assert "storeys" in response.json()["fields"]
    assert state() == before


def test_duplicate_building_and_unit_names_are_refused(city, login):
    client = login("street_a")
    before = state()
    unit = city.part_a1.building_unit
    b = _post(
        client,
        f"/api/v1/registry/projects/{city.project_a.pk}/buildings",
        {"name": unit.building.name, "storeys": 5},
    )
    u = _post(
        client,
        f"/api/v1/registry/buildings/{unit.building_id}/units",
        {"name": unit.name, "storeys": 5},
    )
    assert b.status_code == 400 and u.status_code == 400
    assert state() == before


def test_street_b_cannot_add_or_change_parts_in_street_a(city, login):
    client = login("street_b")
    before = state()
    assert (
        _post(
            client, f"/api/v1/registry/projects/{city.project_a.pk}/parts", _part(city)
        ).status_code
        == 404
    )
    assert (
        client.put(
            f"/api/v1/registry/parts/{city.part_a1.pk}",
            _part(city),
            content_type="application/json",
        ).status_code
        == 404
    )
    unit = city.part_a1.building_unit
    assert (
        _post(
            client,
            f"/api/v1/registry/buildings/{unit.building_id}/units",
            {"name": "X", "storeys": 2},
        ).status_code
        == 404
    )
    assert (
        client.put(
            f"/api/v1/registry/units/{unit.pk}",
            {"name": "X", "storeys": 2},
            content_type="application/json",
        ).status_code
        == 404
    )
    assert client.get(f"/registry/parts/{city.part_a1.pk}/").status_code == 404
    assert client.get(f"/registry/parts/{city.part_a1.pk}/edit/").status_code == 404
    assert (
        client.post(
            f"/registry/projects/{city.project_a.pk}/buildings/new/", {"name": "X", "storeys": "3"}
        ).status_code
        == 404
    )
    assert state() == before


def test_company_cannot_write_parts(city, login):
    client = login("company_1")
    before = state()
    assert (
        _post(
            client, f"/api/v1/registry/projects/{city.project_a.pk}/parts", _part(city)
        ).status_code
        == 404
    )
    assert client.get(f"/registry/parts/{city.part_a1.pk}/edit/").status_code == 403
    assert client.get(f"/registry/parts/{city.part_a1.pk}/").status_code == 200
    assert state() == before


def test_parts_filters_and_export(city, login):
    client = login("street_a")
    ExclusivePart.objects.create(project=city.project_a, kind="parking", number="P-9", area="12.00")
    listed = client.get(f"/api/v1/registry/projects/{city.project_a.pk}/parts?kind=parking").json()
    assert [p["number"] for p in listed["items"]] == ["P-9"]
    response = client.get(f"/registry/projects/{city.project_a.pk}/parts.xlsx")
    assert response.status_code == 200
    rows = list(
        load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert {r[0] for r in rows} == {"1-1-101", "1-1-102", "P-9"}
    # owners' names are shown, their ID numbers never
    assert city.owner_1.id_number not in str(rows)


def test_parts_api_query_budget(city, login, django_assert_max_num_queries):
    client = login("street_a")
    client.get(f"/api/v1/registry/projects/{city.project_a.pk}/parts")
    for i in range(40):
        part = ExclusivePart.objects.create(
            project=city.project_a, number=f"Z-{i}", area="50.00", kind="shop"
        )
        Ownership.objects.create(part=part, owner=city.owner_1)
    with django_assert_max_num_queries(10):
        response = client.get(f"/api/v1/registry/projects/{city.project_a.pk}/parts")
    assert response.json()["count"] == 42
