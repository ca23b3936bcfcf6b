"""Who may see unmasked personal data of an owner. Officials of the owner's subtree and
the owner themself see both fields; a property company sees phones of its projects'
owners (to serve them) but never ID numbers."""

from __future__ import annotations

from gongzhi.accounts.models import Role
from gongzhi.core.scoping import Actor
from gongzhi.registry.models import Owner

REVEALABLE_FIELDS = ("id_number", "phone", "uscc")


def can_reveal(actor: Actor, owner: Owner, field: str) -> bool:
    if field not in REVEALABLE_FIELDS:
        return False
    if not Owner.objects.visible_to(actor).filter(pk=owner.pk).exists():
        return False
    if actor.is_platform_admin or owner.user_id == actor.user_id:
        return True
    if actor.has_role(Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER):
        official = Owner.objects.visible_to(
            actor.restricted_to({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
        )
        if official.filter(pk=owner.pk).exists():
            return True
    if field == "phone" and actor.has_role(Role.COMPANY_STAFF):
        return (
            Owner.objects.visible_to(actor.restricted_to({Role.COMPANY_STAFF}))
            .filter(pk=owner.pk)
            .exists()
        )
    return False


WRITER_ROLES = frozenset({Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})


def writer(actor: Actor) -> Actor:
    """The part of ``actor`` that may write the housing register: the platform
    administrator and the node grants of officials (bureau, street, community). Company
    staff, committee members and owners read only, so their writes find nothing (404)."""
    return actor.restricted_to(WRITER_ROLES | {Role.PLATFORM_ADMIN})


def can_write(actor: Actor) -> bool:
    """Whether the actor may write the housing register at all (rows still scoped)."""
    return bool(writer(actor).grants)
