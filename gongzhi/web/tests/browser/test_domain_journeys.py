"""Phone and desktop journeys through the domain apps owners use every day, in a real
Chromium: an owners' vote with its receipt (decisions), a complaint with a photo and its
handling (complaints), the owner's property-fee bills (fees) and maintenance-fund balance
(funds).

The data each journey starts from is made through the apps' own services, never by
writing rows. Assertions check what the database holds afterwards and what the page
shows; any expected Chinese text is read through Django (``translation.override``), never
hard-coded, so the tests follow the catalogues as they evolve.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from PIL import Image
from playwright.sync_api import Page, expect

from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints import services as complaint_services
from gongzhi.complaints.models import Complaint, ComplaintEvent, ComplaintPhoto
from gongzhi.complaints.routing import responsibilities_for
from gongzhi.core.scoping import Actor
from gongzhi.decisions import services as decision_services
from gongzhi.decisions.models import Ballot, BallotRevision, Matter
from gongzhi.fees import services as fee_services
from gongzhi.fees.models import Bill
from gongzhi.funds import services as fund_services
from gongzhi.funds.models import PartFund
from gongzhi.testing import City
from gongzhi.web.tests.browser.test_journeys import NewPage, sign_in, tap_nav
from gongzhi.web.tests.browser.test_register_journeys import assert_no_horizontal_overflow

pytestmark = pytest.mark.browser

CJK = re.compile(r"[\u4e00-\u9fff]")


def zh(text: object) -> str:
    """A lazy label or msgid as the Chinese pages show it."""
    with translation.override("zh-hans"):
        return str(translation.gettext(str(text)) if isinstance(text, str) else text)


def as_actor(city: City, username: str) -> Actor:
    return actor_for(city.users[username])


# --- 1. An owners' vote on a phone -------------------------------------------------------

VOTING_OPENS = dt.date(2026, 3, 17)


@pytest.fixture
def open_matter(city: City, stop_clock: Any) -> Matter:
    """An ordinary matter of project A, drafted, published with its notice period and opened
    for voting by the owners' committee through the services (the roll is frozen then).

    The platform's clock is stopped (as the app's own tests do) so the vote is open on the
    day the live server sees too.
    """
    clock = stop_clock(VOTING_OPENS - dt.timedelta(days=15))
    committee = as_actor(city, "committee_a")
    matter = decision_services.matter_create(
        actor=committee,
        project=city.project_a,
        kind=Matter.Kind.ORDINARY,
        title="更换小区大门",
        body="方案与报价见公告栏。",
    )
    decision_services.matter_publish(
        actor=committee,
        matter=matter,
        voting_starts_on=VOTING_OPENS,
        voting_ends_on=VOTING_OPENS + dt.timedelta(days=6),
    )
    clock.move_to(VOTING_OPENS)
    decision_services.voting_open(actor=committee, matter=matter)
    return Matter.objects.get(pk=matter.pk)


def vote(page: Page, choice: str) -> None:
    form = page.get_by_test_id("vote-form")
    form.get_by_label(zh(Ballot.Choice(choice).label), exact=True).check()
    form.locator("button").click()
    page.wait_for_load_state()


def check_receipt(page: Page, code: str) -> None:
    form = page.locator("main form[method=get]")
    form.locator("input[name=code]").fill(code)
    form.locator("button").click()
    page.wait_for_load_state()


def test_owner_votes_on_a_phone_changes_the_vote_and_checks_the_receipts(
    open_matter: Matter, city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    """Civil Code art. 278: each owner votes once; a changed vote replaces the earlier one
    until the close, and every version has a receipt the owner can check."""
    matter = open_matter
    vote_path = reverse("decisions:vote", args=[matter.pk])
    voter_key = f"o{city.owner_1.pk}"
    page = new_page("phone")
    sign_in(page, live_server.url, "owner_1")

    # My votes, from the phone's bottom bar: the matter is listed as open for voting
    tap_nav(page, "decisions:my_votes")
    expect(page).to_have_url(live_server.url + reverse("decisions:my_votes"))
    card = page.get_by_test_id("my-matter")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(matter.title)
    expect(card.locator(".badge")).to_have_text(zh(Matter.Status.VOTING.label))
    card.locator(f'a[href="{vote_path}"]').click()
    expect(page).to_have_url(live_server.url + vote_path)
    assert_no_horizontal_overflow(page)

    # First vote: agree. The page shows the receipt code the database holds.
    vote(page, Ballot.Choice.YES)
    expect(page).to_have_url(live_server.url + vote_path)
    first = Ballot.objects.get(matter=matter, voter_key=voter_key)
    assert (first.choice, first.version, first.channel) == ("yes", 1, "online")
    assert first.voter_user_id == city.users["owner_1"].pk
    first_receipt = first.receipt
    success = page.locator("main .messages li.msg-success")
    expect(success).to_contain_text(first_receipt)
    assert CJK.search(success.inner_text()), success.inner_text()
    expect(page.get_by_test_id("receipt")).to_have_text(first_receipt)
    expect(page.get_by_test_id("ballot")).to_contain_text(zh(Ballot.Choice.YES.label))
    page.screenshot(path=tmp_path / "vote-first-phone.png", full_page=True)

    # Change of mind: disagree. Still one ballot, a new version and a new receipt.
    vote(page, Ballot.Choice.NO)
    ballots = Ballot.objects.filter(matter=matter, voter_user=city.users["owner_1"])
    assert ballots.count() == 1
    latest = ballots.get()
    assert (latest.voter_key, latest.choice, latest.version) == (voter_key, "no", 2)
    assert latest.receipt != first_receipt
    assert list(
        BallotRevision.objects.filter(ballot=latest)
        .order_by("version")
        .values_list("version", "choice", "receipt")
    ) == [(1, "yes", first_receipt), (2, "no", latest.receipt)]
    assert Ballot.objects.filter(matter=matter).count() == 1  # owner_2 has not voted
    expect(page.get_by_test_id("ballot")).to_have_count(1)
    expect(page.get_by_test_id("receipt")).to_have_text(latest.receipt)
    expect(page.get_by_test_id("ballot")).to_contain_text(zh(Ballot.Choice.NO.label))
    expect(page.locator("main .messages li.msg-success")).to_contain_text(latest.receipt)
    page.screenshot(path=tmp_path / "vote-changed-phone.png", full_page=True)

    # My votes shows the latest vote; its link leads to the receipt check.
    tap_nav(page, "decisions:my_votes")
    expect(card).to_contain_text(zh(Ballot.Choice.NO.label))
    expect(card.locator("code")).to_have_text(latest.receipt)
    expect(card.locator(f'a[href="{vote_path}"]')).to_have_text(zh("Change my vote"))
    page.locator(f'main a[href="{reverse("decisions:receipt")}"]').click()
    expect(page).to_have_url(live_server.url + reverse("decisions:receipt"))

    # The first receipt is recorded but replaced; the latest is the one that counts.
    check_receipt(page, first_receipt.lower())  # codes are read case-insensitively
    result = page.get_by_test_id("receipt-result")
    expect(result).to_contain_text(matter.title)
    expect(result).to_contain_text(zh(Ballot.Choice.YES.label))
    expect(result.get_by_test_id("superseded")).to_have_text(
        zh("A later ballot replaced this one; the later one counts.")
    )
    expect(result.get_by_test_id("counted")).to_have_count(0)

    check_receipt(page, latest.receipt)
    expect(result).to_contain_text(zh(Ballot.Choice.NO.label))
    expect(result.get_by_test_id("counted")).to_have_text(zh("This is the ballot that counts."))
    expect(result.get_by_test_id("superseded")).to_have_count(0)
    page.screenshot(path=tmp_path / "receipt-counted-phone.png", full_page=True)
    assert_no_horizontal_overflow(page)

    # Another owner of the project cannot look the receipt up.
    other = new_page("phone")
    sign_in(other, live_server.url, "owner_2")
    other.goto(live_server.url + reverse("decisions:receipt"))
    check_receipt(other, latest.receipt)
    expect(other.get_by_test_id("unknown")).to_have_text(
        zh("No ballot of yours has this receipt code.")
    )
    assert Ballot.objects.get(matter=matter).receipt == latest.receipt


# --- 2. and 3. A complaint: filed on a phone, handled on a desktop -----------------------


def write_png(path: Path) -> Path:
    """A real 24×16 PNG, as a phone camera roll would hand the browser (smaller)."""
    Image.new("RGB", (24, 16), (200, 40, 40)).save(path, format="PNG")
    return path


def category_label(city: City, code: str) -> str:
    """The label the owner's form offers for ``code`` in project A, in Chinese."""
    items = responsibilities_for(city.project_a.community)
    return next(item.label("zh-hans") for item in items if item.code == code)


