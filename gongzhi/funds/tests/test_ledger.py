"""The double-entry ledger: balanced entries only, append-only postings, reversals, the
reconciliation report and command, and a property test that any sequence of valid
operations keeps every ledger balanced and every balance equal to its postings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongzhi.audit.models import AuditEntry
from gongzhi.core.appendonly import history_maintenance
from gongzhi.core.errors import ConflictError, DomainError
from gongzhi.funds import ledger, services
from gongzhi.funds.models import Account, FundUseApplication, JournalEntry, Posting
from gongzhi.funds.models.ledger import ImmutableError

DAY = dt.date(2026, 11, 1)


def _accounts(funded):
    a1 = funded.a1.account
    bank = Account.objects.get(key=f"mf:bank:{funded.city.project_a.pk}")
    return bank, a1


def test_an_unbalanced_entry_is_refused_and_nothing_is_written(funded, actor):
    # given the funded project and the counts before
    bank, a1 = _accounts(funded)
    entries, postings, audits = (
        JournalEntry.objects.count(),
        Posting.objects.count(),
        AuditEntry.objects.count(),
    )
    # when an entry's debits differ from its credits
    with pytest.raises(DomainError, match="借贷不平衡") as caught:
        ledger.post(
            actor=actor("bureau"),
            fund="maintenance",
            date=DAY,
            memo="x",
            lines=[ledger.debit(bank, 100), ledger.credit(a1, 99)],
        )
    # then it is refused with its own code and nothing changed
    assert caught.value.code == "unbalanced"
    assert JournalEntry.objects.count() == entries
    assert Posting.objects.count() == postings
    assert AuditEntry.objects.count() == audits


@pytest.mark.parametrize("amount", [0, -5])
def test_zero_and_negative_amounts_are_refused(funded, actor, amount):
    bank, a1 = _accounts(funded)
    with pytest.raises(DomainError, match="大于零"):
        ledger.post(
            actor=actor("bureau"),
            fund="maintenance",
            date=DAY,
            memo="x",
            lines=[ledger.debit(bank, amount), ledger.credit(a1, amount)],
        )


def test_a_single_line_entry_is_refused(funded, actor):
    bank, _a1 = _accounts(funded)
    with pytest.raises(DomainError, match="至少需要一条借方"):
        ledger.post(
            actor=None, fund="maintenance", date=DAY, memo="x", lines=[ledger.debit(bank, 1)]
        )


def test_overdrawing_an_account_is_refused(funded, actor):
    # a part's liability account debited beyond its balance (¥8,950.00)
    bank, a1 = _accounts(funded)
    before = a1.balance_fen
    with pytest.raises(ConflictError, match="余额不足"):
        ledger.post(
            actor=None,
            fund="maintenance",
            date=DAY,
            memo="x",
            lines=[ledger.debit(a1, before + 1), ledger.credit(bank, before + 1)],
        )
    a1.refresh_from_db()
    assert a1.balance_fen == before


def test_postings_and_entries_are_never_edited_or_deleted(funded):
    posting = Posting.objects.first()
    entry = JournalEntry.objects.first()
    posting.amount_fen = 1
    with pytest.raises(ImmutableError):
        posting.save()
    with pytest.raises(ImmutableError):
        posting.delete()
    with pytest.raises(ImmutableError):
        entry.delete()
    with pytest.raises(ImmutableError):
        Posting.objects.filter(pk=posting.pk).update(amount_fen=1)
    with pytest.raises(ImmutableError):
        Posting.objects.all().delete()
    with pytest.raises(ImmutableError):
        JournalEntry.objects.all().update(memo="changed")


def test_a_reversal_mirrors_the_entry_once(funded, actor):
    # given the batch first-deposit entry
    entry = JournalEntry.objects.get()
    # when it is reversed
    reversal = ledger.reverse(actor=actor("bureau"), entry=entry, date=DAY, memo="wrong batch")
    # then every balance is back to zero and the ledger reconciles
    assert set(Account.objects.values_list("balance_fen", flat=True)) == {0}
    assert ledger.reconcile().ok
    assert reversal.reversal_of == entry
    # and neither can be reversed again
    with pytest.raises(ConflictError):
        ledger.reverse(actor=None, entry=entry, date=DAY, memo="again")
    with pytest.raises(ConflictError):
        ledger.reverse(actor=None, entry=reversal, date=DAY, memo="again")


def test_reconciliation_finds_a_tampered_balance(funded):
    # given a cached balance changed behind the ledger's back
    assert ledger.reconcile().ok
    Account.objects.filter(pk=funded.a1.account_id).update(balance_fen=1)
    # then the report and the command say so
    report = ledger.reconcile()
    assert not report.ok
    assert [m.account_id for m in report.mismatches] == [funded.a1.account_id]
    assert report.mismatches[0].computed_fen == 895_000
    with pytest.raises(CommandError):
        call_command("funds", "reconcile")


def test_reconciliation_finds_an_unbalanced_entry_and_a_balance_without_postings(funded):
    # given a posting changed behind the ledger's back (raw SQL, through the maintenance door
    # PostgreSQL's append-only trigger leaves open: core.appendonly), and a balance put on an
    # account that has no postings at all
    posting = Posting.objects.filter(account_id=funded.a1.account_id).order_by("pk").first()
    with history_maintenance(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Posting._meta.db_table} SET amount_fen = amount_fen + 1 WHERE id = %s",  # noqa: S608
            [posting.pk],
        )
    idle = Account.objects.create(
        key="test:idle", name="idle", fund="maintenance", kind="asset", holder="bureau"
    )
    Account.objects.filter(pk=idle.pk).update(balance_fen=7)
    # then the report names the entry and both accounts
    report = ledger.reconcile()
    assert [u.entry_id for u in report.unbalanced] == [posting.entry_id]
    assert {m.account_id: m.computed_fen for m in report.mismatches} == {
        funded.a1.account_id: 895_001,
        idle.pk: 0,
    }


def test_reconcile_command_passes_on_a_clean_ledger(funded, capsys):
    call_command("funds", "reconcile")
    assert "ledger reconciles" in capsys.readouterr().out


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["topup", "interest", "disburse", "reverse", "overdraw"]),
        st.integers(min_value=1, max_value=5_000_000),
        st.sampled_from(["a1", "a2"]),
    ),
    min_size=1,
    max_size=8,
)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_any_sequence_of_operations_keeps_the_ledger_reconciled(funded, actor, operations):
    """Deposits, interest, disbursements, reversals and refused overdrafts in any order:
    every entry balances and every cached balance equals the sum of its postings."""
    bureau = actor("bureau")
    committee = actor("committee_a")
    parts = {"a1": funded.a1, "a2": funded.a2}
    for op, amount, which in operations:
        yuan = f"{amount // 100}.{amount % 100:02d}"
        part = parts[which]
        try:
            if op == "topup":
                services.topup_record(actor=bureau, part_id=part.part_id, amount=yuan)
            elif op == "interest":
                services.interest_allocate(actor=bureau, project_id=part.project_id, amount=yuan)
            elif op == "reverse":
                last = (
                    JournalEntry.objects.filter(reversal_of__isnull=True, reversed_by__isnull=True)
                    .order_by("-pk")
                    .first()
                )
                if last is not None:
                    ledger.reverse(actor=bureau, entry=last, date=DAY, memo="reversal")
            else:
                app = services.fund_use_apply(
                    actor=committee,
                    project_id=part.project_id,
                    title="repair",
                    work="roof",
                    estimate=yuan if op == "disburse" else "99999999",
                    part_ids=[part.part_id],
                    emergency="leak",
                )
                services.fund_use_act(actor=bureau, application_id=app.pk, action="pre_review")
                services.fund_use_disburse(actor=bureau, application_id=app.pk)
        except (DomainError, ConflictError):
            pass
        report = ledger.reconcile()
        assert report.ok, report
    assert (
        FundUseApplication.objects.filter(status="disbursed", disbursement__isnull=True).count()
        == 0
    )
