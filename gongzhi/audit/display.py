"""An object's edit history as officials read it: the one renderer of audit rows.

Every page that shows audit rows (the edit history of a detail page, the audit log)
renders them through :func:`history_rows`. Each stored before/after value is shown
through the model field it came from:

- a field with choices → its translated label (``preparing`` → 准备中);
- a boolean → 是/否; a date → ``Y-m-d``; a date-time → local ``Y-m-d H:i``;
- a foreign key → the related object's name (one query per related model and page);
- a JSON object → ``key: value`` lines, a list → its items, with the labels the target
  model gives for that field's keys (``audit_labels(field)``, e.g. a handover's
  preconditions named by the checklist of its project's policy profile);
- ID numbers and phone numbers masked as everywhere else (``rules.identity``; PIPL
  art. 51: the full number is shown only through the audited reveal).

Field names are the model's translated ``verbose_name``. The API exposes no audit rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _t

from gongzhi.audit.models import AuditEntry
from gongzhi.core.explain import enumerate_items
from gongzhi.rules.identity import mask_id_number, mask_phone

# Bookkeeping columns that mean nothing to an official reading an edit history.
HIDDEN_FIELDS = frozenset({"id", "node_path", "path", "depth", "created_at", "action"})

# Personal numbers shown masked wherever they appear in a row, as on every page.
MASKS: dict[str, Callable[[str], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "mobile": mask_phone,
    "contact_phone": mask_phone,
}

EMPTY = "—"

# Labels an app gives the values of its own audit rows, by the rows' ``field``: the
# lifecycle steps recorded on a project (``handover_opened`` → 承接查验已开始).
_VALUE_LABELS: dict[str, Mapping[str, Any]] = {}


def register_labels(field: str, labels: Mapping[str, Any]) -> None:
    """Show the values of audit rows with this ``field`` by ``labels`` (lazy strings are
    translated when shown); an app calls it from its ``AppConfig.ready``."""
    _VALUE_LABELS[field] = labels


@dataclass(frozen=True)
class Shown:
    """One side of a change: a text, or ``key: value`` lines for a JSON object."""

    text: str = ""
    pairs: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        return "; ".join(f"{k}: {v}" for k, v in self.pairs) if self.pairs else self.text


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    before: Shown
    after: Shown


@dataclass(frozen=True)
class HistoryRow:
    """An audit entry with its field named and its changes rendered."""

    entry: AuditEntry
    field_label: str
    changes: tuple[Change, ...]

    @property
    def after(self) -> dict[str, Shown]:
        """The new values by stored key (``row.after.step``): the stored order of keys is
        not kept by every database (PostgreSQL's jsonb sorts them)."""
        return {c.key: c.after for c in self.changes}


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type) if target_type else None
    except (LookupError, ValueError):
        return None


@cache
def _fields(model: type[models.Model] | None) -> dict[str, models.Field[Any, Any]]:
    """A model's concrete fields by name and attname (read once a process: a page asks
    for them for every key of every row)."""
    if model is None:
        return {}
    found: dict[str, models.Field[Any, Any]] = {}
    for f in model._meta.concrete_fields:
        found[f.attname] = found[f.name] = f
    return found


def _related(model: type[models.Model] | None, name: str) -> type[models.Model] | None:
    """The model of rows that an entry's ``field`` names (``finding`` on a handover →
    its findings), so their keys are shown through their own fields."""
    if model is None or not name:
        return None
    for rel in model._meta.related_objects:
        other = rel.related_model
        if not isinstance(other, type):
            continue
        if rel.get_accessor_name() in (name, f"{name}s") or str(other._meta.model_name).endswith(
            name
        ):
            return other
    return None


def _label(model: type[models.Model] | None, name: str) -> str:
    field = _fields(model).get(name)
    if field is not None:
        return str(field.verbose_name)
    related = _related(model, name)
    return str(related._meta.verbose_name) if related is not None else name


def _key_label(model: type[models.Model] | None, entry_field: str, key: str) -> str:
    """A changed key's name: the target's field, else a field of the rows the entry's
    ``field`` names (a finding's ``result``), else that kind of row (the finding's id)."""
    if key in _fields(model):
        return _label(model, key)
    related = _related(model, entry_field)
    if key in _fields(related) or key != entry_field:
        return _label(related, key) if related is not None else key
    return _label(model, key)


def _moment(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "Y-m-d H:i")


