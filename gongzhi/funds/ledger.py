"""Posting to the double-entry ledger, reversing, and proving it (reconciliation).

:func:`post_rows` (plain ``(account id, side, fen)`` rows) and :func:`post` (the same
for ``Line`` values on account instances) are the only code that writes postings. They
refuse an entry whose debits and credits differ, an amount that is not a positive whole
number of fen, and any posting that would take an account below zero, with a translated
error and nothing written. They lock every account they touch (``FOR UPDATE``, in id
order so two entries never deadlock), so two concurrent disbursements cannot both spend
the same balance. Balances are cached on the account and recomputable from the postings
at any time (:func:`reconcile`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.bulk import insert_rows, set_column
from gongzhi.core.errors import ConflictError, DomainError
from gongzhi.core.scoping import Actor
from gongzhi.funds.models import Account, JournalEntry, Posting, Side
from gongzhi.rules.money import format_fen


@dataclass(frozen=True)
class Line:
    """One intended posting: ``amount_fen`` to the ``side`` of ``account``."""

    account: Account
    side: str
    amount_fen: int


def debit(account: Account, amount_fen: int) -> Line:
    return Line(account, Side.DEBIT, amount_fen)


def credit(account: Account, amount_fen: int) -> Line:
    return Line(account, Side.CREDIT, amount_fen)


def account_for(
    key: str,
    *,
    name: str,
    fund: str,
    kind: str,
    holder: str,
    node_path: str,
    **links: Any,
) -> Account:
    """The account with this key, created on first use (race-safe through the unique key)."""
    found = Account.objects.filter(key=key).first()
    if found is not None:
        return found
    try:
        with transaction.atomic():
            return Account.objects.create(
                key=key,
                name=name[:200],
                fund=fund,
                kind=kind,
                holder=holder,
                node_path=node_path,
                **links,
            )
    except IntegrityError:
        return Account.objects.get(key=key)


Row = tuple[int, str, int]
"""One intended posting as plain values: (account id, side, amount in fen)."""


def _check_rows(rows: Sequence[Row]) -> int:
    """Refuse an entry that is not a balanced set of positive whole-fen postings; return
    its total (the sum of either side)."""
    if len(rows) < 2:
        raise DomainError(_("A journal entry needs at least one debit and one credit."))
    debits = credits = 0
    for _account, side, amount in rows:
        if isinstance(amount, bool) or not isinstance(amount, int) or amount <= 0:
            raise DomainError(
                _("Every amount must be a positive number of fen."),
                fields={"amount": [_("Enter an amount greater than zero.")]},
            )
        if side == Side.DEBIT:
            debits += amount
        elif side == Side.CREDIT:
            credits += amount
        else:
            raise DomainError(_("A posting is either a debit or a credit."))
    if debits != credits:
        raise DomainError(
            _("The entry does not balance: debits %(debits)s, credits %(credits)s.")
            % {"debits": format_fen(debits), "credits": format_fen(credits)},
            code="unbalanced",
        )
    return debits


LOCK_CHUNK = 5000  # ids per locking read (SQLite's limit on parameters is 32 766)


def _lock_accounts(ids: list[int]) -> dict[int, tuple[int, str, str]]:
    """Lock the accounts ``ids`` (ascending, so two entries never deadlock) and return
    each one's (balance, fund, kind): plain values, in one raw read per 5 000 accounts
    (the ORM's ``pk__in`` resolves every id through the field API, and a model instance
    per account is most of the time of an interest allocation over 20 000 parts)."""
    table = connection.ops.quote_name(Account._meta.db_table)
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    found: dict[int, tuple[int, str, str]] = {}
    with connection.cursor() as cursor:
        for start in range(0, len(ids), LOCK_CHUNK):
            chunk = ids[start : start + LOCK_CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT id, balance_fen, fund, kind FROM {table} "  # noqa: S608
                f"WHERE id IN ({marks}) ORDER BY id{lock}",
                chunk,
            )
            found.update(
                (int(pk), (int(balance), fund, kind))
                for pk, balance, fund, kind in cursor.fetchall()
            )
    return found


@transaction.atomic
def post(
    *,
    actor: Actor | None,
    fund: str,
    date: dt.date,
    memo: str,
    lines: Sequence[Line],
    project_id: int | None = None,
    node_path: str = "",
    reference: str = "",
    reversal_of: JournalEntry | None = None,
) -> JournalEntry:
    """Write one balanced entry atomically, or raise and write nothing (:func:`post_rows`
    with the callers' account instances, which show the new balances afterwards)."""
    entry, balances = post_rows(
        actor=actor,
        fund=fund,
        date=date,
        memo=memo,
        rows=[(line.account.pk, line.side, line.amount_fen) for line in lines],
        project_id=project_id,
        node_path=node_path,
        reference=reference,
        reversal_of=reversal_of,
    )
    for line in lines:
        line.account.balance_fen = balances[line.account.pk]
    return entry


@transaction.atomic
def post_rows(
    *,
    actor: Actor | None,
    fund: str,
    date: dt.date,
    memo: str,
    rows: Sequence[Row],
    project_id: int | None = None,
    node_path: str = "",
    reference: str = "",
    reversal_of: JournalEntry | None = None,
) -> tuple[JournalEntry, dict[int, int]]:
    """Write one balanced entry of ``rows`` atomically, or raise and write nothing; return
    it and the new balance of every account it touched.

    Every touched account is locked and read here (its fund and kind too: an entry
    stays in one fund, and the kind fixes the side that raises the balance); a posting
    that would take an account below zero raises ``ConflictError`` naming the account
    (an overdrawn part, bond or bank). The postings go in one ``executemany``, the
    balances in another, and one audit row names the entry."""
    total = _check_rows(rows)
    deltas: dict[int, int] = defaultdict(int)
    for account_id, side, amount in rows:
        deltas[account_id] += amount if side == Side.DEBIT else -amount
    locked = _lock_accounts(sorted(deltas))
    if len(locked) != len(deltas):
        raise ValueError(f"no such account: {sorted(set(deltas) - set(locked))}")
    if any(account_fund != fund for _balance, account_fund, _kind in locked.values()):
        raise DomainError(_("All postings of an entry belong to the same fund."))
    balances: dict[int, int] = {}
    changed: list[tuple[int, int]] = []
    for pk, debited in deltas.items():
        balance, _fund, kind = locked[pk]
        delta = debited if Account.debit_normal(kind) else -debited
        new_balance = balance + delta
        if new_balance < 0:
            raise ConflictError(
                _(
                    "Insufficient balance in “%(account)s”: "
                    "%(balance)s available, %(needed)s needed."
                )
                % {
                    "account": Account.objects.values_list("name", flat=True).get(pk=pk),
                    "balance": format_fen(balance),
                    "needed": format_fen(-delta),
                },
                code="insufficient_balance",
            )
        balances[pk] = new_balance
        if delta:
            changed.append((new_balance, pk))
    user = actor.user if actor is not None and actor.is_authenticated else None
    entry = JournalEntry.objects.create(
        fund=fund,
        project_id=project_id,
        date=date,
        memo=memo[:255],
        reference=reference[:80],
        reversal_of=reversal_of,
        created_by=user,
        node_path=node_path,
    )
    insert_rows(Posting, ("account", "side", "amount_fen"), rows, constants={"entry": entry.pk})
    set_column(Account, "balance_fen", changed)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=entry,
        after={
            "fund": fund,
            "memo": entry.memo,
            "reference": entry.reference,
            "postings": len(rows),
            "total_fen": total,
            "reversal_of": reversal_of.pk if reversal_of else None,
        },
    )
    return entry, balances


