"""Notices (通知公告) to the owners of a project, a building, a building unit or a chosen
set of parts, with one read receipt per owner (seed 004 §21 通知公告; seed 000 §18).

A notice is issued by the owners' committee, the property company, the community or the
street; vote notices and results (decisions), top-up notices (funds) and exit notices go
through the same ``notices.services.notice_publish``. The in-app inbox always carries a
notice; SMS and e-mail are extra channels sent after commit through ``core.tasks``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Grant, Scope, ScopedModel


class Issuer(models.TextChoices):
    COMMITTEE = "committee", _("Owners' committee")
    COMPANY = "company", _("Property company")
    COMMUNITY = "community", _("Community")
    STREET = "street", _("Street")


class Category(models.TextChoices):
    GENERAL = "general", _("General notice")
    VOTE = "vote", _("Vote notice")
    VOTE_RESULT = "vote_result", _("Vote result")
    TOP_UP = "top_up", _("Maintenance-fund top-up notice")
    ARREARS = "arrears", _("Arrears reminder")
    EXIT = "exit", _("Exit notice")


class Audience(models.TextChoices):
    PROJECT = "project", _("All owners of the project")
    BUILDING = "building", _("Owners of a building")
    UNIT = "unit", _("Owners of a building unit")
    SELECTED = "selected", _("Owners of chosen parts")


class Channel(models.TextChoices):
    INBOX = "inbox", _("In-app inbox")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")


def _recipient_notices(grant: Grant) -> Q:
    return Q(
        pk__in=NoticeRecipient.objects.filter(owner__user_id=grant.user_id).values("notice_id")
    )


class Notice(ScopedModel):
    """A published notice and its audience; the recipients are fixed when it is published."""

    project = foreign_key("registry.Project", _("project"))
    issuer = models.CharField(
        pgettext_lazy("notice", "issued by"), max_length=16, choices=Issuer.choices
    )
    issuer_name = models.CharField(_("issuer"), max_length=200)
    category = models.CharField(
        pgettext_lazy("notice", "category"),
        max_length=16,
        choices=Category.choices,
        default=Category.GENERAL,
    )
    title = models.CharField(pgettext_lazy("notice", "title"), max_length=120)
    body = models.TextField(pgettext_lazy("notice", "text"))
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    building = optional_foreign_key("registry.Building", _("building"))
    building_unit = optional_foreign_key("registry.BuildingUnit", _("building unit"))
    parts = models.JSONField(_("chosen parts"), default=list, blank=True)
    channels = models.JSONField(_("channels"), default=list)
    source_ref = models.CharField(pgettext_lazy("notice", "source"), max_length=100, blank=True)
    recipient_count = models.PositiveIntegerField(_("recipients"), default=0)
    company = optional_foreign_key("registry.PropertyCompany", blank=False)
    node_path = node_path_column()
    published_by = user_column(pgettext_lazy("notice", "published by"))
    published_at = models.DateTimeField(pgettext_lazy("notice", "published"))

    scope = Scope.columns(owner=_recipient_notices)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["project", "-published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_ref"], condition=~Q(source_ref=""), name="notice_unique_source"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NoticeRecipient(ScopedModel):
    """One owner addressed by a notice; ``read_at`` is the read receipt (set once)."""

    notice = foreign_key(Notice, _("notice"), on_delete=models.CASCADE, related_name="recipients")
    owner = foreign_key("registry.Owner", _("owner"))
    parts = models.CharField(_("parts"), max_length=255, blank=True)
    sms_queued = models.BooleanField(_("SMS queued"), default=False)
    email_queued = models.BooleanField(_("e-mail queued"), default=False)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    scope = Scope.columns("notice__", owner="owner__user_id")

    class Meta:
        verbose_name = _("notice recipient")
        verbose_name_plural = _("notice recipients")
        ordering = ["notice", "parts", "id"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "owner"], name="notice_recipient_unique"),
        ]
        indexes = [models.Index(fields=["owner", "read_at"])]

    def __str__(self) -> str:
        return f"{self.notice} → {self.owner}"
