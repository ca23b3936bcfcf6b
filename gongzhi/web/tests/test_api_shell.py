"""/api/v1: OpenAPI schema and documentation served offline (no CDN)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db

CDN = re.compile(r"https?://[^\"' ]*(cdn|unpkg|jsdelivr|googleapis|cdnjs)", re.I)


def test_openapi_schema_lists_every_router(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Gongzhi API"
    paths = set(schema["paths"])
    assert "/api/v1/registry/projects" in paths
    assert "/api/v1/accounts/me" in paths
    assert "/api/v1/jurisdictions/" in paths


def test_api_docs_use_local_assets_only(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger" in page.lower()
    assert not CDN.search(page)


def test_pages_use_no_cdn(city, login):
    page = login("bureau").get("/").content.decode()
    assert not CDN.search(page)
    assert "/static/django_htmx/htmx-2.min.js" in page or "htmx" in page
