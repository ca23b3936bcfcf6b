"""Handover and exit deadlines on the dashboard over HTTP (seed 000 §24: 承接查验 before
delivery; 004 §12: 前30日): each figure links to its rows, and a street never sees the
other street's deadlines (page, rows, API; 404 for the other street's places)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.lifecycle import services
from gongzhi.testing import City

pytestmark = pytest.mark.django_db


def _figures(client, code: str = "") -> dict:
    url = f"/api/v1/dashboards/{code}" if code else "/api/v1/dashboards/"
    return {f["key"]: f["value"] for f in client.get(url).json()["figures"]}


def test_handover_deadlines_per_street(city: City, login) -> None:
    # given an inspection in each street: street A's delivery in 5 days (the national
    # profile's 15 days before it have passed), street B's in 90 days
    today = clock.today()
    plans = (
        ("street_a", city.project_a, city.company_1, 5),
        ("street_b", city.project_b, city.company_2, 90),
    )
    for user, project, company, days in plans:
        services.handover_create(
            actor=actor_for(city.users[user]),
            project_id=project.pk,
            company_id=company.pk,
            delivery_on=today + dt.timedelta(days=days),
            developer_name="置业公司",
        )
    # the bureau sees both pending, one overdue
    bureau = _figures(login("bureau"))
    assert (bureau["handovers.pending"], bureau["handovers.overdue"]) == (2, 1)
    # street B sees only its own: pending, not overdue
    client = login("street_b")
    own = _figures(client)
    assert (own["handovers.pending"], own["handovers.overdue"]) == (1, 0)
    page = client.get("/dashboards/").content.decode()
    link = f"/dashboards/n{city.street_b.pk}/rows/handovers/?state=pending"
    assert f'href="{link}"' in page
    rows = client.get(link).content.decode()
    assert city.project_b.name in rows and city.project_a.name not in rows
    assert re.search(r'data-testid="row-count">\D*1\D', rows)
    overdue = client.get(f"/dashboards/n{city.street_b.pk}/rows/handovers/?state=overdue")
    assert city.project_a.name not in overdue.content.decode()
    # the other street's places are not found
    for code in (f"n{city.street_a.pk}", f"p{city.project_a.pk}"):
        assert client.get(f"/dashboards/{code}/rows/handovers/").status_code == 404
        assert client.get(f"/dashboards/{code}/rows/exits/").status_code == 404
        assert client.get(f"/api/v1/dashboards/{code}").status_code == 404
