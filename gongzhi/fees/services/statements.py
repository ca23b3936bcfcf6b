"""Bank-statement import: a CSV of incoming transfers matched to open bills.

**Columns** (a header row is required; Chinese or English names, any order, other
columns ignored):

=========================  ==========================================================
date (required)            交易日期 / 日期 / 记账日期 / date — 2026-03-05, 2026/3/5, 20260305
amount (required)          贷方金额 / 收入金额 / 金额 / amount — yuan, "1,234.50" allowed
counterparty               对方户名 / 对方名称 / 付款人 / counterparty
memo                       摘要 / 附言 / 用途 / 备注 / memo / reference
=========================  ==========================================================

Encodings: UTF-8 (with or without BOM) and GBK/GB18030, as Chinese banks export them.
Rows whose amount is zero or negative (outgoing money) are skipped.

**Matching**, first rule that finds one bill with enough money still due wins:
1. the memo contains a bill reference (``<project>-<part>-<YYYYMM>``);
2. the memo contains a part number of the project — its oldest open bill;
3. the counterparty is the payer's name and the amount is exactly what one of that
   payer's open bills still owes.
Anything else is listed as unmatched for staff to match by hand.

The same file (its SHA-256, per company) is imported once: a second import, also a
concurrent one, is refused by the unique constraint.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import ConflictError, DomainError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.fees.models import BankStatementImport, BankStatementRow, Bill
from gongzhi.fees.services.common import staff_project
from gongzhi.fees.services.providers import BANK_STATEMENT
from gongzhi.fees.workflow import guard_company
from gongzhi.rules.money import MoneyError, parse_yuan

COLUMNS = {
    "date": ("交易日期", "日期", "记账日期", "交易时间", "date"),
    "amount": ("贷方金额", "收入金额", "金额", "交易金额", "amount"),
    "counterparty": ("对方户名", "对方名称", "对方账户名称", "付款人", "counterparty"),
    "memo": ("摘要", "附言", "用途", "备注", "memo", "reference"),
}
REQUIRED = ("date", "amount")
_DATE = re.compile(r"(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})")
_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-]*")


@dataclass(frozen=True)
class StatementLine:
    line_number: int
    booked_on: dt.date
    amount_fen: int
    counterparty: str
    memo: str


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding name: UTF-8 with BOM, UTF-8, else GB18030 (⊃ GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gbk"
    except UnicodeDecodeError:
        raise invalid({"file": [_("The file is neither UTF-8 nor GBK text.")]}) from None


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _parse_amount(text: str) -> int | None:
    cleaned = text.strip().replace(",", "").replace("，", "").replace("¥", "")
    try:
        Decimal(cleaned)
        return parse_yuan(cleaned, allow_negative=True)
    except (InvalidOperation, MoneyError):
        return None


def parse_statement(text: str) -> list[StatementLine]:
    """Read the CSV; every problem names its line and column. Raises DomainError."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise invalid({"file": [_("The file is empty.")]})
    names = [h.strip() for h in header]
    index: dict[str, int] = {}
    for key, aliases in COLUMNS.items():
        for position, name in enumerate(names):
            if name.lower() in aliases:
                index[key] = position
                break
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in index]
    if missing:
        raise invalid(
            {
                "file": [
                    _("Line 1: the header has no column “%(column)s”.") % {"column": column}
                    for column in missing
                ]
            }
        )
    problems: list[Any] = []
    lines: list[StatementLine] = []
    for line_number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            position = index.get(key)
            return row[position].strip() if position is not None and position < len(row) else ""

        day = _parse_date(cell("date"))
        amount = _parse_amount(cell("amount"))
        if day is None:
            problems.append(
                _("Line %(line)s, column “%(column)s”: “%(value)s” is not a date.")
                % {"line": line_number, "column": names[index["date"]], "value": cell("date")}
            )
        if amount is None:
            problems.append(
                _("Line %(line)s, column “%(column)s”: “%(value)s” is not an amount in yuan.")
                % {"line": line_number, "column": names[index["amount"]], "value": cell("amount")}
            )
        if day is None or amount is None or amount <= 0:
            continue
        lines.append(
            StatementLine(line_number, day, amount, cell("counterparty")[:200], cell("memo")[:255])
        )
    if problems:
        raise invalid({"file": problems[:20]})
    if not lines:
        raise invalid({"file": [_("The file has no incoming payments.")]})
    return lines


