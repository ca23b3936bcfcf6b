"""Fee standards and their published items (seed 000 §14,15; seed 004 §5)."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongzhi.contracts.models import ServiceGrade
from gongzhi.core.fields import foreign_key, node_path_column, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_projects


class PartKind(models.TextChoices):
    DWELLING = "dwelling", _("Dwelling")
    PARKING = "parking", _("Parking space")
    SHOP = "shop", _("Shop")


class FeeStandard(ScopedModel):
    """A project's fee standard by service grade and mode (seed 000 §15; 004 §5); its item
    list is what the company publishes (seed 000 §14) and the only thing it may bill."""

    Grade = ServiceGrade

    class Mode(models.TextChoices):
        LUMP_SUM = "lump_sum", _("Lump-sum (包干制)")
        REMUNERATION = "remuneration", _("Remuneration (酬金制)")
        MENU = "menu", _("Menu (菜单制)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    project = foreign_key("registry.Project", _("project"))
    company = foreign_key("registry.PropertyCompany", _("property company"))
    service_grade = models.CharField(_("service grade"), max_length=1, choices=Grade.choices)
    mode = models.CharField(_("fee mode"), max_length=16, choices=Mode.choices)
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective until"), null=True, blank=True)
    unrenovated_reduction = models.BooleanField(
        _("reduced fee for unrenovated parts agreed"), default=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    node_path = node_path_column()
    created_by = user_column(blank=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(
        node="node_path",
        company="company_id",
        project=lambda g: Q(project_id=g.project_id, status="published"),
        owner=lambda g: owner_projects()(g) & Q(status="published"),
    )

    class Meta:
        verbose_name = _("fee standard")
        verbose_name_plural = _("fee standards")
        ordering = ["project", "-effective_from", "-id"]
        indexes = [models.Index(fields=["project", "status", "effective_from"])]
        constraints = [
            models.CheckConstraint(
                name="fee_standard_dates",
                condition=Q(effective_to__isnull=True) | Q(effective_to__gt=F("effective_from")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.effective_from:%Y-%m-%d}"


class FeeItem(ScopedModel):
    """One published fee item (收费项目): name, part kind, basis and monthly price."""

    class Basis(models.TextChoices):
        AREA = "area", _("per m² per month")
        PART = "part", _("per part per month")

    standard = foreign_key(
        FeeStandard, _("fee standard"), on_delete=models.CASCADE, related_name="items"
    )
    name = models.CharField(_("item"), max_length=64)
    part_kind = models.CharField(_("part kind"), max_length=16, choices=PartKind.choices)
    basis = models.CharField(_("basis"), max_length=8, choices=Basis.choices)
    price = models.DecimalField(_("price (yuan)"), max_digits=10, decimal_places=4)

    scope = Scope(
        node="standard__node_path",
        company="standard__company_id",
        project=lambda g: Q(standard__project_id=g.project_id, standard__status="published"),
        owner=lambda g: owner_projects("standard__")(g) & Q(standard__status="published"),
    )

    class Meta:
        verbose_name = _("fee item")
        verbose_name_plural = _("fee items")
        ordering = ["standard", "part_kind", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "part_kind", "name"], name="fee_item_unique_name"
            ),
            models.CheckConstraint(name="fee_item_price_positive", condition=Q(price__gt=0)),
        ]

    def __str__(self) -> str:
        return self.name
