"""Complaints and work orders: models (seed 002 §二(一)2, 003 §四(二)–(三), §五).

A :class:`Complaint` comes from an owner, the 12345 hotline, a patrol, the API or
Open311; it is routed to the party the responsibility list names, held to working-day
deadlines and escalated community → street → district when late. Its status changes
only through ``gongzhi.complaints.workflow``; every change is a :class:`ComplaintEvent`.
:class:`ComplaintDailyStat` holds the pre-aggregated counts the statistics page reads.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.models import StatusStep
from gongzhi.core.scoping import Scope, ScopedModel


class Channel(models.TextChoices):
    OWNER = "owner", _("Owner")
    HOTLINE = "hotline_12345", _("12345 hotline")
    PATROL = "patrol", _("Patrol finding")
    API = "api", _("API")
    OPEN311 = "open311", _("Open311")


class Party(models.TextChoices):
    COMPANY = "company", _("Property company")
    COMMITTEE = "committee", _("Owners' committee")
    COMMUNITY = "community", _("Community")
    STREET = "street", _("Street / town")
    DEPARTMENT = "department", _("Functional department")


def _scope(prefix: str = "") -> Scope:
    return Scope(
        node=f"{prefix}node_path",
        department=f"{prefix}department_id",
        company=f"{prefix}company_id",
        project=f"{prefix}project_id",
        owner=f"{prefix}submitter_id",
    )


class Complaint(ScopedModel):
    """A complaint or work order (投诉、工单) and where it stands."""

    class Status(models.TextChoices):
        RECEIVED = "received", pgettext_lazy("complaint status", "Received")
        ACCEPTED = "accepted", _("Accepted")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        RESOLVED = "resolved", _("Resolved")
        CONFIRMED = "confirmed", _("Confirmed")
        REOPENED = "reopened", _("Reopened")

    number = models.CharField(_("number"), max_length=20, unique=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    project = optional_foreign_key("registry.Project", _("project"), related_name="complaints")
    place = models.CharField(_("place"), max_length=200, blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    category = models.CharField(_("category"), max_length=48)
    category_label = models.CharField(_("category label"), max_length=64)
    description = models.TextField(_("description"))
    submitter = user_column(_("submitted by"), related_name="complaints")
    contact_name = models.CharField(_("contact name"), max_length=64, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    hotline_number = models.CharField(_("12345 work-order number"), max_length=32, blank=True)
    # The jurisdiction the matter lies in (the project's community, or the node a patrol
    # or Open311 request names) and its path, for subtree scoping.
    node = foreign_key("jurisdictions.Jurisdiction", _("jurisdiction"), related_name="complaints")
    node_path = node_path_column(index=False)
    party = models.CharField(_("responsible party"), max_length=16, choices=Party.choices)
    department = optional_foreign_key(
        "jurisdictions.Department", _("department"), related_name="complaints"
    )
    company = optional_foreign_key(
        "registry.PropertyCompany", _("property company"), related_name="complaints"
    )
    routing_note = models.CharField(_("routing"), max_length=300, blank=True)
    tier_node = foreign_key("jurisdictions.Jurisdiction", _("current tier"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    acknowledge_due = models.DateField(_("acknowledge by"))
    resolve_due = models.DateField(_("resolve by"))
    # The deadline running now: acknowledgement while received, then resolution; null
    # once resolved. Escalation reads (status, due_on).
    due_on = models.DateField(_("due"), null=True, blank=True)
    due_provisional = models.BooleanField(_("provisional deadline"), default=False)
    escalations = models.PositiveSmallIntegerField(_("escalations"), default=0)
    supervised_at = models.DateTimeField(_("supervised (督办)"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"), null=True, blank=True)
    substantiated = models.BooleanField(_("substantiated"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = _scope()

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-created_at", "-pk"]
        # The lists count and page a subtree's rows: the node path rides along in the
        # indexes they read (open and overdue by status and due date, a period by the date
        # received, the newest first) so the count never reads the table (1 000 000 rows).
        indexes = [
            models.Index(
                fields=["status", "due_on", "node_path"], name="complaint_status_due_path"
            ),
            models.Index(fields=["created_at", "node_path"], name="complaint_created_path"),
            models.Index(fields=["node_path", "created_at"], name="complaint_path_created"),
            models.Index(fields=["category", "created_at"], name="complaint_cat_created"),
            models.Index(fields=["company", "created_at"], name="complaint_company_created"),
            models.Index(fields=["department", "status"], name="complaint_dept_status"),
            models.Index(fields=["project", "created_at"], name="complaint_project_created"),
            models.Index(fields=["submitter", "created_at"], name="complaint_submitter_created"),
        ]
        constraints = [
            models.CheckConstraint(
                name="complaint_satisfaction_1_5",
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
            ),
            models.CheckConstraint(
                name="complaint_department_iff_party",
                condition=Q(party="department", department__isnull=False)
                | (~Q(party="department") & Q(department__isnull=True)),
            ),
            models.CheckConstraint(
                name="complaint_company_party_has_company",
                condition=~Q(party="company") | Q(company__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.category_label}"

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.RESOLVED, self.Status.CONFIRMED)


class ComplaintPhoto(Attachment):
    """A photo attached to a complaint (images only, checked by their bytes)."""

    complaint = foreign_key(Complaint, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to="complaints/%Y/%m/")

    scope = _scope("complaint__")

    class Meta:
        verbose_name = _("complaint photo")
        verbose_name_plural = _("complaint photos")
        ordering = ["pk"]

    @property
    def node_path(self) -> str:
        return self.complaint.node_path

    @property
    def kind(self) -> str:
        """The image type (png, jpeg, gif, webp), detected from the photo's bytes."""
        return self.detected_kind


