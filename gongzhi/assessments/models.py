"""Quarterly project assessments and yearly committee assessments.

Seed 001 §四(二): streets organise experts who score each project on site every quarter;
results are reported to the bureau and published, and a yearly result is formed from the
quarters. Seed 003 §五(二)1(7): each community assesses each company quarterly, the street
aggregates the results and reports them to the bureau. Seed 001 §四(一): owners' committees
and property-management committees are assessed yearly; a pass unlocks a member subsidy.

A round is one street's quarter; statuses change only through
``gongzhi.assessments.workflow``. Forms, bands and the pass score come from the policy
profile of the project's jurisdiction; the items actually used are copied onto the rows so
a later profile change does not rewrite a past assessment.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, user_column
from gongzhi.core.models import Created
from gongzhi.core.scoping import Grant, Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_projects
from gongzhi.rules.money import format_fen
from gongzhi.rules.periods import Period


class Frequency(models.TextChoices):
    """How often a subject is assessed (``gongzhi.rules.periods``; from the profile)."""

    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Half-yearly")
    YEARLY = "yearly", _("Yearly")


def _period_rule(name: str, field: str = "quarter") -> models.CheckConstraint:
    """The period number exists at the row's frequency (1-12, 1-4, 1-2 or 1)."""
    return models.CheckConstraint(
        name=name,
        condition=(
            Q(frequency="monthly", **{f"{field}__gte": 1, f"{field}__lte": 12})
            | Q(frequency="quarterly", **{f"{field}__gte": 1, f"{field}__lte": 4})
            | Q(frequency="half_yearly", **{f"{field}__gte": 1, f"{field}__lte": 2})
            | Q(frequency="yearly", **{field: 1})
        ),
    )


def period_label(year: int, number: int, frequency: str) -> str:
    return Period(year, number, frequency).label


class Band(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


def _published(field: str, prefix: str = "") -> Callable[[Grant], Q]:
    def build(grant: Grant) -> Q:
        value = grant.company_id if field == "company_id" else grant.project_id
        return Q(
            **{f"{prefix}status": ProjectAssessment.Status.PUBLISHED},
            **{f"{prefix}{field}": value},
        )

    return build


class _Period(ScopedModel):
    """The period a round or an assessment covers: the year, the frequency and the
    period's number within the year at that frequency (abstract)."""

    year = models.PositiveSmallIntegerField(_("year"))
    frequency = models.CharField(
        _("assessment frequency"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.QUARTERLY,
    )
    # the period's number within the year at ``frequency`` (the column kept its first name)
    quarter = models.PositiveSmallIntegerField(_("period"))

    class Meta:
        abstract = True

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.quarter, self.frequency)


class AssessmentRound(_Period):
    """One street's assessment quarter: the communities' assessments it aggregates."""

    street = foreign_key(
        "jurisdictions.Jurisdiction", _("street"), related_name="assessment_rounds"
    )
    node_path = node_path_column()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("assessment round")
        verbose_name_plural = _("assessment rounds")
        ordering = ["-year", "-quarter", "street__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "year", "frequency", "quarter"], name="assessment_round_unique"
            ),
            _period_rule("assessment_round_period"),
        ]

    def __str__(self) -> str:
        return f"{self.street} · {self.period_label}"


class ProjectAssessment(Created, _Period):
    """One project's quarterly assessment of the company serving it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted by the community")
        FORWARDED = "forwarded", _("Forwarded by the street")
        PUBLISHED = "published", _("Published")
        RETURNED = "returned", _("Returned for correction")

    round = foreign_key(AssessmentRound, _("round"), related_name="assessments")
    project = foreign_key("registry.Project", _("project"), related_name="assessments")
    company = foreign_key(
        "registry.PropertyCompany", _("property company"), related_name="assessments"
    )
    profile_id = models.CharField(_("policy profile"), max_length=64)
    assessors = models.CharField(_("assessors"), max_length=255)
    experts = models.CharField(_("experts scoring on site"), max_length=255, blank=True)
    total = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    max_score = models.PositiveIntegerField(_("maximum score"))
    band = models.CharField(_("band"), max_length=16, choices=Band.choices)
    note = models.TextField(_("remarks"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    return_note = models.TextField(_("reason for return"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = user_column(_("published by"))
    node_path = node_path_column()
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(
        node="node_path",
        company=_published("company_id"),
        project=_published("project_id"),
        # Owners read the published results of projects where they hold a part (seed 001
        # §四(二): 向社会公布).
        owner=owner_projects(status=Status.PUBLISHED),
    )

    class Meta:
        verbose_name = _("project assessment")
        verbose_name_plural = _("project assessments")
        ordering = ["-year", "-quarter", "project__name", "id"]
        indexes = [
            models.Index(fields=["round", "status"]),
            models.Index(fields=["company", "year", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "company", "year", "frequency", "quarter"],
                name="assessment_one_per_project_company_period",
            ),
            _period_rule("assessment_period"),
            models.CheckConstraint(
                name="assessment_total_in_range",
                condition=Q(total__gte=0, total__lte=F("max_score")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.period_label}"


class ItemScore(models.Model):
    """The points of one form item, with the item as the form said when scored (abstract:
    a subclass adds its ``assessment`` and names its constraints with :func:`_item_rules`)."""

    position = models.PositiveSmallIntegerField(_("position"))
    code = models.CharField(_("item code"), max_length=64)
    label_zh = models.CharField(_("item (Chinese)"), max_length=200)
    label_en = models.CharField(_("item (English)"), max_length=200)
    max_points = models.PositiveIntegerField(_("maximum points"))
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.label_zh}: {self.points}"


def _item_rules(prefix: str) -> list[models.BaseConstraint]:
    """Each item once per assessment, its points between zero and the item's maximum."""
    return [
        models.UniqueConstraint(fields=["assessment", "code"], name=f"{prefix}_item_once"),
        models.CheckConstraint(
            name=f"{prefix}_item_points_in_range",
            condition=Q(points__gte=0, points__lte=F("max_points")),
        ),
    ]


