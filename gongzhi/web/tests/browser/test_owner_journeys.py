"""Phone journeys of the owners' services, in a real Chromium at 360 px: an owner asks
for a repair, the company's staff dispatch and finish it on their phones, the owner rates
it from the home page; an owner answers the project's satisfaction survey; every tab of
the bottom bar fits the screen and every other page is one tap away under 更多.

The data each journey starts from is made through the apps' own services; expected
Chinese text is read through Django (``translation.override``), never hard-coded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Page, expect

from gongzhi.accounts.selectors import actor_for
from gongzhi.core import clock
from gongzhi.registry.companies import services as company_services
from gongzhi.registry.models import CompanyStaff
from gongzhi.repairs.models import RepairEvent, RepairPhoto, RepairRequest
from gongzhi.surveys import services as survey_services
from gongzhi.surveys.models import Survey, SurveyAnswer, SurveyResponse
from gongzhi.testing import City
from gongzhi.web.navigation import navigation_for
from gongzhi.web.tests.browser.test_journeys import NewPage, sign_in, tap_nav
from gongzhi.web.tests.browser.test_register_journeys import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00"
    b"\x05\x00\x01\xff\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def zh(text: object) -> str:
    with translation.override("zh-hans"):
        return str(text)


def status_of(page: Page) -> str:
    return page.get_by_test_id("status").inner_text().strip()


def assert_bar_fits(page: Page) -> None:
    """Every tab of the bottom bar is whole on the screen, and 更多 is one of them."""
    width = page.evaluate("() => innerWidth")
    tabs = page.get_by_test_id("main-nav").locator("a.tab")
    assert 2 <= tabs.count() <= 5
    for i in range(tabs.count()):
        box = tabs.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, box
        label = tabs.nth(i).locator(".label")
        fits = label.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
        assert fits, f"tab label cut off: {label.inner_text()}"
    assert_no_horizontal_overflow(page)


def test_every_page_of_the_owner_is_reachable_on_a_360_px_phone(
    city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    page = new_page("small_phone")
    sign_in(page, live_server.url, "owner_1")
    assert_bar_fits(page)
    page.screenshot(path=tmp_path / "owner-home-360.png", full_page=True)
    expect(page.get_by_test_id("nav-more")).to_be_visible()
    page.get_by_test_id("nav-more").click()
    page.wait_for_load_state()
    expect(page).to_have_url(live_server.url + reverse("web:menu"))
    with translation.override("zh-hans"):
        links = [
            link for link in navigation_for(actor_for(city.users["owner_1"]), None) if not link.more
        ]
    menu = page.get_by_test_id("menu")
    for link in links:
        expect(menu.locator(f'a[href="{link.url}"]')).to_be_visible()
    assert_bar_fits(page)
    # and each of them opens
    for link in links:
        response = page.goto(live_server.url + link.url)
        assert response is not None and response.status == 200, link.url
        assert_no_horizontal_overflow(page)


@pytest.fixture
def worker(city: City) -> CompanyStaff:
    return company_services.staff_add(
        actor=actor_for(city.users["company_1"]),
        company_id=city.company_1.pk,
        name="刘师傅",
        role=CompanyStaff.Role.OTHER,
        specialty="水电维修",
        phone="13907390001",
    )


def test_owner_asks_for_a_repair_the_company_finishes_it_and_the_owner_rates_it(
    city: City, worker: CompanyStaff, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    S = RepairRequest.Status
    # the owner, from the bottom bar: 报修 → 我要报修
    owner = new_page("small_phone")
    sign_in(owner, live_server.url, "owner_1")
    tap_nav(owner, "repairs:mine")
    owner.get_by_test_id("new-repair").click()
    owner.wait_for_load_state()
    form = owner.get_by_test_id("repair-form")
    expect(form.locator("input[name=place][value=home]")).to_be_checked()
    expect(form.locator("select[name=part]")).to_have_value(str(city.part_a1.pk))
    expect(form.locator("select[name=project]")).to_be_hidden()  # only for a common part
    form.locator("select[name=category]").select_option("plumbing")
    form.locator("textarea[name=description]").fill("厨房下水道堵塞，水排不下去。")
    form.locator("input[name=photos]").set_input_files(
        {"name": "sink.png", "mimeType": "image/png", "buffer": PNG}
    )
    assert_no_horizontal_overflow(owner)
    owner.get_by_test_id("repair-submit").click()
    owner.wait_for_load_state()
    repair = RepairRequest.objects.get()
    assert repair.requester == city.users["owner_1"] and repair.part == city.part_a1
    assert repair.photos.get().stage == RepairPhoto.Stage.REQUEST
    expect(owner).to_have_url(live_server.url + reverse("repairs:detail", args=[repair.pk]))
    assert status_of(owner) == zh(S.SUBMITTED.label)
    owner.screenshot(path=tmp_path / "repair-requested-360.png", full_page=True)

    # the company's staff, on their phone: the queue is a tab; dispatch, then finish
    staff = new_page("small_phone")
    sign_in(staff, live_server.url, "company_1")
    assert_bar_fits(staff)
    tap_nav(staff, "repairs:list")
    staff.get_by_test_id("repair-row").filter(has_text=repair.number).click()
    staff.wait_for_load_state()
    dispatch = staff.get_by_test_id("dispatch-form")
    dispatch.locator("select[name=worker]").select_option(label="刘师傅")
    visit = (clock.now() + dt.timedelta(days=1)).astimezone(dt.timezone(dt.timedelta(hours=8)))
    dispatch.locator("input[name=appointment_at]").fill(f"{visit:%Y-%m-%d}T10:00")
    dispatch.locator("button").click()
    staff.wait_for_load_state()
    assert status_of(staff) == zh(S.DISPATCHED.label)
    expect(staff.get_by_test_id("worker")).to_contain_text("刘师傅")
    staff.get_by_test_id("start").click()
    staff.wait_for_load_state()
    assert status_of(staff) == zh(S.IN_PROGRESS.label)
    done = staff.get_by_test_id("complete-form")
    done.locator("textarea[name=note]").fill("已疏通下水道，试水正常。")
    done.locator("input[name=photos]").set_input_files(
        {"name": "done.png", "mimeType": "image/png", "buffer": PNG}
    )
    done.locator("button").click()
    staff.wait_for_load_state()
    assert status_of(staff) == zh(S.COMPLETED.label)
    assert_no_horizontal_overflow(staff)
    staff.screenshot(path=tmp_path / "repair-finished-staff-360.png", full_page=True)
    repair.refresh_from_db()
    assert repair.worker == worker and repair.respond_seconds is not None
    assert repair.photos.filter(stage=RepairPhoto.Stage.COMPLETION).count() == 1

    # the owner's home says the repair waits for a rating; rate it five stars
    owner.goto(live_server.url + "/")
    item = owner.get_by_test_id("todo-repair").filter(has_text="1-1-101")
    expect(item.get_by_test_id("todo-repair-status")).to_have_text(zh(S.COMPLETED.label))
    item.locator("a").click()
    owner.wait_for_load_state()
    rate = owner.get_by_test_id("rate-form")
    rate.locator("input[name=rating][value='5']").check()
    rate.locator("input[name=comment]").fill("师傅很准时")
    rate.locator("button").click()
    owner.wait_for_load_state()
    assert status_of(owner) == zh(S.RATED.label)
    repair.refresh_from_db()
    assert (repair.status, repair.rating) == (S.RATED, 5)
    actions = list(RepairEvent.objects.filter(request=repair).values_list("action", flat=True))
    assert actions == ["submit", "dispatch", "start", "complete", "rate"]
    expect(owner.get_by_test_id("history")).to_contain_text("已疏通下水道")
    # nothing of it is left among what needs the owner now
    owner.goto(live_server.url + "/")
    expect(owner.get_by_test_id("todo-repair")).to_have_count(0)


def test_owner_answers_the_satisfaction_survey_on_a_phone(
    city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    survey = survey_services.survey_create(
        actor=actor_for(city.users["company_1"]),
        project_id=city.project_a.pk,
        title="业主满意度调查",
        closes_on=clock.today() + dt.timedelta(days=14),
    )
    page = new_page("small_phone")
    sign_in(page, live_server.url, "owner_1")
    todo = page.get_by_test_id("todo-survey")
    expect(todo).to_contain_text(survey.title)
    todo.locator("a").click()
    page.wait_for_load_state()
    form = page.get_by_test_id("answer-form")
    # leaving one question out is refused, in Chinese, and nothing is stored
    for i, question in enumerate(survey.questions):
        if i:
            form.locator(f"input[name=q_{question['code']}][value='4']").check()
    page.get_by_test_id("answer-submit").click()
    page.wait_for_load_state()
    expect(page.locator(".errorlist").first).to_be_visible()
    assert SurveyResponse.objects.count() == 0
    form = page.get_by_test_id("answer-form")
    for question in survey.questions:
        form.locator(f"input[name=q_{question['code']}][value='4']").check()
    form.locator(f"input[name=q_{survey.questions[0]['code']}][value='5']").check()
    assert_no_horizontal_overflow(page)
    page.screenshot(path=tmp_path / "survey-answer-360.png", full_page=True)
    page.get_by_test_id("answer-submit").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("answered")).to_be_visible()
    response = SurveyResponse.objects.get()
    assert (response.survey_id, response.part_id) == (survey.pk, city.part_a1.pk)
    answers = dict(SurveyAnswer.objects.values_list("code", "value"))
    assert answers[survey.questions[0]["code"]] == 5
    assert set(answers.values()) == {4, 5} and len(answers) == len(survey.questions)
    # the home no longer asks for it
    page.goto(live_server.url + "/")
    expect(page.get_by_test_id("todo-survey")).to_have_count(0)
    assert Survey.objects.get().status == Survey.Status.OPEN