def complaint_status(status: str) -> str:
    return zh(Complaint.Status(status).label)


def test_owner_files_a_complaint_with_a_photo_on_a_phone(
    city: City, live_server, new_page: NewPage, tmp_path: Path, settings
) -> None:
    """Seed 002 §二(一)2; 003 §五: the complaint reaches the party the responsibility list
    names (service quality → the property company), at the community tier."""
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = write_png(tmp_path / "楼道.png")
    category = category_label(city, "service_quality")
    page = new_page("phone")
    sign_in(page, live_server.url, "owner_1")

    # "My complaints" from the phone's bottom bar, then the form
    mine_path = reverse("complaints:my_complaints")
    tap_nav(page, "complaints:my_complaints")
    expect(page).to_have_url(live_server.url + mine_path)
    expect(page.get_by_test_id("complaint-table").locator("tbody tr")).to_contain_text(
        zh("No complaints found.")
    )
    page.get_by_test_id("new-complaint").click()
    expect(page).to_have_url(live_server.url + reverse("complaints:complaint_new"))

    form = page.get_by_test_id("complaint-form")
    form.locator("select[name=project]").select_option(str(city.project_a.pk))
    form.locator("input[name=place]").fill("1栋1单元楼道")
    form.locator("select[name=category]").select_option(label=category)
    form.locator("textarea[name=description]").fill("楼道三天没有保洁，垃圾堆在电梯口。")
    form.locator("input[name=photos]").set_input_files(photo)
    assert_no_horizontal_overflow(page)
    page.screenshot(path=tmp_path / "complaint-form-phone.png", full_page=True)
    form.locator("button").click()
    page.wait_for_load_state()

    # The database holds one complaint routed by the responsibility list, with the photo.
    complaint = Complaint.objects.get()
    detail_path = reverse("complaints:complaint_detail", args=[complaint.pk])
    expect(page).to_have_url(live_server.url + detail_path)
    assert complaint.submitter_id == city.users["owner_1"].pk
    assert (complaint.channel, complaint.category, complaint.status) == (
        "owner",
        "service_quality",
        "received",
    )
    assert complaint.project_id == city.project_a.pk and complaint.place == "1栋1单元楼道"
    assert complaint.party == "company" and complaint.company_id == city.company_1.pk
    assert complaint.tier_node_id == city.community_a.pk
    assert complaint.contact_phone == city.users["owner_1"].mobile
    stored = ComplaintPhoto.objects.get(complaint=complaint)
    assert stored.kind == "png" and stored.original_name == photo.name
    assert stored.file.read() == photo.read_bytes()
    expect(page.locator("main .messages li.msg-success")).to_contain_text(complaint.number)
    expect(page.get_by_test_id("status")).to_have_text(complaint_status("received"))
    expect(page.get_by_test_id("party")).to_contain_text(city.company_1.name)
    image = page.locator(f'main img[src="{reverse("complaints:photo", args=[stored.pk])}"]')
    expect(image).to_have_count(1)
    image.scroll_into_view_if_needed()  # the thumbnail loads lazily
    page.wait_for_function(  # the stored photo is served back and decodes as the PNG sent
        "img => img.complete && img.naturalWidth === 24 && img.naturalHeight === 16",
        arg=image.element_handle(),
    )

    # My complaints lists it with its status in Chinese.
    tap_nav(page, "complaints:my_complaints")
    rows = page.get_by_test_id("complaint-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(f'a[href="{detail_path}"]')).to_have_text(complaint.number)
    expect(rows.first.locator(".badge")).to_have_text(complaint_status("received"))
    assert CJK.search(complaint_status("received"))
    expect(rows.first).to_contain_text(category)
    page.screenshot(path=tmp_path / "my-complaints-phone.png", full_page=True)
    assert_no_horizontal_overflow(page)


@pytest.fixture
def filed_complaint(city: City, settings, tmp_path: Path) -> Complaint:
    """owner_1's complaint about service quality in project A, with a photo, filed through
    the service the phone form uses."""
    settings.MEDIA_ROOT = tmp_path / "media"
    png = write_png(tmp_path / "photo.png").read_bytes()
    return complaint_services.complaint_submit(
        actor=as_actor(city, "owner_1"),
        channel="owner",
        category="service_quality",
        description="楼道三天没有保洁",
        project=city.project_a,
        place="1栋1单元",
        photos=[SimpleUploadedFile("photo.png", png, content_type="image/png")],
    )


def act(page: Page, complaint: Complaint, action: str, **fields: str) -> None:
    """Fill an action's form on the detail page and send it (htmx swaps the main area)."""
    path = reverse("complaints:complaint_action", args=[complaint.pk, action])
    form = page.locator(f'form[hx-post="{path}"]')
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    with page.expect_response(lambda r: r.url.endswith(path) and r.request.method == "POST"):
        form.get_by_test_id(f"action-{action}").click()
    page.wait_for_load_state()


def test_community_moves_the_complaint_on_and_the_owner_sees_the_public_history(
    filed_complaint: Complaint, city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    """Seed 003 §四(二)–(三): the community tier accepts the complaint and assigns it to the
    property company; the complainant follows the status, never the internal notes."""
    complaint = filed_complaint
    detail_path = reverse("complaints:complaint_detail", args=[complaint.pk])
    internal = "物业公司须三日内整改，逾期约谈项目经理"
    public = "已转物业服务企业处理，三日内回复"
    desk = new_page("desktop")
    sign_in(desk, live_server.url, "community_a")

    desk.get_by_test_id("main-nav").locator(
        f'a[href="{reverse("complaints:complaint_list")}"]'
    ).click()
    desk.locator(f'main a[href="{detail_path}"]').click()
    expect(desk).to_have_url(live_server.url + detail_path)
    expect(desk.get_by_test_id("status")).to_have_text(complaint_status("received"))

    act(desk, complaint, "accept")
    expect(desk).to_have_url(live_server.url + detail_path)  # swapped in place by htmx
    expect(desk.get_by_test_id("status")).to_have_text(complaint_status("accepted"))
    complaint.refresh_from_db()
    assert complaint.status == "accepted"
    # htmx must swap the page's main area, not nest a second <main id="main"> inside it
    # (asserted at the end, so that the rest of the journey is still checked)
    mains_after_swap = desk.locator("main").count()
    expect(desk.get_by_test_id("actions")).to_have_count(1)

    act(desk, complaint, "assign", public_note=public, internal_note=internal)
    expect(desk.get_by_test_id("status")).to_have_text(complaint_status("assigned"))
    expect(desk.get_by_test_id("internal-note")).to_contain_text(internal)
    expect(desk.get_by_test_id("history")).to_contain_text(public)
    desk.screenshot(path=tmp_path / "complaint-assigned-desktop.png", full_page=True)
    complaint.refresh_from_db()
    assert complaint.status == "assigned" and complaint.party == "company"
    events = list(
        ComplaintEvent.objects.filter(complaint=complaint)
        .order_by("at", "pk")
        .values_list("action", "to_status")
    )
    assert events == [("submit", "received"), ("accept", "accepted"), ("assign", "assigned")]
    assign = ComplaintEvent.objects.get(complaint=complaint, action="assign")
    assert (assign.public_note, assign.internal_note) == (public, internal)

    # The owner, on a phone, sees the new status and the public note, not the internal one.
    phone = new_page("phone")
    sign_in(phone, live_server.url, "owner_1")
    tap_nav(phone, "complaints:my_complaints")
    row = phone.get_by_test_id("complaint-table").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator(".badge")).to_have_text(complaint_status("assigned"))
    row.locator(f'a[href="{detail_path}"]').click()
    expect(phone).to_have_url(live_server.url + detail_path)
    expect(phone.get_by_test_id("status")).to_have_text(complaint_status("assigned"))
    history = phone.get_by_test_id("history")
    expect(history.locator("li")).to_have_count(3)
    expect(history).to_contain_text(public)
    expect(history).to_contain_text(zh("Assign to the responsible party"))
    expect(phone.get_by_test_id("internal-note")).to_have_count(0)
    body = phone.locator("body").inner_text()
    assert internal not in body
    assert "community_a" not in body  # who handled it internally is not shown either
    expect(phone.get_by_test_id("actions")).to_have_count(0)  # nothing for the owner yet
    phone.screenshot(path=tmp_path / "complaint-owner-history-phone.png", full_page=True)
    assert_no_horizontal_overflow(phone)

    assert mains_after_swap == 1, (
        f"after an htmx action the page has {mains_after_swap} <main id=main> elements: "
        "hx-target=#main with hx-select=#main and the default innerHTML swap nests the "
        "response's <main> inside the page's"
    )


# --- 4. Bills and the maintenance fund on a phone ----------------------------------------


@pytest.fixture
def billed(city: City) -> Bill:
    """Project A's published fee list (物业服务费 ¥1.80/m²/month) billed for 2025 by the
    company, and a ¥500 cash payment on owner_1's bill (part a1, 89.50 m²)."""
    company = as_actor(city, "company_1")
    standard = fee_services.fee_standard_set(
        actor=company,
        project_id=city.project_a.pk,
        service_grade="2",
        mode="lump_sum",
        effective_from=dt.date(2025, 1, 1),
        items=[{"name": "物业服务费", "part_kind": "dwelling", "basis": "area", "price": "1.80"}],
    )
    fee_services.fee_items_publish(actor=company, standard_id=standard.pk)
    fee_services.billing_run(
        actor=company,
        project_id=city.project_a.pk,
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        due_on=dt.date(2025, 2, 1),
    )
    bill = Bill.objects.get(part=city.part_a1)
    fee_services.payment_record(actor=company, bill_id=bill.pk, amount="500", method="cash")
    bill.refresh_from_db()
    return bill


def test_owner_opens_my_bills_on_a_phone(
    billed: Bill, city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    """89.50 m² × ¥1.80 × 12 months = ¥1,933.20, of which ¥500.00 is paid."""
    assert (billed.total_fen, billed.paid_fen, billed.status) == (193_320, 50_000, "partly_paid")
    page = new_page("phone")
    sign_in(page, live_server.url, "owner_1")

    tap_nav(page, "fees:home")
    expect(page).to_have_url(live_server.url + reverse("fees:my_bills"))
    bills = page.get_by_test_id("my-bill")
    expect(bills).to_have_count(1)  # owner_2's bill for part a2 is not shown
    bill = bills.first
    expect(bill.locator("h2")).to_have_text(f"{city.project_a.name} · {city.part_a1.number}")
    expect(bill.locator("b")).to_have_text("¥1,933.20")
    expect(bill).to_contain_text("¥500.00")
    expect(bill.locator(".badge")).to_have_text(zh(Bill.Status.PARTLY_PAID.label))
    assert CJK.search(zh(Bill.Status.PARTLY_PAID.label))
    expect(bill).to_contain_text(zh("Due on"))
    expect(bill).to_contain_text("2025-02-01")
    expect(page.locator("main")).not_to_contain_text("¥2,597.40")  # part a2's bill
    page.screenshot(path=tmp_path / "my-bills-phone.png", full_page=True)
    assert_no_horizontal_overflow(page)


@pytest.fixture
def deposited(city: City) -> PartFund:
    """Maintenance-fund accounts opened for project A by the bureau (construction cost
    ¥2,000/m²) and the first deposit of part a1 recorded through the funds services."""
    bureau = as_actor(city, "bureau")
    fund_services.maintenance_open(
        actor=bureau,
        project_id=city.project_a.pk,
        cost_yuan_per_m2_elevator="2000",
        cost_yuan_per_m2_plain="1500",
    )
    return fund_services.first_deposit_record(
        actor=bureau, part_id=city.part_a1.pk, date=dt.date(2026, 1, 15)
    )


def test_owner_opens_my_maintenance_fund_on_a_phone(
    deposited: PartFund, city: City, live_server, new_page: NewPage, tmp_path: Path
) -> None:
    """Seed 004 §14 / national 5 % of ¥2,000/m²: 89.50 m² × ¥100 = ¥8,950.00 deposited."""
    part_fund = PartFund.objects.select_related("account").get(part=city.part_a1)
    assert (part_fund.first_deposit_fen, part_fund.account.balance_fen) == (895_000, 895_000)
    page = new_page("phone")
    sign_in(page, live_server.url, "owner_1")

    tap_nav(page, "funds:mine")
    expect(page).to_have_url(live_server.url + reverse("funds:mine"))
    parts = page.get_by_test_id("part")
    expect(parts).to_have_count(1)  # owner_2's part a2 is not shown
    card = parts.first
    expect(card.locator("h2")).to_have_text(f"{city.project_a.name} · {city.part_a1.number}")
    fields = card.locator("dl.fields")
    expect(fields.locator("dt").nth(0)).to_have_text(zh("Balance"))
    expect(fields.locator("dd").nth(0)).to_have_text("¥8,950.00")
    expect(fields.locator("dt").nth(1)).to_have_text(zh("First deposit"))
    expect(fields.locator("dd").nth(1)).to_have_text("¥8,950.00 2026-01-15")
    assert CJK.search(zh("Balance"))
    page.screenshot(path=tmp_path / "my-fund-phone.png", full_page=True)
    assert_no_horizontal_overflow(page)
