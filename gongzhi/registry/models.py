"""The register: property companies, projects (物业管理区域) with buildings, building
units and exclusive parts, owners and their shares, owners' committees.

Seeds 000 §11,16,19–22; 001 §三; 003 §五; 004 §2,8. Areas are registered to 0.01 m²
(Decimal, two places); shares are exact fractions stored as numerator/denominator.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.scoping import Grant, Scope, ScopedManager


def _owner_project_ids(grant: Grant) -> models.QuerySet[ExclusivePart]:
    """The projects in which the signed-in owner holds a part (a subquery)."""
    return ExclusivePart.objects.filter(ownerships__owner__user_id=grant.user_id).values(
        "project_id"
    )


def _owner_projects(grant: Grant) -> Q:
    return Q(pk__in=_owner_project_ids(grant))


class PropertyCompany(models.Model):
    """物业服务企业. Only a filed company may be given a project or a contract (000 §11)."""

    class FilingStatus(models.TextChoices):
        UNFILED = "unfiled", _("Not filed")
        SUBMITTED = "submitted", _("Filing submitted")
        FILED = "filed", _("Filed")
        REJECTED = "rejected", _("Filing returned")
        REVOKED = "revoked", _("Filing revoked")

    name = models.CharField(_("name"), max_length=200)
    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    legal_representative = models.CharField(_("legal representative"), max_length=64)
    contact_name = models.CharField(_("contact person"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=32, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    # The bureau node the company files with; officials of that subtree supervise it.
    filed_with = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("filed with"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    node_path = models.CharField(max_length=255, db_index=True, editable=False)
    filing_status = models.CharField(
        _("filing status"),
        max_length=16,
        choices=FilingStatus.choices,
        default=FilingStatus.UNFILED,
    )
    filed_at = models.DateField(_("filed on"), null=True, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    filing_submitted_at = models.DateTimeField(_("filing submitted"), null=True, blank=True)
    filing_note = models.TextField(_("filing note"), blank=True)
    # Maintained by the credit domain (seed 001 §三(二)3); read here to refuse contracts.
    blacklisted_since = models.DateField(_("blacklisted since"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(
        node=lambda g: (
            Q(node_path__startswith=g.node_path)
            | Q(
                pk__in=Project.objects.filter(node_path__startswith=g.node_path).values(
                    "company_id"
                )
            )
        ),
        company="id",
        project=lambda g: Q(pk__in=Project.objects.filter(pk=g.project_id).values("company_id")),
    )

    class Meta:
        verbose_name = _("property company")
        verbose_name_plural = _("property companies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_filed(self) -> bool:
        return self.filing_status == self.FilingStatus.FILED

    @property
    def is_blacklisted(self) -> bool:
        return self.blacklisted_since is not None


def _company_rows_for_node(grant: Grant) -> Q:
    return Q(company__node_path__startswith=grant.node_path) | Q(
        company__in=Project.objects.filter(node_path__startswith=grant.node_path).values(
            "company_id"
        )
    )


_company_scope = Scope(node=_company_rows_for_node, company="company_id")


class CompanyQualification(models.Model):
    """A licence or certificate a company holds (资质/证书), with its scan."""

    company = models.ForeignKey(
        PropertyCompany,
        verbose_name=_("property company"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    name = models.CharField(_("qualification"), max_length=100)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document = models.FileField(_("scan"), upload_to="qualifications/%Y/", blank=True)

    objects = ScopedManager()
    scope = _company_scope

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["company", "name"]

    def __str__(self) -> str:
        return self.name


class CompanyStaff(models.Model):
    """Engineers and project managers (项目负责人) a company must have (seed 000 §11)."""

    class Role(models.TextChoices):
        PROJECT_MANAGER = "project_manager", _("Project manager")
        ENGINEER = "engineer", _("Engineer")
        OTHER = "other", _("Other staff")

    company = models.ForeignKey(
        PropertyCompany,
        verbose_name=_("property company"),
        on_delete=models.CASCADE,
        related_name="staff",
    )
    name = models.CharField(_("name"), max_length=64)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    specialty = models.CharField(_("specialty"), max_length=64, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    project = models.ForeignKey(
        "Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="company_staff",
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = ScopedManager()
    scope = _company_scope

    class Meta:
        verbose_name = _("company staff member")
        verbose_name_plural = _("company staff")
        ordering = ["company", "role", "name"]

    def __str__(self) -> str:
        return self.name


class StreetReport(models.Model):
    """A filed company's report to a street where it serves (报街道, seed 000 §11)."""

    company = models.ForeignKey(
        PropertyCompany,
        verbose_name=_("property company"),
        on_delete=models.CASCADE,
        related_name="street_reports",
    )
    street = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("street"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    node_path = models.CharField(max_length=255, db_index=True, editable=False)
    reported_at = models.DateTimeField(_("reported"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = _("report to a street")
        verbose_name_plural = _("reports to streets")
        constraints = [
            models.UniqueConstraint(fields=["company", "street"], name="street_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.street}"


class Owner(models.Model):
    """A natural person (居民身份证) or an organisation (统一社会信用代码), incl. developers."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Natural person")
        ORGANISATION = "organisation", _("Organisation")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(_("ID card number"), max_length=18, blank=True)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_developer = models.BooleanField(_("developer"), default=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owner_records",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope = Scope(
        node=lambda g: Q(
            pk__in=Ownership.objects.filter(
                part__project__node_path__startswith=g.node_path
            ).values("owner_id")
        ),
        company=lambda g: Q(
            pk__in=Ownership.objects.filter(part__project__company_id=g.company_id).values(
                "owner_id"
            )
        ),
        owner="user_id",
    )

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                name="owner_identifier_matches_kind",
                condition=Q(kind="person", uscc="") | Q(kind="organisation", id_number=""),
            ),
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="owner_unique_id_number"
            ),
            models.UniqueConstraint(
                fields=["uscc"], condition=~Q(uscc=""), name="owner_unique_uscc"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
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
    community = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    node_path = models.CharField(max_length=255, db_index=True, editable=False)
    address = models.CharField(_("address"), max_length=255, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    service_mode = models.CharField(
        _("service mode"),
        max_length=16,
        choices=ServiceMode.choices,
        default=ServiceMode.MARKET,
    )
    company = models.ForeignKey(
        PropertyCompany,
        verbose_name=_("property company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    developer = models.ForeignKey(
        Owner,
        verbose_name=_("developer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="developed_projects",
    )
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

    objects = ScopedManager()
    scope = Scope(node="node_path", company="company_id", project="id", owner=_owner_projects)

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


_project_scope = Scope(
    node="project__node_path",
    company="project__company_id",
    project="project_id",
    owner=lambda g: Q(project_id__in=_owner_project_ids(g)),
)


class Building(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="buildings"
    )
    name = models.CharField(_("building"), max_length=64)
    storeys = models.PositiveSmallIntegerField(_("storeys"))
    completed_year = models.PositiveSmallIntegerField(_("year completed"), null=True, blank=True)

    objects = ScopedManager()
    scope = _project_scope

    class Meta:
        verbose_name = _("building")
        verbose_name_plural = _("buildings")
        ordering = ["project", "name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "name"], name="building_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class BuildingUnit(models.Model):
    """单元: a stairwell of a building — the unit of elevator-retrofit votes (000 §34)."""

    building = models.ForeignKey(
        Building, verbose_name=_("building"), on_delete=models.PROTECT, related_name="units"
    )
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("unit"), max_length=32)
    has_elevator = models.BooleanField(_("elevator"), default=False)
    storeys = models.PositiveSmallIntegerField(_("storeys"))

    objects = ScopedManager()
    scope = _project_scope

    class Meta:
        verbose_name = _("building unit")
        verbose_name_plural = _("building units")
        ordering = ["building", "name"]
        constraints = [
            models.UniqueConstraint(fields=["building", "name"], name="building_unit_unique_name"),
        ]

    def __str__(self) -> str:
        return f"{self.building.name}-{self.name}"


class ExclusivePart(models.Model):
    """专有部分: a dwelling, parking space or shop with its registered area."""

    class Kind(models.TextChoices):
        DWELLING = "dwelling", _("Dwelling")
        PARKING = "parking", _("Parking space")
        SHOP = "shop", _("Shop")

    class Delivery(models.TextChoices):
        UNSOLD = "unsold", _("Unsold")
        SOLD_UNDELIVERED = "sold_undelivered", _("Sold, not delivered")
        DELIVERED = "delivered", _("Delivered")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="parts"
    )
    building_unit = models.ForeignKey(
        BuildingUnit,
        verbose_name=_("building unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="parts",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DWELLING)
    number = models.CharField(_("number"), max_length=32)
    floor = models.SmallIntegerField(_("floor"), null=True, blank=True)
    area = models.DecimalField(_("registered area (m²)"), max_digits=10, decimal_places=2)
    use = models.CharField(_("use"), max_length=32, blank=True)
    delivery = models.CharField(
        _("delivery status"), max_length=20, choices=Delivery.choices, default=Delivery.DELIVERED
    )
    vacant_unrenovated = models.BooleanField(_("vacant and unrenovated"), default=False)

    objects = ScopedManager()
    scope = Scope(
        node="project__node_path",
        company="project__company_id",
        project="project_id",
        owner=lambda g: Q(
            pk__in=Ownership.objects.filter(owner__user_id=g.user_id).values("part_id")
        ),
    )

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


class Ownership(models.Model):
    """An owner's share of an exclusive part (exact fraction numerator/denominator)."""

    part = models.ForeignKey(
        ExclusivePart,
        verbose_name=_("exclusive part"),
        on_delete=models.CASCADE,
        related_name="ownerships",
    )
    owner = models.ForeignKey(
        Owner, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="ownerships"
    )
    share_numerator = models.PositiveIntegerField(_("share numerator"), default=1)
    share_denominator = models.PositiveIntegerField(_("share denominator"), default=1)
    since = models.DateField(_("since"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(
        node="part__project__node_path",
        company="part__project__company_id",
        project="part__project_id",
        owner="owner__user_id",
    )

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        constraints = [
            models.UniqueConstraint(fields=["part", "owner"], name="ownership_unique"),
            models.CheckConstraint(
                name="ownership_share_valid",
                condition=Q(share_numerator__gt=0)
                & Q(share_numerator__lte=models.F("share_denominator")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} · {self.part}"


class Occupant(models.Model):
    """物业使用人: a tenant or family member living in a part, recorded apart from owners."""

    class Kind(models.TextChoices):
        TENANT = "tenant", _("Tenant")
        FAMILY = "family", _("Family member")
        OTHER = "other", _("Other")

    part = models.ForeignKey(
        ExclusivePart,
        verbose_name=_("exclusive part"),
        on_delete=models.CASCADE,
        related_name="occupants",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=64)
    id_number = models.CharField(_("ID card number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    moved_in = models.DateField(_("moved in"), null=True, blank=True)
    moved_out = models.DateField(_("moved out"), null=True, blank=True)

    objects = ScopedManager()
    scope = Scope(
        node="part__project__node_path",
        company="part__project__company_id",
        project="part__project_id",
        owner=lambda g: Q(
            part_id__in=Ownership.objects.filter(owner__user_id=g.user_id).values("part_id")
        ),
    )

    class Meta:
        verbose_name = _("occupant")
        verbose_name_plural = _("occupants")
        ordering = ["part", "name"]
        constraints = [
            models.CheckConstraint(
                name="occupant_dates_order",
                condition=Q(moved_out__isnull=True)
                | Q(moved_in__isnull=True)
                | Q(moved_out__gte=models.F("moved_in")),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OwnersCommittee(models.Model):
    """业主委员会, or 物业管理委员会 where no owners' committee exists (000 §19)."""

    class Kind(models.TextChoices):
        OWNERS_COMMITTEE = "owners_committee", _("Owners' committee")
        MANAGEMENT_COMMITTEE = "management_committee", _("Property management committee")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.PROTECT, related_name="committees"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    seats = models.PositiveSmallIntegerField(_("seats"), default=5)
    filed_at = models.DateField(_("filed on"), null=True, blank=True)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_current = models.BooleanField(_("current"), default=True)

    objects = ScopedManager()
    scope = _project_scope

    class Meta:
        verbose_name = _("owners' committee")
        verbose_name_plural = _("owners' committees")
        constraints = [
            models.CheckConstraint(
                name="committee_term_order", condition=Q(term_end__gt=models.F("term_start"))
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(is_current=True), name="committee_one_current"
            ),
            models.CheckConstraint(name="committee_seats_positive", condition=Q(seats__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_kind_display()}"


class CommitteeMember(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")

    committee = models.ForeignKey(
        OwnersCommittee,
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    owner = models.ForeignKey(
        Owner, verbose_name=_("owner"), null=True, blank=True, on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=64)
    position = models.CharField(_("position"), max_length=16, choices=Position.choices)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    party_member = models.BooleanField(_("party member"), default=False)

    objects = ScopedManager()
    scope = Scope(
        node="committee__project__node_path",
        company="committee__project__company_id",
        project="committee__project_id",
        owner=lambda g: Q(committee__project_id__in=_owner_project_ids(g)),
    )

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")

    def __str__(self) -> str:
        return self.name
