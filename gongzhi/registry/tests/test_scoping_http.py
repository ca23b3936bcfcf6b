"""Every official sees only their own jurisdiction; a company only its projects; an owner
only their own units (and their project's public data). Tested through HTML and API."""

from __future__ import annotations

import pytest

from gongzhi.audit.models import AuditAction, AuditEntry

pytestmark = pytest.mark.django_db


def test_street_officer_lists_only_their_streets_projects(city, login):
    # given an officer of street A
    client = login("street_a")
    # when they open the project list
    page = client.get("/registry/projects/").content.decode()
    # then they see street A's project and not street B's
    assert city.project_a.name in page
    assert city.project_b.name not in page


def test_street_officer_cannot_open_another_streets_project(city, login):
    client = login("street_a")
    assert client.get(f"/registry/projects/{city.project_b.pk}/").status_code == 404
    assert client.get(f"/registry/projects/{city.project_a.pk}/").status_code == 200


def test_street_officer_api_hides_other_street(city, login):
    client = login("street_a")
    listed = client.get("/api/v1/registry/projects").json()
    assert [p["id"] for p in listed["items"]] == [city.project_a.pk]
    response = client.get(f"/api/v1/registry/projects/{city.project_b.pk}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_absent_and_forbidden_look_the_same(city, login):
    client = login("street_a")
    forbidden = client.get(f"/api/v1/registry/projects/{city.project_b.pk}")
    absent = client.get("/api/v1/registry/projects/999999")
    assert forbidden.status_code == absent.status_code == 404
    assert forbidden.json() == absent.json()


def test_bureau_sees_the_whole_district(city, login):
    client = login("bureau")
    ids = {p["id"] for p in client.get("/api/v1/registry/projects").json()["items"]}
    assert ids == {city.project_a.pk, city.project_b.pk}


def test_community_officer_sees_only_their_community(city, login):
    client = login("community_a")
    ids = {p["id"] for p in client.get("/api/v1/registry/projects").json()["items"]}
    assert ids == {city.project_a.pk}
    tree = client.get("/api/v1/jurisdictions/").json()["items"]
    assert {n["id"] for n in tree} == {city.community_a.pk}


def test_company_sees_only_its_projects(city, login):
    client = login("company_1")
    page = client.get("/registry/projects/").content.decode()
    assert city.project_a.name in page and city.project_b.name not in page
    assert client.get(f"/registry/projects/{city.project_b.pk}/").status_code == 404
    assert client.get(f"/api/v1/registry/projects/{city.project_b.pk}").status_code == 404
    companies = {c["id"] for c in client.get("/api/v1/registry/companies").json()["items"]}
    assert companies == {city.company_1.pk}


def test_company_cannot_open_the_jurisdiction_tree(city, login):
    client = login("company_1")
    assert client.get("/jurisdictions/").status_code == 403
    assert client.get("/api/v1/jurisdictions/").json()["items"] == []


def test_owner_sees_only_their_own_unit(city, login):
    client = login("owner_1")
    homes = client.get("/api/v1/registry/my-homes").json()
    assert [h["part_id"] for h in homes] == [city.part_a1.pk]
    # their project's public page, but only their own part in it
    page = client.get(f"/registry/projects/{city.project_a.pk}/").content.decode()
    assert city.part_a1.number in page
    assert city.part_a2.number not in page


def test_owner_cannot_see_another_owner(city, login):
    client = login("owner_1")
    assert client.get(f"/registry/owners/{city.owner_2.pk}/").status_code == 404
    assert client.get(f"/api/v1/registry/owners/{city.owner_2.pk}").status_code == 404
    assert client.get(f"/registry/owners/{city.owner_1.pk}/").status_code == 200


def test_owner_cannot_see_another_project(city, login):
    client = login("owner_1")
    assert client.get(f"/registry/projects/{city.project_b.pk}/").status_code == 404


def test_committee_member_sees_only_their_project(city, login):
    client = login("committee_a")
    ids = {p["id"] for p in client.get("/api/v1/registry/projects").json()["items"]}
    assert ids == {city.project_a.pk}


def test_department_staff_see_no_register_rows(city, login):
    # Functional departments handle matters routed to them, not the register.
    client = login("dept")
    assert client.get("/api/v1/registry/projects").json()["items"] == []


def test_personal_data_is_masked_on_display(city, login):
    client = login("street_a")
    page = client.get(f"/registry/owners/{city.owner_1.pk}/").content.decode()
    assert city.owner_1.id_number not in page
    assert city.owner_1.phone not in page
    assert "430502********4517" in page
    data = client.get(f"/api/v1/registry/owners/{city.owner_1.pk}").json()
    assert data["id_number"] != city.owner_1.id_number
    assert data["phone"] != city.owner_1.phone


def test_reveal_shows_the_number_and_is_audited(city, login):
    client = login("street_a")
    response = client.post(f"/registry/owners/{city.owner_1.pk}/reveal/id_number/")
    assert response.status_code == 200
    assert city.owner_1.id_number in response.content.decode()
    entry = AuditEntry.objects.get(action=AuditAction.REVEAL)
    assert entry.actor == city.users["street_a"]
    assert entry.target_id == str(city.owner_1.pk)
    assert entry.field == "id_number"
    assert entry.node_path == city.project_a.node_path


def test_other_street_cannot_reveal(city, login):
    client = login("street_b")
    response = client.post(f"/api/v1/registry/owners/{city.owner_1.pk}/reveal/phone")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.REVEAL).exists()


