"""Backup and restore (production-grade operations): a city backed up and restored
into an empty database comes back with every table's row count, the ledger's
reconciliation and the uploaded files; a restore never writes over a database in use."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import dj_database_url
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from gongzhi.demo.generator import build_demo_city
from gongzhi.ops.backup import BackupError, backups, prune, raw_cursor, restore
from gongzhi.ops.fingerprint import fingerprint, fingerprint_of

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "complaints").mkdir(parents=True)
    (settings.MEDIA_ROOT / "complaints" / "leak.jpg").write_bytes(b"\xff\xd8photo")
    return settings.MEDIA_ROOT


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[str]:
    """The URL of a new, empty database of the engine under test."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    import psycopg

    cfg = connection.settings_dict
    name = f"gz_restore_{os.getpid()}"
    auth = f"{cfg['USER']}:{cfg['PASSWORD']}@" if cfg["PASSWORD"] else f"{cfg['USER']}@"
    server = {"host": cfg["HOST"], "port": cfg["PORT"], "user": cfg["USER"]}
    server["password"] = cfg["PASSWORD"]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{auth}{cfg['HOST']}:{cfg['PORT']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_city_comes_back_whole(media: Path, tmp_path: Path, empty_target: str, settings):
    build_demo_city(households=200, seed=3)
    live = fingerprint()
    assert live["ledger"]["postings"] > 0 and live["tables"]["registry_exclusivepart"] >= 200

    call_command("backup", output=tmp_path / "backups", keep=3)
    [folder] = backups(tmp_path / "backups")

    settings.MEDIA_ROOT = tmp_path / "media-restored"
    done = restore(folder, database_url=empty_target)

    with raw_cursor(dict(dj_database_url.parse(empty_target))) as (cursor, tables):
        restored = fingerprint_of(cursor, tables)
    assert restored == live  # every table's row count and the ledger's proof
    assert (
        restored["ledger"]["mismatched_accounts"] == restored["ledger"]["unbalanced_entries"] == 0
    )
    assert done.rows == sum(live["tables"].values())
    photo = settings.MEDIA_ROOT / "complaints" / "leak.jpg"
    assert photo.read_bytes() == b"\xff\xd8photo"


def test_a_restore_never_writes_over_a_database_in_use(city, media: Path, tmp_path: Path):
    folder = Path(call_command_output("backup", output=tmp_path / "b"))
    before = fingerprint()
    with pytest.raises(CommandError, match="not empty|exists"):
        call_command("restore", str(folder))  # the configured database: the live city
    assert fingerprint() == before


def test_a_damaged_backup_is_refused_before_anything_is_written(
    media: Path, tmp_path: Path, empty_target: str
):
    folder = Path(call_command_output("backup", output=tmp_path / "b"))
    with (folder / "media.tar").open("ab") as tar:
        tar.write(b"tampered")
    with pytest.raises(BackupError, match="damaged"):
        restore(folder, database_url=empty_target)
    assert not (tmp_path / "restored.sqlite3").exists()


def test_retention_keeps_the_newest(tmp_path: Path, media: Path):
    for _ in range(4):
        call_command("backup", output=tmp_path / "b")
    all_four = backups(tmp_path / "b")
    assert len(all_four) == 4
    deleted = prune(tmp_path / "b", keep=2)
    assert deleted == all_four[:2] and backups(tmp_path / "b") == all_four[2:]


def call_command_output(*args, **kwargs) -> str:
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, **kwargs)
    return out.getvalue().strip()
