"""Abstract models: the column groups many apps' rows share, declared once.

* :class:`Created` and :class:`Recorded` — who made the row and when (``created_by``,
  ``created_at``), labelled "created" or, for a record someone entered, "recorded". A model
  inherits one with its own base (``class Exit(Created, ScopedModel)``); the columns keep
  exactly the options the models spelled out before (no migration).
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
