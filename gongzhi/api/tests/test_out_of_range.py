"""Numbers past what the database holds: a page past core.pagination.MAX_PAGE is a 422 with the
error document, an id past 64 bits a 404 (core.scoping.get_visible), not a 500 from the
database (found by the fuzzing of /api/v1)."""

from __future__ import annotations

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import api_token_create


def test_a_page_beyond_any_list_is_refused_as_invalid(city, client):
    _, token = api_token_create(actor=actor_for(User.objects.get(username="street_a")), name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "secure": True}

    huge = client.get("/api/v1/complaints", {"page": 10**30}, **auth)
    assert huge.status_code == 422
    assert huge.json()["code"] == "invalid"
    assert "page" in huge.json()["fields"]

    far = client.get("/api/v1/complaints", {"page": 1000}, **auth)
    assert far.status_code == 200
    assert far.json()["items"] == []


def test_an_id_no_column_can_hold_is_not_found(city, client):
    _, token = api_token_create(actor=actor_for(User.objects.get(username="street_a")), name="t")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}", "secure": True}
    response = client.post(
        f"/api/v1/funds/parts/{10**24}/topup", {}, content_type="application/json", **auth
    )
    assert response.status_code == 404
