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
            _only(actor, {Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER})
        )
        if official.filter(pk=owner.pk).exists():
            return True
    if field == "phone" and actor.has_role(Role.COMPANY_STAFF):
        return (
            Owner.objects.visible_to(_only(actor, {Role.COMPANY_STAFF}))
            .filter(pk=owner.pk)
            .exists()
        )
    return False


def _only(actor: Actor, roles: set[str]) -> Actor:
    return Actor(
        user=actor.user,
        grants=tuple(g for g in actor.grants if g.role in roles),
        roles=frozenset(actor.roles & roles),
    )
