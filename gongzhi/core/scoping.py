"""The one scoping mechanism every read and write goes through. Deny by default.

An :class:`Actor` carries the grants of a signed-in user (built by
``gongzhi.accounts.selectors.actor_for``, which accounts installs for
:func:`request_actor`). A model declares how each kind of grant
reaches its rows with a :class:`Scope`; ``Model.objects.visible_to(actor)`` ORs the
grants the model understands and returns nothing for the rest:

* ``node`` — officials: rows whose jurisdiction path starts with the official's node path;
* ``department`` — functional-department staff: rows routed to their department;
* ``company`` — property-company staff: rows of their company;
* ``project`` — committee members: rows of their project;
* ``owner`` — owners: their own rows (and what the model calls its public rows).

A model that declares no lookup for a grant kind is invisible to that kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Literal, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from gongzhi.accounts.models import User

GrantKind = Literal["all", "node", "department", "company", "project", "owner"]


@dataclass(frozen=True)
class Grant:
    kind: GrantKind
    role: str
    node_path: str | None = None
    node_id: int | None = None
    department_id: int | None = None
    company_id: int | None = None
    project_id: int | None = None
    user_id: int | None = None


@dataclass(frozen=True)
class Actor:
    """Who is acting, with every scope they hold. Anonymous actors hold none."""

    user: User | AnonymousUser | None
    grants: tuple[Grant, ...] = ()
    roles: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_authenticated(self) -> bool:
        return self.user is not None and bool(self.user.is_authenticated)

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "pk", None) if self.is_authenticated else None

    @property
    def is_platform_admin(self) -> bool:
        return any(g.kind == "all" for g in self.grants)

    def has_role(self, *roles: str) -> bool:
        return self.is_platform_admin or bool(self.roles.intersection(roles))

    def grants_of(self, *kinds: GrantKind) -> Iterable[Grant]:
        return (g for g in self.grants if g.kind in kinds)

    def restricted_to(self, roles: Iterable[str]) -> Actor:
        """The same user holding only the grants (and roles) of ``roles``: a user who is
        an official and also an owner acts through the capacity an action needs."""
        keep = frozenset(roles)
        return replace(
            self,
            grants=tuple(g for g in self.grants if g.role in keep),
            roles=self.roles & keep,
        )

    def with_grant_kinds(self, *kinds: GrantKind) -> Actor:
        """The same user and roles, with only the grants of ``kinds``."""
        return replace(self, grants=tuple(g for g in self.grants if g.kind in kinds))

    @property
    def node_paths(self) -> list[str]:
        return [g.node_path for g in self.grants if g.kind == "node" and g.node_path]


ANONYMOUS = Actor(user=None)

# How a user becomes an actor depends on their memberships, which accounts owns. accounts
# installs its ``actor_for`` here when Django starts (``AccountsConfig.ready``), so core and
# the audit app below accounts reach a request's actor without importing accounts.
_actor_for: Callable[[Any], Actor] | None = None


def use_actor_builder(actor_for: Callable[[Any], Actor]) -> None:
    """Install the function that builds a user's actor (called once, by accounts)."""
    global _actor_for
    _actor_for = actor_for


def request_actor(request: Any) -> Actor:
    """The actor of a request, computed once per request."""
    cached = getattr(request, "_gongzhi_actor", None)
    if cached is not None and cached.user is getattr(request, "user", None):
        return cached
    if _actor_for is None:
        raise ImproperlyConfigured("No actor builder: is gongzhi.accounts in INSTALLED_APPS?")
    actor = _actor_for(getattr(request, "user", None))
    request._gongzhi_actor = actor
    return actor


Lookup = str | Callable[[Grant], Q] | None


@dataclass(frozen=True)
class Scope:
    """How each grant kind reaches a model's rows (a field lookup or a Q builder)."""

    node: Lookup = None
    department: Lookup = None
    company: Lookup = None
    project: Lookup = None
    owner: Lookup = None

    @classmethod
    def columns(cls, prefix: str = "", *, owner: Lookup = None) -> Scope:
        """The usual columns, ``node_path``, ``company_id`` and ``project_id``, on the row
        itself or, with ``prefix`` (``"contract__"``), on the row it belongs to; ``owner``
        as for :class:`Scope`."""
        return cls(
            node=f"{prefix}node_path",
            company=f"{prefix}company_id",
            project=f"{prefix}project_id",
            owner=owner,
        )

    def q_for(self, grant: Grant) -> Q | None:
        if grant.kind == "all":
            return Q()
        lookup: Lookup = getattr(self, grant.kind)
        if lookup is None:
            return None
        if callable(lookup):
            return lookup(grant)
        value: Any
        if grant.kind == "node":
            return Q(**{f"{lookup}__startswith": grant.node_path})
        value = {
            "department": grant.department_id,
            "company": grant.company_id,
            "project": grant.project_id,
            "owner": grant.user_id,
        }[grant.kind]
        return Q(**{lookup: value})


M = TypeVar("M", bound=models.Model)


class ScopedQuerySet(models.QuerySet[M], Generic[M]):
    def visible_to(self, actor: Actor) -> ScopedQuerySet[M]:
        scope: Scope | None = getattr(self.model, "scope", None)
        if scope is None or not actor.is_authenticated:
            return self.none()
        combined: Q | None = None
        for grant in actor.grants:
            q = scope.q_for(grant)
            if q is None:
                continue
            if not q:  # Q() = everything
                return self.all()
            combined = q if combined is None else combined | q
        if combined is None:
            return self.none()
        return self.filter(combined)


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):  # type: ignore[misc]
    pass


class ScopedModel(models.Model):
    """A model whose rows are read through ``Model.objects.visible_to(actor)`` (abstract).

    A subclass declares ``scope``: how each grant kind reaches its rows.
    """

    objects = ScopedManager()
    scope: ClassVar[Scope]

    class Meta:
        abstract = True


_INT64 = (-(2**63), 2**63 - 1)


def get_visible(queryset: models.QuerySet[M], actor: Actor, **lookups: Any) -> M:
    """Fetch one row the actor may see; absent and forbidden both raise NotFoundError."""
    from django.core.exceptions import ObjectDoesNotExist
    from django.utils.translation import gettext_lazy as _

    from gongzhi.core.errors import NotFoundError

    if not isinstance(queryset, ScopedQuerySet):
        raise TypeError(f"{queryset.model.__name__} has no actor scope")
    if any(isinstance(v, int) and not _INT64[0] <= v <= _INT64[1] for v in lookups.values()):
        # an id no column can hold (a 500 from the database before: found by the API fuzzing)
        raise NotFoundError(_("Not found."))
    try:
        return queryset.visible_to(actor).get(**lookups)
    except (ObjectDoesNotExist, ValueError, TypeError, OverflowError):
        raise NotFoundError(_("Not found.")) from None


def user_of(actor: Actor | None) -> User | None:
    """The signed-in user behind ``actor`` (None for the system and anonymous visitors),
    as stored in ``created_by``-style columns."""
    if actor is None or not actor.is_authenticated:
        return None
    return actor.user  # type: ignore[return-value]


def system_actor(user: User | None) -> Actor:
    """The platform acting by itself (an event handler, a scheduled job) on behalf of the
    user who caused the fact, or of nobody: every scope, so the audit log names ``user``."""
    from gongzhi.core.roles import Role

    return Actor(
        user=user,
        grants=(Grant(kind="all", role=Role.PLATFORM_ADMIN),),
        roles=frozenset({Role.PLATFORM_ADMIN}),
    )
