"""Abstract models: the column groups many apps' rows share, declared once.

* :class:`Created` and :class:`Recorded` — who made the row and when (``created_by``,
  ``created_at``), labelled "created" or, for a record someone entered, "recorded". A model
  inherits one with its own base (``class Exit(Created, ScopedModel)``); the columns keep
  exactly the options the models spelled out before (no migration);
* :class:`StatusStep` — one step of a row's history: the status it moved from and to, and
  who moved it (the user, and their name as shown then).

And one concrete table, :class:`RateCounter`: the abuse-limit counters (core.ratelimit)
when the shared cache is the database cache.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import user_column


class Created(models.Model):
    """Who created the row (kept as null if the user goes) and when (abstract)."""

    created_by = user_column(_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        abstract = True


class Recorded(Created):
    """The same two columns for a record someone entered: "recorded by", "recorded"."""

    created_by = user_column(_("recorded by"))
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        abstract = True


class StatusStep(models.Model):
    """From which status to which, by whom (abstract): a history row such as a complaint's
    or a repair request's event adds its owner, its action, its note and when."""

    from_status = models.CharField(_("from"), max_length=16, blank=True)
    to_status = models.CharField(_("to"), max_length=16, blank=True)
    actor = user_column(_("by"))
    actor_label = models.CharField(_("by"), max_length=150, blank=True)

    class Meta:
        abstract = True


class RateCounter(models.Model):
    """One abuse-limit window's count for one key (``core.ratelimit``), kept here rather
    than in the database cache's table so that counting a request is one atomic upsert.
    A row is dead once its window has ``ended``; the window's next key purges it."""

    key = models.CharField(max_length=100, primary_key=True)
    count = models.PositiveIntegerField(default=0)
    ended = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate-limit counter")
        verbose_name_plural = _("rate-limit counters")

    def __str__(self) -> str:
        return f"{self.key} {self.count}"
