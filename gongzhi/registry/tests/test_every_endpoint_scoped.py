"""Every detail endpoint, HTML and API, answers 404 for an object outside the actor's
scope and 200 inside it (the same check for each URL, so a new one cannot slip by)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

# (url template, attribute of the City fixture holding the object)
DETAIL_URLS = [
    ("/registry/projects/{pk}/", "project"),
    ("/api/v1/registry/projects/{pk}", "project"),
    ("/registry/companies/{pk}/", "company"),
    ("/api/v1/registry/companies/{pk}", "company"),
    ("/registry/owners/{pk}/", "owner"),
    ("/api/v1/registry/owners/{pk}", "owner"),
    ("/api/v1/jurisdictions/{pk}", "community"),
]

# actor → (inside object names, outside object names) per kind
SCOPES = {
    "street_a": {
        "project": ("project_a", "project_b"),
        "company": ("company_1", "company_2"),
        "owner": ("owner_1", "owner_b"),
        "community": ("community_a", "community_b"),
    },
    "street_b": {
        "project": ("project_b", "project_a"),
        "company": ("company_2", "company_1"),
        "owner": ("owner_b", "owner_1"),
        "community": ("community_b", "community_a"),
    },
    "company_1": {
        "project": ("project_a", "project_b"),
        "company": ("company_1", "company_2"),
        "owner": ("owner_1", "owner_b"),
        "community": (None, "community_a"),
    },
    "owner_1": {
        "project": ("project_a", "project_b"),
        "company": (None, "company_2"),
        "owner": ("owner_1", "owner_2"),
        "community": (None, "community_a"),
    },
}


@pytest.mark.parametrize("username", sorted(SCOPES))
@pytest.mark.parametrize(("url", "kind"), DETAIL_URLS)
def test_detail_scope(city, login, username, url, kind):
    client = login(username)
    inside, outside = SCOPES[username][kind]
    if inside is not None:
        ok = client.get(url.format(pk=getattr(city, inside).pk))
        assert ok.status_code == 200, (username, url, inside)
    denied = client.get(url.format(pk=getattr(city, outside).pk))
    # HTML pages a role may not open at all answer 403; everything else is 404
    assert denied.status_code in (403, 404), (username, url, outside)
    if url.startswith("/api/"):
        assert denied.status_code == 404
        assert denied.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "url",
    ["/api/v1/registry/projects", "/api/v1/registry/companies", "/api/v1/jurisdictions/"],
)
def test_lists_never_leak_the_other_street(city, login, url):
    client = login("street_a")
    ids = {row["id"] for row in client.get(url).json()["items"]}
    forbidden = (
        {city.project_b.pk}
        if "projects" in url
        else (
            {city.company_2.pk} if "companies" in url else {city.street_b.pk, city.community_b.pk}
        )
    )
    assert ids and not ids & forbidden
