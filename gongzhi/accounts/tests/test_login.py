"""Sign-in by username or mobile, lockout, TOTP, administrator password reset, tokens."""

from __future__ import annotations

import re

import pyotp
import pytest
from django.test import override_settings
from django.utils import timezone
from django.utils.translation import gettext, override

from gongzhi.accounts.models import ApiToken, User
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _post_login(client, login, password=PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"login": login, "password": password})


def test_login_by_username_and_by_mobile(city, client):
    assert _post_login(client, "owner_1").status_code == 302
    client.logout()
    assert _post_login(client, "13800000001").status_code == 302
    assert client.get("/").status_code == 200


def test_wrong_password_shows_translated_error_and_is_audited(city, client):
    response = _post_login(client, "owner_1", "wrong")
    assert response.status_code == 200
    assert "账号或密码不正确" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 1


@override_settings(GONGZHI_LOGIN_MAX_FAILURES=3)
def test_lockout_after_repeated_failures(city, client):
    for _ in range(3):
        _post_login(client, "owner_1", "wrong")
    user = User.objects.get(username="owner_1")
    assert user.locked_until is not None and user.locked_until > timezone.now()
    # then even the right password is refused while locked
    response = _post_login(client, "owner_1")
    assert response.status_code == 200
    assert "已锁定" in response.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT, target_id=str(user.pk)).exists()


@override_settings(GONGZHI_LOGIN_MAX_FAILURES=3)
def test_success_resets_the_failure_count(city, client):
    _post_login(client, "owner_1", "wrong")
    _post_login(client, "owner_1", "wrong")
    assert _post_login(client, "owner_1").status_code == 302
    assert User.objects.get(username="owner_1").failed_login_count == 0


def test_totp_second_factor(city, client, login):
    # given a user who turned TOTP on
    c = login("street_a")
    c.get("/accounts/security/totp/")
    user = User.objects.get(username="street_a")
    code = pyotp.TOTP(user.totp_secret).now()
    assert c.post("/accounts/security/totp/", {"code": code}).status_code == 302
    user.refresh_from_db()
    assert user.totp_enabled
    c.logout()
    # when they sign in, the password alone is not enough
    response = _post_login(client, "street_a")
    assert response["Location"] == "/accounts/login/verify/"
    assert client.get("/registry/projects/").status_code == 302
    bad = client.post("/accounts/login/verify/", {"code": "000000"})
    assert bad.status_code == 200
    ok = client.post("/accounts/login/verify/", {"code": pyotp.TOTP(user.totp_secret).now()})
    assert ok.status_code == 302
    assert client.get("/registry/projects/").status_code == 200


def test_bureau_resets_password_and_user_must_change_it(city, client, login):
    c = login("bureau")
    target = city.users["street_a"]
    response = c.post(f"/accounts/users/{target.pk}/reset-password/", follow=True)
    message = [str(m) for m in response.context["messages"]][0]
    temporary = re.search(r"(?<![A-Za-z0-9_-])([A-Za-z0-9_-]{12})(?![A-Za-z0-9_-])", message).group(
        1
    )  # type: ignore[union-attr]
    target.refresh_from_db()
    assert target.must_change_password
    assert AuditEntry.objects.filter(
        action=AuditAction.PASSWORD_RESET, target_id=str(target.pk)
    ).exists()
    c.logout()
    assert _post_login(client, "street_a", temporary).status_code == 302
    # every page sends them to change it first, and the API refuses the session
    assert client.get("/registry/projects/")["Location"] == "/accounts/password/"
    assert client.get("/api/v1/accounts/me").status_code == 401
    client.post(
        "/accounts/password/",
        {
            "old_password": temporary,
            "new_password": "Another-pass-2026",
            "new_password_again": "Another-pass-2026",
        },
    )
    assert client.get("/registry/projects/").status_code == 200


def test_street_officer_cannot_reset_passwords(city, login):
    c = login("street_a")
    assert c.post(f"/accounts/users/{city.users['street_b'].pk}/reset-password/").status_code == 403


def test_bureau_cannot_reset_users_outside_its_subtree_or_admins(city, login):
    c = login("bureau")
    c.post(f"/accounts/users/{city.users['admin'].pk}/reset-password/")
    assert not User.objects.get(username="admin").must_change_password


def test_api_token_authenticates_and_revocation_ends_it(city, login, client):
    c = login("street_a")
    created = c.post("/api/v1/accounts/tokens", {"name": "script"}, content_type="application/json")
    assert created.status_code == 201
    raw = created.json()["token"]
    assert not ApiToken.objects.filter(digest=raw).exists()  # only a digest is stored
    c.logout()
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    me = client.get("/api/v1/accounts/me", **auth)
    assert me.status_code == 200 and me.json()["username"] == "street_a"
    ids = {p["id"] for p in client.get("/api/v1/registry/projects", **auth).json()["items"]}
    assert ids == {city.project_a.pk}
    token_id = created.json()["id"]
    assert client.delete(f"/api/v1/accounts/tokens/{token_id}", **auth).status_code == 204
    assert client.get("/api/v1/accounts/me", **auth).status_code == 401


def test_unauthenticated_api_uses_the_error_format(db, client):
    response = client.get("/api/v1/accounts/me")
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "unauthenticated" and body["message"] and body["fields"] == {}


def test_api_validation_errors_name_the_field(city, login):
    c = login("street_a")
    response = c.post("/api/v1/accounts/tokens", {}, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid"
    assert "name" in body["fields"]
    # the message comes translated (zh-hans by default)
    with override("zh-hans"):
        assert body["fields"]["name"] == [gettext("This field is required.")]
    assert re.search(r"[\u4e00-\u9fff]", body["fields"]["name"][0])


def test_opening_the_totp_page_never_turns_two_factor_off(city, login):
    c = login("street_a")
    c.get("/accounts/security/totp/")
    user = User.objects.get(username="street_a")
    c.post("/accounts/security/totp/", {"code": pyotp.TOTP(user.totp_secret).now()})
    user.refresh_from_db()
    secret = user.totp_secret
    assert user.totp_enabled
    # when the set-up page is opened again (e.g. from a link someone sent)
    response = c.get("/accounts/security/totp/")
    # then nothing changes
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.totp_enabled and user.totp_secret == secret


def test_failed_sign_in_is_logged_as_anonymous_in_the_users_jurisdiction(city, client):
    _post_login(client, "street_a", "wrong")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.actor_label == "anonymous"
    assert entry.node_path == city.street_a.path
