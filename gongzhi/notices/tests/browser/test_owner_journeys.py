"""An owner on a 360 px phone reads a notice from the inbox (the read receipt is counted
once) and opens the project's disclosure board from the QR code's URL without signing in.

Data is made through the apps' services; expected Chinese is read through Django's
catalogues, never hard-coded."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import Browser, expect

from gongzhi.accounts.selectors import actor_for
from gongzhi.disclosure import services as disclosure_services
from gongzhi.disclosure.models import ItemKind
from gongzhi.notices import services as notice_services
from gongzhi.notices.models import NoticeRecipient
from gongzhi.testing import City
from gongzhi.web.tests.browser.test_journeys import sign_in
from gongzhi.web.tests.browser.test_register_journeys import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser

PHONE_360 = {
    "viewport": {"width": 360, "height": 780},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}


def zh(text: object) -> str:
    with translation.override("zh-hans"):
        return str(translation.gettext(text) if isinstance(text, str) else text)


def test_owner_reads_a_notice_on_a_360px_phone(city: City, live_server, browser: Browser):
    # given the committee tells every owner of the project about a water cut
    notice = notice_services.notice_publish(
        actor=actor_for(city.users["committee_a"]),
        project_id=city.project_a.pk,
        issuer="committee",
        title="停水通知",
        body="因管网维修，6月1日9:00-17:00停水，请提前储水。",
    )
    context = browser.new_context(**PHONE_360)
    page = context.new_page()
    try:
        # when the owner signs in and opens the inbox from the home page's "needs me now"
        # (the phone bar keeps four tabs and 更多; notices are among what needs the owner)
        sign_in(page, live_server.url, "owner_1")
        todo = page.get_by_test_id("todo-notices")
        expect(todo).to_contain_text("停水通知")
        link = todo.locator(f'a[href="{reverse("notices:inbox")}"]')
        expect(link).to_be_visible()
        link.click()
        item = page.get_by_test_id("inbox-item").first
        expect(item).to_contain_text("停水通知")
        expect(item).to_have_attribute("data-unread", "1")
        assert_no_horizontal_overflow(page)
        item.get_by_role("link").click()
        # then the notice is shown and its receipt counted — once, however often it is opened
        expect(page.get_by_test_id("notice-title")).to_have_text("停水通知")
        expect(page.get_by_test_id("notice-body")).to_contain_text("提前储水")
        assert_no_horizontal_overflow(page)
        page.reload()
        page.go_back()
        page.goto(live_server.url + reverse("notices:inbox"))
        expect(page.get_by_test_id("inbox-item").first).not_to_have_attribute("data-unread", "1")
        read = NoticeRecipient.objects.filter(notice=notice, read_at__isnull=False)
        assert list(read.values_list("owner_id", flat=True)) == [city.owner_1.pk]
    finally:
        context.close()


def test_owner_opens_the_board_from_the_qr_codes_url(city: City, live_server, browser: Browser):
    # given the company posted the manager and the complaint phone
    staff = actor_for(city.users["company_1"])
    disclosure_services.board_item_put(
        actor=staff,
        project_id=city.project_a.pk,
        kind="project_manager",
        data={"name": "李经理", "phone": "0739-5123456"},
    )
    disclosure_services.board_item_put(
        actor=staff,
        project_id=city.project_a.pk,
        kind="complaint_phone",
        data={"company_phone": "0739-5120000"},
    )
    context = browser.new_context(**PHONE_360)
    page = context.new_page()
    try:
        # when the owner scans the code on the physical board (no sign-in on the phone)
        page.goto(live_server.url + reverse("disclosure:public_board", args=[city.project_a.pk]))
        # the page carries the same code, which encodes the page's own address
        svg = page.get_by_test_id("board-qr").locator("svg")
        expect(svg).to_be_visible()
        expect(page.get_by_test_id("board-title")).to_contain_text(city.project_a.name)
        items = page.get_by_test_id("board-item")
        manager = items.filter(has_text=zh(ItemKind.PROJECT_MANAGER.label))
        expect(manager).to_contain_text("李经理")
        expect(manager).to_contain_text("0739-5123456")
        # items the profile requires but nobody posted say so
        missing = items.filter(has_text=zh(ItemKind.SERVICE_STANDARD.label))
        expect(missing.get_by_test_id("item-missing")).to_be_visible()
        assert_no_horizontal_overflow(page)
        # and the printable sheet for the board is one tap away
        expect(page.get_by_test_id("print-link")).to_be_visible()
    finally:
        context.close()
    # the code posted on the physical board is served as SVG for printing
    from django.test import Client

    response = Client().get(reverse("disclosure:public_qr", args=[city.project_a.pk]))
    assert response["Content-Type"] == "image/svg+xml" and b"<svg" in response.content
