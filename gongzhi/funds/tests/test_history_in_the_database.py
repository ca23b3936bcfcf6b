"""The database itself refuses to rewrite the ledger and the audit log (PostgreSQL
triggers, gongzhi.core.appendonly): SQL that bypasses the models' guards is refused too,
and only the three named doors open. The models' own guards are tested in test_ledger.py
and on every database; these triggers exist on PostgreSQL only."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from gongzhi.accounts.models import User
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.audit.services import record
from gongzhi.core.appendonly import audit_redaction, history_maintenance
from gongzhi.funds.models import JournalEntry, Posting

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the triggers are PostgreSQL's (SQLite: models only)"
)


def _sql(statement: str, *params: object) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)
        return cursor.rowcount


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE funds_posting SET amount_fen = amount_fen + 1 WHERE id = %s",
        "DELETE FROM funds_posting WHERE id = %s",
    ],
)
def test_raw_sql_cannot_change_a_posting(funded, statement):
    posting = Posting.objects.first()
    with pytest.raises(IntegrityError, match="append-only"):
        _sql(statement, posting.pk)
    assert Posting.objects.get(pk=posting.pk).amount_fen == posting.amount_fen


def test_raw_sql_cannot_change_or_delete_a_journal_entry(funded):
    entry = JournalEntry.objects.first()
    with pytest.raises(IntegrityError, match="append-only"):
        _sql("UPDATE funds_journalentry SET memo = 'x' WHERE id = %s", entry.pk)
    with pytest.raises(IntegrityError, match="append-only"):
        _sql("DELETE FROM funds_journalentry WHERE id = %s", entry.pk)
    assert JournalEntry.objects.get(pk=entry.pk).memo == entry.memo


def _entry() -> AuditEntry:
    return record(
        actor=None,
        action=AuditAction.UPDATE,
        target_type="registry.Owner",
        target_id="1",
        target_repr="张三",
        before={"phone": "13800138000"},
        after={"phone": "13900139000"},
    )


def test_raw_sql_cannot_change_or_delete_an_audit_row(db):
    row = _entry()
    with pytest.raises(IntegrityError, match="append-only"):
        _sql("UPDATE audit_auditentry SET action = 'delete' WHERE id = %s", row.pk)
    with pytest.raises(IntegrityError, match="append-only"):
        _sql("DELETE FROM audit_auditentry WHERE id = %s", row.pk)
    assert AuditEntry.objects.get(pk=row.pk).action == AuditAction.UPDATE


def test_redaction_rewrites_only_the_personal_columns(db):
    # 个人信息保护法 art. 47: erasure may blank names and values; the facts stay.
    row = _entry()
    with audit_redaction():
        assert (
            _sql(
                "UPDATE audit_auditentry SET target_repr = '', before = NULL, after = NULL "
                "WHERE id = %s",
                row.pk,
            )
            == 1
        )
        with pytest.raises(IntegrityError, match="append-only"):
            _sql("UPDATE audit_auditentry SET target_id = '2' WHERE id = %s", row.pk)
    # the door closes with the block
    with pytest.raises(IntegrityError, match="append-only"):
        _sql("UPDATE audit_auditentry SET target_repr = 'x' WHERE id = %s", row.pk)
    row.refresh_from_db()
    assert (row.target_repr, row.before, row.target_id) == ("", None, "1")


def test_deleting_a_user_only_blanks_the_actor_column(db):
    user = User.objects.create_user(username="leaver", password="x")
    row = AuditEntry.objects.create(actor=user, actor_label="leaver", action=AuditAction.LOGIN)
    user.delete()  # on_delete=SET_NULL: the trigger lets the column go empty, nothing else
    row.refresh_from_db()
    assert (row.actor_id, row.actor_label) == (None, "leaver")
    with pytest.raises(IntegrityError, match="append-only"):
        _sql("UPDATE audit_auditentry SET actor_id = NULL, actor_label = 'x' WHERE id = %s", row.pk)


def test_the_demo_reset_door_deletes_generated_history(funded):
    count = Posting.objects.count()
    with history_maintenance():
        _sql("DELETE FROM funds_posting WHERE id = %s", Posting.objects.first().pk)
    assert Posting.objects.count() == count - 1
