"""Abuse limits through HTTP (rate limits): the request after the limit gets 429 with
Retry-After, other accounts and addresses are unaffected, a new window starts afresh."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client

from gongzhi.core import clock
from gongzhi.core.ratelimit import Limit
from gongzhi.open311.services import client_create
from gongzhi.testing import PASSWORD, City

AT = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def limits(settings, db):
    """Rate limits on, each scope at 3 per 10 minutes."""
    settings.GONGZHI_RATE_LIMITS_ENABLED = True
    settings.GONGZHI_RATE_LIMITS = dict.fromkeys(settings.GONGZHI_RATE_LIMITS, "3/10m")
    cache.clear()
    yield settings
    cache.clear()


def _login(client: Client, login: str, password: str = "wrong", addr: str = "10.0.0.1"):  # noqa: S107
    return client.post("/accounts/login/", {"login": login, "password": password}, REMOTE_ADDR=addr)


def test_limit_syntax():
    assert Limit.parse("10/15m") == Limit(count=10, seconds=900)
    assert Limit.parse("600/h") == Limit(count=600, seconds=3600)
    with pytest.raises(ValueError):
        Limit.parse("ten a minute")


def test_sign_in_per_account_counts_username_and_mobile_together(limits, city: City):
    client = Client()
    with clock.frozen(AT):
        assert _login(client, "owner_1", addr="10.0.0.1").status_code == 200
        assert _login(client, "13800000001", addr="10.0.0.2").status_code == 200
        assert _login(client, "owner_1", addr="10.0.0.3").status_code == 200
        refused = _login(client, "owner_1", password=PASSWORD, addr="10.0.0.4")
        assert refused.status_code == 429
        assert 0 < int(refused["Retry-After"]) <= 600
        assert "请求过于频繁" in refused.content.decode()
        # another account from the same addresses is unaffected
        assert _login(client, "owner_2", password=PASSWORD, addr="10.0.0.4").status_code == 302
    # the next window starts afresh
    with clock.frozen(AT + dt.timedelta(minutes=10)):
        assert _login(Client(), "owner_1", password=PASSWORD, addr="10.0.0.4").status_code == 302


def test_sign_in_per_address(limits, city: City):
    client = Client()
    for name in ("owner_1", "owner_2", "street_a"):
        assert _login(client, name, addr="10.0.0.9").status_code == 200
    assert _login(client, "street_b", password=PASSWORD, addr="10.0.0.9").status_code == 429
    assert _login(client, "street_b", password=PASSWORD, addr="10.0.0.8").status_code == 302


def test_bad_bearer_tokens_per_address_get_a_json_429(limits, city: City):
    client = Client()
    for _ in range(3):
        response = client.get(
            "/api/v1/accounts/me", HTTP_AUTHORIZATION="Bearer nope", REMOTE_ADDR="10.0.1.1"
        )
        assert response.status_code == 401
    refused = client.get(
        "/api/v1/accounts/me", HTTP_AUTHORIZATION="Bearer nope", REMOTE_ADDR="10.0.1.1"
    )
    assert refused.status_code == 429
    assert refused.json()["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0
    other = client.get(
        "/api/v1/accounts/me", HTTP_AUTHORIZATION="Bearer nope", REMOTE_ADDR="10.0.1.2"
    )
    assert other.status_code == 401


def test_open311_per_key_answers_an_open311_error_document(limits, city: City):
    key_1 = client_create(actor=None, name="12345", node=city.district)[1]
    key_2 = client_create(actor=None, name="12319", node=city.district)[1]
    client = Client()
    for _ in range(3):
        assert client.get(f"/open311/v2/services.json?api_key={key_1}").status_code == 200
    refused = client.get(f"/open311/v2/services.json?api_key={key_1}")
    assert refused.status_code == 429
    assert refused.json()[0]["code"] == 429 and refused.json()[0]["description"]
    assert refused["Retry-After"]
    xml = client.get(f"/open311/v2/services.xml?api_key={key_1}")
    assert xml.status_code == 429 and b"<errors>" in xml.content
    assert client.get(f"/open311/v2/services.json?api_key={key_2}").status_code == 200


def test_public_pages_per_address_and_cache_clear_resets(limits, city: City):
    client = Client()
    for _ in range(3):
        assert client.get("/credit/public/", REMOTE_ADDR="10.0.2.1").status_code == 200
    assert client.get("/credit/public/", REMOTE_ADDR="10.0.2.1").status_code == 429
    assert client.get("/credit/public/", REMOTE_ADDR="10.0.2.2").status_code == 200
    cache.clear()
    assert client.get("/credit/public/", REMOTE_ADDR="10.0.2.1").status_code == 200


def test_receipt_checks_per_account(limits, login, city: City):
    client = login("owner_1")
    for n in range(3):
        assert client.get(f"/decisions/receipt/?code=ABCD{n}").status_code == 200
    assert client.get("/decisions/receipt/?code=ABCD9").status_code == 429
    assert client.get("/decisions/receipt/").status_code == 200  # the empty form is free


def test_uploads_per_user(limits, login, city: City):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = login("owner_1")
    for n in range(4):
        response = client.post(
            "/complaints/new/", {"photos": SimpleUploadedFile(f"p{n}.png", b"x")}
        )
        if n < 3:
            assert response.status_code != 429
    assert response.status_code == 429
