"""The database a bench runs on: a fresh SQLite file by default, or, when ``DATABASE_URL``
names PostgreSQL, that database dropped and created again (so every run starts empty)."""

from __future__ import annotations

import os
from pathlib import Path


def use(sqlite_file: Path) -> str:
    """Point ``DATABASE_URL`` at the bench's database and return a label for the output."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
        return "sqlite"
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return "postgresql"


def analyze() -> None:
    """Give PostgreSQL's planner the statistics of the rows a bench just bulk-inserted, as
    autovacuum's autoanalyze does for a production table after such a change: without
    them it plans for near-empty tables (nested loops over 8 000 rows). SQLite keeps no
    statistics unless asked, in production too, so it is left as it is."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
