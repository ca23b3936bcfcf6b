"""Access-rule primitives shared by the access registry and every domain's ``access.py``.

A rule says who may open a URL at all; row scoping (``visible_to``) is separate.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongzhi.core.roles import OFFICIAL_ROLES, Role


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
