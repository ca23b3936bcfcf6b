"""The two start-up hand-overs of ADR 0006: core reaches the audit log and the actor
builder without importing the apps above it, and says so when either is missing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from gongzhi.accounts import selectors as account_selectors
from gongzhi.audit import services as audit_services
from gongzhi.core import auditing, scoping


def test_the_audit_app_installs_its_services_as_cores_audit_log():
    # given Django has started (pytest-django)
    # when core asks for its audit log
    log = auditing.log()
    # then it is the audit app's services module
    assert log is audit_services


def test_accounts_installs_the_actor_builder():
    # given / when / then the builder core uses is accounts' actor_for, and both import
    # paths of request_actor are one function
    assert scoping._actor_for is account_selectors.actor_for
    assert account_selectors.request_actor is scoping.request_actor


def test_a_missing_audit_log_is_an_error_not_a_silent_skip(monkeypatch):
    # given no audit app installed
    monkeypatch.setattr(auditing, "_log", None)
    # when / then
    with pytest.raises(ImproperlyConfigured):
        auditing.log()


def test_a_missing_actor_builder_is_an_error_not_an_anonymous_actor(monkeypatch):
    # given no accounts app installed
    monkeypatch.setattr(scoping, "_actor_for", None)
    request = RequestFactory().get("/")
    # when / then
    with pytest.raises(ImproperlyConfigured):
        scoping.request_actor(request)
