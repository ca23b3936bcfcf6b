"""Old residential areas (老旧小区, seed 001 §三(三)): each old project's service mode and
its "五有" basic-service check, and the companies' subsidy applications (0.2–0.3 yuan per
managed m² a month, capped per company-year) with the street's check, the district's
approval and the payment, posted to the funds ledger. Statuses change only through
``gongzhi.oldprojects.workflow``; the rules are ``gongzhi.rules.oldprojects``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from gongzhi.core.scoping import Scope, ScopedManager
from gongzhi.rules.money import format_fen


def _p(text: str) -> object:
    return pgettext_lazy("oldprojects", text)


class ServiceMode(models.TextChoices):
    """Seed 001 §三(三)1 (1)-(3) and §三(四)1."""

    COMPANY = "company", _p("Market property company")
    SELF_MANAGED = "self_managed", _p("Owners' self-management")
    QUASI_MANAGEMENT = "quasi_management", _p("Quasi-management by the residents' committee")
    PUBLIC_WELFARE = "public_welfare", _p("Public-welfare property company")


BASIC_LABELS = {
    "cleaning": _p("Cleaning (有清扫保洁)"),
    "security": _p("Security (有安全防范)"),
    "greening": _p("Greening (有绿化养护)"),
    "repairs": _p("Repairs (有物业维修)"),
    "parking": _p("Parking (有停车管理)"),
}


def _user(label: str) -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_p(label),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


class OldProjectService(models.Model):
    """How an old project is served now and its latest "五有" check by the street or
    community (one row per project, updated in place; the audit keeps the history)."""

    project = models.OneToOneField(
        "registry.Project",
        verbose_name=_p("project"),
        on_delete=models.PROTECT,
        related_name="old_service",
    )
    mode = models.CharField(_p("service mode"), max_length=20, choices=ServiceMode.choices)
    company = models.ForeignKey(
        "registry.PropertyCompany",
        verbose_name=_p("serving company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    basics = models.JSONField(_p("basic services in place"), default=list)
    basics_passed = models.BooleanField(_p("五有 standard reached"), default=False)
    checked_on = models.DateField(_p("checked on"))
    note = models.TextField(_p("remarks"), blank=True)
    node_path = models.CharField(max_length=255, db_index=True, editable=False)
    checked_by = _user("checked by")
    updated_at = models.DateTimeField(_p("updated"), auto_now=True)

    objects = ScopedManager()
    scope = Scope(node="node_path", company="company_id", project="project_id")

    class Meta:
        verbose_name = _p("old-project service")
        verbose_name_plural = _p("old-project services")
        ordering = ["project__name"]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_mode_display()}"


class SubsidyApplication(models.Model):
    """A company's application for the basic-service subsidy of one old project for some
    months of a year (seed 001 §三(三)3(2)-(3))."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _p("Submitted by the company")
        CHECKED = "checked", _p("Checked by the street")
        APPROVED = "approved", _p("Approved by the district")
        PAID = "paid", _p("Paid")
        REJECTED = "rejected", _p("Rejected")

    project = models.ForeignKey(
        "registry.Project",
        verbose_name=_p("project"),
        on_delete=models.PROTECT,
        related_name="old_subsidies",
    )
    company = models.ForeignKey(
        "registry.PropertyCompany",
        verbose_name=_p("company"),
        on_delete=models.PROTECT,
        related_name="old_subsidies",
    )
    year = models.PositiveSmallIntegerField(_p("year"))
    month_from = models.PositiveSmallIntegerField(_p("first month"))
    month_to = models.PositiveSmallIntegerField(_p("last month"))
    area_m2 = models.DecimalField(_p("managed area (m²)"), max_digits=12, decimal_places=2)
    basics = models.JSONField(_p("basic services found at the check"), default=list)
    rate_fen = models.PositiveIntegerField(_p("rate per m² a month (fen)"), null=True, blank=True)
    computed_fen = models.PositiveBigIntegerField(
        _p("computed amount (fen)"), null=True, blank=True
    )
    amount_fen = models.PositiveBigIntegerField(_p("granted amount (fen)"), null=True, blank=True)
    explanation = models.TextField(_p("how the amount was computed"), blank=True)
    note = models.TextField(_p("company's remarks"), blank=True)
    check_note = models.TextField(_p("street's findings"), blank=True)
    decision_note = models.TextField(_p("reason for rejection"), blank=True)
    journal_entry = models.ForeignKey(
        "funds.JournalEntry",
        verbose_name=_p("payment entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _p("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    node_path = models.CharField(max_length=255, db_index=True, editable=False)
    created_by = _user("submitted by")
    created_at = models.DateTimeField(_p("submitted"), auto_now_add=True)
    checked_at = models.DateTimeField(_p("checked"), null=True, blank=True)
    approved_at = models.DateTimeField(_p("approved"), null=True, blank=True)
    paid_at = models.DateTimeField(_p("paid"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = _p("old-project subsidy application")
        verbose_name_plural = _p("old-project subsidy applications")
        ordering = ["-year", "-month_from", "-id"]
        indexes = [models.Index(fields=["company", "year", "status"])]
        constraints = [
            models.CheckConstraint(
                name="oldprojects_subsidy_months",
                condition=Q(
                    month_from__gte=1, month_to__lte=12, month_from__lte=models.F("month_to")
                ),
            ),
            models.CheckConstraint(name="oldprojects_subsidy_area", condition=Q(area_m2__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.year} {self.month_from}-{self.month_to}"

    @property
    def months(self) -> int:
        return self.month_to - self.month_from + 1

    @property
    def amount_display(self) -> str:
        return format_fen(self.amount_fen) if self.amount_fen is not None else "—"

    @property
    def rate_display(self) -> str:
        return format_fen(self.rate_fen) if self.rate_fen is not None else "—"
