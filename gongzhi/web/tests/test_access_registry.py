"""Convention: every URL name has exactly one access rule (gongzhi.web.access), and a
page without one is refused, not served."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from gongzhi.web.access import ACCESS, rule_for


def _walk(patterns, namespace=None):  # type: ignore[no-untyped-def]
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace
            full = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(p.url_patterns, full)
        elif isinstance(p, URLPattern):
            yield namespace, p.name, str(p.pattern)


def test_every_url_has_an_access_rule():
    missing = [
        f"{ns}:{name}" if ns else f"{name} ({route})"
        for ns, name, route in _walk(get_resolver().url_patterns)
        if rule_for(name, ns) is None
    ]
    assert missing == []


def test_no_rule_names_a_missing_url():
    names = {(f"{ns}:{n}" if ns else n) for ns, n, _ in _walk(get_resolver().url_patterns)}
    namespaces = {ns.split(":")[0] for ns, _, _ in _walk(get_resolver().url_patterns) if ns}
    stale = [
        key
        for key in ACCESS
        if not (key in names or (key.endswith(":*") and key[:-2] in namespaces))
    ]
    assert stale == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/registry/projects/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_role_without_access_gets_403(city, login):
    assert login("owner_1").get("/audit/").status_code == 403
    assert login("company_1").get("/accounts/users/").status_code == 403
