"""The Django admin goes through the same service as everything else."""

from __future__ import annotations

import pytest

from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_admin_creates_nodes_with_path_and_level_check(city, client):
    client.login(username="admin", password=PASSWORD)
    response = client.post(
        "/admin/jurisdictions/jurisdiction/add/",
        {
            "name": "新社区",
            "level": "community",
            "parent": city.street_a.pk,
            "division_code": "",
            "profile_id": "",
            "phone": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    node = Jurisdiction.objects.get(name="新社区")
    assert node.path.startswith(city.street_a.path) and node.depth == 2
    bad = client.post(
        "/admin/jurisdictions/jurisdiction/add/",
        {
            "name": "错层",
            "level": "street",
            "parent": city.street_a.pk,
            "division_code": "",
            "profile_id": "",
            "phone": "",
        },
    )
    assert bad.status_code == 200
    assert not Jurisdiction.objects.filter(name="错层").exists()
