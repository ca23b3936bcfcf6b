"""The disclosure board (公示栏) of each project: the entered items and their history.

Seed 000 §14: the property company, under the street's and community's supervision, posts
and keeps current the board's items; the platform shows the same items online and on a
printable sheet. The entered items live here (:class:`BoardItem`, one row per project and
kind, with every change kept in :class:`BoardItemRevision`); the derived items (fee items,
payment status, common revenue, assessment results, the committee's yearly statement) are
read from the fees, funds and assessments records by ``disclosure.selectors``, so they have
their own history there. Which items a project must carry is the profile's
``disclosure_required_items`` (``gongzhi.rules.disclosure``).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core.fields import foreign_key, node_path_column, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_projects


class ItemKind(models.TextChoices):
    """Every item kind of the board (``gongzhi.rules.disclosure.KINDS``)."""

    PROJECT_MANAGER = "project_manager", _("Project manager and contact")
    COMPLAINT_PHONE = "complaint_phone", _("Complaint phone")
    SERVICE_STANDARD = "service_standard", _("Service content and standard")
    FEE_ITEMS = "fee_items", _("Fee items and standards")
    EQUIPMENT_MAINTENANCE = "equipment_maintenance", _("Elevator and fire-system maintenance")
    PARKING_USE = "parking_use", _("Parking use")
    SHARED_UTILITIES = "shared_utilities", _("Shared water and electricity costs")
    COMMON_REVENUE = "common_revenue", _("Common-revenue income and expenses")
    ELEVATOR_MAINTENANCE_SPENDING = (
        "elevator_maintenance_spending",
        _("Elevator maintenance spending"),
    )
    EXTRA_SERVICES = "extra_services", _("Home-care and other paid services")
    PAYMENT_STATUS = "payment_status", _("Fee payment status")
    SALE_CONTRACT = "sale_contract", _("Service contract and fee standard at sale")
    HANDOVER_RESULTS = "handover_results", _("Handover inspection results")
    ASSESSMENT_RESULTS = "assessment_results", _("Assessment results")
    COMMITTEE_ANNUAL_REPORT = "committee_annual_report", _("Committee's yearly publication")


class BoardItem(ScopedModel):
    """The current content of one entered item of a project's board; ``as_of`` is the day
    its content was last confirmed (an item is out of date ``max_age_days`` after it)."""

    project = foreign_key("registry.Project", _("project"))
    kind = models.CharField(
        pgettext_lazy("disclosure board", "item"), max_length=40, choices=ItemKind.choices
    )
    data = models.JSONField(_("content"), default=dict)
    as_of = models.DateField(_("up to date as of"))
    version = models.PositiveIntegerField(_("version"), default=1)
    node_path = node_path_column()
    updated_by = user_column(_("updated by"))
    updated_at = models.DateTimeField(_("updated"))

    scope = Scope(
        node="node_path",
        company="project__company_id",
        project="project_id",
        owner=owner_projects(),
    )

    class Meta:
        verbose_name = _("board item")
        verbose_name_plural = _("board items")
        ordering = ["project", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind"], name="board_item_unique_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_kind_display()}"


class BoardItemRevision(ScopedModel):
    """One version of a board item, kept for ever: what was posted, as of when, by whom."""

    item = foreign_key(
        BoardItem, _("board item"), on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField(_("content"), default=dict)
    as_of = models.DateField(_("up to date as of"))
    note = models.CharField(pgettext_lazy("disclosure board", "note"), max_length=200, blank=True)
    changed_by = user_column(_("changed by"))
    changed_at = models.DateTimeField(_("changed"))

    scope = Scope(
        node="item__node_path",
        company="item__project__company_id",
        project="item__project_id",
        owner=owner_projects("item__"),
    )

    class Meta:
        verbose_name = _("board item revision")
        verbose_name_plural = _("board item revisions")
        ordering = ["item", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["item", "version"], name="board_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.item} v{self.version}"
