"""Billing runs, bills and their lines (物业管理条例 art. 41; seed 004 §7)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.fees.models.standards import FeeItem, FeeStandard


class BillingRun(ScopedModel):
    """One bulk billing of a project for a period of whole months."""

    project = foreign_key("registry.Project", _("project"))
    company = foreign_key("registry.PropertyCompany", _("property company"))
    standard = foreign_key(FeeStandard, _("fee standard"), related_name="runs")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    months = models.PositiveSmallIntegerField(_("months"))
    due_on = models.DateField(_("due on"))
    bill_count = models.PositiveIntegerField(_("bills"), default=0)
    skipped_count = models.PositiveIntegerField(_("parts not billed"), default=0)
    total_fen = models.BigIntegerField(_("total (fen)"), default=0)
    node_path = node_path_column()
    created_by = user_column(_("run by"), blank=False)
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)

    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = _("billing run")
        verbose_name_plural = _("billing runs")
        ordering = ["-period_start", "-id"]
        constraints = [
            models.CheckConstraint(
                name="billing_run_period", condition=Q(period_end__gt=F("period_start"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start:%Y-%m}–{self.period_end:%Y-%m}"


class Bill(ScopedModel):
    """The fee of one exclusive part for one period, billed to its owner or, while the part
    is unsold or undelivered, to the developer (物业管理条例 art. 41; seed 004 §7)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PARTLY_PAID = "partly_paid", _("Partly paid")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Cancelled")

    class Payer(models.TextChoices):
        OWNER = "owner", _("Owner")
        DEVELOPER = "developer", _("Developer")

    run = foreign_key(BillingRun, _("billing run"), related_name="bills")
    project = foreign_key("registry.Project", _("project"))
    company = foreign_key("registry.PropertyCompany", _("property company"))
    part = foreign_key("registry.ExclusivePart", _("exclusive part"))
    reference = models.CharField(_("bill reference"), max_length=64, unique=True)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    due_on = models.DateField(_("due on"))
    payer_kind = models.CharField(_("payer"), max_length=16, choices=Payer.choices)
    payer_owner = optional_foreign_key("registry.Owner", _("payer"), blank=False)
    payer_name = models.CharField(_("payer name"), max_length=200)
    total_fen = models.BigIntegerField(_("amount (fen)"))
    paid_fen = models.BigIntegerField(_("paid (fen)"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    node_path = node_path_column()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(node="node_path", company="company_id", owner="payer_owner__user_id")

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-period_start", "part_id"]
        indexes = [
            models.Index(fields=["project", "status", "due_on"]),
            models.Index(fields=["company", "status"]),
            models.Index(fields=["payer_owner", "period_start"]),
        ]
        constraints = [
            models.CheckConstraint(name="bill_total_positive", condition=Q(total_fen__gt=0)),
            models.CheckConstraint(
                name="bill_paid_within_total",
                condition=Q(paid_fen__gte=0) & Q(paid_fen__lte=F("total_fen")),
            ),
            models.CheckConstraint(
                name="bill_period", condition=Q(period_end__gt=F("period_start"))
            ),
            models.UniqueConstraint(
                fields=["part", "period_start"],
                condition=~Q(status="cancelled"),
                name="bill_unique_part_period",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def outstanding_fen(self) -> int:
        return 0 if self.status == self.Status.CANCELLED else self.total_fen - self.paid_fen


class BillLine(models.Model):
    """One line of a bill; a cancellation adds the same line negated (``reversal``)."""

    bill = foreign_key(Bill, _("bill"), on_delete=models.CASCADE, related_name="lines")
    item = models.CharField(_("item"), max_length=64)
    basis = models.CharField(_("basis"), max_length=8, choices=FeeItem.Basis.choices)
    quantity = models.DecimalField(_("quantity"), max_digits=10, decimal_places=2)
    price = models.DecimalField(_("price (yuan)"), max_digits=10, decimal_places=4)
    share = models.CharField(_("share"), max_length=16, default="1")
    months = models.PositiveSmallIntegerField(_("months"))
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    reversal = models.BooleanField(_("reversal"), default=False)
    explanation = models.JSONField(_("explanation"), default=dict)

    class Meta:
        verbose_name = _("bill line")
        verbose_name_plural = _("bill lines")
        ordering = ["bill", "id"]

    def __str__(self) -> str:
        return self.item