class ProjectItemScore(ItemScore):
    assessment = foreign_key(
        ProjectAssessment, _("assessment"), on_delete=models.CASCADE, related_name="items"
    )

    class Meta:
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        ordering = ["assessment", "position"]
        constraints = _item_rules("assessment")


class AssessmentEvidence(Attachment):
    """A photo or document backing an assessment (PDF or image, checked on upload)."""

    assessment = foreign_key(
        ProjectAssessment, _("assessment"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to="assessments/%Y/")

    scope = Scope(
        node="assessment__node_path",
        company=_published("company_id", "assessment__"),
        project=_published("project_id", "assessment__"),
        owner=owner_projects("assessment__", status=ProjectAssessment.Status.PUBLISHED),
    )

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["assessment", "id"]


class CommitteeAssessment(Created, ScopedModel):
    """The yearly assessment of an owners' committee or property-management committee
    (seed 001 §四(一)) by the street, with the member subsidy a pass allows."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DECIDED = "decided", _("Decided")

    committee = foreign_key("registry.OwnersCommittee", _("committee"), related_name="assessments")
    project = foreign_key("registry.Project", _("project"), related_name="committee_assessments")
    year = models.PositiveSmallIntegerField(_("year"))
    frequency = models.CharField(
        _("assessment frequency"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.YEARLY,
    )
    period = models.PositiveSmallIntegerField(_("period"), default=1)
    profile_id = models.CharField(_("policy profile"), max_length=64)
    total = models.DecimalField(_("score"), max_digits=7, decimal_places=2)
    max_score = models.PositiveIntegerField(_("maximum score"))
    pass_score = models.PositiveSmallIntegerField(_("pass score (of 100)"))
    passed = models.BooleanField(_("passed"))
    subsidy_eligible = models.BooleanField(_("member subsidy allowed"))
    subsidy_cap_fen = models.PositiveIntegerField(
        _("subsidy cap per member per month (fen)"), null=True, blank=True
    )
    note = models.TextField(_("remarks"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    node_path = node_path_column()

    scope = Scope(
        node="node_path",
        project=lambda g: Q(project_id=g.project_id, status="decided"),
    )

    class Meta:
        verbose_name = _("committee assessment")
        verbose_name_plural = _("committee assessments")
        ordering = ["-year", "project__name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "frequency", "period"],
                name="committee_assessment_once",
            ),
            _period_rule("committee_assessment_period", "period"),
            models.CheckConstraint(
                name="committee_assessment_total_in_range",
                condition=Q(total__gte=0, total__lte=F("max_score")),
            ),
            models.CheckConstraint(
                name="committee_assessment_subsidy_needs_pass",
                condition=Q(subsidy_eligible=False) | Q(passed=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.committee} · {self.period_label}"

    @property
    def period_label(self) -> str:
        return period_label(self.year, self.period, self.frequency)

    @property
    def subsidy_cap_display(self) -> str:
        return format_fen(self.subsidy_cap_fen) if self.subsidy_cap_fen is not None else ""


class CommitteeItemScore(ItemScore):
    assessment = foreign_key(
        CommitteeAssessment, _("assessment"), on_delete=models.CASCADE, related_name="items"
    )

    class Meta:
        verbose_name = _("committee item score")
        verbose_name_plural = _("committee item scores")
        ordering = ["assessment", "position"]
        constraints = _item_rules("committee")


# daily community checks (seed 004 §10) live in their own module, registered from here
from gongzhi.assessments.award_models import Award  # noqa: E402, F401
from gongzhi.assessments.daily_models import DailyCheck, DailyCheckPhoto  # noqa: E402, F401
