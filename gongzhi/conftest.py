from __future__ import annotations

import pytest
from django.test import Client

from gongzhi.testing import PASSWORD, City, build_city


@pytest.fixture
def city(db: None) -> City:
    return build_city()


@pytest.fixture
def login(client: Client, city: City):
    """``login("street_a")`` signs the test client in as that city user."""

    def _login(username: str) -> Client:
        client.logout()
        response = client.post("/accounts/login/", {"login": username, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return _login
