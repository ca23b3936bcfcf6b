"""The edit history as officials read it: every page renders audit rows through one
renderer (``gongzhi.audit.display``); personal numbers stay masked there as on every page
(rules.identity; PIPL art. 51)."""

from __future__ import annotations

import pytest

from gongzhi.registry.tests.housing_fixtures import NEW_ID
from gongzhi.rules.identity import mask_id_number, mask_phone

pytestmark = pytest.mark.django_db


def _history(page: str) -> str:
    return page.split('data-testid="edit-history"', 1)[1].split("</section>", 1)[0]


def test_an_owners_corrected_numbers_stay_masked_in_the_history(city, login):
    # given the street official corrects an owner's phone and ID card number
    client = login("street_a")
    owner = city.owner_1
    old_id, old_phone = owner.id_number, owner.phone
    response = client.put(
        f"/api/v1/registry/owners/{owner.pk}",
        {"name": owner.name, "phone": "13800000009", "number": NEW_ID},
        content_type="application/json",
    )
    assert response.status_code == 200
    # when the owner's page is opened
    history = _history(client.get(f"/registry/owners/{owner.pk}/").content.decode())
    # then both sides of each change are masked as the page's own fields are
    assert f"{mask_id_number(old_id)} → {mask_id_number(NEW_ID)}" in history
    assert f"{mask_phone(old_phone) or '—'} → 138****0009" in history
    assert NEW_ID not in history and "13800000009" not in history
    assert old_id not in history
