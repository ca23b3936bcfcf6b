"""Sign-in journeys in a real Chromium, for every role, on a desktop and on a phone.

Expected Chinese texts are read through Django (``translation.override("zh-hans")``), not
hard-coded, so the tests follow the gettext catalogue as it evolves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.utils import translation
from playwright.sync_api import Page, expect

from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import INVALID_LOGIN
from gongzhi.testing import PASSWORD, City
from gongzhi.web.navigation import navigation_for

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u4e00-\u9fff]")
LOGIN_PATH = "/accounts/login/"
# One user per role of the test city (gongzhi.testing.build_city).
ROLE_USERS = {
    "admin": "admin",
    "bureau": "bureau",
    "street_officer": "street_a",
    "community_officer": "community_a",
    "department_staff": "dept",
    "company_staff": "company_1",
    "committee_member": "committee_a",
    "owner": "owner_1",
}

NewPage = Callable[[str], Page]


def tap_nav(page: Page, url_name: str) -> None:
    """Open ``url_name`` from the navigation: its tab when the phone's bottom bar holds it,
    else 更多 (the page of every service) and its tile — every page is reachable on a
    phone; on a desktop the sidebar lists them all."""
    from django.urls import reverse

    href = reverse(url_name)
    nav = page.get_by_test_id("main-nav")
    link = nav.locator(f'a[href="{href}"]')
    if not link.is_visible():
        more = nav.get_by_test_id("nav-more")
        expect(more).to_be_visible()
        more.click()
        page.wait_for_load_state()
        link = page.get_by_test_id("menu").locator(f'a[href="{href}"]')
    expect(link).to_be_visible()
    link.click()
    page.wait_for_load_state()


def sign_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    page.goto(base_url + LOGIN_PATH)
    form = page.get_by_test_id("login-form")
    form.locator("input[name=login]").fill(username)
    form.locator("input[name=password]").fill(password)
    form.get_by_test_id("login-submit").click()
    page.wait_for_load_state()


def expected_nav_labels(city: City, username: str) -> list[str]:
    with translation.override("zh-hans"):
        links = navigation_for(actor_for(city.users[username]), None)
        return [str(link.label) for link in links if not link.more]


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("role", list(ROLE_USERS))
def test_role_signs_in_and_sees_its_navigation(
    role: str, viewport: str, city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    username = ROLE_USERS[role]
    expected = expected_nav_labels(city, username)
    page = new_page(viewport)

    sign_in(page, live_server.url, username)

    expect(page).to_have_url(live_server.url + "/")
    page.screenshot(path=tmp_path / f"{role}-{viewport}.png", full_page=True)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    nav = page.get_by_test_id("main-nav")
    expect(nav).to_be_visible()
    labels = [
        text.strip() for text in nav.get_by_test_id("nav-link").locator(".label").all_inner_texts()
    ]
    assert labels == expected
    assert any(CJK.search(label) for label in labels), (
        f"no navigation label is in Chinese: {labels} (is the zh_Hans catalogue translated "
        "and compiled? run compilemessages)"
    )

    if viewport == "phone":
        box = nav.evaluate("el => el.getBoundingClientRect().toJSON()")
        window = page.evaluate(
            "() => ({width: innerWidth, height: innerHeight,"
            " scrollWidth: document.documentElement.scrollWidth})"
        )
        assert box["bottom"] == pytest.approx(window["height"], abs=1), (box, window)
        assert box["width"] == pytest.approx(window["width"], abs=1), (box, window)
        assert box["height"] < window["height"] / 4, f"not a bottom bar: {box}"
        assert window["scrollWidth"] <= window["width"] + 1, f"horizontal overflow: {window}"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_wrong_password_shows_an_error_and_stays_on_the_login_page(
    viewport: str, city: City, live_server, new_page: NewPage
) -> None:
    with translation.override("zh-hans"):
        message = str(INVALID_LOGIN)
    page = new_page(viewport)

    sign_in(page, live_server.url, "bureau", password="not-the-password")

    expect(page).to_have_url(live_server.url + LOGIN_PATH)
    expect(page.get_by_test_id("form-error")).to_have_text(message)
    expect(page.get_by_test_id("login-form")).to_be_visible()
    expect(page.get_by_test_id("main-nav")).to_have_count(0)


def test_owner_opening_the_audit_log_gets_the_403_page(
    city: City, live_server, new_page: NewPage
) -> None:
    with translation.override("zh-hans"):
        title = translation.gettext("Not allowed")
    page = new_page("desktop")
    sign_in(page, live_server.url, "owner_1")
    expect(page).to_have_url(live_server.url + "/")

    response = page.goto(live_server.url + "/audit/")

    assert response is not None and response.status == 403
    expect(page.get_by_test_id("error-403")).to_contain_text(f"403 · {title}")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
