"""Emit and subscribe: how one capability tells another that something happened.

The emitting service calls :func:`emit` inside its transaction; after commit a task
delivers the event to every handler subscribed to its kind, each in its own transaction,
at most once per (event, handler). Subscribers register in their ``AppConfig.ready``::

    from gongzhi.events.bus import subscribe

    @subscribe("complaints.substantiated")
    def record_bad_credit(event: DomainEvent) -> None: ...

Event kinds and their data are documented in docs/architecture.md (Domain events).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import IntegrityError, models, transaction
from django_tasks import task

from gongzhi.events.models import DomainEvent, EventDelivery

logger = logging.getLogger(__name__)

Handler = Callable[[DomainEvent], None]
_HANDLERS: dict[str, dict[str, Handler]] = defaultdict(dict)


def handler_name(handler: Handler) -> str:
    return f"{handler.__module__}.{handler.__qualname__}"


def subscribe(kind: str) -> Callable[[Handler], Handler]:
    """Register ``handler`` for events of ``kind`` (idempotent per handler name)."""

    def register(handler: Handler) -> Handler:
        _HANDLERS[kind][handler_name(handler)] = handler
        return handler

    return register


def handlers_for(kind: str) -> dict[str, Handler]:
    return dict(_HANDLERS.get(kind, {}))


def emit(
    kind: str,
    *,
    subject: models.Model,
    data: dict[str, Any],
    node_path: str = "",
    actor: Any = None,
) -> DomainEvent:
    """Record an event about ``subject`` in the current transaction; deliver after commit.

    ``data`` must be JSON (ids, strings, decimal strings): it is what subscribers read,
    so it carries everything they need even if the subject changes later.
    """
    event = DomainEvent.objects.create(
        kind=kind,
        subject_type=subject._meta.label,
        subject_id=str(subject.pk),
        data=data,
        node_path=node_path,
        actor=actor if getattr(actor, "pk", None) else None,
    )
    transaction.on_commit(lambda: deliver_event.enqueue(event.pk))
    return event


def deliver(event: DomainEvent) -> list[str]:
    """Run every handler not yet delivered for ``event``; returns the failed handler names."""
    failed: list[str] = []
    done = set(event.deliveries.values_list("handler", flat=True))
    for name, handler in handlers_for(event.kind).items():
        if name in done:
            continue
        try:
            with transaction.atomic():
                EventDelivery.objects.create(event=event, handler=name)
                handler(event)
        except IntegrityError:
            # another worker delivered it meanwhile, or the handler's own constraint held
            if not EventDelivery.objects.filter(event=event, handler=name).exists():
                logger.exception("Event %s: handler %s failed", event.pk, name)
                failed.append(name)
        except Exception:
            logger.exception("Event %s: handler %s failed", event.pk, name)
            failed.append(name)
    return failed


@task()
def deliver_event(event_id: int) -> None:
    event = DomainEvent.objects.filter(pk=event_id).first()
    if event is not None:
        deliver(event)


def undelivered(events: Iterable[DomainEvent] | None = None) -> list[tuple[DomainEvent, str]]:
    """(event, handler name) pairs still waiting for delivery."""
    kinds = [kind for kind, handlers in _HANDLERS.items() if handlers]
    queryset = DomainEvent.objects.filter(kind__in=kinds).prefetch_related("deliveries")
    pending: list[tuple[DomainEvent, str]] = []
    for event in events if events is not None else queryset.iterator(chunk_size=500):
        done = {d.handler for d in event.deliveries.all()}
        pending.extend((event, name) for name in handlers_for(event.kind) if name not in done)
    return pending
