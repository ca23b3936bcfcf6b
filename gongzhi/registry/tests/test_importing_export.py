"""Export of a project's register in the template's format, masking and its audit,
the template download, the round trip export → import, and the ``import_units``
command (personal data masked unless revealable)."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.registry.housing.permissions import can_reveal
from gongzhi.registry.importing.services import export_reveal_fields
from gongzhi.registry.importing.workbook import KEYS
from gongzhi.registry.models import (
    Building,
    BuildingUnit,
    ExclusivePart,
    Owner,
    Ownership,
    Project,
)
from gongzhi.registry.tests.importing_fixtures import (
    db_state,
    read_rows,
    resident_id,
    row,
    upload,
    xlsx,
)
from gongzhi.rules.identity import mask_id_number

pytestmark = pytest.mark.django_db


ROWS = [
    row(part_number="9-1-101", owner_id=resident_id(1), owner_name="孙一", share="1/2"),
    row(part_number="9-1-101", owner_id=resident_id(2), owner_name="孙二", share="1/2"),
    row(part_number="9-1-102", owner_id=resident_id(1), owner_name="孙一"),
    row(part_number="9-2-201", unit="2单元", elevator="否", floor=2, owner_id=resident_id(3)),
    row(
        building="",
        unit="",
        elevator="",
        storeys="",
        part_number="B1-001",
        floor=-1,
        kind="车位",
        area="12.5",
        delivery="未售",
        owner_kind="",
        owner_name="",
        owner_id="",
        phone="",
    ),
]


def imported(client, project, rows=ROWS) -> None:
    response = client.post(
        f"/api/v1/registry/projects/{project.pk}/import",
        {"file": upload(xlsx(rows)), "dry_run": "false"},
    )
    assert response.status_code == 200, response.content


def test_template_has_header_key_row_and_instructions(city, login):
    # given
    client = login("community_a")
    # when
    response = client.get("/registry/import/template.xlsx")
    api = client.get("/api/v1/registry/import/template")
    # then
    assert response.status_code == 200 and api.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    sheet = list(wb.worksheets[0].iter_rows(values_only=True))
    assert sheet[0][0] == "楼栋" and tuple(sheet[1]) == KEYS
    assert len(sheet) == 2  # no data row to import by mistake
    assert wb.sheetnames == ["register", "instructions"]


def test_export_round_trip_into_an_empty_copy_gives_the_same_rows(city, login):
    # given: a project filled by import, exported by its street (unmasked)
    client = login("street_a")
    project = Project.objects.create(
        name="新苑", community=city.community_a, node_path=city.community_a.path, category="new"
    )
    imported(client, project)
    exported = client.get(f"/api/v1/registry/projects/{project.pk}/export")
    assert exported.status_code == 200
    first = read_rows(exported.content)
    assert len(first) == len(ROWS)
    # when: the same file into the same project changes nothing
    again = client.post(
        f"/api/v1/registry/projects/{project.pk}/import",
        {"file": upload(exported.content), "dry_run": "true"},
    ).json()
    assert again["ok"] and all(c["created"] == c["updated"] == 0 for c in again["counts"].values())
    # when: the structure is emptied and the file goes into an empty copy of the project
    Ownership.objects.filter(part__project=project).delete()
    ExclusivePart.objects.filter(project=project).delete()
    BuildingUnit.objects.filter(project=project).delete()
    Building.objects.filter(project=project).delete()
    copy = Project.objects.create(
        name="新苑二期", community=city.community_a, node_path=city.community_a.path, category="new"
    )
    response = client.post(
        f"/api/v1/registry/projects/{copy.pk}/import",
        {"file": upload(exported.content), "dry_run": "false"},
    )
    assert response.status_code == 200, response.content
    # then
    second = read_rows(client.get(f"/api/v1/registry/projects/{copy.pk}/export").content)
    assert second == first
    assert Owner.objects.filter(id_number=resident_id(1)).count() == 1


def test_export_masks_what_the_actor_may_not_reveal_and_audits_unmasked(city, login):
    # given
    Owner.objects.filter(pk=city.owner_1.pk).update(id_number=resident_id(500))
    before = AuditEntry.objects.filter(action=AuditAction.EXPORT).count()
    # when: the company exports (phones only), the street exports (everything)
    company = read_rows(
        login("company_1").get(f"/registry/projects/{city.project_a.pk}/export.xlsx").content
    )
    street = read_rows(
        login("street_a").get(f"/registry/projects/{city.project_a.pk}/export.xlsx").content
    )
    # then
    id_col, phone_col = KEYS.index("owner_id"), KEYS.index("phone")
    by_name = {r[KEYS.index("owner_name")]: r for r in company}
    assert by_name["王小明"][id_col] == mask_id_number(resident_id(500))
    assert by_name["王小明"][phone_col] == "13800000001"
    by_name = {r[KEYS.index("owner_name")]: r for r in street}
    assert by_name["王小明"][id_col] == resident_id(500)
    entries = AuditEntry.objects.filter(action=AuditAction.EXPORT).order_by("id")
    assert entries.count() == before + 2
    assert entries.last().field == "id_number,phone,uscc"
    assert entries.last().node_path == city.project_a.node_path


def test_masked_export_reimports_unchanged(city, login):
    """A masked ID matches the same-named owner of the same part, so the company can
    re-import its own (masked) export without touching anything."""
    # given
    Owner.objects.filter(pk=city.owner_1.pk).update(id_number=resident_id(500))
    Owner.objects.filter(pk=city.owner_2.pk).update(id_number=resident_id(501))
    client = login("company_1")
    data = client.get(f"/api/v1/registry/projects/{city.project_a.pk}/export").content
    before = db_state()
    # when
    report = client.post(
        f"/api/v1/registry/projects/{city.project_a.pk}/import",
        {"file": upload(data), "dry_run": "false"},
    ).json()
    # then
    assert report["ok"], report["errors"]
    assert report["counts"]["ownerships"]["unchanged"] == 2
    assert db_state()[:5] == before[:5]


@pytest.mark.parametrize("username", ["admin", "bureau", "street_a", "community_a", "company_1"])
def test_export_reveal_matches_can_reveal_for_every_owner(city, username):
    """The export's project-level decision equals can_reveal owner by owner."""
    actor = actor_for(city.users[username])
    fields = export_reveal_fields(actor=actor, project=city.project_a)
    for owner in Owner.objects.filter(ownerships__part__project=city.project_a):
        for field in ("id_number", "phone", "uscc"):
            assert (field in fields) == can_reveal(actor, owner, field), (owner, field)


def test_import_units_command_dry_run_and_real_run(city, tmp_path, capsys):
    # given
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx(ROWS))
    before = db_state()
    # when
    call_command("import_units", str(city.project_a.pk), str(path), "--dry-run")
    # then
    assert "dry run: 5 rows" in capsys.readouterr().out
    assert db_state() == before
    # when
    call_command("import_units", str(city.project_a.pk), str(path))
    # then
    assert "parts: created 4" in capsys.readouterr().out
    entry = AuditEntry.objects.get(action=AuditAction.IMPORT)
    assert entry.actor is None and entry.actor_label == "system"


def test_import_units_command_reports_bad_rows(city, tmp_path, capsys):
    # given
    path = tmp_path / "register.xlsx"
    path.write_bytes(xlsx([row(area="-1")]))
    before = db_state()
    # when / then
    with pytest.raises(CommandError):
        call_command("import_units", str(city.project_a.pk), str(path))
    assert "row 3 area" in capsys.readouterr().out
    assert db_state() == before
