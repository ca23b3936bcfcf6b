"""Repair requests (报事报修) from owners to their property company: models.

Seed 000 §18 (线上报修) and 004 §21 (在线报事). An owner asks for a repair of their own
home or of a common part of the project; the company dispatches a worker (one of its
registered staff), the worker finishes with a note and photos, the owner rates the work.
An unresolved or badly rated request can be turned into a complaint, which keeps this
request's history. Status changes only through ``gongzhi.repairs.workflow``; every step
is a :class:`RepairEvent`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core import clock
from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.models import StatusStep
from gongzhi.core.scoping import Scope, ScopedModel


def _scope(prefix: str = "") -> Scope:
    # Officials read the requests of their subtree (supervision, times per company); the
    # company works its own; an owner sees only the requests they made. Committee members
    # get no grant here: a request about a home is between its owner and the company.
    return Scope(
        node=f"{prefix}node_path",
        company=f"{prefix}company_id",
        owner=f"{prefix}requester_id",
    )


class Place(models.TextChoices):
    HOME = "home", _("My home")
    COMMON = "common", _("Common part")


class Category(models.TextChoices):
    PLUMBING = "plumbing", _("Water pipes and drains")
    ELECTRICAL = "electrical", _("Electricity and lighting")
    DOORS_WINDOWS = "doors_windows", _("Doors, windows and locks")
    WALLS_ROOF = "walls_roof", _("Walls, ceilings and leaks")
    ELEVATOR = "elevator", _("Elevator")
    ACCESS_CONTROL = "access_control", _("Entrance and access control")
    FACILITIES = "facilities", _("Shared facilities (lights, pumps, fire equipment)")
    OTHER = "other", pgettext_lazy("repair category", "Other")


class RepairRequest(ScopedModel):
    """One repair request (报修单) and where it stands."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for dispatch")
        DISPATCHED = "dispatched", _("Dispatched")
        IN_PROGRESS = "in_progress", pgettext_lazy("repair status", "Being repaired")
        COMPLETED = "completed", _("Completed, waiting for rating")
        RATED = "rated", _("Rated")
        CANCELLED = "cancelled", _("Cancelled")
        ESCALATED = "escalated", _("Turned into a complaint")

    number = models.CharField(_("number"), max_length=20, unique=True)
    project = foreign_key("registry.Project", _("project"), related_name="repair_requests")
    # The company serving the project when the request was made: it does the work.
    company = foreign_key(
        "registry.PropertyCompany", _("property company"), related_name="repair_requests"
    )
    node_path = node_path_column(index=False)
    place = models.CharField(_("place"), max_length=8, choices=Place.choices)
    part = optional_foreign_key("registry.ExclusivePart", _("home"), related_name="repair_requests")
    location = models.CharField(_("where exactly"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("what needs repairing"))
    # The owner who asked (null once their account is deleted, and for requests imported
    # from elsewhere, such as the demo city's bulk rows of owners without a login).
    requester = user_column(_("requested by"), related_name="repair_requests")
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    worker = optional_foreign_key(
        "registry.CompanyStaff", _("worker"), related_name="repair_requests"
    )
    completion_note = models.TextField(_("what was done"), blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    rating_comment = models.CharField(_("comment"), max_length=500, blank=True)
    complaint = optional_foreign_key("complaints.Complaint", _("complaint"))
    # The platform clock, not auto_now_add: a demo or test moved in time stays consistent.
    created_at = models.DateTimeField(_("requested"), default=clock.now, editable=False)
    dispatched_at = models.DateTimeField(_("dispatched"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    rated_at = models.DateTimeField(_("rated"), null=True, blank=True)
    # Seconds from the request to the first dispatch and to completion: stored when the
    # step happens so the per-company averages are one portable aggregate.
    respond_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    finish_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = _scope()

    class Meta:
        verbose_name = _("repair request")
        verbose_name_plural = _("repair requests")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["company", "status"], name="repair_company_status"),
            models.Index(fields=["company", "created_at"], name="repair_company_created"),
            models.Index(fields=["requester", "created_at"], name="repair_requester_created"),
            models.Index(fields=["node_path", "created_at"], name="repair_path_created"),
        ]
        constraints = [
            models.CheckConstraint(
                name="repair_rating_1_5",
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
            ),
            models.CheckConstraint(
                name="repair_home_has_part",
                condition=Q(place="common") | Q(part__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} · {self.get_category_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATES


OPEN_STATES = frozenset(
    {
        RepairRequest.Status.SUBMITTED,
        RepairRequest.Status.DISPATCHED,
        RepairRequest.Status.IN_PROGRESS,
        RepairRequest.Status.COMPLETED,
    }
)


class RepairPhoto(Attachment):
    """A photo of the request (the owner's) or of the finished work (the company's):
    a ``core.attachments.Attachment`` (images only, checked by their bytes)."""

    class Stage(models.TextChoices):
        REQUEST = "request", _("When requested")
        COMPLETION = "completion", _("When finished")

    request = foreign_key(RepairRequest, on_delete=models.CASCADE, related_name="photos")
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    file = models.FileField(_("photo"), upload_to="repairs/%Y/%m/")

    scope = _scope("request__")

    class Meta:
        verbose_name = _("repair photo")
        verbose_name_plural = _("repair photos")
        ordering = ["pk"]


class RepairEvent(StatusStep, ScopedModel):
    """One step in a request's history: who, when, from → to, and a note."""

    request = foreign_key(RepairRequest, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=16)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("when"), default=clock.now, editable=False)

    scope = _scope("request__")

    class Meta:
        verbose_name = _("repair step")
        verbose_name_plural = _("repair steps")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "at"], name="repair_event_at")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"
