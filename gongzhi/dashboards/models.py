"""Monthly reports of a jurisdiction node (seed 000 §17; 002 §二(一)2): the dashboard's
figures and tables with the month's changes, built in the background as PDF and Excel and
kept as an archive. Readable by the officials of the node and above (its ``node_path``)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, user_column
from gongzhi.core.scoping import Scope, ScopedModel


class MonthlyReport(ScopedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    node = foreign_key("jurisdictions.Jurisdiction", _("jurisdiction"))
    month = models.DateField(_("month"))  # the first day of the month reported
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    pdf = models.FileField(_("PDF"), upload_to="reports/%Y/", blank=True)
    xlsx = models.FileField(_("Excel"), upload_to="reports/%Y/", blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = user_column(_("requested by"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    node_path = node_path_column()

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month", "node_path"]
        constraints = [
            models.UniqueConstraint(fields=["node", "month"], name="dashboards_report_per_month"),
            models.CheckConstraint(
                name="dashboards_report_progress_0_100", condition=Q(progress__lte=100)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.node} · {self.month:%Y-%m}"
