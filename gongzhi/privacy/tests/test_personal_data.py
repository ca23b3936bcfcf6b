"""Personal data (个人信息保护法): an owner's copy (art. 45), erasure of a
departed owner (art. 47) with votes and the audit log kept consistent, retention (art. 19)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.models import User
from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.complaints.models import Complaint
from gongzhi.core import clock as core_clock
from gongzhi.core.privacy import KINDS
from gongzhi.decisions import services as decisions
from gongzhi.decisions.models import Ballot, RollEntry
from gongzhi.privacy import services
from gongzhi.registry.models import Owner, Ownership
from gongzhi.testing import ID_1, City

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _zip(body: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(body))


def test_every_kind_names_a_purpose_a_legal_basis_and_a_retention(settings):
    for kind in KINDS:
        assert kind.purpose and kind.legal_basis and (kind.retention or kind.retention_event)
        if kind.retention:
            assert kind.retention in settings.GONGZHI_RETENTION_DAYS


def _complain(client, city: City) -> None:
    response = client.post(
        "/complaints/new/",
        {
            "project": city.project_a.pk,
            "place": "1栋1单元",
            "category": "service_quality",
            "description": "楼道三天没有保洁",
            "contact_phone": "13800000001",
            "photos": [SimpleUploadedFile("leak.png", PNG, content_type="image/png")],
        },
    )
    assert response.status_code == 302, response.content[:300]


def test_owner_downloads_everything_held_about_them(city: City, login):
    client = login("owner_1")
    _complain(client, city)
    response = client.get("/privacy/mine/download.zip")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    archive = _zip(response.content)
    names = archive.namelist()
    assert {"README.json", "purposes.json", "data/accounts.User.json"} <= set(names)
    account = json.loads(archive.read("data/accounts.User.json"))[0]
    assert account["mobile"] == "13800000001" and "password" not in account
    owners = json.loads(archive.read("data/registry.Owner.json"))
    assert [o["id_number"] for o in owners] == [ID_1]
    assert "data/registry.Ownership.json" in names
    assert "data/complaints.Complaint.json" in names
    assert any(n.startswith("files/complaints.ComplaintPhoto/") for n in names)
    # another owner's rows are not in it
    assert b"13800000002" not in b"".join(archive.read(n) for n in names)
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, field="personal_data", actor=city.users["owner_1"]
    ).exists()
    # the same copy through the API
    api = client.get("/api/v1/privacy/me/export")
    assert api.status_code == 200 and "data/registry.Owner.json" in _zip(api.content).namelist()


def test_bureau_erases_a_departed_owner_and_the_ballot_keeps_part_and_weight(
    city: City, login, voting, clock
):
    matter = voting()
    owner = city.owner_1
    user = city.users["owner_1"]
    decisions.ballot_cast(actor=actor_for(user), matter=matter, choice="yes")
    entry = RollEntry.objects.get(matter=matter, owner=owner)
    ballot = Ballot.objects.get(matter=matter, voter_key=entry.voter_key)
    bureau = login("bureau")
    # still an owner: refused
    response = bureau.post(f"/api/v1/privacy/owners/{owner.pk}/erase", {}, "application/json")
    assert response.status_code == 400
    Ownership.objects.filter(owner=owner).delete()  # sold the part
    # a street officer may not erase
    assert login("street_a").post(f"/privacy/owners/{owner.pk}/erase/").status_code == 403
    bureau = login("bureau")
    assert owner.pk in [o.pk for o in bureau.get("/privacy/departed/").context["owners"]]
    assert bureau.post(f"/privacy/owners/{owner.pk}/erase/").status_code == 302

    owner.refresh_from_db()
    assert owner.name.startswith("#") and owner.id_number == "" and owner.phone == ""
    entry.refresh_from_db()
    assert entry.owner_name == owner.name and entry.area == city.part_a1.area
    ballot.refresh_from_db()
    assert ballot.choice == "yes" and ballot.voter_key == entry.voter_key
    user = User.objects.get(pk=user.pk)
    assert not user.is_active and user.mobile is None and user.username == f"erased-{user.pk}"
    assert not user.has_usable_password()
    # audit rows kept, none still names the person
    assert AuditEntry.objects.filter(target_type="registry.Owner", target_id=str(owner.pk))
    for row in AuditEntry.objects.all():
        text = json.dumps([row.target_repr, row.actor_label, row.before, row.after])
        assert "13800000001" not in text and ID_1 not in text and "owner_1" not in text
    assert AuditEntry.objects.filter(field="personal_data_erased", actor=city.users["bureau"])
    # another owner untouched
    assert Owner.objects.get(pk=city.owner_2.pk).id_number


def test_retention_blanks_old_contacts_once_and_is_audited(city: City, login, settings):
    _complain(login("owner_1"), city)
    Complaint.objects.update(closed_at=core_clock.now())
    AuditEntry.objects.create(
        action=AuditAction.LOGIN_FAILED, target_repr="13812345678", ip="10.1.1.1"
    )
    days = settings.GONGZHI_RETENTION_DAYS
    with core_clock.frozen(core_clock.now() + dt.timedelta(days=days["complaint_contact"] - 1)):
        first = services.retention_apply()  # the sign-in log's shorter period has passed
        assert first["complaint_contact"] == 0 and first["sign_in_log"] >= 2
    with core_clock.frozen(core_clock.now() + dt.timedelta(days=days["complaint_contact"] + 1)):
        counts = services.retention_apply()
        assert counts["complaint_contact"] == 1 and counts["sign_in_log"] == 0
        assert not any(services.retention_apply().values())  # once
    assert Complaint.objects.get().contact_phone == ""
    old = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert old.ip is None and old.target_repr == ""
    assert AuditEntry.objects.filter(field="retention").count() == 2  # one per run that acted
