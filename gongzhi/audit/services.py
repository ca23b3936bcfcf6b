"""Writing the audit log. Every service that writes calls one of these in the same
transaction as its write, so a rolled-back change leaves no audit row and vice versa."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.db.models.fields.files import FieldFile

from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.core.appendonly import audit_redaction
from gongzhi.core.middleware import current_request_info
from gongzhi.core.scoping import Actor

# Fields never written to the log in clear.
SECRET_FIELDS = frozenset({"password", "totp_secret", "digest"})


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """The concrete field values of ``obj`` as JSON-ready data (secrets redacted)."""
    out: dict[str, Any] = {}
    wanted = set(fields) if fields is not None else None
    for f in obj._meta.concrete_fields:
        if wanted is not None and f.name not in wanted:
            continue
        if f.name in SECRET_FIELDS:
            out[f.name] = "***"
            continue
        out[f.attname] = _jsonable(getattr(obj, f.attname))
    return out


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    changed = {k for k in after if before.get(k) != after.get(k)}
    return {k: before.get(k) for k in changed}, {k: after[k] for k in changed}


def _actor_fields(actor: Actor | None) -> dict[str, Any]:
    if actor is None or not actor.is_authenticated:
        return {"actor": None, "actor_label": "system" if actor is None else "anonymous"}
    user = actor.user
    return {"actor": user, "actor_label": str(getattr(user, "username", ""))[:150]}


def _node_path_of(target: models.Model) -> str:
    """Where in the tree an audited object lives, so officials read their subtree's log.
    Rows carry ``node_path``; accounts objects answer ``audit_node_path()``."""
    path = getattr(target, "node_path", None)
    if path is None and hasattr(target, "audit_node_path"):
        path = target.audit_node_path()
    return str(path or "")


def record(
    *,
    actor: Actor | None,
    action: str,
    target: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    field: str = "",
    node_path: str = "",
    target_type: str = "",
    target_id: str = "",
    target_repr: str = "",
) -> AuditEntry:
    info = current_request_info()
    if target is not None:
        target_type = target._meta.label
        target_id = str(target.pk)
        target_repr = str(target)[:200]
        node_path = node_path or _node_path_of(target)
    return AuditEntry.objects.create(
        **_actor_fields(actor),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_repr=target_repr,
        node_path=node_path,
        field=field,
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        ip=info.ip if info else None,
        request_id=info.request_id if info else "",
    )


def record_attachment(
    *, actor: Actor | None, target: models.Model, field: str, attachment: Any, **extra: Any
) -> AuditEntry:
    """A document attached to ``target``: the attachment's id under ``field``, ``extra``
    details and the file's name."""
    return record(
        actor=actor,
        action=AuditAction.CREATE,
        target=target,
        field=field,
        after={field: attachment.pk, **extra, "name": attachment.original_name},
    )


def record_create(actor: Actor | None, obj: models.Model) -> AuditEntry:
    return record(actor=actor, action=AuditAction.CREATE, target=obj, after=snapshot(obj))


def record_update(
    actor: Actor | None, obj: models.Model, before: dict[str, Any]
) -> AuditEntry | None:
    old, new = diff(before, snapshot(obj))
    if not new:
        return None
    return record(actor=actor, action=AuditAction.UPDATE, target=obj, before=old, after=new)


def record_delete(actor: Actor | None, obj: models.Model) -> AuditEntry:
    return record(actor=actor, action=AuditAction.DELETE, target=obj, before=snapshot(obj))


def record_transition(
    *, actor: Actor, target: models.Model, before: dict[str, Any], action: str, field: str
) -> AuditEntry:
    """A guarded state change (``core.workflow.transition``): the changed fields, the
    action taken, and the state field."""
    old, new = diff(before, snapshot(target))
    return record(
        actor=actor,
        action=AuditAction.TRANSITION,
        target=target,
        before=old,
        after={**new, "action": action},
        field=field,
    )


# --- Redaction: the one sanctioned rewrite of audit rows (个人信息保护法 art. 47) ----------
# Rows stay (who did what, when, to which record); only personal values are replaced. This
# is the only code that updates audit rows; a database rule that makes the log append-only
# must let these two statements through (see docs/privacy.md).

REDACTED = "[redacted]"


def _redacted(document: Any, keys: frozenset[str], names: set[str]) -> Any:
    if isinstance(document, dict):
        return {
            k: (REDACTED if k in keys and v not in (None, "") else _redacted(v, keys, names))
            for k, v in document.items()
        }
    if isinstance(document, list):
        return [_redacted(v, keys, names) for v in document]
    if isinstance(document, str):
        for name in names:
            document = document.replace(name, REDACTED)
    return document


def redact(
    *,
    targets: list[tuple[str, str]],
    actor_id: int | None,
    label: str,
    keys: frozenset[str],
    names: set[str],
) -> int:
    """Redact a person from the log: rows about ``targets`` (type, id) get ``label`` as
    their object and personal ``keys`` of before/after replaced; rows the person did get
    ``label`` as actor; any other row whose object text mentions one of ``names`` (a
    failed sign-in typed with the mobile number, a membership) loses that text."""
    about = models.Q(pk__in=[])
    for target_type, target_id in targets:
        about |= models.Q(target_type=target_type, target_id=target_id)
    changed = 0
    mentions = models.Q(pk__in=[])
    for name in names:
        mentions |= models.Q(target_repr__contains=name)
    rows = AuditEntry.objects.filter(about | models.Q(actor_id=actor_id) | mentions)
    wanted = set(targets)
    # The one door the database leaves open in the append-only log (core.appendonly):
    # only the personal columns may change, inside this block.
    with audit_redaction():
        for entry in rows.only(
            "pk", "target_type", "target_id", "target_repr", "before", "after", "actor_id"
        ):
            values: dict[str, Any] = {}
            if (entry.target_type, entry.target_id) in wanted:
                values["target_repr"] = label
                values["before"] = _redacted(entry.before, keys, names)
                values["after"] = _redacted(entry.after, keys, names)
            elif any(name in entry.target_repr for name in names):
                values["target_repr"] = _redacted(entry.target_repr, keys, names)
            if actor_id is not None and entry.actor_id == actor_id:
                values["actor_label"] = label
            if values:
                changed += AuditEntry.objects.filter(pk=entry.pk).update(**values)
    return changed


def expire_sign_in_log(*, before: dt.datetime, actions: Iterable[str]) -> int:
    """Sign-in rows older than ``before`` lose the address and, for unknown accounts,
    the text typed as the login (the rows themselves stay)."""
    old = AuditEntry.objects.filter(at__lt=before, action__in=list(actions))
    with audit_redaction():  # personal columns only (core.appendonly)
        count = old.exclude(ip=None).update(ip=None)
        count += old.filter(target_id="").exclude(target_repr="").update(target_repr="")
    return count
