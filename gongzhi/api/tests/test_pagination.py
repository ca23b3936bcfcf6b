"""A page number past core.pagination.MAX_PAGE is a 422 with the error document, not a 500 from
an OFFSET the database cannot hold (found by the fuzzing of /api/v1)."""

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
