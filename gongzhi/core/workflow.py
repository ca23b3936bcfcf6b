"""State machines, guarded in one place (STYLE principle 6).

A workflow is a table of transitions ``action → (from states, to state, roles, guard)``.
:func:`transition` is the only code that changes a workflow's state field: it locks the
row (scoped to the actor, so a row outside the actor's scope is "not found"), checks the
current state and the actor's role, runs the guard, updates conditionally
(``filter(pk=…, <field>=old).update(…)``, raising if nothing changed) and writes the
audit row, all in one transaction. A convention test forbids assigning the state field
anywhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.core.auditing import log as audit_log
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import Actor, ScopedQuerySet

M = TypeVar("M", bound=models.Model)

# guard(obj, actor, **context) raises DomainError when the action may not happen
Guard = Callable[..., None]


@dataclass(frozen=True)
class Transition:
    action: str
    label: str | Promise
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    guard: Guard | None = None

    @classmethod
    def of(
        cls,
        action: str,
        label: str | Promise,
        sources: Iterable[str],
        target: str,
        roles: Iterable[str],
        guard: Guard | None = None,
    ) -> Transition:
        """One row of a transition table, its states and roles given as any collection:
        ``Transition.of("file", _("File"), {S.SUBMITTED}, S.FILED, {Role.BUREAU}, guard)``."""
        return cls(action, label, frozenset(sources), target, frozenset(roles), guard)


@dataclass(frozen=True)
class Workflow:
    name: str
    state_field: str
    transitions: Mapping[str, Transition] = field(default_factory=dict)

    @classmethod
    def of(cls, name: str, state_field: str, *transitions: Transition) -> Workflow:
        return cls(name, state_field, {t.action: t for t in transitions})

    def available(self, obj: models.Model, actor: Actor) -> list[Transition]:
        """The actions the actor could attempt now (guards not run): for buttons."""
        state = getattr(obj, self.state_field)
        return [
            t for t in self.transitions.values() if state in t.sources and actor.has_role(*t.roles)
        ]


def steps(
    roles: Iterable[str], guard: Guard | None, *rows: tuple[str, str | Promise, Iterable[str], str]
) -> list[Transition]:
    """Transitions that the same roles take under the same guard, one row each:
    ``(action, label, from states, to state)``."""
    return [
        Transition.of(action, label, sources, target, roles, guard)
        for action, label, sources, target in rows
    ]


def require_text(
    context: Mapping[str, Any],
    key: str,
    message: Any,
    *,
    field: str | None = None,
    detail: Any = None,
) -> None:
    """A guard's check that the step says something in ``context[key]`` (a reason, a
    note): blank is refused with ``message``, shown on the form's ``field`` (default:
    ``key``) as ``detail`` (default: ``message`` again)."""
    if not str(context.get(key) or "").strip():
        raise DomainError(message, fields={field or key: [message if detail is None else detail]})


def transition(
    *,
    actor: Actor,
    workflow: Workflow,
    queryset: ScopedQuerySet[M],
    pk: Any,
    action: str,
    changes: Mapping[str, Any] | None = None,
    **context: Any,
) -> M:
    """Apply ``action`` to row ``pk``; ``changes`` are other fields set in the same update
    (e.g. ``filed_at``). Returns the refreshed row."""
    step = workflow.transitions.get(action)
    if step is None:
        raise ConflictError(_("Unknown action."))
    with transaction.atomic():
        obj = queryset.visible_to(actor).select_for_update().filter(pk=pk).first()
        if obj is None:
            raise NotFoundError(_("Not found."))
        state_field = workflow.state_field
        current = getattr(obj, state_field)
        if not actor.has_role(*step.roles):
            raise PermissionDeniedError(_("Your role may not do this."))
        if current not in step.sources:
            display = getattr(obj, f"get_{state_field}_display", lambda: current)()
            raise ConflictError(
                _("“%(action)s” is not possible while the status is “%(state)s”.")
                % {"action": step.label, "state": display}
            )
        if step.guard is not None:
            step.guard(obj, actor, **context)
        audit = audit_log()
        before = audit.snapshot(obj)
        values = {state_field: step.target, **(changes or {})}
        updated = (
            type(obj)._default_manager.filter(pk=obj.pk, **{state_field: current}).update(**values)
        )
        if updated != 1:  # pragma: no cover - the row lock makes this a safety net
            raise ConflictError(_("Someone else changed this record; reload and try again."))
        obj.refresh_from_db()
        audit.record_transition(
            actor=actor, target=obj, before=before, action=action, field=state_field
        )
        return obj
