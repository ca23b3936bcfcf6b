"""Yearly assessment awards (seed 001 §四(二)): who was named, for which year and title,
and the amount; a property company's award becomes a credit bonus (credit.handlers).
Imported by ``models``; the rules are ``gongzhi.rules.awards``."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from gongzhi.core.fields import node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.rules.money import format_fen


class Award(ScopedModel):
    class Recipient(models.TextChoices):
        PERSON = "person", pgettext_lazy("award", "Person")
        UNIT = "unit", pgettext_lazy("award", "Unit or organisation")

    year = models.PositiveSmallIntegerField(pgettext_lazy("award", "year"))
    title = models.CharField(pgettext_lazy("award", "award"), max_length=100)
    recipient = models.CharField(
        pgettext_lazy("award", "recipient kind"), max_length=8, choices=Recipient.choices
    )
    name = models.CharField(pgettext_lazy("award", "awarded to"), max_length=100)
    company = optional_foreign_key(
        "registry.PropertyCompany",
        pgettext_lazy("award", "property company"),
        related_name="awards",
    )
    amount_fen = models.PositiveIntegerField(pgettext_lazy("award", "amount (fen)"))
    node_path = node_path_column()
    created_by = user_column()
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = pgettext_lazy("award", "assessment award")
        verbose_name_plural = pgettext_lazy("award", "assessment awards")
        ordering = ["-year", "recipient", "name"]
        constraints = [
            models.CheckConstraint(name="award_amount_positive", condition=Q(amount_fen__gt=0))
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.title} · {self.name}"

    @property
    def amount_display(self) -> str:
        return format_fen(self.amount_fen)
