"""The menu of each role: the pages people of that role live in are primary (on the
phone's bottom bar), every page appears once."""

from __future__ import annotations

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.web.navigation import navigation_for

pytestmark = pytest.mark.django_db


def _menu(city, username):
    links = navigation_for(actor_for(city.users[username]), None)
    urls = [link.url for link in links]
    assert len(urls) == len(set(urls)), "a page is listed twice"
    return {link.url for link in links if not link.secondary}, set(urls)


def test_owner_has_votes_complaints_fund_and_bills_on_the_phone_bar(city):
    primary, _ = _menu(city, "owner_1")
    assert {"/decisions/mine/", "/complaints/mine/", "/funds/mine/", "/fees/"} <= primary


def test_department_staff_reach_the_complaints_routed_to_them(city):
    primary, _ = _menu(city, "dept")
    assert "/complaints/" in primary


def test_committee_organises_decisions_from_the_bar_and_officials_from_the_sidebar(city):
    committee, _ = _menu(city, "committee_a")
    assert "/decisions/" in committee
    street_primary, street_all = _menu(city, "street_a")
    assert "/decisions/" not in street_primary and "/decisions/" in street_all
