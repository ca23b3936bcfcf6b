"""Excel import of the register through HTTP: dry run, atomic real run, idempotence,
co-owners, upload checks and scoping (seeds 000 §11,
19–22: the register votes and fees count on; 民法典 art. 278 counts area and owners)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation
from django.utils.translation import gettext

from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.registry.models import Building, BuildingUnit, ExclusivePart, Owner, Ownership
from gongzhi.registry.tests.importing_fixtures import (
    db_state,
    resident_id,
    row,
    upload,
    xlsx,
)
from gongzhi.testing import USCC_2

pytestmark = pytest.mark.django_db


def api_import(client, project, data: bytes, *, dry_run: bool, name: str = "register.xlsx"):
    return client.post(
        f"/api/v1/registry/projects/{project.pk}/import",
        {"file": upload(data, name), "dry_run": "true" if dry_run else "false"},
    )


def error_cells(report: dict) -> set[tuple[int, str]]:
    return {(e["row"], e["field"]) for e in report["errors"]}


BAD_ROWS = [
    row(),  # 3: valid
    row(part_number="9-1-102", owner_id=resident_id(2, bad_check=True)),  # 4: check digit
    row(part_number="9-1-103", area="-5"),  # 5: negative area
    row(part_number="9-1-104", area=""),  # 6: missing area
    row(part_number="9-1-105", area="70.125"),  # 7: three decimals
    row(part_number="1-1-201", owner_id=resident_id(8)),  # 8: B's number, valid here
    row(part_number="9-1-106", owner_id=resident_id(9), owner_name="周九"),  # 9
    row(part_number="9-1-106", owner_id=resident_id(9), owner_name="周九"),  # 10: owner twice
    row(part_number="9-1-107", owner_id=resident_id(11), owner_name="吴十一", share="1/2"),
    row(part_number="9-1-107", owner_id=resident_id(12), owner_name="郑十二", share="1/3"),  # 12
    row(part_number="9-1-108", kind="别墅", owner_id=resident_id(13)),  # 13: unknown kind
    row(part_number="9-1-109", elevator="也许", owner_id=resident_id(14)),  # 14: bad flag
    row(building="1栋", storeys=6, part_number="1-1-103", owner_id=resident_id(15)),  # 15
    row(part_number="9-1-110", owner_name="别名"),  # 16: same ID as row 3, other name
    row(
        part_number="9-1-111", owner_id=resident_id(500), owner_name="冒名"
    ),  # 17: registered name differs
    row(part_number="9-1-112", kind="车位", area="0", owner_id=resident_id(18)),  # 18: zero
    row(part_number="", owner_id=resident_id(19)),  # 19: missing number
    row(part_number="9-1-113", owner_kind="单位", owner_id="91360702MA35G2K960"),  # 20: USCC
    row(part_number="9-1-114", building="10栋", storeys="", owner_id=resident_id(21)),  # 21
]
EXPECTED = {
    (4, "owner_id"),
    (5, "area"),
    (6, "area"),
    (7, "area"),
    (10, "owner_id"),
    (11, "share"),
    (12, "share"),
    (13, "kind"),
    (14, "elevator"),
    (15, "storeys"),
    (16, "owner_name"),
    (17, "owner_name"),
    (18, "area"),
    (19, "part_number"),
    (20, "owner_id"),
    (21, "storeys"),
}


def test_dry_run_lists_every_bad_row_and_changes_nothing(city, login):
    # given: owner 1 is registered with resident_id(500) (row 17 gives another name)
    Owner.objects.filter(pk=city.owner_1.pk).update(id_number=resident_id(500))
    client = login("street_a")
    before = db_state()
    # when
    response = api_import(client, city.project_a, xlsx(BAD_ROWS), dry_run=True)
    # then
    assert response.status_code == 200, response.content
    report = response.json()
    assert error_cells(report) == EXPECTED
    assert report["rows"] == len(BAD_ROWS)
    assert report["bad_rows"] == len({r for r, _f in EXPECTED})
    assert report["applied"] is False
    assert db_state() == before


def test_dry_run_page_shows_row_numbers_and_translated_reasons(city, login):
    # given
    client = login("street_a")
    before = db_state()
    # when
    with translation.override("zh-hans"):
        response = client.post(
            f"/registry/projects/{city.project_a.pk}/import/",
            {"file": upload(xlsx(BAD_ROWS))},
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        expected = gettext("Bad check digit.")
    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="import-errors"' in html
    assert expected in html
    assert "<td>21</td>" in html
    assert 'data-testid="import-confirm"' not in html  # no confirmation with bad rows
    assert db_state() == before


def test_real_run_with_one_bad_row_writes_nothing(city, login):
    # given: 30 good rows and one bad check digit
    client = login("street_a")
    rows = [row(part_number=f"9-1-{i:03d}", owner_id=resident_id(i)) for i in range(1, 31)]
    rows.append(row(part_number="9-1-999", owner_id=resident_id(99, bad_check=True)))
    before = db_state()
    # when
    response = api_import(client, city.project_a, xlsx(rows), dry_run=False)
    # then
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["row33.owner_id"]
    assert db_state() == before


def test_upload_then_confirm_imports_and_second_run_changes_nothing(city, login):
    """Buildings and units come from the rows (storeys, elevator); co-owners share a part;
    one owner holding two parts is one Owner; the audit row carries the file's SHA-256."""
    # given
    client = login("street_a")
    rows = [
        row(part_number="9-1-101", owner_id=resident_id(1), owner_name="孙一", share="1/2"),
        row(part_number="9-1-101", owner_id=resident_id(2), owner_name="孙二", share="1/2"),
        row(part_number="9-1-102", owner_id=resident_id(1), owner_name="孙一"),
        row(part_number="9-2-101", unit="2单元", elevator="否", owner_id=resident_id(3)),
        row(
            building="",
            unit="",
            elevator="",
            storeys="",
            part_number="B1-001",
            floor=-1,
            kind="车位",
            area="12.5",
            use="车位",
            delivery="未售",
            owner_kind="单位",
            owner_name="共治置业有限公司",
            owner_id=USCC_2,
            phone="",
        ),
    ]
    data = xlsx(rows)
    url = f"/registry/projects/{city.project_a.pk}/import/"
    # when: the dry run keeps the file server-side and offers the confirmation
    page = client.post(url, {"file": upload(data)})
    # then
    assert page.status_code == 200
    token = page.context["token"]
    assert token and page.context["report"].ok
    assert page.context["report"].counts["parts"].created == 4
    before = db_state()
    # when: confirming runs the real import of the same file
    response = client.post(f"{url}confirm/", {"token": token})
    # then: imported, and the kept upload is gone
    assert response.status_code == 302
    assert db_state() != before
    assert not any((Path(settings.MEDIA_ROOT) / "imports").iterdir())
    building = Building.objects.get(project=city.project_a, name="9栋")
    assert building.storeys == 11
    units = {u.name: u for u in BuildingUnit.objects.filter(building=building)}
    assert units["1单元"].has_elevator and not units["2单元"].has_elevator
    part = ExclusivePart.objects.get(project=city.project_a, number="9-1-101")
    shares = sorted(
        (o.owner.name, o.share_numerator, o.share_denominator)
        for o in Ownership.objects.filter(part=part).select_related("owner")
    )
    assert shares == [("孙一", 1, 2), ("孙二", 1, 2)]
    sun = Owner.objects.get(id_number=resident_id(1))
    assert sun.ownerships.count() == 2
    parking = ExclusivePart.objects.get(project=city.project_a, number="B1-001")
    assert parking.building_unit is None and parking.area == Decimal("12.50")
    assert parking.delivery == ExclusivePart.Delivery.UNSOLD
    entry = AuditEntry.objects.filter(action=AuditAction.IMPORT).get()
    assert entry.after["sha256"] == hashlib.sha256(data).hexdigest()
    assert entry.after["counts"]["parts"]["created"] == 4
    assert entry.node_path == city.project_a.node_path
    # when: the same file again, through the API
    register = db_state()[:5]
    again = api_import(client, city.project_a, data, dry_run=False)
    # then: nothing created, updated or removed
    assert again.status_code == 200, again.content
    counts = again.json()["counts"]
    assert all(c["created"] == c["updated"] == c["deleted"] == 0 for c in counts.values())
    assert counts["parts"]["unchanged"] == 4 and counts["ownerships"]["unchanged"] == 5
    assert db_state()[:5] == register
    # the confirmation token was used up
    assert client.post(f"{url}confirm/", {"token": token}).status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.IMPORT).count() == 2


