"""The access registry: every URL name has exactly one rule here (deny by default).

``AccessMiddleware`` enforces it before any view runs, and a convention test walks all
URL patterns and fails on a name without a rule. Row-level scoping is separate: a page
allowed here still shows only what ``visible_to(actor)`` returns.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.accounts.models import OFFICIAL_ROLES, Role


@dataclass(frozen=True)
class Rule:
    public: bool = False
    roles: frozenset[str] | None = None  # None = any signed-in user
    delegated: bool = False  # the view or framework authenticates itself (API, admin)

    def allows(self, roles: frozenset[str], authenticated: bool) -> bool:
        if self.public or self.delegated:
            return True
        if not authenticated:
            return False
        if self.roles is None:
            return True
        return Role.PLATFORM_ADMIN in roles or bool(self.roles & roles)


PUBLIC = Rule(public=True)
SIGNED_IN = Rule()
DELEGATED = Rule(delegated=True)


def roles(*names: str) -> Rule:
    return Rule(roles=frozenset(names))


OFFICIALS = frozenset(OFFICIAL_ROLES)
SUPERVISORS = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
REGISTRY_READERS = SUPERVISORS | {Role.COMPANY_STAFF, Role.COMMITTEE_MEMBER}

ACCESS: dict[str, Rule] = {
    # shell
    "web:home": SIGNED_IN,
    "web:health": PUBLIC,
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
    # registry
    "registry:project_list": Rule(roles=REGISTRY_READERS),
    "registry:project_detail": Rule(roles=REGISTRY_READERS | {Role.OWNER}),
    "registry:company_list": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF}),
    "registry:company_detail": Rule(roles=REGISTRY_READERS),
    "registry:owner_detail": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF, Role.OWNER}),
    "registry:owner_reveal": Rule(roles=SUPERVISORS | {Role.COMPANY_STAFF, Role.OWNER}),
    "registry:my_homes": roles(Role.OWNER),
    # audit
    "audit:log": roles(Role.BUREAU, Role.STREET_OFFICER),
    # frameworks that authenticate themselves
    "api:*": DELEGATED,
    "admin:*": DELEGATED,
}


def rule_for(url_name: str | None, namespace: str | None) -> Rule | None:
    """The rule of a URL: its own entry, else its namespace's ``ns:*`` entry, else None."""
    if namespace:
        if url_name and f"{namespace}:{url_name}" in ACCESS:
            return ACCESS[f"{namespace}:{url_name}"]
        return ACCESS.get(f"{namespace.split(':')[0]}:*")
    return ACCESS.get(url_name) if url_name else None
