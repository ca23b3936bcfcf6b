"""A company's exit in a real Chromium, on a phone and a desktop (gongzhi.lifecycle): the
company gives its written notice, the street starts the supervised handover naming the
incoming company, the company describes an item and the committee confirms it, the street
completes the handover and closes the exit (the contract ends, the incoming company
serves). Then a handover inspection page on the phone.

Data is made through the services; expected Chinese is read through the catalogues.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation
from playwright.sync_api import expect

from gongzhi.accounts.selectors import actor_for
from gongzhi.contracts.models import ServiceContract
from gongzhi.core import clock
from gongzhi.lifecycle import services
from gongzhi.lifecycle.models import Exit, ExitItem
from gongzhi.lifecycle.tests.conftest import file_contract
from gongzhi.registry.models import Project
from gongzhi.testing import City
from gongzhi.web.tests.browser.test_journeys import NewPage, sign_in
from gongzhi.web.tests.browser.test_register_journeys import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser


def zh(text: object) -> str:
    with translation.override("zh-hans"):
        return str(translation.gettext(str(text)) if isinstance(text, str) else text)


@pytest.mark.parametrize(
    ("company_view", "street_view"), [("phone", "desktop"), ("desktop", "phone")]
)
def test_exit_from_notice_to_closed(
    company_view: str, street_view: str, city: City, live_server, new_page: NewPage
) -> None:
    def actor(name: str):
        return actor_for(city.users[name])

    today = clock.today()
    contract = file_contract(
        actor,
        company_user="company_1",
        project=city.project_a,
        signed_on=today - dt.timedelta(days=400),
        term_start=today - dt.timedelta(days=365),
        term_end=today + dt.timedelta(days=365),
    )
    # the company gives its written notice on its phone (or desktop)
    page = new_page(company_view)
    sign_in(page, live_server.url, "company_1")
    page.goto(live_server.url + "/lifecycle/exits/new/")
    page.get_by_test_id("exit-contract").select_option(str(contract.pk))
    page.get_by_test_id("exit-kind").select_option("non_renewal")
    page.get_by_test_id("notice-on").fill(today.isoformat())
    page.get_by_test_id("recipient-owners_committee").check()
    page.get_by_test_id("exit-reason").fill("合同期满不再续约")
    page.get_by_test_id("save").click()
    page.wait_for_load_state()
    exit_ = Exit.objects.get(contract=contract)
    assert exit_.notice_timely is True
    expect(page.get_by_test_id("status")).to_have_text(zh(Exit.Status.NOTIFIED.label))
    if company_view == "phone":
        assert_no_horizontal_overflow(page)

    # the street starts the handover and names the incoming company
    street = new_page(street_view)
    sign_in(street, live_server.url, "street_a")
    street.goto(live_server.url + f"/lifecycle/exits/{exit_.pk}/")
    street.get_by_test_id("incoming").select_option(str(city.company_2.pk))
    street.get_by_test_id("start-handover").click()
    street.wait_for_load_state()
    expect(street.get_by_test_id("status")).to_have_text(zh(Exit.Status.HANDING_OVER.label))
    first = ExitItem.objects.filter(exit=exit_).order_by("pk").first()
    assert first is not None

    # the company describes the first item; the incoming company confirms it
    page.goto(live_server.url + f"/lifecycle/exits/{exit_.pk}/")
    page.get_by_test_id(f"detail-{first.code}").fill("物业服务用房一间，钥匙两把")
    page.get_by_test_id(f"describe-{first.code}").click()
    page.wait_for_load_state()
    incoming = new_page(company_view)
    sign_in(incoming, live_server.url, "company_2")
    incoming.goto(live_server.url + f"/lifecycle/exits/{exit_.pk}/")
    incoming.get_by_test_id(f"confirm-{first.code}").click()
    incoming.wait_for_load_state()
    assert ExitItem.objects.get(pk=first.pk).confirmed_by_id == city.users["company_2"].pk

    # the other items through the services, then the street completes and closes
    for item in ExitItem.objects.filter(exit=exit_, confirmed_at__isnull=True):
        services.exit_item_describe(actor=actor("company_1"), item_id=item.pk, detail="已清点")
        services.exit_item_confirm(actor=actor("company_2"), item_id=item.pk)
    street.reload()
    street.get_by_test_id("complete").click()
    street.wait_for_load_state()
    street.get_by_test_id("opinion").fill("同意退还履约保证金")
    street.get_by_test_id("close").click()
    street.wait_for_load_state()
    expect(street.get_by_test_id("status")).to_have_text(zh(Exit.Status.CLOSED.label))
    assert ServiceContract.objects.get(pk=contract.pk).status == ServiceContract.Status.ENDED
    assert Project.objects.get(pk=city.project_a.pk).company_id == city.company_2.pk
    if street_view == "phone":
        assert_no_horizontal_overflow(street)


def test_handover_inspection_on_a_phone(city: City, live_server, new_page: NewPage) -> None:
    handover = services.handover_create(
        actor=actor_for(city.users["street_a"]),
        project_id=city.project_a.pk,
        company_id=city.company_1.pk,
        delivery_on=clock.today() + dt.timedelta(days=40),
        developer_name="幸福置业",
    )
    page = new_page("phone")
    sign_in(page, live_server.url, "company_1")
    page.goto(live_server.url + f"/lifecycle/handovers/{handover.pk}/")
    # starting with unmet preconditions is refused with the missing conditions listed
    page.get_by_test_id("start").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("errors")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text(zh("Checking preconditions"))
    for box in page.locator("[data-testid^=pre-]").all():
        box.check()
    page.get_by_test_id("save-preconditions").click()
    page.wait_for_load_state()
    page.get_by_test_id("start").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("status")).to_have_text(zh("Inspecting"))
    page.get_by_test_id("finding-location").fill("1栋电梯")
    page.get_by_test_id("finding-result").select_option("defect")
    page.get_by_test_id("finding-description").fill("轿厢照明不亮")
    page.get_by_test_id("add-finding").click()
    page.wait_for_load_state()
    expect(page.get_by_test_id("findings")).to_contain_text("1栋电梯")
    assert_no_horizontal_overflow(page)
