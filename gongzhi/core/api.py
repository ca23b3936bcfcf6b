"""The small pieces every /api/v1 router uses: schema resolvers and the action route's checks.

Each domain app's ``api.py`` is "Schema in → service or selector → Schema out"; what
repeats between them lives here once:

* :func:`attribute` — an Out schema field read through a relation
  (``resolve_project_name = attribute("project.name")``);
* :func:`with_actions` and :func:`attached_actions` — the actions the actor may take on
  the row, attached by the detail fetch and read by the Out schema, for the buttons a
  client may show;
* :func:`known_action` — ``POST …/{id}/actions/{action}`` with an action outside the
  workflow's table is ``not_found``, like an unknown id;
* :func:`optional_body` — an action whose JSON body may be absent or empty.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, TypeVar, overload

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Schema

from gongzhi.core.errors import NotFoundError

S = TypeVar("S", bound=Schema)
T = TypeVar("T")
V = TypeVar("V")


def attribute(path: str) -> staticmethod[[Any], Any]:
    """A ninja resolver returning the row's attribute at the dotted ``path``."""
    names = path.split(".")

    def resolve(obj: Any) -> Any:
        for name in names:
            obj = getattr(obj, name)
        return obj

    return staticmethod(resolve)


def with_actions(obj: T, transitions: Iterable[Any]) -> T:
    """``obj`` with the actions of ``transitions`` (what the workflow makes available to
    the actor) attached, for :data:`attached_actions` to read."""
    obj._actions = [t.action for t in transitions]  # type: ignore[attr-defined]
    return obj


def _attached(obj: Any) -> list[str]:
    return list(getattr(obj, "_actions", []))


attached_actions: staticmethod[[Any], list[str]] = staticmethod(_attached)
"""Resolver for an ``actions: list[str]`` field: what the detail fetch attached, else none."""


@overload
def known_action(action: str, table: Mapping[str, V]) -> V: ...  # type: ignore[overload-overlap]
@overload
def known_action(action: str, table: Collection[str]) -> str: ...
def known_action(action: str, table: Mapping[str, Any] | Collection[str]) -> Any:
    """``table[action]`` for a mapping, ``action`` for a collection of names; an action
    not in the table is ``not_found`` (the route exists only for the table's actions)."""
    if action not in table:
        raise NotFoundError(_("Not found."))
    return table[action] if isinstance(table, Mapping) else action


def optional_body(request: HttpRequest, schema: type[S]) -> S:
    """The request's JSON body read as ``schema``; absent or unreadable, its defaults."""
    try:
        return schema.model_validate_json(request.body or b"{}")
    except ValueError:
        return schema()
