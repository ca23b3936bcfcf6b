"""Payments, receipt numbers and bank-statement imports."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.fees.models.bills import Bill


class ReceiptSequence(models.Model):
    """The last receipt number a company issued in a year (locked when one is taken)."""

    company = models.ForeignKey("registry.PropertyCompany", on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["company", "year"], name="receipt_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.company_id}/{self.year}: {self.last}"


class Payment(ScopedModel):
    """Money received against one bill; its receipt number is unique."""

    class Method(models.TextChoices):
        CASH = "cash", _("Cash at the office")
        BANK_TRANSFER = "bank_transfer", _("Bank transfer")
        BANK_STATEMENT = "bank_statement", _("Bank statement import")

    bill = foreign_key(Bill, _("bill"), related_name="payments")
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    method = models.CharField(_("method"), max_length=16, choices=Method.choices)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("reference"), max_length=128, blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=32, unique=True)
    node_path = node_path_column()
    company = foreign_key("registry.PropertyCompany")
    recorded_by = user_column(_("recorded by"), blank=False)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    scope = Scope(node="node_path", company="company_id", owner="bill__payer_owner__user_id")

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_on", "-id"]
        indexes = [models.Index(fields=["company", "paid_on"])]
        constraints = [
            models.CheckConstraint(name="payment_amount_positive", condition=Q(amount_fen__gt=0))
        ]

    def __str__(self) -> str:
        return self.receipt_number


class BankStatementImport(ScopedModel):
    """One bank statement (CSV) imported once: its content hash is unique per company."""

    project = foreign_key("registry.Project", _("project"))
    company = foreign_key("registry.PropertyCompany")
    sha256 = models.CharField(_("content hash"), max_length=64)
    filename = models.CharField(_("file name"), max_length=200)
    encoding = models.CharField(_("encoding"), max_length=16)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    matched_count = models.PositiveIntegerField(_("matched"), default=0)
    node_path = node_path_column()
    imported_by = user_column(_("imported by"), blank=False)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["company", "sha256"], name="statement_unique_file")
        ]

    def __str__(self) -> str:
        return self.filename


class BankStatementRow(ScopedModel):
    """One credit line of a statement; ``payment`` is empty while it is unmatched."""

    statement = foreign_key(BankStatementImport, on_delete=models.CASCADE, related_name="rows")
    line_number = models.PositiveIntegerField(_("line"))
    booked_on = models.DateField(_("date"))
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    counterparty = models.CharField(_("counterparty"), max_length=200, blank=True)
    memo = models.CharField(_("memo"), max_length=255, blank=True)
    payment = models.OneToOneField(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="statement_row"
    )
    matched_manually = models.BooleanField(_("matched by hand"), default=False)

    scope = Scope(node="statement__node_path", company="statement__company_id")

    class Meta:
        verbose_name = _("bank statement row")
        verbose_name_plural = _("bank statement rows")
        ordering = ["statement", "line_number"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "line_number"], name="statement_row_line")
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}:{self.line_number}"
