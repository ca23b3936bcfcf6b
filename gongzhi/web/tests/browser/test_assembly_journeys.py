"""The road to the first owners' assembly in a real Chromium on a phone (gongzhi.assembly):
the scan puts the project on the street's to-do list; the street forms the preparation
group from it, uploads the two drafts, names a candidate and publishes: the first
assembly's two votes appear, linked to the decisions app (seed 000 §19-20; 指导规则).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongzhi.assembly import services
from gongzhi.assembly.models import PreparationGroup
from gongzhi.assembly.tests.test_formation import PDF, more_owners, no_committee
from gongzhi.decisions.models import Matter
from gongzhi.testing import City
from gongzhi.web.tests.browser.test_journeys import NewPage, sign_in
from gongzhi.web.tests.browser.test_register_journeys import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser


def test_street_forms_the_group_and_puts_the_first_assembly_to_the_vote(
    city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    no_committee(city)
    extra = more_owners(city)
    services.formation_scan()
    page = new_page("small_phone")
    sign_in(page, live_server.url, "street_a")
    page.goto(live_server.url + "/assembly/")
    assert_no_horizontal_overflow(page)
    # from the to-do list to the group's form
    page.get_by_test_id(f"form-group-{city.project_a.pk}").click()
    page.locator("input[name=street_name]").fill("王主任")
    page.locator("input[name=community_name]").fill("赵书记")
    page.locator("input[name=developer_name]").fill("建设单位代表")
    page.locator("input[name=seats]").fill("3")
    for owner in (city.owner_1, city.owner_2, *extra):
        page.locator(f"input[name=owners][value='{owner.pk}']").check()
    page.get_by_test_id("save").click()
    expect(page.get_by_test_id("group-status")).to_be_visible()
    group = PreparationGroup.objects.get()
    # the drafts, one candidate
    draft = tmp_path / "draft.pdf"
    draft.write_bytes(PDF)
    for kind in ("rules_of_procedure", "management_statute"):
        page.locator("[data-testid=documents] summary").click()
        page.locator("select[name=kind]").select_option(kind)
        page.locator("input[name=file]").set_input_files(str(draft))
        page.get_by_test_id("upload").click()
        page.wait_for_load_state()
    page.locator("[data-testid=candidates] summary").click()
    page.locator("[data-testid=candidates] select[name=owner]").select_option(str(city.owner_1.pk))
    page.get_by_test_id("add-candidate").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("problems")).to_have_count(0)
    assert_no_horizontal_overflow(page)
    # publishing puts the two votes to the owners through the decisions app
    page.get_by_test_id("publish").click()
    expect(page.get_by_test_id("votes")).to_be_visible()
    group.refresh_from_db()
    assert group.status == PreparationGroup.Status.PUBLISHED
    assert Matter.objects.filter(source_ref__startswith=f"assembly.group:{group.pk}:").count() == 2
    expect(page.get_by_test_id("votes").locator("a")).to_have_count(2)
