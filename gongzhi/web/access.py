"""The access registry: every URL name has exactly one rule here (deny by default).

``AccessMiddleware`` enforces it before any view runs, and a convention test walks all
URL patterns and fails on a name without a rule. Row-level scoping is separate: a page
allowed here still shows only what ``visible_to(actor)`` returns.
"""

from __future__ import annotations

import importlib

from django.core.exceptions import ImproperlyConfigured

from gongzhi.accounts.models import Role
from gongzhi.core.access import (  # noqa: F401 - re-exported for callers
    DELEGATED,
    OFFICIALS,
    PUBLIC,
    REGISTRY_READERS,
    SIGNED_IN,
    SUPERVISORS,
    Rule,
    roles,
)

# The shell's own pages; each domain app adds its pages in ``<app>/access.py`` (merged
# below), so an app owns its access rules next to its URLs.
CORE_ACCESS: dict[str, Rule] = {
    # shell
    "web:home": SIGNED_IN,
    "web:health": PUBLIC,
    "web:menu": SIGNED_IN,
    "set_language": PUBLIC,
    "javascript-catalog": PUBLIC,
    # accounts
    "accounts:login": PUBLIC,
    "accounts:login_verify": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password_change": SIGNED_IN,
    "accounts:security": SIGNED_IN,
    "accounts:totp_setup": SIGNED_IN,
    "accounts:totp_disable": SIGNED_IN,
    "accounts:tokens": SIGNED_IN,
    "accounts:token_revoke": SIGNED_IN,
    "accounts:user_list": roles(Role.BUREAU),
    "accounts:user_password_reset": roles(Role.BUREAU),
    # jurisdictions
    "jurisdictions:tree": Rule(roles=OFFICIALS),
    # audit
    "audit:log": roles(Role.BUREAU, Role.STREET_OFFICER),
    # frameworks that authenticate themselves
    "api:*": DELEGATED,
    "admin:*": DELEGATED,
}


DOMAIN_ACCESS_MODULES = (
    "gongzhi.registry.access",
    "gongzhi.contracts.access",
    "gongzhi.decisions.access",
    "gongzhi.complaints.access",
    "gongzhi.mediation.access",
    "gongzhi.oversight.access",
    "gongzhi.assembly.access",
    "gongzhi.assessments.access",
    "gongzhi.credit.access",
    "gongzhi.funds.access",
    "gongzhi.fees.access",
    "gongzhi.disclosure.access",
    "gongzhi.notices.access",
    "gongzhi.lifecycle.access",
    "gongzhi.open311.access",
    "gongzhi.holidays.access",
    "gongzhi.repairs.access",
    "gongzhi.surveys.access",
    "gongzhi.dashboards.access",
    "gongzhi.privacy.access",
    "gongzhi.oldprojects.access",
)


def _collect() -> dict[str, Rule]:
    merged = dict(CORE_ACCESS)
    for module_name in DOMAIN_ACCESS_MODULES:
        module = importlib.import_module(module_name)
        for name, rule in module.ACCESS.items():
            if name in merged:
                raise ImproperlyConfigured(f"Two access rules for {name!r}")
            merged[name] = rule
    return merged


ACCESS: dict[str, Rule] = _collect()


def rule_for(url_name: str | None, namespace: str | None) -> Rule | None:
    """The rule of a URL: its own entry, else its namespace's ``ns:*`` entry, else None."""
    if namespace:
        if url_name and f"{namespace}:{url_name}" in ACCESS:
            return ACCESS[f"{namespace}:{url_name}"]
        return ACCESS.get(f"{namespace.split(':')[0]}:*")
    return ACCESS.get(url_name) if url_name else None
