"""Writes to the jurisdiction tree. The levels a tree may have (3 or 4) come from the
effective policy profile (seed 004: 新区 → 新城 → 镇街 → 社区), never from code."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core.errors import DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.jurisdictions.models import Department, Jurisdiction, Level
from gongzhi.jurisdictions.selectors import effective_profile_id
from gongzhi.rules.profiles import ProfileError, get_profile

DIVISION_CODE = re.compile(r"^(\d{6}|\d{9}|\d{12})$")


def _invalid(field: str, message: object) -> DomainError:
    return DomainError(_("Please correct the errors below."), fields={field: [message]})  # type: ignore[list-item]


def _may_create_under(actor: Actor | None, parent: Jurisdiction | None) -> bool:
    if actor is None:  # management commands and the demo generator
        return True
    if actor.is_platform_admin:
        return True
    if parent is None:
        return False
    return any(
        g.role in (Role.BUREAU, Role.STREET_OFFICER) and parent.path.startswith(g.node_path or "~")
        for g in actor.grants_of("node")
    )


@transaction.atomic
def jurisdiction_create(
    *,
    actor: Actor | None,
    name: str,
    level: str,
    parent: Jurisdiction | None = None,
    division_code: str = "",
    profile_id: str = "",
    phone: str = "",
) -> Jurisdiction:
    """Create a node. Its level must be the next level of the effective profile's
    ``jurisdiction_levels`` after its parent's (the root takes the first)."""
    if not _may_create_under(actor, parent):
        raise PermissionDeniedError(_("You may not add a jurisdiction here."))
    name = name.strip()
    depth = jurisdiction_validate(
        name=name,
        level=level,
        parent=parent,
        division_code=division_code,
        profile_id=profile_id,
    )
    node = Jurisdiction.objects.create(
        name=name,
        level=level,
        parent=parent,
        division_code=division_code,
        profile_id=profile_id,
        phone=phone,
        depth=depth,
        path="",
    )
    node.path = (parent.path if parent else "") + Jurisdiction.path_segment(node.pk)
    Jurisdiction.objects.filter(pk=node.pk).update(path=node.path)
    audit.record_create(actor, node)
    return node


def jurisdiction_validate(
    *,
    name: str,
    level: str,
    parent: Jurisdiction | None,
    division_code: str = "",
    profile_id: str = "",
) -> int:
    """Check a new node against the rules; return its depth or raise DomainError."""
    if not name:
        raise _invalid("name", _("This field is required."))
    if division_code and not DIVISION_CODE.match(division_code):
        raise _invalid("division_code", _("An administrative division code has 6, 9 or 12 digits."))
    if profile_id:
        try:
            get_profile(profile_id)
        except ProfileError:
            raise _invalid("profile_id", _("Unknown policy profile.")) from None
    governing = profile_id or (effective_profile_id(parent) if parent else "")
    levels = list(get_profile(governing or settings.GONGZHI_DEFAULT_PROFILE).levels)
    depth = 0 if parent is None else parent.depth + 1
    if depth >= len(levels):
        raise _invalid(
            "level",
            _("This jurisdiction tree has no level below %(level)s.")
            % {"level": parent.get_level_display() if parent else ""},
        )
    if level != levels[depth]:
        expected = Level(levels[depth]).label if levels[depth] in Level.values else levels[depth]
        raise _invalid("level", _("Expected level “%(expected)s” here.") % {"expected": expected})
    if Jurisdiction.objects.filter(parent=parent, name=name).exists():
        raise _invalid("name", _("A jurisdiction with this name already exists here."))
    return depth


@transaction.atomic
def department_create(
    *, actor: Actor | None, node: Jurisdiction, kind: str, name: str = "", phone: str = ""
) -> Department:
    if not _may_create_under(actor, node):
        raise PermissionDeniedError(_("You may not add a department here."))
    if kind not in Department.Kind.values:
        raise _invalid("kind", _("Unknown department kind."))
    dept = Department.objects.create(
        node=node,
        node_path=node.path,
        kind=kind,
        name=name or str(Department.Kind(kind).label),
        phone=phone,
    )
    audit.record_create(actor, dept)
    return dept
