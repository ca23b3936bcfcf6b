"""Request headers that end up in the audit log are validated, never trusted blindly."""

from __future__ import annotations

import pytest

from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.testing import PASSWORD

pytestmark = pytest.mark.django_db


def test_bad_forwarding_headers_do_not_break_audited_writes(city, client):
    response = client.post(
        "/accounts/login/",
        {"login": "street_a", "password": PASSWORD},
        HTTP_X_REAL_IP="not-an-ip",
        HTTP_X_REQUEST_ID="x" * 500,
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action=AuditAction.LOGIN).latest("id")
    assert entry.ip == "127.0.0.1"
    assert len(entry.request_id) == 32
    assert response["X-Request-ID"] == entry.request_id


def test_good_headers_are_kept(city, client):
    client.post(
        "/accounts/login/",
        {"login": "street_a", "password": PASSWORD},
        HTTP_X_REAL_IP="10.1.2.3",
        HTTP_X_REQUEST_ID="req-42",
    )
    entry = AuditEntry.objects.filter(action=AuditAction.LOGIN).latest("id")
    assert (entry.ip, entry.request_id) == ("10.1.2.3", "req-42")
