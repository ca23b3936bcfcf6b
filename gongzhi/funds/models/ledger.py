"""The one double-entry ledger every fund uses.

An :class:`Account` belongs to one fund and one holder (an exclusive part, a project, a
company, a street, the finance bureau); its ``kind`` fixes its normal side (assets and
expenses are debit-normal, liabilities and income credit-normal). A
:class:`JournalEntry` is a dated, referenced set of :class:`Posting` rows whose debits
equal their credits; it is written only by ``gongzhi.funds.ledger.post``. Entries and
postings are never edited or deleted (the models refuse it): a correction is a reversing
entry. ``Account.balance_fen`` is a cache of the sum of its postings, proved by the
reconciliation report (``funds reconcile``).
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key
from gongzhi.core.models import Created
from gongzhi.core.scoping import ScopedModel, ScopedQuerySet
from gongzhi.funds.models.scopes import owner_parts, project_scope


class ImmutableError(Exception):
    """A write that would change the ledger's history."""


class Fund(models.TextChoices):
    MAINTENANCE = "maintenance", _("Maintenance fund")
    OLD_PROJECT = "old_project", _("Old-project repair fund")
    PERFORMANCE_BOND = "performance_bond", _("Performance bond")
    PREPARATION = "preparation", _("Preparation fund")
    WARRANTY = "warranty", _("Quality warranty deposit")
    COMMON_REVENUE = "common_revenue", _("Common revenue")
    # the district's basic-service subsidy to companies in old projects (gongzhi.oldprojects)
    OLD_PROJECT_SUBSIDY = "old_subsidy", _("Old-project service subsidy")


class Side(models.TextChoices):
    DEBIT = "D", _("Debit")
    CREDIT = "C", _("Credit")


class Account(ScopedModel):
    """One ledger account: a fund, a holder and a kind (hence a normal side)."""

    class Kind(models.TextChoices):
        ASSET = "asset", _("Money held")
        LIABILITY = "liability", _("Owed to the holder")
        INCOME = "income", _("Income")
        EXPENSE = "expense", _("Expense")

    class Holder(models.TextChoices):
        PART = "part", _("Exclusive part")
        PROJECT = "project", _("Project")
        COMPANY = "company", _("Property company")
        STREET = "street", _("Street / town office")
        FINANCE = "finance", _("District finance")
        ASSEMBLY = "assembly", _("Owners' assembly")
        BUREAU = "bureau", _("Housing bureau")
        DEVELOPER = "developer", _("Developer")

    key = models.CharField(_("key"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    fund = models.CharField(_("fund"), max_length=20, choices=Fund.choices)
    kind = models.CharField(_("account kind"), max_length=10, choices=Kind.choices)
    holder = models.CharField(_("holder"), max_length=10, choices=Holder.choices)
    category = models.CharField(_("category"), max_length=32, blank=True)
    project = optional_foreign_key("registry.Project", _("project"))
    part = optional_foreign_key("registry.ExclusivePart", _("exclusive part"))
    company = optional_foreign_key("registry.PropertyCompany", _("property company"))
    # The cached balance on the account's normal side, in fen: the sum of its postings.
    balance_fen = models.BigIntegerField(_("balance (fen)"), default=0)
    node_path = node_path_column()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = project_scope(owner=owner_parts())

    class Meta:
        verbose_name = _("ledger account")
        verbose_name_plural = _("ledger accounts")
        ordering = ["key"]
        indexes = [
            models.Index(fields=["project", "fund", "kind"]),
            models.Index(fields=["part", "fund"]),
        ]
        constraints = [
            # No account may be overdrawn: an owner's share, a bond or a bank balance
            # below zero would mean money spent that was never there.
            models.CheckConstraint(name="account_not_overdrawn", condition=Q(balance_fen__gte=0)),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def debit_normal(kind: str) -> bool:
        """Whether a debit raises the balance of an account of ``kind`` (assets and
        expenses); a credit raises the others'."""
        return kind in (Account.Kind.ASSET, Account.Kind.EXPENSE)

    @property
    def normal_side(self) -> str:
        return Side.DEBIT if self.debit_normal(self.kind) else Side.CREDIT


class _AppendOnlyQuerySet(ScopedQuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise ImmutableError("ledger rows are never updated; post a reversing entry")

    def delete(self) -> NoReturn:
        raise ImmutableError("ledger rows are never deleted; post a reversing entry")


class _AppendOnlyManager(models.Manager.from_queryset(_AppendOnlyQuerySet)):  # type: ignore[misc]
    pass


class _AppendOnly(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ImmutableError("ledger rows are never updated; post a reversing entry")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise ImmutableError("ledger rows are never deleted; post a reversing entry")


class JournalEntry(Created, _AppendOnly):
    """A balanced set of postings: one event in one fund (a deposit, a disbursement …)."""

    fund = models.CharField(_("fund"), max_length=20, choices=Fund.choices)
    project = optional_foreign_key("registry.Project", _("project"))
    date = models.DateField(_("date"))
    memo = models.CharField(_("memo"), max_length=255)
    reference = models.CharField(_("reference"), max_length=80, blank=True, db_index=True)
    reversal_of = models.OneToOneField(
        "self",
        verbose_name=_("reverses"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversed_by",
    )
    node_path = node_path_column()

    objects = _AppendOnlyManager()
    scope = project_scope()

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["project", "fund", "date"])]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.memo}"


class Posting(_AppendOnly):
    """One side of an entry: an amount in fen to the debit or credit of one account."""

    entry = foreign_key(JournalEntry, _("entry"), related_name="postings")
    account = foreign_key(Account, _("account"), related_name="postings")
    side = models.CharField(_("side"), max_length=1, choices=Side.choices)
    amount_fen = models.BigIntegerField(_("amount (fen)"))

    objects = _AppendOnlyManager()
    scope = project_scope("account__", owner=owner_parts("account__"))

    class Meta:
        verbose_name = _("posting")
        verbose_name_plural = _("postings")
        ordering = ["entry", "id"]
        indexes = [models.Index(fields=["account", "entry"])]
        constraints = [
            models.CheckConstraint(name="posting_amount_positive", condition=Q(amount_fen__gt=0)),
            models.CheckConstraint(name="posting_side_valid", condition=Q(side__in=["D", "C"])),
        ]

    def __str__(self) -> str:
        return f"{self.side} {self.amount_fen}"
