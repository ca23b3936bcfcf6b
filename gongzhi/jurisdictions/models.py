"""The jurisdiction tree: district/city → street/town → community (seed 004: four levels).

Materialised path: every node stores ``path`` = its ancestors' ids and its own, so
"everything below this street" is one indexed prefix filter (``path__startswith``).
Rows in other apps copy their community's path into an indexed ``node_path`` column.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key
from gongzhi.core.scoping import Scope, ScopedModel

PATH_SEGMENT_WIDTH = 8
PATH_SEPARATOR = "/"


class Level(models.TextChoices):
    CITY = "city", _("City")
    DISTRICT = "district", _("District")
    NEW_AREA = "new_area", _("New area")
    NEW_CITY = "new_city", _("New city")
    STREET = "street", _("Street / town")
    COMMUNITY = "community", _("Community")


class Jurisdiction(ScopedModel):
    name = models.CharField(_("name"), max_length=100)
    division_code = models.CharField(
        _("administrative division code"),
        max_length=12,
        blank=True,
        help_text=_("GB/T 2260 code, 6 to 12 digits, optional."),
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = optional_foreign_key("self", _("parent"), related_name="children")
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("depth"), editable=False, default=0)
    profile_id = models.CharField(
        _("policy profile"),
        max_length=64,
        blank=True,
        help_text=_("Empty: use the nearest ancestor's profile."),
    )
    phone = models.CharField(_("office phone"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(node="path")

    class Meta:
        verbose_name = _("jurisdiction")
        verbose_name_plural = _("jurisdictions")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="jurisdiction_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def path_segment(pk: int) -> str:
        return f"{pk:0{PATH_SEGMENT_WIDTH}d}{PATH_SEPARATOR}"

    def ancestor_ids(self) -> list[int]:
        return [int(seg) for seg in self.path.split(PATH_SEPARATOR) if seg]


class Department(ScopedModel):
    """A functional department (职责清单: 市场监管, 城管执法, 消防救援 …) at a node."""

    class Kind(models.TextChoices):
        HOUSING = "housing", _("Housing and urban-rural development")
        MARKET_REGULATION = "market_regulation", _("Market regulation")
        URBAN_MANAGEMENT = "urban_management", _("Urban management and law enforcement")
        PUBLIC_SECURITY = "public_security", _("Public security")
        FIRE_RESCUE = "fire_rescue", _("Fire and rescue")
        EMERGENCY = "emergency", _("Emergency management")
        HEALTH = "health", _("Health")
        EDUCATION = "education", _("Education")
        ECOLOGY = "ecology", _("Ecology and environment")
        NATURAL_RESOURCES = "natural_resources", _("Natural resources and planning")
        HUMAN_RESOURCES = "human_resources", _("Human resources and social security")
        CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs")
        JUSTICE = "justice", _("Justice")
        PETITIONS = "petitions", _("Letters and visits")
        INDUSTRY = "industry", _("Industry and information technology")
        CULTURE_TOURISM = "culture_tourism", _("Culture and tourism")
        FINANCE = "finance", _("Finance")
        DEVELOPMENT_REFORM = "development_reform", _("Development and reform")
        UTILITIES = "utilities", _("Utilities (water, power, gas, heating)")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    node = foreign_key(Jurisdiction, _("jurisdiction"), related_name="departments")
    node_path = node_path_column()
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    scope = Scope(node="node_path", department="id")

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["node_path", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["node", "kind"], name="department_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.name
