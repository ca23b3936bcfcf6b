"""How a property company comes into a project and how it leaves.

* :class:`Selection` (选聘) with its :class:`Bidder` rows: the preliminary-service tender
  before the pre-sale permit (seed 000 §13; 001 §(二)1; 004 §8) or the owners' selection
  once a committee exists (decided through ``gongzhi.decisions``), ending in a contract.
* :class:`Handover` (承接查验) with its :class:`HandoverFinding` rows: preconditions, the
  inspection, rectification and re-inspection, the signed agreement, publication to the
  owners, filing with the bureau and delivery (seed 000 §8, §24; 004 §12, §14).
* :class:`Exit` (退出) with its :class:`ExitItem` rows: the written notice, the forced exit
  after the owners' vote and a joint review, the blacklisted company ordered out, the
  supervised handover, the bond refund and the end of the contract (seed 000 §12, §16;
  004 §10).

State fields change only through ``gongzhi.lifecycle.workflow``. Each row copies its
project's ``node_path`` for subtree scoping.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models
from django.db.models import Q
from django.utils.translation import get_language, gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.models import Created
from gongzhi.core.scoping import Grant, Scope, ScopedModel
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models.scopes import owner_projects
from gongzhi.rules.lifecycle import PARTIES, handover_preconditions


def _owner_published(prefix: str = "") -> Callable[[Grant], Q]:
    """Owners read what is published to them in projects where they hold a part."""

    return owner_projects(prefix, published_on__isnull=False)


def _company_or(field: str) -> Callable[[Grant], Q]:
    """Company staff read rows of their own company and rows where they are the incoming
    (or bidding) company."""

    def build(grant: Grant) -> Q:
        return Q(company_id=grant.company_id) | Q(**{field: grant.company_id})

    return build


class Selection(Created, ScopedModel):
    """选聘: a tender or negotiated selection of the company for one project."""

    class Kind(models.TextChoices):
        PRELIMINARY = "preliminary", _("Preliminary-service tender (developer)")
        OWNERS = "owners", _("Selection by the owners")

    class Mode(models.TextChoices):
        TENDER = "tender", _("Public tender")
        NEGOTIATED = "negotiated", _("Negotiated selection")

    class Status(models.TextChoices):
        OPEN = "open", _("Open for bids")
        NEGOTIATION_REQUESTED = "negotiation_requested", _("Negotiated selection requested")
        EVALUATED = "evaluated", _("Evaluated")
        PUBLISHED = "published", _("Result published")
        AWAITING_OWNERS = "awaiting_owners", _("Awaiting the owners' decision")
        OWNERS_APPROVED = "owners_approved", _("Approved by the owners")
        OWNERS_REJECTED = "owners_rejected", _("Rejected by the owners")
        CONTRACTED = "contracted", _("Contract signed")

    project = foreign_key("registry.Project", _("project"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    mode = models.CharField(_("mode"), max_length=16, choices=Mode.choices, default=Mode.TENDER)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.OPEN
    )
    title = models.CharField(pgettext_lazy("a heading", "title"), max_length=200)
    announced_on = models.DateField(_("announced on"))
    presale_permit_on = models.DateField(_("pre-sale permit planned on"), null=True, blank=True)
    bid_deadline = models.DateField(_("bids due"))
    claimed_small = models.BooleanField(_("small project claimed"), default=False)
    # [{"party": "experts", "name": "…"}]; parties from rules.lifecycle.PARTIES
    committee = models.JSONField(_("evaluation committee"), default=list, blank=True)
    negotiation_grounds = models.JSONField(_("grounds for negotiation"), default=list, blank=True)
    negotiation_reason = models.TextField(_("reason for negotiation"), blank=True)
    approval_note = models.TextField(_("bureau's note"), blank=True)
    approved_by = user_column(_("approved by"))
    winner = optional_foreign_key("registry.PropertyCompany", _("selected company"))
    evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    published_on = models.DateField(_("result published on"), null=True, blank=True)
    matter_id = models.PositiveIntegerField(_("owners' decision"), null=True, blank=True)
    contract = optional_foreign_key("contracts.ServiceContract", _("contract"))
    node_path = node_path_column()

    scope = Scope(
        node="node_path",
        company=lambda g: (
            Q(pk__in=Bidder.objects.filter(company_id=g.company_id).values("selection_id"))
            | Q(winner_id=g.company_id)
        ),
        project="project_id",
        owner=_owner_published(),
    )

    class Meta:
        verbose_name = _("selection")
        verbose_name_plural = _("selections")
        ordering = ["-announced_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="selection_bids_after_announcement",
                condition=Q(bid_deadline__gte=models.F("announced_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Bidder(ScopedModel):
    """A company that bids, with the eligibility found when it was admitted and its score."""

    selection = foreign_key(
        Selection, _("selection"), on_delete=models.CASCADE, related_name="bidders"
    )
    company = foreign_key("registry.PropertyCompany", _("property company"))
    eligible = models.BooleanField(_("eligible"), default=False)
    reasons = models.JSONField(_("eligibility reasons"), default=list, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    scope = Scope(
        node="selection__node_path",
        company=lambda g: Q(
            selection_id__in=Bidder.objects.filter(company_id=g.company_id).values("selection_id")
        ),
        project="selection__project_id",
        owner=_owner_published("selection__"),
    )

    class Meta:
        verbose_name = _("bidder")
        verbose_name_plural = _("bidders")
        ordering = ["selection", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["selection", "company"], name="bidder_unique"),
            models.CheckConstraint(
                name="bidder_score_range",
                condition=Q(score__isnull=True) | (Q(score__gte=0) & Q(score__lte=100)),
            ),
        ]

    def __str__(self) -> str:
        return str(self.company)


class Handover(Created, ScopedModel):
    """承接查验 of a project's common parts by the company that will serve it."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Checking preconditions")
        INSPECTING = "inspecting", _("Inspecting")
        RECTIFYING = "rectifying", _("Rectifying findings")
        SIGNED = "signed", _("Agreement signed")
        PUBLISHED = "published", _("Published to the owners")
        FILED = "filed", _("Filed with the bureau")
        DELIVERED = "delivered", _("Delivered")

    project = foreign_key("registry.Project", _("project"))
    company = foreign_key("registry.PropertyCompany", _("property company"))
    developer_name = models.CharField(_("developer"), max_length=200)
    delivery_on = models.DateField(_("planned delivery"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PREPARING
    )
    preconditions = models.JSONField(_("preconditions met"), default=dict, blank=True)
    started_on = models.DateField(_("inspection started"), null=True, blank=True)
    signed_on = models.DateField(_("agreement signed"), null=True, blank=True)
    developer_signatory = models.CharField(_("signed for the developer"), max_length=64, blank=True)
    company_signatory = models.CharField(_("signed for the company"), max_length=64, blank=True)
    published_on = models.DateField(_("published to the owners"), null=True, blank=True)
    filed_on = models.DateField(_("filed with the bureau"), null=True, blank=True)
    filed_by = user_column(_("filed by"))
    delivered_on = models.DateField(_("delivered"), null=True, blank=True)
    node_path = node_path_column()

    scope = Scope.columns(owner=_owner_published())

    class Meta:
        verbose_name = _("handover inspection")
        verbose_name_plural = _("handover inspections")
        ordering = ["delivery_on", "id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.delivery_on:%Y-%m-%d}"

    def audit_labels(self, field: str) -> dict[str, str]:
        """The names of a JSON field's keys in the edit history (``audit.display``): the
        preconditions by the checklist of the project's policy profile (seed 000 §8)."""
        if field != "preconditions":
            return {}
        zh = (get_language() or "").startswith("zh")
        items = handover_preconditions(effective_profile(self.project.community))
        return {i.code: i.label_zh if zh else i.label_en for i in items}


class HandoverFinding(ScopedModel):
    """One inspected item: where, what was found, a photo, and its rectification."""

    class Result(models.TextChoices):
        PASSED = "passed", _("Passed")
        DEFECT = "defect", _("Defect")

    handover = foreign_key(
        Handover, _("handover"), on_delete=models.CASCADE, related_name="findings"
    )
    location = models.CharField(_("location or item"), max_length=200)
    description = models.TextField(_("finding"), blank=True)
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    photo = models.FileField(_("photo"), upload_to="lifecycle/%Y/", blank=True)
    found_on = models.DateField(_("found on"))
    rectify_by = models.DateField(_("rectify by"), null=True, blank=True)
    rectified_on = models.DateField(_("rectified on"), null=True, blank=True)
    reinspected_on = models.DateField(_("re-inspected on"), null=True, blank=True)

    scope = Scope.columns("handover__", owner=_owner_published("handover__"))

    class Meta:
        verbose_name = _("handover finding")
        verbose_name_plural = _("handover findings")
        ordering = ["handover", "id"]

    def __str__(self) -> str:
        return self.location

    @property
    def open(self) -> bool:
        return self.result == self.Result.DEFECT and self.reinspected_on is None


class Exit(Created, ScopedModel):
    """退出: a company leaving a project, from the notice (or the vote, or the order) to the
    end of its contract."""

    class Kind(models.TextChoices):
        NON_RENEWAL = "non_renewal", _("Not renewing at the end of the term")
        EARLY_TERMINATION = "early_termination", _("Early termination by the company")
        OWNERS_DISMISSAL = "owners_dismissal", _("Dismissed by the owners")
        FORCED = "forced", _("Forced exit after the owners' vote")
        BLACKLISTED = "blacklisted", _("Blacklisted company ordered out")

    class Status(models.TextChoices):
        NOTIFIED = "notified", _("Notice given")
        VOTING = "voting", _("Owners voting")
        REVIEW = "review", _("Awaiting the joint review")
        HANDING_OVER = "handing_over", _("Handing over")
        HANDED_OVER = "handed_over", _("Handed over")
        CLOSED = "closed", _("Closed")
        REJECTED = "rejected", _("Not forced out")

    project = foreign_key("registry.Project", _("project"))
    company = foreign_key("registry.PropertyCompany", _("outgoing company"))
    contract = optional_foreign_key("contracts.ServiceContract", _("contract"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    notice_on = models.DateField(_("notice given on"), null=True, blank=True)
    end_on = models.DateField(_("service ends on"), null=True, blank=True)
    notice_due = models.DateField(_("notice due by"), null=True, blank=True)
    notice_timely = models.BooleanField(_("notice in time"), null=True, blank=True)
    recipients = models.JSONField(_("notice sent to"), default=list, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    matter_id = models.PositiveIntegerField(_("owners' vote"), null=True, blank=True)
    review_parties = models.JSONField(_("joint review parties"), default=list, blank=True)
    review_note = models.TextField(_("joint review conclusion"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"), null=True, blank=True)
    incoming_company = optional_foreign_key("registry.PropertyCompany", _("incoming company"))
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)
    bond_id = models.PositiveIntegerField(_("performance bond"), null=True, blank=True)
    committee_opinion = models.TextField(_("committee's opinion"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    published_on = models.DateField(_("published"), null=True, blank=True)
    node_path = node_path_column()

    scope = Scope(
        node="node_path",
        company=_company_or("incoming_company_id"),
        project="project_id",
        owner=_owner_published(),
    )

    class Meta:
        verbose_name = _("exit")
        verbose_name_plural = _("exits")
        ordering = ["-end_on", "-id"]

    def __str__(self) -> str:
        return f"{self.company} · {self.project}"

    def audit_labels(self, field: str) -> dict[str, str]:
        """The names of a JSON field's items in the edit history (``audit.display``): the
        parties a notice went to or that reviewed the exit (seed 000 §12; 004 §10)."""
        if field not in ("recipients", "review_parties"):
            return {}
        return {code: gettext(msgid) for code, msgid in PARTIES.items()}


class ExitItem(ScopedModel):
    """One line of the supervised handover (accounts, records, keys, facilities, funds),
    described by the outgoing company and confirmed once by the incoming party."""

    exit = foreign_key(Exit, _("exit"), on_delete=models.CASCADE, related_name="items")
    code = models.CharField(_("code"), max_length=40)
    label_zh = models.CharField(_("item"), max_length=200)
    label_en = models.CharField(_("item (English)"), max_length=200)
    source = models.CharField(_("source"), max_length=255)
    detail = models.TextField(_("what is handed over"), blank=True)
    amount_fen = models.BigIntegerField(_("amount (fen)"), null=True, blank=True)
    confirmed_by = user_column(_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    scope = Scope(
        node="exit__node_path",
        company=lambda g: (
            Q(exit__company_id=g.company_id) | Q(exit__incoming_company_id=g.company_id)
        ),
        project="exit__project_id",
    )

    class Meta:
        verbose_name = _("handover item")
        verbose_name_plural = _("handover items")
        ordering = ["exit", "id"]
        constraints = [models.UniqueConstraint(fields=["exit", "code"], name="exititem_unique")]

    def __str__(self) -> str:
        return self.label_zh
