"""Batch writes at the database's own cost: many rows in one ``executemany``.

Django's ``bulk_create`` and ``bulk_update`` build a model instance per row and prepare
every value of every field through the field API, and split an insert into statements
of ~1 000 parameters: for the tens of thousands of rows of a billing run, a ledger entry
or an import, that is most of the time. These helpers write plain tuples instead:

* :func:`insert_rows` — ``INSERT INTO <table> (<columns>) VALUES (…)`` for many rows;
  the model's defaults (``default=``, ``auto_now_add``) fill the columns not given, each
  computed once for the batch; values other than plain ``int``/``str``/``bool``/``None``
  (and every value of a JSON field) go through the field's ``get_db_prep_save``, once
  per object (rows sharing one explanation dict or price prepare it once).
* :func:`set_column` — ``UPDATE <table> SET <column> = value WHERE id = pk`` for many
  rows (for rows the caller has already locked).
* :func:`add_counts` — counters kept by key: insert the rows, or add to the stored ones
  where the key exists, in one atomic statement.

No ``save()`` runs and no signal is sent (as with ``bulk_create``): for rows whose checks
the caller has made; the database's own constraints still hold. The caller audits the
batch (one audit row naming the batch, as the services do).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

_PLAIN = (int, str, bool, type(None))


def _field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or not field.column:
        raise ValueError(f"{model.__name__}.{name} is not a concrete column")
    return field


def _default(field: models.Field[Any, Any]) -> Any:
    if getattr(field, "auto_now_add", False) or getattr(field, "auto_now", False):
        return timezone.now() if isinstance(field, models.DateTimeField) else timezone.now().date()
    return field.get_default()


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    constants: Mapping[str, Any] | None = None,
) -> int:
    """Insert ``rows`` (one value per name in ``fields``, by field name or attname) with
    ``constants`` (the same value in every row) and the model's defaults for every other
    concrete column but the auto primary key. Returns the number of rows."""
    if not rows:
        return 0
    meta = model._meta
    given = [_field(model, name) for name in fields]
    fixed: dict[models.Field[Any, Any], Any] = {
        _field(model, name): value for name, value in (constants or {}).items()
    }
    named = set(given) | set(fixed)
    for field in meta.concrete_fields:
        if field not in named and not field.primary_key:
            fixed[field] = _default(field)
    fixed_values = [field.get_db_prep_save(value, connection) for field, value in fixed.items()]
    columns = [str(f.column) for f in [*given, *fixed]]
    table = connection.ops.quote_name(meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    marks = ", ".join(["%s"] * len(columns))

    json = [isinstance(f, models.JSONField) for f in given]  # a str is JSON there too

    seen: dict[tuple[int, int], Any] = {}  # (column, id(value)) → prepared, for shared values

    def prep(i: int, field: models.Field[Any, Any], value: Any) -> Any:
        key = (i, id(value))
        if key not in seen:
            seen[key] = field.get_db_prep_save(value, connection)
        return seen[key]

    def prepared(row: Sequence[Any]) -> list[Any]:
        values = [
            v if isinstance(v, _PLAIN) and not json[i] else prep(i, given[i], v)
            for i, v in enumerate(row)
        ]
        return values + fixed_values

    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 - names from _meta
            [prepared(row) for row in rows],
        )
    return len(rows)


def set_column(model: type[models.Model], column: str, values: Sequence[tuple[Any, int]]) -> None:
    """``UPDATE <table> SET <column> = value WHERE id = pk`` for many ``(value, pk)``
    pairs in one ``executemany`` (``bulk_update`` builds a CASE per row, ~50× slower for
    thousands of rows). Only for rows already locked by the caller; plain values only."""
    if not values:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    name = connection.ops.quote_name(str(_field(model, column).column))
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {name} = %s WHERE id = %s",  # noqa: S608 - names from _meta
            list(values),
        )


def add_counts(
    model: type[models.Model],
    rows: Sequence[Mapping[str, Any]],
    *,
    unique: Sequence[str],
    add: Sequence[str],
    returning: str = "",
) -> list[Any]:
    """Insert ``rows`` (field name → value, the same names in each); where a row's
    ``unique`` key is stored already, add its ``add`` values to the stored ones instead:
    ``INSERT … ON CONFLICT (unique) DO UPDATE SET c = <table>.c + excluded.c`` (SQLite ≥
    3.35, PostgreSQL), one statement, atomic under concurrent writers (``bulk_create``'s
    ``update_conflicts`` can only overwrite). Rows name distinct keys. Returns the
    ``returning`` field's value of each row written, in no promised order."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = list(rows[0])
    fields = [_field(model, name) for name in names]
    params = [f.get_db_prep_save(row[f.name], connection) for row in rows for f in fields]
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    columns = ", ".join(quote(str(f.column)) for f in fields)
    keys = ", ".join(quote(str(_field(model, name).column)) for name in unique)
    added = ", ".join(
        f"{c} = {table}.{c} + excluded.{c}"
        for c in (quote(str(_field(model, name).column)) for name in add)
    )
    sql = (
        f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(rows))} "  # noqa: S608 - names from _meta
        f"ON CONFLICT ({keys}) DO UPDATE SET {added}"
    )
    if returning:
        sql += f" RETURNING {quote(str(_field(model, returning).column))}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()] if returning else []
