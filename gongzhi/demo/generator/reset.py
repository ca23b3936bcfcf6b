"""Deleting a previous demo city: the whole jurisdiction tree, the register, the demo
users, and whatever rows of other apps hang on them.

The demo city owns the platform's tree (it refuses to build next to an existing one), so
"the demo data" is every jurisdiction, company and owner plus the demo usernames. Rows of
other apps that protect or cascade from those are found through the model graph and
deleted first, so new apps need no change here. The audit log is append-only: it keeps
its rows (actors of deleted users become empty) and gets one DELETE row per model.
"""

from __future__ import annotations

from collections import Counter
from typing import cast

from django.db import models

from gongzhi.accounts.models import User
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.demo.generator.logins import DEMO_USERNAMES
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.registry.models import Owner, PropertyCompany

# on_delete behaviours that keep the dependent row (the collector handles them).
_KEEPS_ROW = {models.SET_NULL, models.SET_DEFAULT, models.DO_NOTHING}


def _incoming(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Foreign keys and one-to-ones pointing at ``model``, hidden ones (``related_name="+"``)
    included, as Django's delete collector finds them."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if isinstance(f, models.ForeignObjectRel) and (f.one_to_many or f.one_to_one)
    ]


def _clear_dependents(queryset: models.QuerySet, counts: Counter[str]) -> None:
    """Delete the rows of other models that would block or cascade from ``queryset``."""
    model = queryset.model
    for relation in _incoming(model):
        if relation.on_delete in _KEEPS_ROW:
            continue
        dependent = cast(type[models.Model], relation.related_model)
        if dependent is model:  # the tree's parent link: see demo_reset
            continue
        _delete(dependent._base_manager.filter(**{f"{relation.field.name}__in": queryset}), counts)


def _delete(queryset: models.QuerySet, counts: Counter[str]) -> None:
    _clear_dependents(queryset, counts)
    _, deleted = queryset.delete()
    counts.update({label: n for label, n in deleted.items() if n})


def demo_reset() -> Counter[str]:
    """Delete the demo city; returns rows deleted per model label."""
    counts: Counter[str] = Counter()
    nodes = Jurisdiction._base_manager.all()
    _clear_dependents(nodes, counts)
    # Children protect their parents: delete the tree from the leaves up.
    for depth in sorted(set(nodes.values_list("depth", flat=True)), reverse=True):
        _delete(Jurisdiction._base_manager.filter(depth=depth), counts)
    _delete(Owner._base_manager.all(), counts)
    _delete(PropertyCompany._base_manager.all(), counts)
    _delete(User._base_manager.filter(username__in=DEMO_USERNAMES), counts)
    for label, n in sorted(counts.items()):
        audit.record(
            actor=None,
            action=AuditAction.DELETE,
            target_type=label,
            target_repr=f"demo city reset ({n} rows)",
            before={"rows": n},
        )
    return counts
