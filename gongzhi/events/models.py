"""Domain events: facts one capability records for others to act on (an outbox).

An event row is written in the same transaction as the change it describes, so it
exists exactly when the change does. Delivery to each subscriber is recorded once per
(event, handler); a failed handler leaves no delivery row and is retried by
``gongzhi events redeliver``.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel


class DomainEvent(ScopedModel):
    kind = models.CharField(_("kind"), max_length=100, db_index=True)
    subject_type = models.CharField(_("subject type"), max_length=100)
    subject_id = models.CharField(_("subject id"), max_length=64)
    data = models.JSONField(_("data"), default=dict)
    node_path = models.CharField(max_length=255, blank=True, db_index=True)
    occurred_at = models.DateTimeField(_("occurred at"), auto_now_add=True, db_index=True)
    actor = user_column(_("actor"))

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("domain event")
        verbose_name_plural = _("domain events")
        ordering = ["id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject_type}:{self.subject_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Domain events are immutable.")
        super().save(*args, **kwargs)


class EventDelivery(models.Model):
    event = foreign_key(DomainEvent, on_delete=models.CASCADE, related_name="deliveries")
    handler = models.CharField(max_length=200)
    delivered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "handler"], name="event_delivered_once")
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.handler}"
