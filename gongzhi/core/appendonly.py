"""History the database itself refuses to rewrite (PostgreSQL).

The audit log and the funds ledger are append-only in Python already (their models and
querysets refuse ``save`` of an existing row, ``update`` and ``delete``). On PostgreSQL a
trigger refuses the same in the database, so neither a bug that bypasses the ORM nor a
hand-typed ``UPDATE`` in ``psql`` rewrites history. Three narrow doors stay open, each
named here and each needing an explicit act inside one transaction:

- ``history_maintenance()`` — the demo city's ``--reset`` wipes its own generated history
  (``SET LOCAL gongzhi.maintenance = 'on'``). Never used on a real city's data.
- ``audit_redaction()`` — the erasure of a departed owner's personal data (个人信息保护法
  art. 47) may rewrite the *redactable* columns of audit rows (the names and values in
  ``before``/``after``, the object's label); every other column stays as written.
- setting the acting user's column to NULL, which is what deleting a user account does to
  the rows that named it (``on_delete=SET_NULL``); nothing else may change with it.

``TRUNCATE`` is not covered (it is an owner's act, used by test-database flushes). SQLite
has no such triggers: there the models' guards are the only ones (docs/deployment.md).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from django.db import connection, transaction

FUNCTION_SQL = r"""
CREATE OR REPLACE FUNCTION gongzhi_append_only() RETURNS trigger AS $$
DECLARE
    nullable text := NULLIF(TG_ARGV[0], '');
    redactable text[] := string_to_array(NULLIF(TG_ARGV[1], ''), ',');
BEGIN
    IF current_setting('gongzhi.maintenance', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF nullable IS NOT NULL AND to_jsonb(NEW) ->> nullable IS NULL
           AND to_jsonb(NEW) - nullable = to_jsonb(OLD) - nullable THEN
            RETURN NEW;
        END IF;
        IF redactable IS NOT NULL AND current_setting('gongzhi.redaction', true) = 'on'
           AND to_jsonb(NEW) - redactable = to_jsonb(OLD) - redactable THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'gongzhi: rows of % are append-only; % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Post a reversing entry or write a new audit row instead.';
END;
$$ LANGUAGE plpgsql;
"""


def trigger_sql(table: str, *, nullable: str = "", redactable: Sequence[str] = ()) -> str:
    """The trigger that guards ``table``; ``nullable`` is the acting user's column."""
    args = f"'{nullable}', '{','.join(redactable)}'"
    return (
        f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};\n"
        f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION gongzhi_append_only({args});"
    )


def drop_trigger_sql(table: str) -> str:
    return f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};"


@contextmanager
def _door(name: str) -> Iterator[None]:
    """Open one door for the block: set transaction-locally, closed again on the way out
    (an enclosing transaction goes on with it closed)."""
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(f"SET LOCAL gongzhi.{name} = 'on'")
        try:
            yield
        finally:
            if postgres and not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL gongzhi.{name} = 'off'")


def history_maintenance() -> AbstractContextManager[None]:
    """Inside this block (one transaction) the demo reset may delete generated history."""
    return _door("maintenance")


def audit_redaction() -> AbstractContextManager[None]:
    """Inside this block (one transaction) audit rows' redactable columns may be rewritten."""
    return _door("redaction")