@transaction.atomic
def reverse(*, actor: Actor | None, entry: JournalEntry, date: dt.date, memo: str) -> JournalEntry:
    """Post the mirror image of ``entry`` (every debit a credit and back): the only way to
    correct the ledger. An entry is reversed at most once (a unique link)."""
    if JournalEntry.objects.filter(reversal_of=entry).exists() or entry.reversal_of_id:
        raise ConflictError(_("This entry has already been reversed or is itself a reversal."))
    lines = [
        Line(p.account, Side.CREDIT if p.side == Side.DEBIT else Side.DEBIT, p.amount_fen)
        for p in entry.postings.select_related("account")
    ]
    return post(
        actor=actor,
        fund=entry.fund,
        date=date,
        memo=memo,
        lines=lines,
        project_id=entry.project_id,
        node_path=entry.node_path,
        reference=entry.reference,
        reversal_of=entry,
    )


# --- reconciliation -----------------------------------------------------------------------


@dataclass(frozen=True)
class BalanceMismatch:
    account_id: int
    account: str
    cached_fen: int
    computed_fen: int


@dataclass(frozen=True)
class UnbalancedEntry:
    entry_id: int
    memo: str
    debits_fen: int
    credits_fen: int


@dataclass(frozen=True)
class Reconciliation:
    """The proof that the ledger holds: every cached balance equals the sum of its
    postings, and every entry's debits equal its credits."""

    accounts: int
    entries: int
    postings: int
    mismatches: tuple[BalanceMismatch, ...] = field(default=())
    unbalanced: tuple[UnbalancedEntry, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return not self.mismatches and not self.unbalanced


def _signed() -> Case:
    """A posting's amount when it is on its account's normal side, else 0."""
    return Case(
        When(
            Q(side=Side.DEBIT, account__kind__in=[Account.Kind.ASSET, Account.Kind.EXPENSE])
            | Q(side=Side.CREDIT, account__kind__in=[Account.Kind.LIABILITY, Account.Kind.INCOME]),
            then="amount_fen",
        ),
        default=0,
        output_field=IntegerField(),
    )


def computed_balances(accounts: Iterable[Account] | None = None) -> dict[int, int]:
    """Each account's balance on its normal side, summed by the database from postings."""
    qs = Posting.objects.all()
    if accounts is not None:
        qs = qs.filter(account_id__in=[a.pk for a in accounts])
    rows = qs.values("account_id").annotate(total=Sum("amount_fen"), normal=Sum(_signed()))
    return {r["account_id"]: 2 * (r["normal"] or 0) - (r["total"] or 0) for r in rows}


def reconcile(accounts: Any = None, entries: Any = None) -> Reconciliation:
    """Recompute every balance from the postings and check every entry balances.

    ``accounts`` / ``entries`` narrow the check to a scoped queryset (an official's
    subtree); by default the whole ledger is checked. The database compares (grouped
    sums with HAVING), so only the accounts and entries that fail come back: a city's
    ledger is checked without a row per account in Python."""
    account_qs = accounts if accounts is not None else Account.objects.all()
    entry_qs = entries if entries is not None else JournalEntry.objects.all()
    postings = Posting.objects.all()
    if accounts is not None:
        postings = postings.filter(account_id__in=account_qs.order_by().values("pk"))
    differing = (
        postings.order_by()
        .values("account_id", "account__name", "account__balance_fen")
        .annotate(total=Sum("amount_fen"), normal=Sum(_signed()))
        .annotate(computed=2 * F("normal") - F("total"))
        .exclude(computed=F("account__balance_fen"))
    )
    mismatches = [
        BalanceMismatch(
            r["account_id"], r["account__name"], r["account__balance_fen"], r["computed"]
        )
        for r in differing
    ]
    unposted = (
        account_qs.order_by()
        .exclude(balance_fen=0)
        .exclude(pk__in=Posting.objects.values("account_id"))
        .values_list("pk", "name", "balance_fen")
    )
    mismatches += [BalanceMismatch(pk, name, fen, 0) for pk, name, fen in unposted]
    zero = Value(0)
    sums = (
        entry_qs.order_by()
        .values("pk", "memo")
        .annotate(
            d=Coalesce(Sum("postings__amount_fen", filter=Q(postings__side=Side.DEBIT)), zero),
            c=Coalesce(Sum("postings__amount_fen", filter=Q(postings__side=Side.CREDIT)), zero),
            n=Count("postings"),
        )
        .filter(~Q(d=F("c")) | Q(n__lt=2))
    )
    return Reconciliation(
        accounts=account_qs.count(),
        entries=entry_qs.count(),
        postings=Posting.objects.filter(entry__in=entry_qs.values("pk")).count(),
        mismatches=tuple(sorted(mismatches, key=lambda m: m.account_id)),
        unbalanced=tuple(UnbalancedEntry(r["pk"], r["memo"], r["d"], r["c"]) for r in sums),
    )
