"""Credit of property companies: records, appeals, yearly scores, the blacklist, its
letters, and random inspection plans (seed 000 §17; 001 §三(二)3, §四; 002 §二(一)3;
003 §五(二)1(7), §六; 004 §8,10,15–16).

Every row belongs to one company. Officials see the companies filed in their subtree or
serving a project there (the registry's rule for companies); company staff see their
own company's rows; the public page reads only public, active records and grades.
Record and appeal states change only through ``gongzhi.credit.workflow``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Grant, Scope, ScopedModel


def _by_company(prefix: str = "") -> Scope:
    """Rows of companies filed in the official's subtree or serving a project there."""

    def node(grant: Grant) -> Q:
        from gongzhi.registry.models import Project

        serving = Project.objects.filter(node_path__startswith=grant.node_path).values("company_id")
        return Q(**{f"{prefix}company__node_path__startswith": grant.node_path}) | Q(
            **{f"{prefix}company_id__in": serving}
        )

    company: Callable[[Grant], Q] = lambda g: Q(**{f"{prefix}company_id": g.company_id})  # noqa: E731
    return Scope(node=node, company=company)


class Source(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint found substantiated")
    ASSESSMENT = "assessment", _("Assessment result")
    PENALTY = "penalty", _("Administrative penalty")
    AWARD = "award", _("Award")
    EXIT_MISCONDUCT = "exit_misconduct", _("Exit misconduct")
    LATE_FILING = "late_filing", _("Contract not filed in time")
    TALK = "talk", _("Warning talk")
    MANUAL = "manual", _("Manual entry")


class CreditRecord(ScopedModel):
    """A good or bad fact about a company (or one of its project managers) with points
    copied from the profile's catalogue when it was recorded."""

    class Status(models.TextChoices):
        PENDING = "pending_approval", _("Awaiting approval")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Nature(models.TextChoices):
        GOOD = "good", _("Good")
        BAD = "bad", _("Bad")

    company = foreign_key(
        "registry.PropertyCompany", _("property company"), related_name="credit_records"
    )
    project = optional_foreign_key("registry.Project", _("project"), on_delete=models.SET_NULL)
    manager_name = models.CharField(_("project manager"), max_length=64, blank=True)
    manager_id_number = models.CharField(_("project manager ID number"), max_length=18, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    kind_code = models.CharField(_("kind"), max_length=64)
    kind_label_zh = models.CharField(max_length=100)
    kind_label_en = models.CharField(max_length=100)
    nature = models.CharField(_("nature"), max_length=4, choices=Nature.choices)
    points = models.IntegerField(_("points"))
    serious = models.BooleanField(_("serious dishonesty"), default=False)
    public = models.BooleanField(_("public"), default=True)
    citation = models.CharField(_("source clause"), max_length=255, blank=True)
    occurred_on = models.DateField(_("date"))
    valid_until = models.DateField(_("valid until"))
    evidence = models.TextField(_("supporting evidence"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    # "complaint:<id>", "assessment:<id>" or "contract:<id>": an automatic cause creates
    # at most one record.
    origin = models.CharField(max_length=64, null=True, blank=True, unique=True, editable=False)
    entered_by = user_column(_("entered by"))
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    approved_by = user_column(_("approved by"))
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    node_path = node_path_column()

    scope = _by_company()

    class Meta:
        verbose_name = _("credit record")
        verbose_name_plural = _("credit records")
        ordering = ["-occurred_on", "-id"]
        indexes = [
            models.Index(fields=["company", "status", "occurred_on"]),
            models.Index(fields=["status", "valid_until"]),
        ]
        constraints = [
            models.CheckConstraint(name="credit_points_not_zero", condition=~Q(points=0)),
            models.CheckConstraint(
                name="credit_validity_order", condition=Q(valid_until__gte=F("occurred_on"))
            ),
            models.CheckConstraint(
                name="credit_second_officer_approves",
                condition=Q(approved_by__isnull=True)
                | Q(entered_by__isnull=True)
                | ~Q(approved_by=F("entered_by")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.kind_label_zh} · {self.occurred_on:%Y-%m-%d}"

    @property
    def kind_label(self) -> str:
        """The kind in the active language (labels come from the profile's catalogue)."""
        return self.kind_label_zh if (get_language() or "").startswith("zh") else self.kind_label_en


class RecordAttachment(Attachment):
    """A scan or photo backing a record; checked with ``core.uploads.validate_upload``."""

    record = foreign_key(CreditRecord, _("record"), on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="credit/%Y/")

    scope = _by_company("record__")

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["id"]


class Appeal(ScopedModel):
    """异议: the company disputes a record; an officer upholds the record or withdraws it."""

    class Status(models.TextChoices):
        OPEN = "open", _("Under review")
        UPHELD = "upheld", _("Record upheld")
        WITHDRAWN = "withdrawn", _("Record withdrawn")

    record = foreign_key(CreditRecord, _("record"), related_name="appeals")
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    filed_by = user_column(_("appellant"), blank=False)
    filed_at = models.DateTimeField(_("appealed on"), auto_now_add=True)
    decided_by = user_column(_("reviewed by"))
    decided_at = models.DateTimeField(_("reviewed on"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    node_path = node_path_column()

    scope = _by_company("record__")

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-filed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"], condition=Q(status="open"), name="credit_one_open_appeal"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record} · {self.get_status_display()}"


class CreditScore(ScopedModel):
    """A company's materialised score and grade for one year (recomputed by a service)."""

    company = foreign_key(
        "registry.PropertyCompany",
        _("property company"),
        on_delete=models.CASCADE,
        related_name="credit_scores",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    base = models.IntegerField(_("base score"))
    points = models.IntegerField(_("points from records"))
    record_count = models.PositiveIntegerField(_("records"))
    score = models.IntegerField(_("score"))
    grade = models.CharField(_("grade"), max_length=16)
    profile_id = models.CharField(max_length=64)
    computed_at = models.DateTimeField(_("computed"))

    scope = _by_company()

    class Meta:
        verbose_name = _("credit score")
        verbose_name_plural = _("credit scores")
        ordering = ["company", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["company", "year"], name="credit_score_per_year"),
            models.CheckConstraint(name="credit_score_not_negative", condition=Q(score__gte=0)),
        ]
        indexes = [models.Index(fields=["year", "grade"])]

    def __str__(self) -> str:
        return f"{self.company} · {self.year} · {self.score}"


class Blacklisting(ScopedModel):
    """A company on the blacklist (seed 001 §三(二)3), from ``since`` until it is lifted."""

    company = foreign_key(
        "registry.PropertyCompany", _("property company"), related_name="blacklistings"
    )
    since = models.DateField(_("blacklisted since"))
    until = models.DateField(_("lasts until"), null=True, blank=True)
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    # The rules core's explanation in its stored shape (gongzhi.core.explain.stored),
    # shown translated in the reader's language.
    reason = models.JSONField(_("reason"), default=dict)
    records = models.ManyToManyField(CreditRecord, verbose_name=_("records"), blank=True)
    node_path = node_path_column()

    scope = _by_company()

    class Meta:
        verbose_name = _("blacklisting")
        verbose_name_plural = _("blacklistings")
        ordering = ["-since", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company"],
                condition=Q(lifted_on__isnull=True),
                name="credit_one_active_blacklisting",
            )
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.since:%Y-%m-%d}"

    @property
    def active(self) -> bool:
        return self.lifted_on is None


class NotificationLetter(ScopedModel):
    """A letter a blacklisting produces: 抄告 to a department the profile names, or written
    advice to a client (the owners' committee or developer of a project the company serves)."""

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Notification to a department")
        CLIENT = "client", _("Advice to a client")

    blacklisting = foreign_key(
        Blacklisting, _("blacklisting"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("letter kind"), max_length=12, choices=Kind.choices)
    addressee = models.CharField(_("addressee"), max_length=200)
    project = optional_foreign_key("registry.Project", _("project"), on_delete=models.SET_NULL)
    issued_on = models.DateField(_("issued on"))
    number = models.CharField(_("letter number"), max_length=32, unique=True)

    scope = _by_company("blacklisting__")

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["blacklisting", "kind", "id"]

    def __str__(self) -> str:
        return f"{self.number} · {self.addressee}"


class InspectionPlan(ScopedModel):
    """A 双随机 draw: projects and inspectors drawn at random from a recorded seed."""

    node = foreign_key("jurisdictions.Jurisdiction", _("area"))
    node_path = node_path_column()
    year = models.PositiveSmallIntegerField(_("grades of year"))
    seed = models.CharField(_("seed"), max_length=64)
    ratios = models.JSONField(_("ratios per grade"))
    profile_id = models.CharField(max_length=64)
    # How the draw was made, in the stored shape of gongzhi.core.explain.stored.
    explanation = models.JSONField(_("explanation"), default=dict)
    drawn_by = user_column(_("drawn by"), blank=False)
    drawn_at = models.DateTimeField(_("drawn"), auto_now_add=True)

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-drawn_at", "-id"]

    def __str__(self) -> str:
        return f"{self.node} · {self.seed}"


class InspectionItem(ScopedModel):
    plan = foreign_key(InspectionPlan, _("plan"), on_delete=models.CASCADE, related_name="items")
    project = foreign_key("registry.Project", _("project"))
    company = optional_foreign_key(
        "registry.PropertyCompany", _("property company"), on_delete=models.SET_NULL, blank=False
    )
    grade = models.CharField(_("grade"), max_length=16)
    inspectors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("inspectors"), related_name="+"
    )

    scope = Scope(node="plan__node_path")

    class Meta:
        verbose_name = _("inspected project")
        verbose_name_plural = _("inspected projects")
        ordering = ["plan", "grade", "project"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "project"], name="credit_item_once_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.project}"
