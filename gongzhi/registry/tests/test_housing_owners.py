"""Owners and their shares (exact fractions summing to 1, 民法典 art. 278), ID numbers
and credit codes validated with their check digits, masking everywhere, one owner with
several parts; occupants with moved in ≤ moved out. Owners see only their own."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEntry
from gongzhi.registry.models import Occupant, Owner, Ownership
from gongzhi.registry.tests.housing_fixtures import DEV_USCC_2, NEW_ID, NEW_ID_2, bad_id, state
from gongzhi.rules.identity import mask_id_number

pytestmark = pytest.mark.django_db


def _put_owners(client, part, owners):
    return client.put(
        f"/api/v1/registry/parts/{part.pk}/ownerships",
        {"owners": owners},
        content_type="application/json",
    )


def test_two_new_owners_with_half_shares(city, login):
    # given an official and a part held by owner 1
    client = login("street_a")
    # when they replace its owners with two new people holding 1/2 each
    response = _put_owners(
        client,
        city.part_a1,
        [
            {"name": "甲", "id_number": NEW_ID, "share": "1/2", "phone": "13911112222"},
            {"name": "乙", "id_number": NEW_ID_2, "share": "1/2"},
        ],
    )
    # then the set is replaced atomically, shares exact, and audited on the part
    assert response.status_code == 200, response.content
    shares = sorted(
        Ownership.objects.filter(part=city.part_a1).values_list(
            "share_numerator", "share_denominator"
        )
    )
    assert shares == [(1, 2), (1, 2)]
    assert AuditEntry.objects.filter(
        target_type="registry.ExclusivePart", target_id=str(city.part_a1.pk), field="ownerships"
    ).exists()


def test_thirds_sum_exactly_to_one(city, login):
    client = login("street_a")
    response = _put_owners(
        client,
        city.part_a1,
        [
            {"owner_id": city.owner_1.pk, "share": "1/3"},
            {"name": "甲", "id_number": NEW_ID, "share": "1/3"},
            {"kind": "organisation", "name": "某公司", "uscc": DEV_USCC_2, "share": "1/3"},
        ],
    )
    assert response.status_code == 200, response.content


@pytest.mark.parametrize(
    "owners",
    [
        [{"owner_id": 0, "share": "1/2"}],
        [{"name": "甲", "id_number": NEW_ID, "share": "1/2"}],
        [
            {"name": "甲", "id_number": NEW_ID, "share": "2/3"},
            {"name": "乙", "id_number": NEW_ID_2, "share": "1/2"},
        ],
        [
            {"name": "甲", "id_number": NEW_ID, "share": "0.5"},
            {"name": "乙", "id_number": NEW_ID_2, "share": "0.5"},
        ],
        [{"name": "甲", "id_number": NEW_ID, "share": "3/2"}],
        [],
    ],
)
def test_shares_not_summing_to_one_are_refused_and_nothing_changes(city, login, owners):
    client = login("street_a")
    if owners and owners[0].get("owner_id") == 0:
        owners = [{"owner_id": city.owner_1.pk, "share": "1/2"}]
    before = state()
    response = _put_owners(client, city.part_a1, owners)
    assert response.status_code == 400
    assert state() == before


def test_invalid_id_check_digit_is_refused(city, login):
    client = login("street_a")
    before = state()
    response = _put_owners(
        client, city.part_a1, [{"name": "甲", "id_number": bad_id(NEW_ID), "share": "1"}]
    )
    assert response.status_code == 400
    assert "rows.0.id_number" in response.json()["fields"]
    assert state() == before


def test_invalid_uscc_is_refused(city, login):
    client = login("street_a")
    before = state()
    response = _put_owners(
        client,
        city.part_a1,
        [{"kind": "organisation", "name": "某公司", "uscc": bad_id(DEV_USCC_2), "share": "1"}],
    )
    assert response.status_code == 400
    assert "rows.0.uscc" in response.json()["fields"]
    assert state() == before


def test_the_same_owner_twice_is_refused(city, login):
    client = login("street_a")
    before = state()
    response = _put_owners(
        client,
        city.part_a1,
        [
            {"name": "甲", "id_number": NEW_ID, "share": "1/2"},
            {"name": "甲", "id_number": NEW_ID, "share": "1/2"},
        ],
    )
    assert response.status_code == 400
    assert state() == before


def test_one_owner_holds_several_parts(city, login):
    # a known ID number reuses the owner record instead of creating a second one
    client = login("street_a")
    row = {"name": "甲", "id_number": NEW_ID, "share": "1"}
    assert _put_owners(client, city.part_a1, [row]).status_code == 200
    owners_before = Owner.objects.count()
    response = _put_owners(client, city.part_a2, [row])
    assert response.status_code == 200, response.content
    assert Owner.objects.count() == owners_before
    owner = Owner.objects.get(id_number=NEW_ID)
    assert set(owner.ownerships.values_list("part_id", flat=True)) == {
        city.part_a1.pk,
        city.part_a2.pk,
    }
    # the same number under another name is refused
    clash = _put_owners(client, city.part_a2, [{**row, "name": "乙"}])
    assert clash.status_code == 400 and "rows.0.name" in clash.json()["fields"]


def test_ownership_page_with_bad_total_shows_an_error_and_changes_nothing(city, login):
    client = login("street_a")
    before = state()
    data = {
        "rows-TOTAL_FORMS": "2",
        "rows-INITIAL_FORMS": "0",
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "50",
        "rows-0-kind": "person",
        "rows-0-name": "甲",
        "rows-0-id_number": NEW_ID,
        "rows-0-share": "1/2",
        "rows-1-kind": "person",
        "rows-1-name": "乙",
        "rows-1-id_number": NEW_ID_2,
        "rows-1-share": "1/3",
    }
    response = client.post(f"/registry/parts/{city.part_a1.pk}/owners/", data)
    assert response.status_code == 400
    assert "5/6" in response.content.decode()
    assert state() == before
    data["rows-1-share"] = "1/2"
    assert client.post(f"/registry/parts/{city.part_a1.pk}/owners/", data).status_code == 302


def test_street_b_and_company_cannot_change_owners_in_street_a(city, login):
    for user in ("street_b", "company_1", "owner_1", "committee_a"):
        client = login(user)
        before = state()
        response = _put_owners(
            client, city.part_a1, [{"name": "甲", "id_number": NEW_ID, "share": "1"}]
        )
        assert response.status_code == 404, user
        assert (
            client.put(
                f"/api/v1/registry/owners/{city.owner_1.pk}",
                {"name": "改名"},
                content_type="application/json",
            ).status_code
            == 404
        )
        assert state() == before


def test_owner_update_validates_the_new_id_number(city, login):
    client = login("street_a")
    before = state()
    response = client.put(
        f"/api/v1/registry/owners/{city.owner_1.pk}",
        {"name": city.owner_1.name, "number": bad_id(NEW_ID)},
        content_type="application/json",
    )
    assert response.status_code == 400 and "id_number" in response.json()["fields"]
    assert state() == before
    ok = client.put(
        f"/api/v1/registry/owners/{city.owner_1.pk}",
        {"name": "王晓明", "phone": "13800000009"},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert ok.json()["phone"] == "138****0009"
    assert ok.json()["id_number"] == mask_id_number(city.owner_1.id_number)


def test_owner_search_by_name_is_masked(city, login):
    client = login("street_a")
    data = client.get("/api/v1/registry/owners?q=王").json()
    assert [o["id"] for o in data["items"]] == [city.owner_1.pk]
    assert data["items"][0]["id_number"] != city.owner_1.id_number
    page = client.get("/registry/owners/?q=王").content.decode()
    assert city.owner_1.name in page and city.owner_1.id_number not in page
    # the ID number is not a search key
    assert client.get(f"/api/v1/registry/owners?q={city.owner_1.id_number}").json()["items"] == []
    # other street's owners never appear
    assert client.get("/api/v1/registry/owners?q=钱").json()["items"] == []


def test_project_owners_list_and_export_are_masked(city, login):
    client = login("street_a")
    page = client.get(f"/registry/projects/{city.project_a.pk}/owners/").content.decode()
    assert (
        city.owner_1.name in page
        and city.owner_1.id_number not in page
        and city.owner_1.phone not in page
    )
    response = client.get(f"/registry/projects/{city.project_a.pk}/owners.xlsx")
    rows = list(
        load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True)
    )
    assert {r[0] for r in rows} == {city.owner_1.name, city.owner_2.name}
    flat = str(rows)
    assert city.owner_1.id_number not in flat and city.owner_1.phone not in flat
    assert client.get(f"/registry/projects/{city.project_b.pk}/owners/").status_code == 404


def test_project_owners_query_budget(city, login, django_assert_max_num_queries):
    from gongzhi.registry.models import ExclusivePart

    client = login("street_a")
    client.get(f"/registry/projects/{city.project_a.pk}/owners/")
    for i in range(30):
        part = ExclusivePart.objects.create(
            project=city.project_a, number=f"Q-{i}", area="40.00", kind="shop"
        )
        Ownership.objects.create(
            part=part, owner=Owner.objects.create(kind="person", name=f"业主{i}")
        )
    with django_assert_max_num_queries(12):
        page = client.get(f"/registry/projects/{city.project_a.pk}/owners/").content.decode()
    assert "业主1" in page
    with django_assert_max_num_queries(10):
        assert (
            client.get(f"/api/v1/registry/projects/{city.project_a.pk}/owners").json()["count"]
            == 32
        )


def test_owner_sees_only_their_own_parts_and_owners(city, login):
    client = login("owner_1")
    assert client.get(f"/api/v1/registry/parts/{city.part_a1.pk}").status_code == 200
    assert client.get(f"/api/v1/registry/parts/{city.part_a2.pk}").status_code == 404
    assert client.get(f"/registry/parts/{city.part_a2.pk}/").status_code == 404
    assert [o["id"] for o in client.get("/api/v1/registry/owners").json()["items"]] == [
        city.owner_1.pk
    ]


def test_occupants_recorded_apart_from_owners(city, login):
    client = login("street_a")
    response = client.post(
        f"/api/v1/registry/parts/{city.part_a1.pk}/occupants",
        {
            "kind": "tenant",
            "name": "租客",
            "id_number": NEW_ID,
            "phone": "13700001111",
            "moved_in": "2024-03-01",
            "moved_out": "2025-02-28",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["id_number"] == "110101********1233"
    assert Ownership.objects.filter(part=city.part_a1).count() == 1
    page = client.get(f"/registry/parts/{city.part_a1.pk}/").content.decode()
    assert "租客" in page and NEW_ID not in page


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"moved_in": "2025-03-01", "moved_out": "2025-02-28"}, "moved_out"),
        ({"id_number": "110101199003071234"}, "id_number"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_occupant_is_refused(city, login, changes, field):
    client = login("street_a")
    before = state()
    data = {"kind": "tenant", "name": "租客", "moved_in": "2024-03-01", **changes}
    response = client.post(
        f"/api/v1/registry/parts/{city.part_a1.pk}/occupants", data, content_type="application/json"
    )
    assert response.status_code == 400
    assert field in response.json()["fields"]
    page = client.post(
        f"/registry/parts/{city.part_a1.pk}/occupants/new/",
        {**data, "moved_out": data.get("moved_out", "")},
    )
    assert page.status_code == 400
    assert state() == before


def test_occupant_edit_and_scope(city, login):
    occupant = Occupant.objects.create(
        part=city.part_a1, kind="family", name="家属", phone="13700002222"
    )
    client = login("street_a")
    response = client.post(
        f"/registry/occupants/{occupant.pk}/edit/",
        {
            "kind": "family",
            "name": "家属甲",
            "phone": "137****2222",
            "moved_in": "2024-01-01",
            "moved_out": "",
        },
    )
    assert response.status_code == 302
    occupant.refresh_from_db()
    assert occupant.name == "家属甲" and occupant.phone == "13700002222"
    other = login("street_b")
    assert other.get(f"/registry/occupants/{occupant.pk}/edit/").status_code == 404
    assert (
        other.put(
            f"/api/v1/registry/occupants/{occupant.pk}",
            {"name": "X"},
            content_type="application/json",
        ).status_code
        == 404
    )
