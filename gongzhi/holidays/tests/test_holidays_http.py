"""The holiday schedule page: the bureau enters the State Council's notice for a year not
built into chinese-calendar (requirements digest §5), every signed-in user reads it, bad
lines are refused by number, and nothing else may write."""

from __future__ import annotations

import datetime as dt

import pytest

from gongzhi.audit.models import AuditEntry
from gongzhi.contracts.tests.contracts_fixtures import build_xixian
from gongzhi.holidays import selectors, services
from gongzhi.holidays.models import HolidayYear
from gongzhi.holidays.tests.conftest import SOURCE_2027, WORK_2027, form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("today")]


def test_bureau_enters_the_2027_schedule(city, login):
    client = login("bureau")
    response = client.post("/holidays/new/", form())
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = HolidayYear.objects.get()
    assert entry.year == 2027 and entry.source == SOURCE_2027
    assert entry.rest_days == ["2027-01-01", *(f"2027-02-{d:02}" for d in range(6, 13))]
    assert entry.workdays == ["2027-02-13", "2027-02-21"]
    assert entry.entered_by == city.users["bureau"]
    audit = AuditEntry.objects.get(target_type="holidays.HolidayYear")
    assert audit.action == "create" and audit.actor == city.users["bureau"]
    page = client.get("/holidays/").content.decode()
    assert SOURCE_2027 in page and 'data-testid="missing-year"' not in page
    schedule = selectors.holiday_schedule()
    assert schedule.covers(2027) and schedule.source_for(2027) == SOURCE_2027
    assert not schedule.status(dt.date(2027, 2, 8)).working
    assert schedule.status(dt.date(2027, 2, 13)).working


def test_the_form_shows_the_saved_lines_as_ranges_and_an_edit_is_audited(city, login):
    client = login("bureau")
    client.post("/holidays/new/", form())
    page = client.get("/holidays/2027/").content.decode()
    assert "2027-02-06..2027-02-12" in page and "2027-02-21" in page
    # the year of an edited entry stays, whatever is posted
    response = client.post("/holidays/2027/", form(year=2028, workdays="2027-02-13\n2027-02-20"))
    assert response.status_code == 302
    entry = HolidayYear.objects.get()
    assert (entry.year, entry.workdays) == (2027, ["2027-02-13", "2027-02-20"])
    update = AuditEntry.objects.get(target_type="holidays.HolidayYear", action="update")
    assert update.after["workdays"] == ["2027-02-13", "2027-02-20"]
    assert update.before["workdays"] == ["2027-02-13", "2027-02-21"]
    assert "rest_days" not in update.after


def test_a_bureau_official_of_another_district_may_enter_it_too(city, login):
    """The schedule is the State Council's, national: not scoped to a district."""
    build_xixian(city)
    assert login("xx_bureau").post("/holidays/new/", form()).status_code == 302
    assert (
        login("admin")
        .post("/holidays/new/", form(year=2028, rest_days="2028-01-01", workdays=""))
        .status_code
        == 302
    )
    assert set(HolidayYear.objects.values_list("year", flat=True)) == {2027, 2028}


def test_preview_lists_the_parsed_days_and_saves_nothing(city, login):
    del_save = {k: v for k, v in form().items() if k != "save"}
    response = login("bureau").post("/holidays/new/", {**del_save, "preview": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="preview"' in page
    assert "2027-02-08" in page and "2027-02-21" in page
    assert not HolidayYear.objects.exists()


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        # a date outside the year
        ("rest_days", "2027-02-06..2027-02-12\n2028-01-01", "第2行"),
        # a day both rest and work: Sat 2027-02-06 is in the rest range (line 1)
        ("workdays", "2027-02-13\n2027-02-06", "第2行"),
        # a make-up workday on a weekday (Mon 2027-02-15)
        ("workdays", "2027-02-13\n\n2027-02-15", "第3行"),
        # a malformed line
        ("rest_days", "2027-02-06..2027-02-12\n2027/02/20", "第2行"),
        # a range that ends before it starts
        ("rest_days", "2027-02-12..2027-02-06", "第1行"),
    ],
    ids=["outside-year", "rest-and-work", "weekday-workday", "malformed", "reversed"],
)
def test_bad_lines_are_refused_by_number_and_nothing_is_saved(city, login, field, text, expected):
    response = login("bureau").post("/holidays/new/", form(**{field: text}))
    assert response.status_code == 400
    page = response.content.decode()
    assert expected in page
    assert not HolidayYear.objects.exists()
    assert not AuditEntry.objects.filter(target_type="holidays.HolidayYear").exists()


