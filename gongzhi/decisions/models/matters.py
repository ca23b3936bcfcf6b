"""Matters put to the owners' vote, their documents and election candidates."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Grant, Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_project_ids


def _owner_matters(prefix: str = "") -> Callable[[Grant], Q]:
    """Owners read the published matters of projects where they hold a part (or vote by proxy)."""

    def build(grant: Grant) -> Q:
        # Through the proxies' reverse relation: the voting module builds on this one.
        proxied = Matter.objects.filter(proxies__agent_id=grant.user_id).values("id")
        return (
            Q(**{f"{prefix}project_id__in": owner_project_ids(grant)})
            | Q(**{f"{prefix}id__in": proxied})
        ) & ~Q(**{f"{prefix}status": Matter.Status.DRAFT})

    return build


def _matter_scope(prefix: str) -> Scope:
    return Scope(
        node=f"{prefix}node_path",
        company=lambda g: (
            Q(**{f"{prefix}project__company_id": g.company_id})
            & ~Q(**{f"{prefix}status": Matter.Status.DRAFT})
        ),
        project=f"{prefix}project_id",
        owner=_owner_matters(prefix),
    )


class Matter(ScopedModel):
    """A matter put to the owners' vote (表决事项) or an election of the committee."""

    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary matter")
        MAJOR = "major", _("Major matter")
        FUND_USE = "fund_use", _("Use of the maintenance fund")
        FORCED_EXIT = "forced_exit", _("Removal of the property company")
        ELEVATOR_RETROFIT = "elevator_retrofit", _("Elevator retrofit")
        ELECTION = "election", _("Election of the owners' committee")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published (notice period)")
        VOTING = "voting", _("Voting open")
        CLOSED = "closed", _("Closed and tallied")
        RESULT_PUBLISHED = "result_published", _("Result published")

    class ScopeKind(models.TextChoices):
        PROJECT = "project", _("Whole project")
        UNIT = "unit", _("One building unit")
        PARTS = "parts", _("Selected exclusive parts")

    project = foreign_key("registry.Project", _("project"), related_name="matters")
    node_path = node_path_column()
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    scope_kind = models.CharField(
        _("scope"), max_length=10, choices=ScopeKind.choices, default=ScopeKind.PROJECT
    )
    building_unit = optional_foreign_key("registry.BuildingUnit", _("building unit"))
    parts = models.ManyToManyField(
        "registry.ExclusivePart", verbose_name=_("exclusive parts"), blank=True, related_name="+"
    )
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)
    source_ref = models.CharField(_("source"), max_length=100, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    profile_id = models.CharField(_("policy profile"), max_length=64, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    voting_starts_on = models.DateField(_("voting starts"), null=True, blank=True)
    voting_ends_on = models.DateField(_("voting ends"), null=True, blank=True)
    voting_opened_at = models.DateTimeField(_("voting opened"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    result_published_on = models.DateField(_("result published on"), null=True, blank=True)
    result_until = models.DateField(_("result published until"), null=True, blank=True)
    created_by = user_column(_("drafted by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    scope = _matter_scope("")

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["project", "status"])]
        constraints = [
            models.CheckConstraint(
                name="matter_unit_scope",
                condition=Q(scope_kind="unit", building_unit__isnull=False)
                | (~Q(scope_kind="unit") & Q(building_unit__isnull=True)),
            ),
            models.CheckConstraint(
                name="matter_elevator_needs_unit",
                condition=~Q(kind="elevator_retrofit") | Q(scope_kind="unit"),
            ),
            models.CheckConstraint(
                name="matter_election_seats",
                condition=Q(kind="election", seats__gt=0)
                | (~Q(kind="election") & Q(seats__isnull=True)),
            ),
            models.CheckConstraint(
                name="matter_voting_window_order",
                condition=Q(voting_starts_on__isnull=True)
                | Q(voting_ends_on__isnull=True)
                | Q(voting_ends_on__gte=models.F("voting_starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_election(self) -> bool:
        return self.kind == self.Kind.ELECTION


class MatterAttachment(Attachment):
    """A document of a matter (plan, budget, candidate statements); checked on upload."""

    matter = foreign_key(Matter, _("matter"), on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="decisions/%Y/")

    scope = _matter_scope("matter__")

    class Meta:
        verbose_name = _("matter document")
        verbose_name_plural = _("matter documents")
        ordering = ["matter", "id"]


class Candidate(ScopedModel):
    """A candidate for the owners' committee (election matters only)."""

    matter = foreign_key(Matter, _("matter"), on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("name"), max_length=64)
    owner = optional_foreign_key("registry.Owner", _("owner"))
    statement = models.TextField(_("statement"), blank=True)

    scope = _matter_scope("matter__")

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["matter", "id"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "name"], name="candidate_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
