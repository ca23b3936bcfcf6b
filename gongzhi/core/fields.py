"""The columns every app declares the same way, made once.

Each function returns an ordinary Django field with exactly the options the apps spelled
out before, so a model using it has the same schema (no migration): the verbose name,
``on_delete`` and ``related_name`` stay the model's own choice (``related_name=None``: Django's
default reverse accessor, ``<model>_set``).

* :func:`user_column` — who did something (created, decided, recorded, uploaded): a
  nullable reference to the user model that outlives the user (``SET_NULL``);
* :func:`optional_foreign_key` — a reference a row may lack (``null=True``, ``blank=True``
  unless the model says otherwise);
* :func:`foreign_key` — a required reference, ``PROTECT`` unless the model says otherwise;
* :func:`node_path_column` — the copy of the jurisdiction path a row is scoped by
  (``gongzhi.core.scoping.Scope(node="node_path")``), kept by the model, never edited.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OnDelete = Callable[..., Any]


def user_column(
    verbose_name: StrOrPromise | None = None,
    *,
    related_name: str | None = "+",
    blank: bool = True,
) -> models.ForeignKey[Any, Any]:
    """A nullable reference to the user who did something; kept as null if the user goes."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
    )


def optional_foreign_key(
    to: str | type[models.Model],
    verbose_name: StrOrPromise | None = None,
    *,
    on_delete: OnDelete = models.PROTECT,
    related_name: str | None = "+",
    blank: bool = True,
) -> models.ForeignKey[Any, Any]:
    """A reference a row may lack (``null=True``, and ``blank`` unless a form must fill
    it), ``PROTECT`` by default."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=blank,
        on_delete=on_delete,
        related_name=related_name,
    )


def foreign_key(
    to: str | type[models.Model],
    verbose_name: StrOrPromise | None = None,
    *,
    on_delete: OnDelete = models.PROTECT,
    related_name: str | None = "+",
) -> models.ForeignKey[Any, Any]:
    """A required reference, ``PROTECT`` by default."""
    return models.ForeignKey(
        to, verbose_name=verbose_name, on_delete=on_delete, related_name=related_name
    )


def node_path_column(*, index: bool = True) -> models.CharField[Any, Any]:
    """The jurisdiction path a row is scoped by, copied from its node by the model."""
    return models.CharField(max_length=255, db_index=index, editable=False)
