"""The fund records around the ledger: maintenance-fund part accounts (seed 000 §33;
004 §14), top-up notices, fund-use applications and their sharing parts (000 §33; 003
§五(一)1(6)), performance bonds (000 §16; 001 §三(二)4), preparation funds (000 §19) and
warranty deposits (000 §7), and the published common-revenue statements (000 §22).

Amounts are integer fen; the money itself lives in the ledger (``ledger.Account``).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.models import Created
from gongzhi.core.scoping import Grant, Scope, ScopedModel
from gongzhi.funds.models.ledger import Account, JournalEntry
from gongzhi.funds.models.scopes import owner_parts, project_scope
from gongzhi.registry.models.scopes import owner_projects


class PartFund(ScopedModel):
    """专项维修资金分户账: the maintenance-fund account of one exclusive part, with its
    first-deposit standard and the first deposit actually made (004 §14)."""

    part = models.OneToOneField(
        "registry.ExclusivePart",
        verbose_name=_("exclusive part"),
        on_delete=models.PROTECT,
        related_name="maintenance_fund",
    )
    project = foreign_key("registry.Project", _("project"))
    account = models.OneToOneField(
        Account, verbose_name=_("ledger account"), on_delete=models.PROTECT, related_name="+"
    )
    standard_fen = models.BigIntegerField(_("first-deposit standard (fen)"))
    standard_reason = models.JSONField(_("how the standard was set"), default=dict)
    first_deposit_fen = models.BigIntegerField(_("first deposit (fen)"), null=True, blank=True)
    first_deposited_on = models.DateField(_("first deposit made on"), null=True, blank=True)
    node_path = node_path_column()

    scope = project_scope(owner=owner_parts())

    class Meta:
        verbose_name = _("maintenance-fund part account")
        verbose_name_plural = _("maintenance-fund part accounts")
        ordering = ["project", "part__number"]
        indexes = [models.Index(fields=["project", "first_deposited_on"])]
        constraints = [
            models.CheckConstraint(
                name="partfund_standard_positive", condition=Q(standard_fen__gt=0)
            ),
            models.CheckConstraint(
                name="partfund_first_deposit_positive",
                condition=Q(first_deposit_fen__isnull=True) | Q(first_deposit_fen__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return str(self.part)


class TopUpNotice(ScopedModel):
    """A notice to a part's owner that its balance fell below the top-up threshold
    (seed 000 §33: 不足首期交存额百分之三十的，应当及时续交). One open notice per part."""

    part_fund = foreign_key(PartFund, _("part account"), related_name="notices")
    project = foreign_key("registry.Project", _("project"))
    balance_fen = models.BigIntegerField(_("balance (fen)"))
    threshold_fen = models.BigIntegerField(_("threshold (fen)"))
    reason = models.JSONField(_("reason"), default=dict)
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    node_path = node_path_column()

    scope = project_scope(owner=owner_parts("part_fund__"))

    class Meta:
        verbose_name = _("top-up notice")
        verbose_name_plural = _("top-up notices")
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["part_fund"],
                condition=Q(resolved_on__isnull=True),
                name="topup_one_open_notice",
            ),
        ]

    def __str__(self) -> str:
        return str(self.part_fund)


class FundUseApplication(Created, ScopedModel):
    """A request to use the maintenance fund for a repair (seed 000 §33; 003 §五(一)1(6)).

    Its status changes only through ``gongzhi.funds.workflow.FUND_USE_FLOW``."""

    class Applicant(models.TextChoices):
        COMMITTEE = "committee", _("Owners' committee")
        COMPANY = "company", _("Property company")

    class Emergency(models.TextChoices):
        ELEVATOR_FAILURE = "elevator_failure", _("Elevator failure")
        LEAK = "leak", _("Leak")
        FIRE_SYSTEM_FAILURE = "fire_system_failure", _("Fire-system failure")

    class Status(models.TextChoices):
        AWAITING_OWNERS = "awaiting_owners", _("Awaiting the owners' decision")
        OWNERS_APPROVED = "owners_approved", _("Approved by the owners")
        OWNERS_REJECTED = "owners_rejected", _("Rejected by the owners")
        EMERGENCY = "emergency", _("Emergency repair, awaiting pre-review")
        PRE_REVIEWED = "pre_reviewed", _("Pre-reviewed by the housing bureau")
        REFUSED = "refused", _("Refused by the housing bureau")
        DISBURSED = "disbursed", _("Disbursed")
        PUBLISHED = "published", _("Published")

    project = foreign_key("registry.Project", _("project"))
    applicant = models.CharField(_("applicant"), max_length=10, choices=Applicant.choices)
    company = optional_foreign_key("registry.PropertyCompany", _("property company"))
    title = models.CharField(_("title"), max_length=200)
    work = models.TextField(_("work to be done"))
    estimate_fen = models.BigIntegerField(_("estimate (fen)"))
    emergency = models.CharField(
        _("emergency"), max_length=24, choices=Emergency.choices, blank=True
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    matter_id = models.PositiveIntegerField(_("owners' decision matter"), null=True, blank=True)
    owners_decided_on = models.DateField(_("owners decided on"), null=True, blank=True)
    review_note = models.TextField(_("pre-review note"), blank=True)
    reviewed_at = models.DateTimeField(_("pre-reviewed"), null=True, blank=True)
    reviewed_by = user_column(_("pre-reviewed by"))
    disbursement = models.OneToOneField(
        JournalEntry,
        verbose_name=_("disbursement entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    disbursed_at = models.DateTimeField(_("disbursed"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    publication_note = models.TextField(_("publication"), blank=True)
    node_path = node_path_column()

    scope = project_scope(owner=lambda g: Q(pk__in=_sharing_applications(g)))

    class Meta:
        verbose_name = _("fund-use application")
        verbose_name_plural = _("fund-use applications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "status"])]
        constraints = [
            models.CheckConstraint(
                name="funduse_estimate_positive", condition=Q(estimate_fen__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def source_ref(self) -> str:
        return f"funds.fund_use:{self.pk}"


def _sharing_applications(grant: Grant) -> Any:
    """Owners see the applications whose cost their own parts share."""
    from gongzhi.registry.models import Ownership

    parts = Ownership.objects.filter(owner__user_id=grant.user_id).values("part_id")
    return FundUseShare.objects.filter(part_id__in=parts).values("application_id")


class FundUseShare(ScopedModel):
    """A part sharing the cost of an application; its amount is set at disbursement."""

    application = foreign_key(FundUseApplication, _("application"), related_name="shares")
    part = foreign_key("registry.ExclusivePart", _("exclusive part"))
    area = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=2)
    amount_fen = models.BigIntegerField(_("share (fen)"), null=True, blank=True)

    scope = project_scope("application__", owner=owner_parts())

    class Meta:
        verbose_name = _("cost share")
        verbose_name_plural = _("cost shares")
        ordering = ["application", "part_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "part"], name="funduse_share_unique"),
        ]

    def __str__(self) -> str:
        return str(self.part_id)


class PerformanceBond(ScopedModel):
    """履约保证金 of one company for one project (seed 000 §16; 001 §三(二)4).

    Its status changes only through ``gongzhi.funds.workflow.BOND_FLOW``."""

    class Holder(models.TextChoices):
        STREET = "street", _("Street / town office")
        ASSEMBLY = "assembly", _("Owners' assembly account")

    class Status(models.TextChoices):
        HELD = "held", _("Held")
        REFUNDED = "refunded", _("Refunded")

    company = foreign_key("registry.PropertyCompany", _("property company"))
    project = foreign_key("registry.Project", _("project"))
    holder = models.CharField(_("held by"), max_length=10, choices=Holder.choices)
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    requirement = models.JSONField(_("requirement"), default=dict)
    account = models.OneToOneField(
        Account, verbose_name=_("ledger account"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    committee_opinion = models.TextField(_("committee's opinion"), blank=True)
    refunded_at = models.DateTimeField(_("refunded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    node_path = node_path_column()

    scope = Scope.columns()

    class Meta:
        verbose_name = _("performance bond")
        verbose_name_plural = _("performance bonds")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(name="bond_amount_positive", condition=Q(amount_fen__gt=0)),
            models.UniqueConstraint(
                fields=["company", "project"], condition=Q(status="held"), name="bond_one_held"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.project}"


class Deposit(ScopedModel):
    """A developer's deposit: the first assembly's preparation fund (seed 000 §19) or the
    quality warranty deposit (seed 000 §7). Released through ``DEPOSIT_FLOW``."""

    class Kind(models.TextChoices):
        PREPARATION = "preparation", _("Preparation fund")
        WARRANTY = "warranty", _("Quality warranty deposit")

    class Status(models.TextChoices):
        HELD = "held", _("Held")
        RELEASED = "released", _("Released")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    project = foreign_key("registry.Project", _("project"))
    amount_fen = models.BigIntegerField(_("amount (fen)"))
    basis = models.JSONField(_("basis"), default=dict)
    account = models.OneToOneField(
        Account, verbose_name=_("ledger account"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    release_note = models.TextField(_("release note"), blank=True)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    node_path = node_path_column()

    scope = project_scope()

    class Meta:
        verbose_name = _("developer deposit")
        verbose_name_plural = _("developer deposits")
        ordering = ["project", "kind"]
        constraints = [
            models.CheckConstraint(name="deposit_amount_positive", condition=Q(amount_fen__gt=0)),
            models.UniqueConstraint(fields=["project", "kind"], name="deposit_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.project}"


class RevenueStatement(ScopedModel):
    """The year's common-revenue statement a committee publishes (seed 000 §22): the
    totals by category, frozen when published."""

    project = foreign_key("registry.Project", _("project"))
    year = models.PositiveSmallIntegerField(_("year"))
    income_fen = models.BigIntegerField(_("income (fen)"))
    expense_fen = models.BigIntegerField(_("expenses (fen)"))
    lines = models.JSONField(_("lines"), default=list)
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    published_by = user_column(_("published by"))
    node_path = node_path_column()

    scope = project_scope(owner=owner_projects())

    class Meta:
        verbose_name = _("common-revenue statement")
        verbose_name_plural = _("common-revenue statements")
        ordering = ["project", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="revenue_statement_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.project} {self.year}"
