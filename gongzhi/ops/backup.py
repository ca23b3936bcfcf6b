"""``gongzhi backup`` and ``gongzhi restore``: the database and the uploaded files, with a
manifest that lets a restore prove it brought everything back.

A backup is a directory ``gongzhi-backup-<UTC time>/`` holding

- ``database.dump`` (PostgreSQL, ``pg_dump --format=custom``) or ``database.sqlite3``
  (SQLite, copied with SQLite's online backup API while the platform runs);
- ``media.tar``: every uploaded file (``MEDIA_ROOT``);
- ``manifest.json``: when, which engine, the files' SHA-256, and the fingerprint of the
  data (every table's row count, the ledger's proof) read from the very snapshot that
  was dumped (PostgreSQL: an exported snapshot shared with ``pg_dump``; SQLite: the copy).

A restore goes into an EMPTY database only (a fresh ``createdb`` or a new SQLite file),
checks the files against their hashes first, and afterwards compares the restored data
with the manifest: any table whose rows differ or a ledger that no longer reconciles
fails the restore loudly. Schedule and retention: docs/deployment.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dj_database_url
from django.conf import settings
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from gongzhi.ops.fingerprint import differences, fingerprint_of

PREFIX = "gongzhi-backup-"
MANIFEST = "manifest.json"
MEDIA = "media.tar"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot be done as asked (nothing was changed)."""


@dataclass(frozen=True)
class Restored:
    path: Path
    tables: int
    rows: int


def _engine(cfg: dict[str, Any]) -> str:
    engine = str(cfg["ENGINE"])
    if engine.endswith("postgresql"):
        return "postgresql"
    if engine.endswith("sqlite3"):
        return "sqlite"
    raise BackupError(f"backups support PostgreSQL and SQLite, not {engine}")