def test_a_built_in_year_cannot_be_entered(city, login):
    """chinese-calendar knows 2026; it is shown as built in and read-only."""
    response = login("bureau").post(
        "/holidays/new/", form(year=2026, rest_days="2026-10-01", workdays="")
    )
    assert response.status_code == 400
    assert "内置" in response.content.decode()
    assert not HolidayYear.objects.exists()


def test_a_street_official_can_read_but_not_write(city, login, actor):
    services.holiday_year_save(
        actor=actor("bureau"),
        year=2027,
        rest_days="2027-02-06..2027-02-12",
        workdays=WORK_2027,
        source=SOURCE_2027,
    )
    client = login("street_a")
    assert client.get("/holidays/").status_code == 200
    assert client.get("/holidays/new/").status_code == 403
    assert client.post("/holidays/new/", form(year=2028, rest_days="2028-01-01")).status_code == 403
    assert client.post("/holidays/2027/", form(workdays="")).status_code == 403
    assert client.post("/holidays/2027/delete/").status_code == 403
    entry = HolidayYear.objects.get()
    assert entry.workdays == ["2027-02-13", "2027-02-21"]
    with pytest.raises(services.PermissionDeniedError):
        services.holiday_year_delete(actor=actor("street_a"), year=2027)
    assert HolidayYear.objects.count() == 1


def test_owner_reads_without_edit_links_and_anonymous_goes_to_login(city, login, client):
    assert client.get("/holidays/").status_code == 302
    page = login("owner_1").get("/holidays/").content.decode()
    assert "/holidays/new/" not in page and "2026" in page


def test_page_is_in_chinese_with_a_banner_for_the_missing_next_year(city, login, actor):
    """Today 2026-11-23: 2027 is neither built in nor entered, so its deadlines are
    provisional; the banner says so until the bureau enters it."""
    client = login("street_a")
    page = client.get("/holidays/").content.decode()
    assert "节假日安排" in page and "内置" in page
    assert 'data-testid="missing-year"' in page and "2027" in page
    services.holiday_year_save(
        actor=actor("bureau"),
        year=2027,
        rest_days="2027-02-06..2027-02-12",
        workdays="",
        source=SOURCE_2027,
    )
    assert 'data-testid="missing-year"' not in client.get("/holidays/").content.decode()


def test_the_banner_follows_today(city, login, today, actor):
    """On 2027-12-01 with 2027 entered, the missing year is 2028."""
    services.holiday_year_save(
        actor=actor("bureau"),
        year=2027,
        rest_days="2027-02-06..2027-02-12",
        workdays="",
        source=SOURCE_2027,
    )
    today(dt.date(2027, 12, 1))
    page = login("bureau").get("/holidays/").content.decode()
    assert 'data-testid="missing-year"' in page and "2028" in page


def test_delete_makes_the_year_unknown_again(city, login):
    client = login("bureau")
    client.post("/holidays/new/", form())
    assert selectors.holiday_schedule().covers(2027)
    assert client.post("/holidays/2027/delete/").status_code == 302
    assert not HolidayYear.objects.exists()
    assert not selectors.holiday_schedule().covers(2027)
    assert AuditEntry.objects.filter(target_type="holidays.HolidayYear", action="delete").exists()
    assert client.post("/holidays/2027/delete/").status_code == 404
