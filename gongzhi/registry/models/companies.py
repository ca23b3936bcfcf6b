"""The company register: property companies (物业服务企业), their qualifications and
staff, and their reports to the streets where they serve.

Seed 000 §11 (a company files with the bureau and reports to the street before serving,
with a project manager and engineers); seed 001 §三(二)3 (blacklisted companies).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key
from gongzhi.core.scoping import Grant, Scope, ScopedModel
from gongzhi.registry.models.housing import Project


class PropertyCompany(ScopedModel):
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
    filed_with = foreign_key("jurisdictions.Jurisdiction", _("filed with"))
    node_path = node_path_column()
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


class CompanyQualification(ScopedModel):
    """A licence or certificate a company holds (资质/证书), with its scan."""

    company = foreign_key(
        PropertyCompany,
        _("property company"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    name = models.CharField(_("qualification"), max_length=100)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    issued_by = models.CharField(_("issued by"), max_length=100, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    document = models.FileField(_("scan"), upload_to="qualifications/%Y/", blank=True)

    scope = _company_scope

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["company", "name"]

    def __str__(self) -> str:
        return self.name


class CompanyStaff(ScopedModel):
    """Engineers and project managers (项目负责人) a company must have (seed 000 §11)."""

    class Role(models.TextChoices):
        PROJECT_MANAGER = "project_manager", _("Project manager")
        ENGINEER = "engineer", _("Engineer")
        OTHER = "other", _("Other staff")

    company = foreign_key(
        PropertyCompany, _("property company"), on_delete=models.CASCADE, related_name="staff"
    )
    name = models.CharField(_("name"), max_length=64)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    specialty = models.CharField(_("specialty"), max_length=64, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=64, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    project = optional_foreign_key(
        "Project", _("project"), on_delete=models.SET_NULL, related_name="company_staff"
    )
    is_active = models.BooleanField(_("active"), default=True)

    scope = _company_scope

    class Meta:
        verbose_name = _("company staff member")
        verbose_name_plural = _("company staff")
        ordering = ["company", "role", "name"]

    def __str__(self) -> str:
        return self.name


class StreetReport(ScopedModel):
    """A filed company's report to a street where it serves (报街道, seed 000 §11)."""

    company = foreign_key(
        PropertyCompany,
        _("property company"),
        on_delete=models.CASCADE,
        related_name="street_reports",
    )
    street = foreign_key("jurisdictions.Jurisdiction", _("street"))
    node_path = node_path_column()
    reported_at = models.DateTimeField(_("reported"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)

    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = _("report to a street")
        verbose_name_plural = _("reports to streets")
        constraints = [
            models.UniqueConstraint(fields=["company", "street"], name="street_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.company} → {self.street}"
