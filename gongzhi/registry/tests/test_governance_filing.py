"""Owners' committees through HTTP, who files and who sees them: filing by the street
(003 §五(二)1(1)), owners and committee members seeing their own project's committee with
masked phones, other streets and companies seeing nothing, and the officials' list."""

from __future__ import annotations

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.registry.tests.governance_fixtures import counts as _counts
from gongzhi.registry.tests.governance_fixtures import (
    elect_committee,
    owner_3,
    owners_a,
    today,
)
from gongzhi.registry.tests.governance_fixtures import post_json as _post

pytestmark = pytest.mark.django_db

__all__ = ["owner_3", "owners_a"]


# --- filing by the street (003 §五(二)1(1)) -----------------------------------------


def test_street_files_its_committee_and_it_leaves_the_unfiled_list(city, login):
    """Seed 003 §五(二)1(1): the street "负责业主委员会备案"."""
    committee = elect_committee(city)
    client = login("street_a")
    unfiled = client.get("/api/v1/registry/committees?filed=no").json()["items"]
    assert [c["id"] for c in unfiled] == [committee.pk]
    response = client.post(
        f"/registry/committees/{committee.pk}/file/", {"filed_on": today().isoformat()}
    )
    assert response.status_code == 302
    committee.refresh_from_db()
    assert committee.filed_at == today()
    entry = AuditEntry.objects.filter(field="filed_at").get()
    assert entry.node_path == city.project_a.node_path
    assert client.get("/api/v1/registry/committees?filed=no").json()["items"] == []
    again = _post(client, f"/api/v1/registry/committees/{committee.pk}/file", {})
    assert again.status_code == 409


def test_street_b_cannot_file_street_as_committee(city, login):
    """Another street neither sees nor files the committee: 404, nothing written."""
    committee = elect_committee(city)
    client = login("street_b")
    before = _counts()
    assert _post(client, f"/api/v1/registry/committees/{committee.pk}/file", {}).status_code == 404
    page = client.post(
        f"/registry/committees/{committee.pk}/file/", {"filed_on": today().isoformat()}
    )
    assert page.status_code == 404
    committee.refresh_from_db()
    assert committee.filed_at is None
    assert _counts() == before


@pytest.mark.parametrize(("username", "status"), [("community_a", 403), ("bureau", 200)])
def test_community_cannot_file_but_the_bureau_can(city, login, username, status):
    committee = elect_committee(city)
    client = login(username)
    response = _post(client, f"/api/v1/registry/committees/{committee.pk}/file", {})
    assert response.status_code == status
    committee.refresh_from_db()
    assert (committee.filed_at is not None) is (status == 200)


# --- scoping -----------------------------------------------------------------------


def test_owner_of_another_project_cannot_see_the_committee(city, login, owner_3):
    committee = elect_committee(city, members=[city.owner_1])
    client = login("owner_3")
    assert client.get(f"/registry/committees/{committee.pk}/").status_code == 404
    api = client.get(f"/api/v1/registry/committees/{committee.pk}")
    assert api.status_code == 404 and api.json()["code"] == "not_found"
    mine = client.get("/registry/my-committee/").content.decode()
    assert city.owner_1.name not in mine
    assert city.project_a.name not in mine


def test_owner_sees_their_projects_committee_with_masked_phones(city, login):
    committee = elect_committee(city, members=[city.owner_1, city.owner_2])
    client = login("owner_2")
    page = client.get("/registry/my-committee/").content.decode()
    assert city.owner_1.name in page
    assert committee.office_hours in page
    assert "138****0001" in page and "13800000001" not in page
    detail = client.get(f"/registry/committees/{committee.pk}/")
    assert detail.status_code == 200


def test_committee_member_sees_their_own_committee(city, login):
    elect_committee(city, members=[city.owner_1])
    page = login("committee_a").get("/registry/my-committee/").content.decode()
    assert city.project_a.name in page and city.owner_1.name in page


def test_other_street_and_company_do_not_see_the_committee(city, login):
    committee = elect_committee(city)
    for username in ("street_b", "company_2"):
        client = login(username)
        response = client.get(f"/api/v1/registry/committees/{committee.pk}")
        assert response.status_code == 404, username
        assert client.get("/api/v1/registry/committees").json()["items"] == [], username
    assert (
        login("street_b").get("/registry/committees/").content.decode().count(city.project_a.name)
        == 0
    )


def test_owner_cannot_change_the_committee(city, login):
    committee = elect_committee(city)
    client = login("owner_1")
    before = _counts()
    response = client.patch(
        f"/api/v1/registry/committees/{committee.pk}",
        {"seats": 9},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.get(f"/registry/committees/{committee.pk}/edit/").status_code == 403
    assert _counts() == before


# --- list page, export --------------------------------------------------------------


def test_committee_list_page_filters_paginates_and_exports(
    city, login, owners_a, django_assert_max_num_queries
):
    committee = elect_committee(city, seats=5, members=owners_a[:2])
    client = login("street_a")
    with django_assert_max_num_queries(12):
        page = client.get("/registry/committees/?filed=no&kind=owners_committee&q=幸福")
    html = page.content.decode()
    assert page.status_code == 200
    assert city.project_a.name in html
    assert 'data-testid="acting"' in html and 'data-testid="unfiled"' in html
    assert city.project_a.name not in client.get("/registry/committees/?q=和平").content.decode()
    export = client.get("/registry/committees/export/?filed=no")
    assert export.status_code == 200
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    from io import BytesIO

    from openpyxl import load_workbook

    rows = list(load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][0] == city.project_a.name
    assert committee.pk


def test_list_pages_are_for_officials_only(city, login):
    assert login("owner_1").get("/registry/committees/").status_code == 403
    assert login("company_1").get("/registry/committees/export/").status_code == 403
