"""Old residential areas (老旧小区, seed 001 §三(三)): each old project's service mode and
its "五有" basic-service check, the companies' subsidy applications (0.2–0.3 yuan per
managed m² a month, §三(三)3(2), no yearly cap) with the street's check, the district's
approval and the payment, and the district's yearly entry reward to a company (at most
50 000 yuan a company-year, §三(三)3(3)); both payments are posted to the funds ledger.
Statuses change only through ``gongzhi.oldprojects.workflow``;
the rules are ``gongzhi.rules.oldprojects``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import pgettext_lazy

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise as StrOrPromise
else:
    StrOrPromise = object
from gongzhi.rules.money import format_fen


class ServiceMode(models.TextChoices):
    """Seed 001 §三(三)1 (1)-(3) and §三(四)1."""

    COMPANY = "company", pgettext_lazy("oldprojects", "Market property company")
    SELF_MANAGED = "self_managed", pgettext_lazy("oldprojects", "Owners' self-management")
    QUASI_MANAGEMENT = (
        "quasi_management",
        pgettext_lazy("oldprojects", "Quasi-management by the residents' committee"),
    )
    PUBLIC_WELFARE = (
        "public_welfare",
        pgettext_lazy("oldprojects", "Public-welfare property company"),
    )


BASIC_LABELS = {
    "cleaning": pgettext_lazy("oldprojects", "Cleaning (有清扫保洁)"),
    "security": pgettext_lazy("oldprojects", "Security (有安全防范)"),
    "greening": pgettext_lazy("oldprojects", "Greening (有绿化养护)"),
    "repairs": pgettext_lazy("oldprojects", "Repairs (有物业维修)"),
    "parking": pgettext_lazy("oldprojects", "Parking (有停车管理)"),
}


class OldProjectService(ScopedModel):
    """How an old project is served now and its latest "五有" check by the street or
    community (one row per project, updated in place; the audit keeps the history)."""

    project = models.OneToOneField(
        "registry.Project",
        verbose_name=pgettext_lazy("oldprojects", "project"),
        on_delete=models.PROTECT,
        related_name="old_service",
    )
    mode = models.CharField(
        pgettext_lazy("oldprojects", "service mode"), max_length=20, choices=ServiceMode.choices
    )
    company = optional_foreign_key(
        "registry.PropertyCompany", pgettext_lazy("oldprojects", "serving company")
    )
    basics = models.JSONField(pgettext_lazy("oldprojects", "basic services in place"), default=list)
    basics_passed = models.BooleanField(
        pgettext_lazy("oldprojects", "五有 standard reached"), default=False
    )
    checked_on = models.DateField(pgettext_lazy("oldprojects", "checked on"))
    note = models.TextField(pgettext_lazy("oldprojects", "remarks"), blank=True)
    node_path = node_path_column()
    checked_by = user_column(pgettext_lazy("oldprojects", "checked by"))
    updated_at = models.DateTimeField(pgettext_lazy("oldprojects", "updated"), auto_now=True)

    scope = Scope(node="node_path", company="company_id", project="project_id")

    class Meta:
        verbose_name = pgettext_lazy("oldprojects", "old-project service")
        verbose_name_plural = pgettext_lazy("oldprojects", "old-project services")
        ordering = ["project__name"]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_mode_display()}"


class _DistrictPayment(ScopedModel):
    """What a subsidy application and a company reward share: how the amount was
    computed, the ledger entry that paid it and when, the company's scope (abstract)."""

    explanation = models.TextField(
        pgettext_lazy("oldprojects", "how the amount was computed"), blank=True
    )
    journal_entry = optional_foreign_key(
        "funds.JournalEntry", pgettext_lazy("oldprojects", "payment entry")
    )
    node_path = node_path_column()
    paid_at = models.DateTimeField(pgettext_lazy("oldprojects", "paid"), null=True, blank=True)

    scope = Scope(node="node_path", company="company_id")

    class Meta:
        abstract = True