class ComplaintEvent(StatusStep, ScopedModel):
    """One step in a complaint's history: who, when, from → to, public and internal note."""

    complaint = foreign_key(Complaint, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=24)
    public_note = models.TextField(_("note to the complainant"), blank=True)
    internal_note = models.TextField(_("internal note"), blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True)

    scope = _scope("complaint__")

    class Meta:
        verbose_name = _("complaint event")
        verbose_name_plural = _("complaint events")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["complaint", "at"], name="complaint_event_at")]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.action}"


class ComplaintEscalation(ScopedModel):
    """One escalation for one lateness: unique per (complaint, missed due date)."""

    complaint = foreign_key(Complaint, on_delete=models.CASCADE, related_name="escalation_rows")
    missed_due = models.DateField(_("missed due date"))
    from_node = foreign_key("jurisdictions.Jurisdiction")
    # Null when the complaint was already at the top tier: recorded and notified only.
    to_node = optional_foreign_key("jurisdictions.Jurisdiction")
    at = models.DateTimeField(_("when"), auto_now_add=True)

    scope = _scope("complaint__")

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "missed_due"], name="complaint_escalation_once_per_due"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.missed_due}"


class ResponsibilityList(ScopedModel):
    """The bureau's edited responsibility list (职责清单) for a jurisdiction and below.

    ``entries`` is the same list of tables as the profile's
    ``complaint_responsibilities`` and is checked by the same parser; the nearest node
    with a list wins over the profile.
    """

    node = models.OneToOneField(
        "jurisdictions.Jurisdiction",
        verbose_name=_("jurisdiction"),
        on_delete=models.CASCADE,
        related_name="complaint_responsibilities",
    )
    node_path = node_path_column()
    entries = models.JSONField(_("entries"))
    updated_by = user_column()
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("responsibility list")
        verbose_name_plural = _("responsibility lists")

    def __str__(self) -> str:
        return str(self.node)


class _PlaceKey(ScopedModel):
    """The place × project × company a statistics row counts (abstract).

    ``project_ref``/``company_ref`` are ids with 0 for none, so unique keys have no NULLs.
    """

    node_path = models.CharField(max_length=255)
    project_ref = models.PositiveIntegerField(default=0)
    company_ref = models.PositiveIntegerField(default=0)

    scope = Scope(node="node_path", company="company_ref")

    class Meta:
        abstract = True


class ComplaintCounters(_PlaceKey):
    """The counters the statistics pages add up, per place × project × company (abstract)."""

    received = models.PositiveIntegerField(default=0)
    resolved = models.PositiveIntegerField(default=0)
    handling_seconds = models.BigIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)
    satisfaction_sum = models.PositiveIntegerField(default=0)
    substantiated = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True


class ComplaintDailyStat(ComplaintCounters):
    """Pre-aggregated counts per day × place × project × company × category.

    Maintained by the services in the same transaction as the change it counts: a
    complaint is counted as received on its receipt day, as resolved (with its handling
    time) on its resolution day, as rated on its confirmation day, as overdue on the day
    it first escalated.
    """

    day = models.DateField()
    category = models.CharField(max_length=48)

    class Meta:
        verbose_name = _("daily complaint statistics")
        verbose_name_plural = _("daily complaint statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "node_path", "project_ref", "company_ref", "category"],
                name="complaint_daily_stat_key",
            )
        ]
        indexes = [
            models.Index(fields=["day", "node_path"], name="complaint_stat_day_path"),
            models.Index(fields=["company_ref", "day"], name="complaint_stat_company_day"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.category}"


class ComplaintPeriodStat(ComplaintCounters):
    """The same counters as :class:`ComplaintDailyStat`, rolled up per month and per year
    (``grain``), and per month × community with no project, company or category
    (``area_month``, for the charts over time). Maintained by ``stats.bump`` in the same
    transaction as the daily row, so a year's statistics read at most projects × categories
    rows however many complaints the year had."""

    class Grain(models.TextChoices):
        YEAR = "year", _("Year")
        MONTH = "month", _("Month")
        AREA_MONTH = "area_month", _("Month by community")

    grain = models.CharField(max_length=10, choices=Grain.choices)
    start = models.DateField()
    category = models.CharField(max_length=48, blank=True)

    class Meta:
        verbose_name = _("complaint statistics per period")
        verbose_name_plural = _("complaint statistics per period")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "start", "node_path", "project_ref", "company_ref", "category"],
                name="complaint_period_stat_key",
            )
        ]
        indexes = [
            models.Index(fields=["grain", "start", "node_path"], name="complaint_period_path"),
            models.Index(fields=["grain", "project_ref", "start"], name="complaint_period_project"),
        ]

    def __str__(self) -> str:
        return f"{self.grain} {self.start} {self.category}"


class ComplaintOpenSnapshot(_PlaceKey):
    """Open and overdue complaints per place × project × company × channel, as of
    ``as_of``: a snapshot refreshed by a task (``stats.refresh_open``; every 10 minutes
    and after each escalation run), because a complaint becomes overdue by the passing
    of time, not by a write. Pages that read it say how old it is."""

    channel = models.CharField(max_length=16)
    open = models.PositiveIntegerField(default=0)
    overdue = models.PositiveIntegerField(default=0)
    as_of = models.DateTimeField()

    class Meta:
        verbose_name = _("open complaints snapshot")
        verbose_name_plural = _("open complaints snapshots")
        indexes = [models.Index(fields=["node_path"], name="complaint_open_path")]

    def __str__(self) -> str:
        return f"{self.node_path} {self.channel}"
