"""Security-guard service filings with the police (保安备案, seed 004 §2 and its annex:
公安部门 … 负责对物业小区保安进行备案): which public-security bureau a company's guard
service is filed with, the filing number, date and validity. The company records it; the
bureau that filed the company verifies it or returns it (``registry.companies.guards``).
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key
from gongzhi.core.models import Recorded
from gongzhi.core.scoping import ScopedModel
from gongzhi.registry.models.companies import PropertyCompany, _company_scope


class GuardFiling(Recorded, ScopedModel):
    class Status(models.TextChoices):
        RECORDED = "recorded", _("Recorded by the company")
        VERIFIED = "verified", _("Verified")
        RETURNED = "returned", _("Returned")

    company = foreign_key(
        PropertyCompany,
        _("property company"),
        on_delete=models.CASCADE,
        related_name="guard_filings",
    )
    police_bureau = models.CharField(_("filed with (public-security bureau)"), max_length=100)
    filing_number = models.CharField(_("guard filing number"), max_length=64)
    filed_on = models.DateField(_("guard filing date"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    guards = models.PositiveIntegerField(_("security guards filed"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.RECORDED
    )
    review_note = models.TextField(_("reason for return"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    scope = _company_scope

    class Meta:
        verbose_name = _("security-guard filing")
        verbose_name_plural = _("security-guard filings")
        ordering = ["company", "-filed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "filing_number"], name="guard_filing_number_once"
            ),
            models.CheckConstraint(
                name="guard_filing_valid_after_filed",
                condition=Q(valid_until__isnull=True) | Q(valid_until__gt=F("filed_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.filing_number}"

    def is_valid_on(self, day: dt.date) -> bool:
        """Verified and not past its validity (no end date: valid until replaced)."""
        return self.status == self.Status.VERIFIED and (
            self.valid_until is None or day <= self.valid_until
        )