def test_confirm_refuses_a_token_not_from_this_session(city, login):
    # given
    client = login("street_a")
    client.post(f"/registry/projects/{city.project_a.pk}/import/", {"file": upload(xlsx([row()]))})
    before = db_state()
    # when: a forged token (or a path) is posted
    for forged in ("../../etc/passwd", "0" * 32):
        response = client.post(
            f"/registry/projects/{city.project_a.pk}/import/confirm/", {"token": forged}
        )
        # then
        assert response.status_code == 302
    assert db_state() == before


def test_changed_rows_are_updated_and_removed_owners_dropped(city, login):
    # given: an imported part with two co-owners
    client = login("street_a")
    first = [
        row(owner_id=resident_id(1), owner_name="孙一", share="1/2"),
        row(owner_id=resident_id(2), owner_name="孙二", share="1/2"),
    ]
    assert api_import(client, city.project_a, xlsx(first), dry_run=False).status_code == 200
    # when: the area changes and one co-owner now holds it alone
    second = [row(owner_id=resident_id(1), owner_name="孙一", area="90.00", phone="13900000099")]
    response = api_import(client, city.project_a, xlsx(second), dry_run=False)
    # then
    counts = response.json()["counts"]
    assert counts["parts"]["updated"] == 1
    assert counts["ownerships"] == {"created": 0, "updated": 1, "unchanged": 0, "deleted": 1}
    assert counts["owners"]["updated"] == 1
    part = ExclusivePart.objects.get(project=city.project_a, number="9-1-101")
    assert part.area == Decimal("90.00")
    (only,) = part.ownerships.all()
    assert (only.share_numerator, only.share_denominator) == (1, 1)
    assert Owner.objects.get(id_number=resident_id(1)).phone == "13900000099"


