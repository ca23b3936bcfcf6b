"""What a backup must carry over: every table's row count and the ledger's proof.

Read with plain SQL on any configured connection (the live database or a restored copy
opened under another alias), so a restore is checked against the manifest written at
backup time without trusting the ORM's routing."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.apps import apps
from django.db import connections


@dataclass(frozen=True)
class LedgerProof:
    """The ledger's shape after a restore: counts, the cached balances' total, and how
    many accounts or entries fail the reconciliation (both must stay 0)."""

    accounts: int
    entries: int
    postings: int
    balance_total_fen: int
    mismatched_accounts: int
    unbalanced_entries: int

    @property
    def ok(self) -> bool:
        return not self.mismatched_accounts and not self.unbalanced_entries


# Each account's balance on its normal side, from its postings (funds.ledger.computed_balances
# in SQL): assets and expenses are debit-normal, liabilities and income credit-normal.
_MISMATCHED = """
SELECT COUNT(*) FROM funds_account a LEFT JOIN (
    SELECT p.account_id,
           SUM(CASE WHEN (p.side = 'D') = (a2.kind IN ('asset', 'expense'))
                    THEN p.amount_fen ELSE -p.amount_fen END) AS computed
    FROM funds_posting p JOIN funds_account a2 ON a2.id = p.account_id
    GROUP BY p.account_id
) c ON c.account_id = a.id
WHERE a.balance_fen <> COALESCE(c.computed, 0)
"""
_UNBALANCED = """
SELECT COUNT(*) FROM (
    SELECT e.id FROM funds_journalentry e LEFT JOIN funds_posting p ON p.entry_id = e.id
    GROUP BY e.id
    HAVING COALESCE(SUM(CASE WHEN p.side = 'D' THEN p.amount_fen ELSE 0 END), 0)
         <> COALESCE(SUM(CASE WHEN p.side = 'C' THEN p.amount_fen ELSE 0 END), 0)
        OR COUNT(p.id) < 2
) u
"""


def tables() -> list[str]:
    """Every table the installed apps own (models and auto-created many-to-many tables)."""
    names = {m._meta.db_table for m in apps.get_models(include_auto_created=True)}
    return sorted(names | {"django_migrations"})


def _one(cursor: Any, sql: str) -> int:
    cursor.execute(sql)
    return int(cursor.fetchone()[0] or 0)


def fingerprint_of(cursor: Any, existing: set[str]) -> dict[str, Any]:
    """The fingerprint read through a DB-API ``cursor`` (a Django cursor, or a psycopg
    cursor inside the snapshot a dump is taken from); ``existing`` are the tables there."""
    # table names come from the installed models, never from input
    sql = 'SELECT COUNT(*) FROM "{}"'
    counts = {t: _one(cursor, sql.format(t)) for t in tables() if t in existing}
    proof = LedgerProof(
        accounts=_one(cursor, "SELECT COUNT(*) FROM funds_account"),
        entries=_one(cursor, "SELECT COUNT(*) FROM funds_journalentry"),
        postings=_one(cursor, "SELECT COUNT(*) FROM funds_posting"),
        balance_total_fen=_one(cursor, "SELECT SUM(balance_fen) FROM funds_account"),
        mismatched_accounts=_one(cursor, _MISMATCHED),
        unbalanced_entries=_one(cursor, _UNBALANCED),
    )
    return {"tables": counts, "ledger": asdict(proof)}


def fingerprint(alias: str = "default") -> dict[str, Any]:
    connection = connections[alias]
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        return fingerprint_of(cursor, existing)


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Human-readable lines for every table count or ledger figure that differs."""
    lines = []
    want, got = expected["tables"], actual["tables"]
    for table in sorted(set(want) | set(got)):
        if want.get(table) != got.get(table):
            lines.append(f"{table}: {want.get(table)} rows expected, {got.get(table)} found")
    for key, value in expected["ledger"].items():
        if actual["ledger"].get(key) != value:
            lines.append(f"ledger {key}: {value} expected, {actual['ledger'].get(key)} found")
    return lines
