"""Daily community checks (日常考核, seed 004 §10 and annex: 社区 … 日常考核): a community
official's visit to a project, the items of the profile's assessment form found wanting
with a note each, and phone photos. An open check (something found) is closed by the
community once the company has put it right. They feed the exit review (seed 004 §10:
the lifecycle app's joint review shows a project's checks). Imported by ``models``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import pgettext_lazy

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel


class DailyCheck(ScopedModel):
    class Status(models.TextChoices):
        OK = "ok", pgettext_lazy("daily check", "Nothing found")
        OPEN = "open", pgettext_lazy("daily check", "Problems found")
        CLOSED = "closed", pgettext_lazy("daily check", "Put right")

    project = foreign_key(
        "registry.Project", pgettext_lazy("daily check", "project"), related_name="daily_checks"
    )
    company = optional_foreign_key(
        "registry.PropertyCompany",
        pgettext_lazy("daily check", "serving company"),
        related_name="daily_checks",
    )
    checked_on = models.DateField(pgettext_lazy("daily check", "checked on"))
    findings = models.JSONField(pgettext_lazy("daily check", "findings"), default=list)
    note = models.TextField(pgettext_lazy("daily check", "remarks"), blank=True)
    status = models.CharField(
        pgettext_lazy("daily check", "status"), max_length=8, choices=Status.choices
    )
    close_note = models.TextField(pgettext_lazy("daily check", "how it was put right"), blank=True)
    closed_at = models.DateTimeField(pgettext_lazy("daily check", "closed"), null=True, blank=True)
    node_path = node_path_column()
    inspector = user_column(pgettext_lazy("daily check", "checked by"))
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(node="node_path", company="company_id")

    class Meta:
        verbose_name = pgettext_lazy("daily check", "daily check")
        verbose_name_plural = pgettext_lazy("daily check", "daily checks")
        ordering = ["-checked_on", "-id"]
        indexes = [models.Index(fields=["project", "checked_on"])]

    def __str__(self) -> str:
        return f"{self.project} · {self.checked_on}"


class DailyCheckPhoto(Attachment):
    daily_check = foreign_key(
        DailyCheck,
        pgettext_lazy("daily check", "daily check"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    file = models.FileField(pgettext_lazy("daily check", "photo"), upload_to="daily-checks/%Y/")

    scope = Scope(node="daily_check__node_path", company="daily_check__company_id")

    class Meta:
        verbose_name = pgettext_lazy("daily check", "photo")
        verbose_name_plural = pgettext_lazy("daily check", "photos")
        ordering = ["daily_check", "id"]
