"""Projects (物业管理区域): create and edit by officials of the subtree, the old-project
category (seed 001 §五), areas to 0.01 m², the developer's USCC, and only a filed company
may be given a project (seed 000 §11). Lists with filters, Excel export, edit history."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import load_workbook

from gongzhi.audit.models import AuditEntry
from gongzhi.registry.models import Owner, Project, PropertyCompany
from gongzhi.registry.tests.housing_fixtures import DEV_USCC_2, bad_id, state

pytestmark = pytest.mark.django_db


def _payload(city, **changes):
    data = {
        "name": "新苑小区",
        "community_id": city.community_a.pk,
        "category": "new",
        "service_mode": "market",
        "completed_year": 2018,
        "total_building_area": "35000.50",
        "address": "幸福路 8 号",
        "company_id": city.company_1.pk,
        "developer_uscc": DEV_USCC_2,
        "developer_name": "湘南置业有限公司",
    }
    data.update(changes)
    return data


def _form(city, **changes):
    data = _payload(city, **changes)
    form = {
        "name": data["name"],
        "community": data["community_id"],
        "category": data["category"],
        "service_mode": data["service_mode"],
        "completed_year": data["completed_year"] or "",
        "total_building_area": data["total_building_area"] or "",
        "address": data["address"],
        "company": data["company_id"] or "",
        "developer_uscc": data["developer_uscc"],
        "developer_name": data["developer_name"],
    }
    return form


def test_street_officer_creates_a_project_through_the_page(city, login):
    # given an officer of street A
    client = login("street_a")
    # when they register a project in community A
    response = client.post("/registry/projects/new/", _form(city))
    # then it is saved under the community's path, with the developer, and audited
    assert response.status_code == 302
    project = Project.objects.get(name="新苑小区")
    assert project.node_path == city.community_a.path
    assert str(project.total_building_area) == "35000.50"
    assert project.developer.uscc == DEV_USCC_2 and project.developer.is_developer
    assert project.developer.kind == Owner.Kind.ORGANISATION
    assert AuditEntry.objects.filter(
        target_type="registry.Project", target_id=str(project.pk)
    ).exists()
    # and the detail page shows the edit history to the official
    page = client.get(f"/registry/projects/{project.pk}/").content.decode()
    assert 'data-testid="edit-history"' in page


def test_api_create_and_update_project(city, login):
    client = login("bureau")
    created = client.post(
        "/api/v1/registry/projects", _payload(city), content_type="application/json"
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    updated = client.put(
        f"/api/v1/registry/projects/{pk}",
        _payload(city, name="新苑小区二期", total_building_area="36000"),
        content_type="application/json",
    )
    assert updated.status_code == 200, updated.content
    assert updated.json()["name"] == "新苑小区二期"
    assert Project.objects.get(pk=pk).node_path == city.community_a.path


def test_node_path_comes_from_the_community_never_from_input(city, login):
    client = login("bureau")
    response = client.post(
        "/api/v1/registry/projects",
        {**_payload(city), "node_path": city.street_b.path},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Project.objects.get(pk=response.json()["id"]).node_path == city.community_a.path


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("total_building_area", "0"),
        ("total_building_area", "-5"),
        ("total_building_area", "100.123"),
        ("developer_uscc", bad_id(DEV_USCC_2)),
        ("name", ""),
        ("category", "villa"),
    ],
)
def test_bad_project_input_is_refused_and_changes_nothing(city, login, field, value):
    # given an official and the state of the register
    client = login("street_a")
    before = state()
    # when they send a project with one bad field
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, **{field: value}),
        content_type="application/json",
    )
    # then it is refused naming that field, and nothing is written (rows or audit)
    assert response.status_code in (400, 422)
    assert field in response.json()["fields"]
    assert state() == before


def test_area_with_three_decimals_is_refused_on_the_page_with_a_translated_message(city, login):
    client = login("street_a")
    before = state()
    with translation.override("zh-hans"):
        response = client.post(
            "/registry/projects/new/",
            _form(city, total_building_area="100.123"),
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        expected = gettext("The area has at most 2 decimal places (0.01 m²).")
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert state() == before


def test_old_category_after_the_profile_cutoff_is_refused(city, login):
    """Seed 001 §五: an old project is completed by the end of the cutoff year (the
    national profile used by the test city: 2000)."""
    client = login("street_a")
    before = state()
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, category="old", completed_year=2010),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "category" in response.json()["fields"]
    assert state() == before


def test_old_category_needs_the_completion_year(city, login):
    client = login("street_a")
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, category="old", completed_year=None),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "category" in response.json()["fields"]


def test_old_category_on_or_before_the_cutoff_is_accepted(city, login):
    client = login("street_a")
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, category="old", completed_year=2000, service_mode="quasi"),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["warning"] is None


def test_another_category_for_an_old_project_is_saved_with_a_warning(city, login):
    """Seed 001 §五: a project completed by the cutoff qualifies as old; a different
    category is kept (resettlement housing can be old too) but flagged."""
    client = login("street_a")
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, category="resettlement", completed_year=1995),
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["warning"]


def test_seed_001_profile_moves_the_cutoff_to_2004(city, login):
    """Seed 001 §五 (jiangxi-zhanggong): 老旧小区 = completed by the end of 2004."""
    city.district.profile_id = "jiangxi-zhanggong"
    city.district.save()
    client = login("street_a")
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, category="old", completed_year=2004),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("status", ["unfiled", "submitted", "revoked"])
def test_unfiled_company_cannot_be_given_a_project(city, login, status):
    """Seed 000 §11: a company that is not filed may not serve."""
    PropertyCompany.objects.filter(pk=city.company_2.pk).update(filing_status=status)
    client = login("street_a")
    before = state()
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, company_id=city.company_2.pk),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "company" in response.json()["fields"]
    assert state() == before


def test_blacklisted_company_cannot_be_given_a_project(city, login):
    import datetime as dt

    PropertyCompany.objects.filter(pk=city.company_2.pk).update(
        blacklisted_since=dt.date(2025, 1, 1)
    )
    client = login("street_a")
    before = state()
    response = client.put(
        f"/api/v1/registry/projects/{city.project_a.pk}",
        _payload(city, name=city.project_a.name, company_id=city.company_2.pk),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "company" in response.json()["fields"]
    assert state() == before


def test_filed_company_of_another_street_may_be_assigned(city, login):
    # Company filing data is public; what decides is whether it may serve.
    client = login("street_a")
    response = client.post(
        "/api/v1/registry/projects",
        _payload(city, company_id=city.company_2.pk),
        content_type="application/json",
    )
    assert response.status_code == 201


def test_street_b_cannot_create_in_street_a(city, login):
    client = login("street_b")
    before = state()
    response = client.post(
        "/api/v1/registry/projects", _payload(city), content_type="application/json"
    )
    assert response.status_code == 400
    assert "community" in response.json()["fields"]
    page = client.post("/registry/projects/new/", _form(city))
    assert page.status_code == 400
    assert state() == before


def test_street_b_cannot_edit_street_a_project(city, login):
    client = login("street_b")
    before = state()
    api = client.put(
        f"/api/v1/registry/projects/{city.project_a.pk}",
        _payload(city, community_id=city.community_b.pk),
        content_type="application/json",
    )
    assert api.status_code == 404
    assert client.get(f"/registry/projects/{city.project_a.pk}/edit/").status_code == 404
    assert (
        client.post(f"/registry/projects/{city.project_a.pk}/edit/", _form(city)).status_code == 404
    )
    assert state() == before


def test_street_a_cannot_move_its_project_into_street_b(city, login):
    client = login("street_a")
    before = state()
    response = client.put(
        f"/api/v1/registry/projects/{city.project_a.pk}",
        _payload(city, name=city.project_a.name, community_id=city.community_b.pk),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert state() == before


def test_company_staff_read_but_never_edit_projects(city, login):
    client = login("company_1")
    before = state()
    assert client.get(f"/registry/projects/{city.project_a.pk}/").status_code == 200
    assert client.get(f"/registry/projects/{city.project_a.pk}/edit/").status_code == 403
    assert client.get("/registry/projects/new/").status_code == 403
    api = client.put(
        f"/api/v1/registry/projects/{city.project_a.pk}",
        _payload(city, name="改名"),
        content_type="application/json",
    )
    assert api.status_code == 404
    created = client.post(
        "/api/v1/registry/projects", _payload(city), content_type="application/json"
    )
    assert created.status_code == 400
    assert state() == before


def test_community_officer_edits_within_their_community(city, login):
    client = login("community_a")
    response = client.post(
        f"/registry/projects/{city.project_a.pk}/edit/",
        _form(city, name="幸福家园", category="new", completed_year=2015),
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(
        target_type="registry.Project", target_id=str(city.project_a.pk), action="update"
    ).get()
    assert entry.node_path == city.community_a.path


def test_project_list_filters(city, login):
    client = login("bureau")
    Project.objects.filter(pk=city.project_b.pk).update(service_mode="quasi", formation="committee")
    ids = lambda q: {p["id"] for p in client.get(f"/api/v1/registry/projects?{q}").json()["items"]}  # noqa: E731
    assert ids(f"community={city.community_a.pk}") == {city.project_a.pk}
    assert ids("service_mode=quasi") == {city.project_b.pk}
    assert ids(f"company={city.company_1.pk}") == {city.project_a.pk}
    assert ids("formation=committee") == {city.project_b.pk}
    page = client.get("/registry/projects/?service_mode=quasi").content.decode()
    assert city.project_b.name in page and city.project_a.name not in page


def test_project_export_is_scoped(city, login):
    client = login("street_a")
    response = client.get("/registry/projects/export.xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == [city.project_a.name]


def test_project_list_query_budget(city, login, django_assert_max_num_queries):
    client = login("bureau")
    client.get("/registry/projects/")
    for i in range(30):
        Project.objects.create(
            name=f"项目{i}",
            community=city.community_a,
            node_path=city.community_a.path,
            category="new",
            company=city.company_1,
        )
    with django_assert_max_num_queries(14):
        page = client.get("/registry/projects/").content.decode()
    assert "项目1" in page


def test_a_huge_area_is_refused_as_too_large_not_a_server_error():
    # found by the API fuzzing: quantize() cannot hold 9.2e208 and raised InvalidOperation
    from gongzhi.registry.housing.validation import FieldError, clean_area

    with pytest.raises(FieldError) as refused:
        clean_area("9.2e208")
    assert refused.value.reason == "too_large"
