"""The housing register: projects (物业管理区域) with buildings, building units (单元)
and exclusive parts (专有部分).

Seeds 000 §15 (delivery status, vacant unrenovated parts), §34 (building units);
001 §二(二), §三 (categories, service modes); 004 §4. Areas are registered to 0.01 m²
(Decimal, two places).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.registry.models.scopes import owned_projects, owner_part_ids, project_scope


class Project(ScopedModel):
    """物业管理区域: one managed residential area in a community."""

    class Category(models.TextChoices):
        NEW = "new", _("New commercial housing")
        OLD = "old", _("Old residential area")
        RESETTLEMENT = "resettlement", _("Resettlement housing")
        PUBLIC_RENTAL = "public_rental", _("Public rental / affordable housing")

    class Formation(models.TextChoices):
        """Where the project stands on forming its owners' organisation (seed 000 §19, 21)."""

        NONE = "none", _("No owners' organisation")
        PREPARATION = "preparation", _("Preparation group formed")
        FIRST_ASSEMBLY = "first_assembly", _("First owners' assembly held")
        COMMITTEE = "committee", _("Owners' committee in office")
        MANAGEMENT_COMMITTEE = "management_committee", _("Property management committee")

    class ServiceMode(models.TextChoices):
        MARKET = "market", _("Market property company")
        SELF_MANAGED = "self_managed", _("Owner self-management")
        QUASI = "quasi", _("Community quasi-management")
        PUBLIC_INTEREST = "public_interest", _("Public-interest company")

    name = models.CharField(_("name"), max_length=200)
    community = foreign_key("jurisdictions.Jurisdiction", _("community"), related_name="projects")
    node_path = node_path_column()
    address = models.CharField(_("address"), max_length=255, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    service_mode = models.CharField(
        _("service mode"),
        max_length=16,
        choices=ServiceMode.choices,
        default=ServiceMode.MARKET,
    )
    company = optional_foreign_key(
        "PropertyCompany", _("property company"), related_name="projects"
    )
    developer = optional_foreign_key("Owner", _("developer"), related_name="developed_projects")
    completed_year = models.PositiveSmallIntegerField(_("year completed"), null=True, blank=True)
    total_building_area = models.DecimalField(
        _("total building area (m²)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    formation = models.CharField(
        _("owners' organisation"),
        max_length=24,
        choices=Formation.choices,
        default=Formation.NONE,
    )
    # The date of the last formation step (written only by the governance workflow, so the
    # event date lands in the transition's audit row; seed 000 §19).
    formation_changed_on = models.DateField(_("owners' organisation since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(node="node_path", company="company_id", project="id", owner=owned_projects)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["node_path", "name"]
        constraints = [
            models.UniqueConstraint(fields=["community", "name"], name="project_unique_name"),
            models.CheckConstraint(
                name="project_area_positive",
                condition=Q(total_building_area__isnull=True) | Q(total_building_area__gt=0),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Building(ScopedModel):
    project = foreign_key(Project, _("project"), related_name="buildings")
    name = models.CharField(_("building"), max_length=64)
    storeys = models.PositiveSmallIntegerField(_("storeys"))
    completed_year = models.PositiveSmallIntegerField(_("year completed"), null=True, blank=True)

    scope = project_scope()

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="building_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class BuildingUnit(ScopedModel):
    """单元: a stairwell of a building — the unit of elevator-retrofit votes (000 §34)."""

    building = foreign_key(Building, _("building"), related_name="units")
    project = foreign_key(Project)
    name = models.CharField(_("unit"), max_length=32)
    has_elevator = models.BooleanField(_("elevator"), default=False)
    storeys = models.PositiveSmallIntegerField(_("storeys"))

    scope = project_scope()

    class Meta:
        verbose_name = _("building unit")
        verbose_name_plural = _("building units")
        ordering = ["building", "name"]
        constraints = [
            models.UniqueConstraint(fields=["building", "name"], name="building_unit_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.building.name}-{self.name}"


class ExclusivePart(ScopedModel):
    """专有部分: a dwelling, parking space or shop with its registered area."""

    class Kind(models.TextChoices):
        DWELLING = "dwelling", _("Dwelling")
        PARKING = "parking", _("Parking space")
        SHOP = "shop", _("Shop")

    class Delivery(models.TextChoices):
        UNSOLD = "unsold", _("Unsold")
        SOLD_UNDELIVERED = "sold_undelivered", _("Sold, not delivered")
        DELIVERED = "delivered", _("Delivered")

    project = foreign_key(Project, _("project"), related_name="parts")
    building_unit = optional_foreign_key(BuildingUnit, _("building unit"), related_name="parts")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DWELLING)
    number = models.CharField(_("number"), max_length=32)
    floor = models.SmallIntegerField(_("floor"), null=True, blank=True)
    area = models.DecimalField(_("registered area (m²)"), max_digits=10, decimal_places=2)
    use = models.CharField(_("use"), max_length=32, blank=True)
    delivery = models.CharField(
        _("delivery status"), max_length=20, choices=Delivery.choices, default=Delivery.DELIVERED
    )
    vacant_unrenovated = models.BooleanField(_("vacant and unrenovated"), default=False)

    scope = project_scope(owner=lambda g: Q(pk__in=owner_part_ids(g)))

    class Meta:
        verbose_name = _("exclusive part")
        verbose_name_plural = _("exclusive parts")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="part_unique_number"),
            models.CheckConstraint(name="part_area_positive", condition=Q(area__gt=0)),
        ]

    def __str__(self) -> str:
        return self.number
