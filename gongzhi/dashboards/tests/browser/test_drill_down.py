"""A bureau official drills from the district to a street, a community and a project on
a desktop and on a phone, the chosen year kept at every step; then opens the list behind
a figure and the complaint in it. Charts are drawn when the library is installed; the
tables are there either way, and nothing overflows the phone's width."""

from __future__ import annotations

import pytest
from django.utils import translation
from playwright.sync_api import expect

from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints.services import complaint_submit
from gongzhi.core import clock
from gongzhi.dashboards.views import chart_library_url
from gongzhi.testing import City
from gongzhi.web.tests.browser.test_journeys import NewPage, sign_in
from gongzhi.web.tests.browser.test_register_journeys import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_bureau_drills_from_the_district_to_a_project(
    city: City, live_server, new_page: NewPage, viewport: str
) -> None:
    complaint = complaint_submit(
        actor=actor_for(city.users["owner_1"]),
        channel="owner",
        category="service_quality",
        description="电梯坏了三天无人维修",
        project=city.project_a,
        place="1栋",
    )
    page = new_page(viewport)
    page.set_default_timeout(60_000)  # a shared, loaded machine: slow is not wrong
    sign_in(page, live_server.url, "bureau")
    page.goto(live_server.url + "/dashboards/")
    expect(page.get_by_test_id("dashboard-title")).to_contain_text(city.district.name)
    # choose last year: every step down keeps it
    last_year = str(clock.today().year - 1)
    page.get_by_test_id("dashboard-filters").locator("select[name=year]").select_option(last_year)
    page.get_by_test_id("dashboard-filters").locator("button").click()
    page.wait_for_load_state()
    for place in (city.street_a, city.community_a):
        page.get_by_test_id(f"drill-n{place.pk}").click()
        page.wait_for_load_state()
        expect(page.get_by_test_id("dashboard-title")).to_contain_text(place.name)
        assert f"year={last_year}" in page.url
    page.get_by_test_id(f"drill-p{city.project_a.pk}").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("dashboard-title")).to_contain_text(city.project_a.name)
    assert f"year={last_year}" in page.url
    crumbs = page.get_by_test_id("crumbs")
    for name in (city.district.name, city.street_a.name, city.community_a.name):
        expect(crumbs).to_contain_text(name)
    # back to this year: the figure counts the complaint and lists it
    page.get_by_test_id("dashboard-filters").locator("select[name=year]").select_option(
        str(clock.today().year)
    )
    page.get_by_test_id("dashboard-filters").locator("button").click()
    page.wait_for_load_state()
    figure = page.get_by_test_id("figure-complaints.received")
    expect(figure).to_contain_text("1")
    if chart_library_url():
        expect(page.locator("figure.chart.has-chart").first).to_be_visible()
        expect(page.locator("figure.chart.has-chart svg").first).to_be_visible()
    else:
        expect(page.locator("details.chart-table[open]").first).to_be_visible()
    if viewport == "phone":
        assert_no_horizontal_overflow(page)
    figure.click()
    page.wait_for_load_state()
    with translation.override("zh-hans"):
        expect(page.get_by_test_id("row-count")).to_contain_text("1")
    page.get_by_role("link", name=complaint.number).click()
    page.wait_for_load_state()
    assert f"/complaints/{complaint.pk}/" in page.url