def _pg_env(cfg: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if cfg.get(key):
            env[var] = str(cfg[key])
    if cfg.get("PASSWORD"):
        env["PGPASSWORD"] = str(cfg["PASSWORD"])
    env["PGDATABASE"] = str(cfg["NAME"])
    return env


def _run(args: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise BackupError(f"{args[0]} failed: {done.stderr.strip()[-2000:]}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


_PG_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
_SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table'"


def _pg_connect(cfg: dict[str, Any]) -> Any:
    import psycopg

    env = _pg_env(cfg)
    return psycopg.connect(
        dbname=env["PGDATABASE"],
        host=env.get("PGHOST"),
        port=env.get("PGPORT"),
        user=env.get("PGUSER"),
        password=env.get("PGPASSWORD"),
    )


def _dump_postgresql(cfg: dict[str, Any], target: Path) -> dict[str, Any]:
    """``pg_dump`` from a snapshot this function holds open, fingerprinted in that same
    snapshot, so the manifest describes exactly the rows in the dump."""
    import psycopg

    with _pg_connect(cfg) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            cursor.execute(_PG_TABLES)
            existing = {row[0] for row in cursor.fetchall()}
            data = fingerprint_of(cursor, existing)
            _run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                _pg_env(cfg),
            )
    return data


def _dump_sqlite(alias: str, target: Path) -> dict[str, Any]:
    connection = connections[alias]
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        connection.connection.backup(copy)  # one step: a consistent copy of the live file
    with closing(sqlite3.connect(target)) as copy:
        cursor = copy.cursor()
        existing = {r[0] for r in cursor.execute(_SQLITE_TABLES)}
        return fingerprint_of(cursor, existing)


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def backup(output: Path, *, keep: int | None = None, alias: str = "default") -> Path:
    """Write one backup directory under ``output``; with ``keep``, delete all but the
    ``keep`` newest backups there afterwards. Returns the new directory."""
    cfg = connections[alias].settings_dict
    engine = _engine(cfg)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = output / f"{PREFIX}{stamp}"
    folder.mkdir(parents=True)
    try:
        if engine == "postgresql":
            db_file = folder / "database.dump"
            data = _dump_postgresql(cfg, db_file)
        else:
            db_file = folder / "database.sqlite3"
            data = _dump_sqlite(alias, db_file)
        media = folder / MEDIA
        with tarfile.open(media, "w") as tar:
            if _media_root().is_dir():
                tar.add(_media_root(), arcname=".")
        applied = MigrationRecorder(connections[alias]).applied_migrations()
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "engine": engine,
            "database_file": db_file.name,
            "sha256": {db_file.name: _sha256(db_file), MEDIA: _sha256(media)},
            "migrations": sorted(f"{app}.{name}" for app, name in applied),
            "fingerprint": data,
        }
        (folder / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if keep is not None:
        prune(output, keep=keep)
    return folder


def backups(output: Path) -> list[Path]:
    """The complete backups under ``output``, oldest first."""
    found = [p for p in output.glob(f"{PREFIX}*") if (p / MANIFEST).is_file()]
    return sorted(found, key=lambda p: p.name)


def prune(output: Path, *, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest backups; returns the deleted directories."""
    if keep < 1:
        raise BackupError("--keep must be at least 1")
    old = backups(output)[:-keep]
    for path in old:
        shutil.rmtree(path)
    return old


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((path / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} is not a Gongzhi backup ({error})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path}: unknown backup format {manifest.get('format')!r}")
    for name, digest in manifest["sha256"].items():
        if not (path / name).is_file() or _sha256(path / name) != digest:
            raise BackupError(f"{path / name} is missing or damaged (SHA-256 differs)")
    return manifest


def _sqlite(cfg: dict[str, Any]) -> sqlite3.Connection:
    name = str(cfg["NAME"])
    return sqlite3.connect(name, uri=name.startswith("file:"))


@contextmanager
def raw_cursor(cfg: dict[str, Any]) -> Iterator[tuple[Any, set[str]]]:
    """A DB-API cursor on the database ``cfg`` describes (outside Django's connection
    handling, which serves the live database) and the names of its tables."""
    if _engine(cfg) == "sqlite":
        with closing(_sqlite(cfg)) as conn:
            cursor = conn.cursor()
            cursor.execute(_SQLITE_TABLES)
            yield cursor, {row[0] for row in cursor.fetchall()}
        return
    with _pg_connect(cfg) as pg, pg.cursor() as pg_cursor:
        pg_cursor.execute(_PG_TABLES)
        yield pg_cursor, {row[0] for row in pg_cursor.fetchall()}


def _target(database_url: str | None) -> dict[str, Any]:
    if database_url:
        return dict(dj_database_url.parse(database_url))
    return dict(connections["default"].settings_dict)


def restore(path: Path, *, database_url: str | None = None) -> Restored:
    """Restore the backup at ``path`` into an empty database (the configured one, or
    ``database_url``) and the uploads into ``MEDIA_ROOT``; then prove it against the
    manifest. Raises :class:`BackupError`, changing nothing, if the target is not empty."""
    manifest = read_manifest(path)
    cfg = _target(database_url)
    engine = _engine(cfg)
    if engine != manifest["engine"]:
        raise BackupError(f"the backup is of {manifest['engine']}, the target is {engine}")
    with raw_cursor(cfg) as (_, existing):
        if existing:
            raise BackupError(f"database {cfg['NAME']} is not empty: restore into a new one")
    source = path / manifest["database_file"]
    if engine == "postgresql":
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                str(cfg["NAME"]),
                str(source),
            ],
            _pg_env(cfg),
        )
    else:
        with closing(sqlite3.connect(source)) as src, closing(_sqlite(cfg)) as dst:
            src.backup(dst)
    media = _media_root()
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(path / MEDIA) as tar:
        tar.extractall(media, filter="data")
    with raw_cursor(cfg) as (cursor, existing):
        found = fingerprint_of(cursor, existing)
    problems = differences(manifest["fingerprint"], found)
    if not found["ledger"]["mismatched_accounts"] == found["ledger"]["unbalanced_entries"] == 0:
        problems.append("the restored ledger does not reconcile")
    if problems:
        raise BackupError("the restored data differs from the backup:\n" + "\n".join(problems))
    return Restored(path=path, tables=len(found["tables"]), rows=sum(found["tables"].values()))
