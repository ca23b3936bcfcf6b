"""Uploads waiting for confirmation: the dry run keeps the file server-side in
``MEDIA_ROOT/imports/<uuid>.xlsx``; the confirm button sends only the uuid, which the
view checks against the one remembered in the user's session for that project. A
client never names a path."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.conf import settings

FOLDER = "imports"


def _path(token: str) -> Path | None:
    try:
        name = uuid.UUID(str(token)).hex
    except ValueError:
        return None
    return Path(settings.MEDIA_ROOT) / FOLDER / f"{name}.xlsx"


def keep(data: bytes) -> str:
    """Store an upload for a later confirmation; return its token."""
    token = uuid.uuid4().hex
    path = _path(token)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return token


def load(token: str) -> bytes | None:
    path = _path(token)
    if path is None or not path.is_file():
        return None
    return path.read_bytes()


def discard(token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)
