"""Fixtures of the Open311 tests: division codes on the test city, keys, a poster."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.test import Client
from django.urls import get_resolver

from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.open311.services import client_create
from gongzhi.testing import City

DISTRICT = "430502"
STREET_A = "430502001"
STREET_B = "430502002"
COMMUNITY_A = "430502001001"


@pytest.fixture(autouse=True)
def _urls_loaded() -> None:
    """Import every URLconf (and the API's schemas) before a test freezes the clock:
    pydantic cannot build a schema for freezegun's fake datetime class."""
    get_resolver().url_patterns  # noqa: B018 - imported for its side effect


@pytest.fixture
def codes(city: City) -> City:
    """Division codes on the streets and community A (build_city sets the district's)."""
    for node, code in (
        (city.street_a, STREET_A),
        (city.street_b, STREET_B),
        (city.community_a, COMMUNITY_A),
    ):
        Jurisdiction.objects.filter(pk=node.pk).update(division_code=code)
        node.division_code = code
    return city


@pytest.fixture
def key(codes: City) -> str:
    """A key the district's bureau issued for the whole district."""
    return client_create(actor=None, name="12345 热线平台", node=codes.district)[1]


@pytest.fixture
def post(client: Client, key: str) -> Callable[..., Any]:
    """``post(fmt="json", **fields)``: POST /open311/v2/requests.<fmt> with the key."""

    def _post(fmt: str = "json", **fields: Any) -> Any:
        data: dict[str, Any] = {
            "api_key": key,
            "jurisdiction_id": STREET_A,
            "service_code": "contract_performance",
            "description": "小区门口道路长期积水无人处理",
            "lat": "28.228000",
            "long": "112.938800",
        }
        data.update(fields)
        data = {k: v for k, v in data.items() if v is not None}
        return client.post(f"/open311/v2/requests.{fmt}", data)

    return _post


def xml(response: Any) -> ET.Element:
    """The parsed XML document of a response (checks the declaration and content type)."""
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    return ET.fromstring(response.content)  # noqa: S314 - our own document, in a test
