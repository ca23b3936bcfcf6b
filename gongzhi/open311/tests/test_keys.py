"""Issuing and revoking Open311 API keys: the bureau's page (scoped to its jurisdiction,
the key shown once, only a digest stored) and ``gongzhi open311 create-key|list|revoke``."""

from __future__ import annotations

import hashlib
import io
import re

import pytest
from django.core.management import CommandError, call_command

from gongzhi.accounts.models import Role
from gongzhi.accounts.services import user_create
from gongzhi.audit.models import AuditEntry
from gongzhi.complaints.models import Complaint
from gongzhi.jurisdictions.services import jurisdiction_create
from gongzhi.open311.models import Open311Client
from gongzhi.open311.services import client_create
from gongzhi.testing import PASSWORD

from .conftest import STREET_A, STREET_B

KEY = re.compile(r"o311_[A-Za-z0-9_-]{43}")


def _issue(client, name, node):
    return client.post("/open311/v2/keys/", {"name": name, "node": node.pk})


def test_bureau_issues_a_key_shown_once_that_then_works(codes, login, post):
    # given the district bureau on the key page, in Chinese
    client = login("bureau")
    page = client.get("/open311/v2/keys/")
    assert page.status_code == 200 and "Open311 接口密钥" in page.content.decode()
    # when it issues a key for street A
    response = _issue(client, "东城街道网格平台", codes.street_a)
    assert response.status_code == 200
    [raw] = KEY.findall(response.content.decode())
    # then only the digest is stored and the key is not shown again
    stored = Open311Client.objects.get(name="东城街道网格平台")
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert stored.node == codes.street_a and stored.created_by == codes.users["bureau"]
    assert raw not in client.get("/open311/v2/keys/").content.decode()
    assert stored.prefix in client.get("/open311/v2/keys/").content.decode()
    # the audit log records the issue without the digest
    entry = AuditEntry.objects.get(
        target_type="open311.Open311Client", target_id=str(stored.pk), action="create"
    )
    assert entry.after["digest"] == "***"
    # and the key posts into street A
    client.logout()
    assert post(api_key=raw, jurisdiction_id=STREET_A).status_code == 201
    assert post(api_key=raw, jurisdiction_id=STREET_B).status_code == 403


def test_bureau_revokes_a_key_and_it_stops_working(codes, login, post):
    client_obj, raw = client_create(actor=None, name="热线", node=codes.district)
    assert post(api_key=raw).status_code == 201
    client = login("bureau")
    response = client.post(f"/open311/v2/keys/{client_obj.pk}/revoke/")
    assert response.status_code == 302
    client_obj.refresh_from_db()
    assert client_obj.revoked_at is not None
    client.logout()
    assert post(api_key=raw).status_code == 403
    assert Complaint.objects.count() == 1
    # revoking twice changes nothing and says so
    again = login("bureau").post(f"/open311/v2/keys/{client_obj.pk}/revoke/", follow=True)
    assert "已被撤销" in again.content.decode()


@pytest.mark.parametrize("username", ["street_a", "community_a", "company_1", "owner_1"])
def test_only_the_bureau_manages_keys(codes, login, username):
    key_client, _raw = client_create(actor=None, name="热线", node=codes.district)
    client = login(username)
    assert client.get("/open311/v2/keys/").status_code == 403
    assert _issue(client, "偷偷发的", codes.street_a).status_code == 403
    assert client.post(f"/open311/v2/keys/{key_client.pk}/revoke/").status_code == 403
    assert Open311Client.objects.count() == 1
    assert Open311Client.objects.get().revoked_at is None


def test_anonymous_is_sent_to_sign_in(codes, client):
    response = client.get("/open311/v2/keys/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_bureau_sees_and_revokes_only_its_jurisdictions_keys(codes, login):
    # given another district with its own bureau, and a platform-wide key
    other = jurisdiction_create(actor=None, name="另一区", level="district", division_code="430503")
    user_create(actor=None, username="bureau_2", password=PASSWORD, role=Role.BUREAU, node=other)
    ours, _ = client_create(actor=None, name="共治区热线", node=codes.district)
    theirs, _ = client_create(actor=None, name="另一区热线", node=other)
    everywhere, _ = client_create(actor=None, name="省级平台", node=None)
    # then our bureau lists its own key only, and another's key is 404 to it
    client = login("bureau")
    page = client.get("/open311/v2/keys/").content.decode()
    assert "共治区热线" in page and "另一区热线" not in page and "省级平台" not in page
    assert client.post(f"/open311/v2/keys/{theirs.pk}/revoke/").status_code == 404
    assert client.post(f"/open311/v2/keys/{everywhere.pk}/revoke/").status_code == 404
    # and it may not bind a key to the other district
    response = _issue(client, "越权", other)
    assert response.status_code == 400 and not Open311Client.objects.filter(name="越权").exists()
    theirs.refresh_from_db()
    everywhere.refresh_from_db()
    assert theirs.revoked_at is None and everywhere.revoked_at is None
    # the platform administrator sees every key
    admin_page = login("admin").get("/open311/v2/keys/").content.decode()
    assert all(name in admin_page for name in ("共治区热线", "另一区热线", "省级平台"))
    assert ours.pk


@pytest.mark.parametrize("name", ["", "   ", "长" * 65])
def test_bad_key_name_is_refused(codes, login, name):
    response = _issue(login("bureau"), name, codes.street_a)
    assert response.status_code == 400
    assert not Open311Client.objects.exists()


def test_command_creates_a_key_that_works_then_revokes_it(codes, post):
    # when the operator runs `gongzhi open311 create-key NAME --jurisdiction CODE`
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "open311",
        "create-key",
        "12345 市级热线",
        "--jurisdiction",
        STREET_A,
        stdout=out,
        stderr=err,
    )
    raw = out.getvalue().strip()
    # then it prints the key alone on stdout, and the key posts into street A only
    assert KEY.fullmatch(raw)
    assert "东城街道" in err.getvalue()
    assert post(api_key=raw, jurisdiction_id=STREET_A).status_code == 201
    assert post(api_key=raw, jurisdiction_id=STREET_B).status_code == 403
    # and `list` shows it without the key
    listing = io.StringIO()
    call_command("open311", "list", stdout=listing)
    stored = Open311Client.objects.get(name="12345 市级热线")
    assert (
        f"{stored.pk}\t{stored.prefix}…\tactive\t{STREET_A}\t12345 市级热线" in listing.getvalue()
    )
    assert raw not in listing.getvalue()
    # when it is revoked, the key is refused
    call_command("open311", "revoke", str(stored.pk), stdout=io.StringIO())
    assert post(api_key=raw, jurisdiction_id=STREET_A).status_code == 403
    assert Complaint.objects.count() == 1


def test_command_without_jurisdiction_issues_a_platform_wide_key(codes, post):
    out = io.StringIO()
    call_command("open311", "create-key", "省级平台", stdout=out, stderr=io.StringIO())
    raw = out.getvalue().strip()
    assert Open311Client.objects.get(name="省级平台").node is None
    assert post(api_key=raw, jurisdiction_id=STREET_B).status_code == 201


def test_command_refuses_unknown_jurisdiction_and_unknown_id(codes):
    with pytest.raises(CommandError):
        call_command("open311", "create-key", "x", "--jurisdiction", "999999")
    with pytest.raises(CommandError):
        call_command("open311", "revoke", "4242")
    assert not Open311Client.objects.exists()
