"""Arrears reminders and the payment-status publication (seed 001 §三(一)4; 002 §三(一)3(2))."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.fees.models.bills import Bill
from gongzhi.registry.models.scopes import owner_projects


class ReminderNotice(ScopedModel):
    """An arrears reminder sent by SMS (after commit): the log of who was reminded when
    (seed 001 §三(一)4 上门催缴; seed 004 §6 催交)."""

    bill = foreign_key(Bill, _("bill"), on_delete=models.CASCADE, related_name="reminders")
    mobile = models.CharField(_("mobile"), max_length=32)
    text = models.TextField(_("text"))
    node_path = node_path_column()
    company = foreign_key("registry.PropertyCompany")
    sent_by = user_column(_("sent by"), blank=False)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    scope = Scope(node="node_path", company="company_id", owner="bill__payer_owner__user_id")

    class Meta:
        verbose_name = _("reminder notice")
        verbose_name_plural = _("reminder notices")
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.bill} {self.sent_at:%Y-%m-%d}"


class PaymentPublication(ScopedModel):
    """The payment status the company posts in the project (seed 002 §三(一)3(2); 001
    §三(一)4): which parts have paid for a period, by part number only — no names."""

    project = foreign_key("registry.Project", _("project"))
    company = foreign_key("registry.PropertyCompany")
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    paid_parts = models.JSONField(_("paid parts"), default=list)
    unpaid_parts = models.JSONField(_("parts in arrears"), default=list)
    node_path = node_path_column()
    published_by = user_column(blank=False)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    scope = Scope.columns(owner=owner_projects())

    class Meta:
        verbose_name = _("payment-status publication")
        verbose_name_plural = _("payment-status publications")
        ordering = ["-published_at", "-id"]

    def __str__(self) -> str:
        return f"{self.project} {self.period_start:%Y-%m}"
