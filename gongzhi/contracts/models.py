"""Property-service contracts and their filing (seed 000 §11,16; seed 004 §8).

A contract (前期物业服务合同 or 物业服务合同) between a property company and a project is
drafted by the company, reviewed by the street of the project and filed (备案) by the
housing bureau. Its status changes only through ``gongzhi.contracts.workflow``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, user_column
from gongzhi.core.models import Created
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_projects


class ServiceGrade(models.TextChoices):
    """The grade of service a contract promises and a fee standard prices (seed 000 §15;
    004 §5): ``ServiceContract.Grade`` and ``fees.FeeStandard.Grade``."""

    GRADE_1 = "1", _("Grade 1")
    GRADE_2 = "2", _("Grade 2")
    GRADE_3 = "3", _("Grade 3")
    GRADE_4 = "4", _("Grade 4")
    GRADE_5 = "5", _("Grade 5")


class ServiceContract(Created, ScopedModel):
    """A property-service contract of one project with one company (seed 000 §11,16)."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminary property service contract")
        REGULAR = "regular", _("Property service contract")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted to the street")
        STREET_REVIEWED = "street_reviewed", _("Reviewed by the street")
        RETURNED = "returned", _("Returned for correction")
        FILED = "filed", _("Filed")
        ENDED = "ended", _("Ended")

    Grade = ServiceGrade

    class FeeMode(models.TextChoices):
        LUMP_SUM = "lump_sum", _("Lump-sum (包干制)")
        REMUNERATION = "remuneration", _("Remuneration (酬金制)")

    project = foreign_key("registry.Project", _("project"), related_name="service_contracts")
    company = foreign_key(
        "registry.PropertyCompany", _("property company"), related_name="service_contracts"
    )
    kind = models.CharField(_("contract kind"), max_length=16, choices=Kind.choices)
    signed_on = models.DateField(_("signed on"))
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    service_grade = models.CharField(_("service grade"), max_length=1, choices=Grade.choices)
    fee_per_m2_month = models.DecimalField(
        _("fee standard (yuan per m² per month)"), max_digits=8, decimal_places=2
    )
    fee_mode = models.CharField(_("fee mode"), max_length=16, choices=FeeMode.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    street_reviewed_at = models.DateTimeField(_("reviewed by the street"), null=True, blank=True)
    street_reviewed_by = user_column(_("street reviewer"))
    filed_at = models.DateTimeField(_("filed"), null=True, blank=True)
    filed_by = user_column(_("filed by"))
    return_note = models.TextField(_("reason for return"), blank=True)
    # Set by ``contract_end`` when the company leaves the project (gongzhi.lifecycle exit).
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.TextField(_("reason the contract ended"), blank=True)
    # Copied from the project's community when created, for subtree scoping.
    node_path = node_path_column()
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # Owners read the filed contracts of projects where they hold a part (public info).
    scope = Scope.columns(owner=owner_projects(status=Status.FILED))

    class Meta:
        verbose_name = _("property service contract")
        verbose_name_plural = _("property service contracts")
        ordering = ["-signed_on", "-id"]
        indexes = [models.Index(fields=["project", "kind", "status"])]
        constraints = [
            models.CheckConstraint(
                name="contract_term_order", condition=Q(term_end__gt=models.F("term_start"))
            ),
            models.CheckConstraint(
                name="contract_fee_positive", condition=Q(fee_per_m2_month__gt=0)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.company} · {self.signed_on:%Y-%m-%d}"


class ContractAttachment(Attachment):
    """A scan of the contract, the provisional rules (临时管理规约, seed 004 §8) or another
    document; content checked with ``gongzhi.core.uploads.validate_upload``."""

    class Kind(models.TextChoices):
        CONTRACT_TEXT = "contract_text", _("Contract text")
        PROVISIONAL_RULES = "provisional_rules", _("Provisional management rules")
        OTHER = "other", _("Other document")

    contract = foreign_key(
        ServiceContract, _("contract"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("document kind"), max_length=20, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="contracts/%Y/")

    scope = Scope.columns(
        "contract__", owner=owner_projects("contract__", status=ServiceContract.Status.FILED)
    )

    class Meta:
        verbose_name = _("contract attachment")
        verbose_name_plural = _("contract attachments")
        ordering = ["contract", "kind", "id"]

    @property
    def node_path(self) -> str:
        return self.contract.node_path