class _Matcher:
    """Open bills of a project, indexed by reference, part number and payer name."""

    def __init__(self, project_id: int) -> None:
        self.due: dict[int, int] = {}
        self.by_reference: dict[str, int] = {}
        self.by_part: dict[str, list[int]] = defaultdict(list)
        self.by_payer: dict[str, list[int]] = defaultdict(list)
        rows = (
            Bill.objects.filter(
                project_id=project_id, status__in=(Bill.Status.OPEN, Bill.Status.PARTLY_PAID)
            )
            .order_by("period_start", "id")
            .values_list("pk", "reference", "part__number", "payer_name", "total_fen", "paid_fen")
        )
        for pk, reference, number, payer, total, paid in rows:
            self.due[pk] = total - paid
            self.by_reference[reference] = pk
            self.by_part[number].append(pk)
            self.by_payer[payer.strip()].append(pk)

    def match(self, line: StatementLine) -> int | None:
        tokens = _TOKEN.findall(line.memo)
        for token in tokens:
            pk = self.by_reference.get(token)
            if pk is not None and self.due[pk] >= line.amount_fen:
                return pk
        for token in tokens:
            for pk in self.by_part.get(token, ()):
                if self.due[pk] >= line.amount_fen:
                    return pk
        exact = [
            pk for pk in self.by_payer.get(line.counterparty, ()) if self.due[pk] == line.amount_fen
        ]
        return exact[0] if len(exact) == 1 else None

    def take(self, pk: int, amount_fen: int) -> None:
        self.due[pk] -= amount_fen


@transaction.atomic
def bank_statement_import(
    *, actor: Actor, project_id: int, data: bytes, filename: str
) -> BankStatementImport:
    """Import a bank statement CSV once, record a payment for each matched row and keep
    the unmatched rows for manual matching. A malformed file changes nothing."""
    project = staff_project(actor, project_id)
    if not data:
        raise invalid({"file": [_("The file is empty.")]})
    if len(data) > settings.GONGZHI_MAX_UPLOAD_BYTES:
        raise invalid({"file": [_("The file is too large.")]})
    digest = hashlib.sha256(data).hexdigest()
    earlier = BankStatementImport.objects.filter(company_id=project.company_id, sha256=digest)
    if earlier.exists():
        raise _duplicate()
    text, encoding = decode(data)
    lines = parse_statement(text)
    try:
        with transaction.atomic():
            statement = BankStatementImport.objects.create(
                project=project,
                company_id=project.company_id,
                sha256=digest,
                filename=(filename or "statement.csv")[:200],
                encoding=encoding,
                row_count=len(lines),
                node_path=project.node_path,
                imported_by=user_of(actor),
            )
    except IntegrityError:
        raise _duplicate() from None
    matcher = _Matcher(project.pk)
    rows = []
    matched = 0
    for line in lines:
        payment = None
        pk = matcher.match(line)
        if pk is not None:
            matcher.take(pk, line.amount_fen)
            payment = BANK_STATEMENT.create_payment(
                actor=actor,
                bill_id=pk,
                amount_fen=line.amount_fen,
                paid_on=line.booked_on,
                reference=line.memo,
            ).payment
            matched += 1
        rows.append(
            BankStatementRow(
                statement=statement,
                line_number=line.line_number,
                booked_on=line.booked_on,
                amount_fen=line.amount_fen,
                counterparty=line.counterparty,
                memo=line.memo,
                payment=payment,
            )
        )
    BankStatementRow.objects.bulk_create(rows, batch_size=2000)
    BankStatementImport.objects.filter(pk=statement.pk).update(matched_count=matched)
    statement.refresh_from_db()
    audit.record(
        actor=actor,
        action=AuditAction.IMPORT,
        target=statement,
        after={"rows": len(lines), "matched": matched, "sha256": digest},
    )
    return statement


def _duplicate() -> ConflictError:
    return ConflictError(
        _("This bank statement has already been imported."),
        fields={"file": [_("The same file was imported before; nothing was changed.")]},
    )


@transaction.atomic
def unmatched_match(*, actor: Actor, row_id: int, bill_id: int) -> BankStatementRow:
    """Match an unmatched statement row to a bill by hand: records its payment."""
    row = get_visible(
        BankStatementRow.objects.select_for_update(of=("self",)).select_related("statement"),
        actor,
        pk=row_id,
    )
    guard_company(row.statement, actor)
    if row.payment_id is not None:
        raise ConflictError(_("This statement row is already matched."))
    bill = get_visible(Bill.objects.all(), actor, pk=bill_id)
    if bill.project_id != row.statement.project_id:
        raise invalid({"bill": [_("Choose a bill of the statement's project.")]})
    result = BANK_STATEMENT.create_payment(
        actor=actor,
        bill_id=bill.pk,
        amount_fen=row.amount_fen,
        paid_on=row.booked_on,
        reference=row.memo,
    )
    if result.payment is None:  # pragma: no cover - offline providers always confirm
        raise DomainError(_("The payment was not confirmed."))
    before = audit.snapshot(row)
    row.payment = result.payment
    row.matched_manually = True
    row.save(update_fields=["payment", "matched_manually"])
    BankStatementImport.objects.filter(pk=row.statement_id).update(
        matched_count=F("matched_count") + 1
    )
    audit.record_update(actor, row, before=before)
    return row
