"""Pages link only to pages their reader may open ({% may_open %}): a link that answers
403 is a dead end for a committee member on a phone."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_complaint_list_links_statistics_only_for_those_who_may_open_it(city, login):
    committee_page = login("committee_a").get("/complaints/").content.decode()
    assert "/complaints/statistics/" not in committee_page
    assert "/complaints/responsibilities/" not in committee_page
    street_page = login("street_a").get("/complaints/").content.decode()
    assert "/complaints/statistics/" in street_page
    assert "/complaints/responsibilities/" in street_page


def test_project_page_names_owners_without_links_for_a_committee_member(city, login):
    url = f"/registry/projects/{city.project_a.pk}/"
    committee_page = login("committee_a").get(url)
    assert committee_page.status_code == 200
    assert "/registry/owners/" not in committee_page.content.decode()
    street_page = login("street_a").get(url).content.decode()
    assert f"/registry/owners/{city.owner_1.pk}/" in street_page