class SubsidyApplication(_DistrictPayment):
    """A company's application for the basic-service subsidy of one old project for some
    months of a year (seed 001 §三(三)3(2))."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("oldprojects", "Submitted by the company")
        CHECKED = "checked", pgettext_lazy("oldprojects", "Checked by the street")
        APPROVED = "approved", pgettext_lazy("oldprojects", "Approved by the district")
        PAID = "paid", pgettext_lazy("oldprojects", "Paid")
        REJECTED = "rejected", pgettext_lazy("oldprojects", "Rejected")

    project = foreign_key(
        "registry.Project", pgettext_lazy("oldprojects", "project"), related_name="old_subsidies"
    )
    company = foreign_key(
        "registry.PropertyCompany",
        pgettext_lazy("oldprojects", "company"),
        related_name="old_subsidies",
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("oldprojects", "year"))
    month_from = models.PositiveSmallIntegerField(pgettext_lazy("oldprojects", "first month"))
    month_to = models.PositiveSmallIntegerField(pgettext_lazy("oldprojects", "last month"))
    area_m2 = models.DecimalField(
        pgettext_lazy("oldprojects", "managed area (m²)"), max_digits=12, decimal_places=2
    )
    basics = models.JSONField(
        pgettext_lazy("oldprojects", "basic services found at the check"), default=list
    )
    rate_fen = models.PositiveIntegerField(
        pgettext_lazy("oldprojects", "rate per m² a month (fen)"), null=True, blank=True
    )
    computed_fen = models.PositiveBigIntegerField(
        pgettext_lazy("oldprojects", "computed amount (fen)"), null=True, blank=True
    )
    amount_fen = models.PositiveBigIntegerField(
        pgettext_lazy("oldprojects", "granted amount (fen)"), null=True, blank=True
    )
    note = models.TextField(pgettext_lazy("oldprojects", "company's remarks"), blank=True)
    check_note = models.TextField(pgettext_lazy("oldprojects", "street's findings"), blank=True)
    decision_note = models.TextField(
        pgettext_lazy("oldprojects", "reason for rejection"), blank=True
    )
    status = models.CharField(
        pgettext_lazy("oldprojects", "status"),
        max_length=12,
        choices=Status.choices,
        default=Status.SUBMITTED,
    )
    created_by = user_column(pgettext_lazy("oldprojects", "submitted by"))
    created_at = models.DateTimeField(pgettext_lazy("oldprojects", "submitted"), auto_now_add=True)
    checked_at = models.DateTimeField(
        pgettext_lazy("oldprojects", "checked"), null=True, blank=True
    )
    approved_at = models.DateTimeField(
        pgettext_lazy("oldprojects", "approved"), null=True, blank=True
    )

    class Meta:
        verbose_name = pgettext_lazy("oldprojects", "old-project subsidy application")
        verbose_name_plural = pgettext_lazy("oldprojects", "old-project subsidy applications")
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


class CompanyReward(_DistrictPayment):
    """The district's yearly reward to a company that entered old residential areas and
    serves at least one that passed the "五有" check (seed 001 §三(三)3(3): 区财政每年配套
    100万 … 按不超过5万元的标准); the rewards of a company-year stay within the cap."""

    class Status(models.TextChoices):
        GRANTED = "granted", pgettext_lazy("oldprojects reward", "Granted by the district")
        PAID = "paid", pgettext_lazy("oldprojects reward", "Paid")
        WITHDRAWN = "withdrawn", pgettext_lazy("oldprojects reward", "Withdrawn")

    company = foreign_key(
        "registry.PropertyCompany",
        pgettext_lazy("oldprojects", "company"),
        related_name="old_rewards",
    )
    year = models.PositiveSmallIntegerField(pgettext_lazy("oldprojects", "year"))
    amount_fen = models.PositiveBigIntegerField(
        pgettext_lazy("oldprojects reward", "reward amount (fen)")
    )
    passed_projects = models.PositiveIntegerField(
        pgettext_lazy("oldprojects reward", "old areas served that passed the 五有 check")
    )
    note = models.TextField(pgettext_lazy("oldprojects", "remarks"), blank=True)
    withdraw_note = models.TextField(
        pgettext_lazy("oldprojects reward", "reason for withdrawal"), blank=True
    )
    status = models.CharField(
        pgettext_lazy("oldprojects", "status"),
        max_length=12,
        choices=Status.choices,
        default=Status.GRANTED,
    )
    created_by = user_column(pgettext_lazy("oldprojects reward", "granted by"))
    created_at = models.DateTimeField(
        pgettext_lazy("oldprojects reward", "granted"), auto_now_add=True
    )

    class Meta:
        verbose_name = pgettext_lazy("oldprojects reward", "old-project company reward")
        verbose_name_plural = pgettext_lazy("oldprojects reward", "old-project company rewards")
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["company", "year", "status"])]
        constraints = [
            models.CheckConstraint(name="oldprojects_reward_amount", condition=Q(amount_fen__gt=0))
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.year}"

    @property
    def amount_display(self) -> str:
        return format_fen(self.amount_fen)
