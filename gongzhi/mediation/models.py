"""Three-level mediation of property disputes (三级调解, seed 000 §2; seed 004 §18).

A case starts at the community's mediation organisation and may be escalated, one level
at a time and always with a reason, up the jurisdiction chain of the project's policy
profile: community → street people's mediation committee → (new city →) the top level's
leading group. It records its parties (owners, the property company, the owners'
committee, others), the sessions held at each level, the outcome and the signed agreement.
Its status changes only through ``gongzhi.mediation.workflow``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.models import Created
from gongzhi.core.scoping import Grant, Scope, ScopedModel
from gongzhi.jurisdictions.models import Level


def _party_cases(**lookup: object) -> Q:
    return Q(pk__in=MediationParty.objects.filter(**lookup).values("case_id"))


def _case_scope(prefix: str = "") -> Scope:
    """Officials: their subtree; owners, companies and committees: cases they are party to."""

    def wrap(q: Q) -> Q:
        if not prefix:
            return q
        return Q(**{f"{prefix}__in": MediationCase.objects.filter(q).values("pk")})

    def owner(grant: Grant) -> Q:
        return wrap(_party_cases(user_id=grant.user_id))

    def company(grant: Grant) -> Q:
        return wrap(_party_cases(company_id=grant.company_id))

    def project(grant: Grant) -> Q:
        return wrap(
            Q(project_id=grant.project_id)
            & _party_cases(kind=MediationParty.Kind.COMMITTEE, case__project_id=grant.project_id)
        )

    return Scope(
        node=f"{prefix}__node_path" if prefix else "node_path",
        company=company,
        project=project,
        owner=owner,
    )


class MediationCase(Created, ScopedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("Under mediation")
        AGREED = "agreed", _("Agreement reached")
        NO_AGREEMENT = "no_agreement", _("No agreement")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        NONE = "", _("None yet")
        AGREEMENT = "agreement", _("Agreement reached")
        NO_AGREEMENT = "no_agreement", _("No agreement")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    project = foreign_key("registry.Project", _("project"), related_name="mediation_cases")
    complaint = optional_foreign_key(
        "complaints.Complaint",
        _("complaint"),
        on_delete=models.SET_NULL,
        related_name="mediation_cases",
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    level_node = foreign_key("jurisdictions.Jurisdiction", _("mediating body"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True, default=""
    )
    outcome_note = models.TextField(_("outcome note"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    node_path = node_path_column()
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    scope = _case_scope()

    class Meta:
        verbose_name = _("mediation case")
        verbose_name_plural = _("mediation cases")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "level"]),
            models.Index(fields=["project", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                name="mediation_outcome_matches_status",
                condition=Q(status="open", outcome="")
                | Q(status="agreed", outcome="agreement")
                | Q(status="no_agreement", outcome="no_agreement")
                | Q(status="withdrawn", outcome="withdrawn")
                | (Q(status="closed") & ~Q(outcome="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.subject}"


class MediationParty(models.Model):
    class Kind(models.TextChoices):
        OWNER = "owner", _("Owner")
        COMPANY = "company", _("Property company")
        COMMITTEE = "committee", _("Owners' committee")
        OTHER = "other", _("Other party")

    case = foreign_key(MediationCase, _("case"), on_delete=models.CASCADE, related_name="parties")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    owner = optional_foreign_key("registry.Owner", _("owner"))
    company = optional_foreign_key("registry.PropertyCompany", _("property company"))
    user = user_column(_("account"))

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["case", "kind", "id"]
        indexes = [models.Index(fields=["user"]), models.Index(fields=["company"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "owner"], condition=Q(owner__isnull=False), name="party_owner_once"
            ),
            models.UniqueConstraint(
                fields=["case", "kind"],
                condition=Q(kind__in=["company", "committee"]),
                name="party_company_committee_once",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MediationSession(models.Model):
    """A mediation session held at one level: when, where, by whom, and its minutes."""

    case = foreign_key(MediationCase, _("case"), on_delete=models.CASCADE, related_name="sessions")
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200)
    mediators = models.CharField(_("mediators"), max_length=255)
    minutes = models.TextField(_("minutes"))
    recorded_by = user_column(_("recorded by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("mediation session")
        verbose_name_plural = _("mediation sessions")
        ordering = ["case", "held_on", "id"]

    def __str__(self) -> str:
        return f"{self.case} · {self.held_on:%Y-%m-%d}"


class MediationEscalation(models.Model):
    """One step up the chain, with its reason (seed 000 §2: 逐级调解)."""

    case = foreign_key(
        MediationCase, _("case"), on_delete=models.CASCADE, related_name="escalations"
    )
    from_level = models.CharField(_("from level"), max_length=16, choices=Level.choices)
    to_level = models.CharField(_("to level"), max_length=16, choices=Level.choices)
    reason = models.TextField(_("reason"))
    escalated_by = user_column(_("escalated by"))
    escalated_at = models.DateTimeField(_("escalated"), auto_now_add=True)

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["case", "escalated_at", "id"]
        constraints = [
            models.CheckConstraint(
                name="escalation_changes_level", condition=~Q(from_level=models.F("to_level"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_level} → {self.to_level}"


class MediationDocument(Attachment):
    """The signed mediation agreement (调解协议书) or another document, PDF or image."""

    case = foreign_key(MediationCase, _("case"), on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to="mediation/%Y/")

    scope = _case_scope("case")

    class Meta:
        verbose_name = _("mediation document")
        verbose_name_plural = _("mediation documents")
        ordering = ["case", "id"]
