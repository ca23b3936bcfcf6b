"""The filters of a list page or endpoint, applied the same way by every list selector.

A list selector starts from ``Model.objects.visible_to(actor)`` (STYLE principle 4) and
then narrows by what the caller chose: exact values (a status, a kind, a company) and a
free-text search over a few columns. :func:`narrowed` is that second step.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.db import models
from django.db.models import Q, QuerySet

M = TypeVar("M", bound=models.Model)
_INT64_MAX = 2**63 - 1


def int_param(raw: str | None) -> int | None:
    """A whole number chosen in a query string or form (an id, a year), or None when
    ``raw`` is empty, not written in ASCII digits ("²" and "١" pass ``str.isdigit`` but
    not ``int``) or larger than any id column holds."""
    if not raw or not (raw.isascii() and raw.isdigit()):
        return None
    value = int(raw)
    return value if value <= _INT64_MAX else None


def narrowed(
    qs: QuerySet[M], *, search: str = "", search_in: Sequence[str] = (), **equal: Any
) -> QuerySet[M]:
    """``qs`` keeping the rows whose fields equal each chosen ``equal`` value
    (``status="open"``) and, when ``search`` is given, that contain it (case-insensitive)
    in any of the ``search_in`` fields. An empty value (``""``, ``None``, 0) chooses
    nothing and does not narrow."""
    chosen = {name: value for name, value in equal.items() if value}
    if chosen:
        qs = qs.filter(**chosen)
    if search and search_in:
        qs = qs.filter(reduce(or_, (Q(**{f"{name}__icontains": search}) for name in search_in)))
    return qs