def test_an_import_never_moves_a_part_of_another_project(city, login):
    """A unit is never in two projects: numbers are per project (every project has a
    1-1-101), so importing a number that another project also uses creates this
    project's own part and leaves the other project's part where it is."""
    # given
    client = login("street_a")
    number = city.part_b1.number
    # when
    response = api_import(client, city.project_a, xlsx([row(part_number=number)]), dry_run=False)
    # then
    assert response.status_code == 200, response.content
    city.part_b1.refresh_from_db()
    assert city.part_b1.project_id == city.project_b.pk
    assert ExclusivePart.objects.filter(number=number).count() == 2
    imported = ExclusivePart.objects.get(project=city.project_a, number=number)
    assert imported.building_unit.project_id == city.project_a.pk


def test_total_area_is_set_only_when_unset(city, login):
    # given
    client = login("street_a")
    assert city.project_a.total_building_area is None
    rows = [row(part_number="9-1-101", area="100.00"), row(part_number="9-1-102", area="50.25")]
    # when
    api_import(client, city.project_a, xlsx(rows), dry_run=False)
    # then: the registered areas (the two city parts plus the imported ones)
    city.project_a.refresh_from_db()
    assert city.project_a.total_building_area == Decimal("89.50") + Decimal("120.25") + Decimal(
        "150.25"
    )
    # when: a later import does not overwrite it
    api_import(client, city.project_a, xlsx([row(part_number="9-1-103")]), dry_run=False)
    city.project_a.refresh_from_db()
    assert city.project_a.total_building_area == Decimal("360.00")


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (b"%PDF-1.7 not a workbook", "register.xlsx"),
        (b"building,unit\n9,1\n", "register.csv"),
        (b"PK\x03\x04 but not really a zip file", "register.xlsx"),
    ],
)
def test_uploads_that_are_not_xlsx_are_refused(city, login, content, name):
    # given
    client = login("street_a")
    before = db_state()
    # when
    response = api_import(client, city.project_a, content, dry_run=True, name=name)
    page = client.post(
        f"/registry/projects/{city.project_a.pk}/import/", {"file": upload(content, name)}
    )
    # then
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
    assert page.status_code == 200 and page.context["form"].errors["file"]
    assert db_state() == before


def test_oversized_upload_is_refused(city, login):
    # given
    client = login("street_a")
    data = xlsx([row()])
    before = db_state()
    # when
    with override_settings(GONGZHI_MAX_IMPORT_BYTES=len(data) - 1):
        response = api_import(client, city.project_a, data, dry_run=False)
    # then
    assert response.status_code == 400
    assert response.json()["fields"]["file"]
    assert db_state() == before


@pytest.mark.parametrize(
    ("username", "project", "api_status", "page_status"),
    [
        ("street_a", "project_a", 200, 200),
        ("community_a", "project_a", 200, 200),
        ("bureau", "project_b", 200, 200),
        ("company_1", "project_a", 200, 200),
        ("admin", "project_b", 200, 200),
        ("street_b", "project_a", 404, 404),
        ("company_2", "project_a", 404, 404),
        ("company_1", "project_b", 404, 404),
        ("committee_a", "project_a", 403, 403),
        ("owner_1", "project_a", 403, 403),
        ("dept", "project_a", 404, 403),
    ],
)
def test_who_may_import(city, login, username, project, api_status, page_status):
    """Officials whose subtree holds the project and the project's company may import;
    committee members and owners may not; other streets and companies see nothing."""
    # given
    client = login(username)
    target = getattr(city, project)
    data = xlsx([row(part_number="9-9-999")])
    before = db_state()
    # when
    response = api_import(client, target, data, dry_run=False)
    page = client.get(f"/registry/projects/{target.pk}/import/")
    export = client.get(f"/api/v1/registry/projects/{target.pk}/export")
    # then
    assert response.status_code == api_status, response.content
    assert page.status_code == page_status
    if api_status != 200:
        assert db_state() == before
        assert export.status_code == api_status
        assert response.json()["code"] in ("not_found", "forbidden")


def test_import_runs_in_a_bounded_number_of_queries(city, login, django_assert_max_num_queries):
    """Bulk writes: the query count does not grow with the rows."""
    client = login("street_a")
    rows = [row(part_number=f"9-1-{i:03d}", owner_id=resident_id(i)) for i in range(1, 201)]
    with django_assert_max_num_queries(60):
        response = api_import(client, city.project_a, xlsx(rows), dry_run=False)
    assert response.json()["counts"]["parts"]["created"] == 200