def test_company_may_reveal_phone_but_not_id_number(city, login):
    client = login("company_1")
    ok = client.post(f"/api/v1/registry/owners/{city.owner_1.pk}/reveal/phone")
    assert ok.status_code == 200 and ok.json()["value"] == city.owner_1.phone
    denied = client.post(f"/api/v1/registry/owners/{city.owner_1.pk}/reveal/id_number")
    assert denied.status_code == 404
    assert AuditEntry.objects.filter(action=AuditAction.REVEAL).count() == 1


def test_audit_log_is_scoped_to_the_officials_subtree(city, login):
    login("street_a").post(f"/registry/owners/{city.owner_1.pk}/reveal/phone/")
    login("street_b").post(f"/registry/owners/{city.owner_b.pk}/reveal/phone/")
    page = login("street_a").get("/audit/?action=reveal").content.decode()
    assert city.owner_1.name in page
    assert city.owner_b.name not in page


def test_project_page_lists_parts_with_owners_in_constant_queries(
    city, login, django_assert_max_num_queries
):
    from decimal import Decimal

    from gongzhi.registry.models import ExclusivePart, Owner, Ownership

    client = login("street_a")
    client.get(f"/registry/projects/{city.project_a.pk}/")  # warm the session caches
    for i in range(20):
        part = ExclusivePart.objects.create(
            project=city.project_a,
            building_unit=city.part_a1.building_unit,
            number=f"1-1-{300 + i}",
            area=Decimal("60.00"),
        )
        owner = Owner.objects.create(kind=Owner.Kind.PERSON, name=f"业主{i}")
        Ownership.objects.create(part=part, owner=owner)
    # constant in the number of parts (the owners are prefetched); includes the
    # governance section and the edit history
    with django_assert_max_num_queries(18):
        page = client.get(f"/registry/projects/{city.project_a.pk}/").content.decode()
    assert "业主19" in page
    assert f"/registry/owners/{city.owner_1.pk}/" in page


def test_project_page_shows_governance_and_import_links_by_role(city, login):
    page = login("street_a").get(f"/registry/projects/{city.project_a.pk}/").content.decode()
    assert 'data-testid="governance"' in page
    assert f"/registry/projects/{city.project_a.pk}/import/" in page
    owner_page = login("owner_1").get(f"/registry/projects/{city.project_a.pk}/").content
    assert b'data-testid="governance"' in owner_page
    assert f"/registry/projects/{city.project_a.pk}/import/".encode() not in owner_page


def test_navigation_shows_personal_pages_only_to_their_holders(city, login):
    admin_page = login("admin").get("/").content.decode()
    assert "/registry/my-homes/" not in admin_page
    owner_page = login("owner_1").get("/").content.decode()
    assert "/registry/my-homes/" in owner_page
    assert "/contracts/" not in owner_page.split("main-nav", 1)[1].split("</nav>", 1)[0]