def _plain(value: Any, labels: Mapping[str, str], key: str = "") -> str:
    """A value without a model field to go by (inside JSON, or a key the model lacks)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _t("yes") if value else _t("no")
    if key in MASKS and isinstance(value, str):
        return MASKS[key](value)
    if isinstance(value, Mapping):
        return ", ".join(f"{labels.get(k, k)}: {_plain(v, labels, k)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return enumerate_items(_plain(v, labels) for v in value) or EMPTY
    if isinstance(value, str):
        if len(value) >= 19 and value[4] == "-" and "T" in value:
            return _moment(value)
        return labels.get(value, value)
    return str(value)


class _Renderer:
    """Renders one page of entries; related names and key labels are read once."""

    def __init__(self, entries: list[AuditEntry]) -> None:
        self.entries = entries
        self.names: dict[type[models.Model], dict[str, str]] = {}
        self.key_labels: dict[tuple[str, str], Callable[[str], Mapping[str, str]]] = {}
        self.asked: dict[tuple[str, str, str], Mapping[str, str]] = {}
        self._prefetch()

    def _keys(self, entry: AuditEntry) -> list[str]:
        before, after = entry.before or {}, entry.after or {}
        if not isinstance(before, dict) or not isinstance(after, dict):
            return []
        keys = [*after, *(k for k in before if k not in after)]
        return [k for k in keys if k not in HIDDEN_FIELDS]

    def _field_of(self, entry: AuditEntry, key: str) -> models.Field[Any, Any] | None:
        model = _model(entry.target_type)
        field = _fields(model).get(key)
        if field is None:
            field = _fields(_related(model, entry.field)).get(key)
        return field

    def _prefetch(self) -> None:
        wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
        targets: dict[type[models.Model], set[str]] = defaultdict(set)
        for entry in self.entries:
            model = _model(entry.target_type)
            for key in self._keys(entry):
                field = self._field_of(entry, key)
                if field is None:
                    continue
                if field.many_to_one and field.related_model is not None:
                    for side in (entry.before or {}, entry.after or {}):
                        if side.get(key) not in (None, ""):
                            wanted[field.related_model].add(side[key])  # type: ignore[index]
                elif isinstance(field, models.JSONField) and model is not None:
                    if hasattr(model, "audit_labels"):
                        targets[model].add(entry.target_id)
        for related, pks in wanted.items():
            found = related._default_manager.in_bulk(list(pks))
            self.names[related] = {str(pk): str(obj) for pk, obj in found.items()}
        for model, ids in targets.items():
            for obj in model._default_manager.filter(pk__in=list(ids)):
                self.key_labels[(model._meta.label, str(obj.pk))] = obj.audit_labels  # type: ignore[attr-defined]

    def _labels_for(self, entry: AuditEntry, key: str) -> Mapping[str, str]:
        """The target's names for the keys of its JSON field ``key``, asked once a page
        (a handover resolves its project's policy profile for them)."""
        cache_key = (entry.target_type, entry.target_id, key)
        if cache_key not in self.asked:
            labels = self.key_labels.get((entry.target_type, entry.target_id))
            self.asked[cache_key] = labels(key) if labels is not None else {}
        return self.asked[cache_key]

    def _shown(self, entry: AuditEntry, key: str, value: Any) -> Shown:
        field = self._field_of(entry, key)
        if value is None or value == "":
            return Shown(EMPTY)
        name = field.name if field is not None else key
        if name in MASKS:
            return Shown(MASKS[name](str(value)))
        if field is None:
            labels = {k: str(v) for k, v in _VALUE_LABELS.get(entry.field, {}).items()}
            if isinstance(value, Mapping):
                return Shown(pairs=tuple((str(k), _plain(v, labels, k)) for k, v in value.items()))
            return Shown(_plain(value, labels, key))
        if field.choices:
            return Shown(str(dict(field.flatchoices).get(value, value)))
        if isinstance(field, models.BooleanField) or isinstance(value, bool):
            return Shown(_t("yes") if value else _t("no"))
        if field.many_to_one and field.related_model is not None:
            names = self.names.get(field.related_model, {})  # type: ignore[arg-type]
            return Shown(names.get(str(value), str(value)))
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            return Shown(_moment(value))
        if isinstance(field, models.DateField) and isinstance(value, str):
            try:
                return Shown(date_format(dt.date.fromisoformat(value), "Y-m-d"))
            except ValueError:
                return Shown(value)
        if isinstance(field, models.JSONField):
            named = self._labels_for(entry, field.name)
            if isinstance(value, Mapping):
                if not value:
                    return Shown(EMPTY)
                return Shown(
                    pairs=tuple(
                        (str(named.get(k, k)), _plain(v, named, str(k))) for k, v in value.items()
                    )
                )
            return Shown(_plain(value, named))
        return Shown(str(value))

    def rows(self) -> list[HistoryRow]:
        out = []
        for entry in self.entries:
            model = _model(entry.target_type)
            before, after = entry.before or {}, entry.after or {}
            changes = tuple(
                Change(
                    key,
                    _key_label(model, entry.field, key),
                    self._shown(entry, key, before.get(key)),
                    self._shown(entry, key, after.get(key)),
                )
                for key in self._keys(entry)
            )
            # a column left empty at creation or deletion says nothing
            changes = tuple(c for c in changes if not c.before.text == c.after.text == EMPTY)
            label = _label(model, entry.field) if entry.field else ""
            out.append(HistoryRow(entry, label, changes))
        return out


def history_rows(entries: Iterable[AuditEntry]) -> list[HistoryRow]:
    """Audit entries as officials read them (see the module docstring)."""
    return _Renderer(list(entries)).rows()
