"""The owners' assembly and committee (业主大会与业主委员会): the road to the first assembly
and the committee's own work.

* ``Reminder`` — the street's and community's to-do: a project meeting the profile's
  conditions to form its owners' assembly (seed 000 §19; 指导规则 art. 9), a committee
  whose term nears its end.
* ``PreparationGroup`` (筹备组) with its ``GroupMember``s by party, its ``GroupDocument``s
  (draft 议事规则 and 管理规约, versioned uploads) and ``GroupCandidate``s; its first
  assembly votes through two decisions matters (seed 000 §19-20).
* ``ActingBody`` — the residents' committee acting for the owners (seed 000 §21; 004 §19).
* ``MemberBar`` — an owner published and barred from the committee (seed 000 §23).
* ``CommitteeMeeting`` and ``SubsidyPayment`` — the committee's meetings with minutes, and
  the member subsidy paid after a passed yearly assessment (seed 000 §21; 001 §四(一)).

Status fields change only through ``gongzhi.assembly.workflow``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongzhi.core.attachments import Attachment
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.models import Recorded
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_project_ids


def _by() -> models.ForeignKey:
    return user_column(_("recorded by"))


# officials by the project's area, the committee by its project
OFFICIAL_SCOPE = Scope(node="node_path", project="project_id")
# the same, and the project's owners (published facts of their project)
PROJECT_ROWS = Scope(
    node="node_path", project="project_id", owner=lambda g: Q(project_id__in=owner_project_ids(g))
)


class Reminder(ScopedModel):
    """A to-do of the street and community over a project: the project meets the
    conditions to form its owners' assembly (seed 000 §19; 指导规则 art. 9), or its
    committee's term nears its end (re-election). One row per (kind, key): idempotent."""

    class Kind(models.TextChoices):
        FORMATION_DUE = "formation_due", _("Owners' assembly to be formed")
        REELECTION_DUE = "reelection_due", _("Committee re-election to be prepared")

    kind = models.CharField(_("reminder"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=40, editable=False)
    project = foreign_key("registry.Project", _("project"))
    node_path = node_path_column()
    found_on = models.DateField(_("found on"))
    basis = models.JSONField(_("basis"), default=dict)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("self-governance reminder")
        verbose_name_plural = _("self-governance reminders")
        ordering = ["resolved_on", "-found_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="assembly_reminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.project}"


class PreparationGroup(ScopedModel):
    """筹备组: prepares and runs the first owners' assembly (seed 000 §19-20)."""

    class Status(models.TextChoices):
        FORMING = "forming", pgettext_lazy("preparation group", "Forming")
        PUBLISHED = "published", pgettext_lazy("preparation group", "Papers published")
        COMMITTEE_ELECTED = "committee_elected", _("Owners' committee elected")
        FILED = "filed", pgettext_lazy("preparation group", "Committee filed")
        MANAGEMENT_COMMITTEE = "management_committee", _("Became the management committee")
        RESIDENTS_COMMITTEE = "residents_committee", _("Residents' committee acts")

    project = foreign_key("registry.Project", _("project"))
    node_path = node_path_column()
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.FORMING
    )
    formed_on = models.DateField(_("formed on"))
    seats = models.PositiveSmallIntegerField(_("committee seats"))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    publication_ends_on = models.DateField(_("published until"), null=True, blank=True)
    roll_owners = models.PositiveIntegerField(_("owners on the roll"), default=0)
    roll_area = models.DecimalField(
        _("exclusive area on the roll (m²)"), max_digits=14, decimal_places=2, default=0
    )
    rules_matter_id = models.PositiveIntegerField(_("vote on the rules"), null=True, blank=True)
    election_matter_id = models.PositiveIntegerField(_("election"), null=True, blank=True)
    rules_adopted = models.BooleanField(_("rules adopted"), null=True, blank=True)
    committee_id = models.PositiveIntegerField(_("committee"), null=True, blank=True)
    deposit_id = models.PositiveIntegerField(_("preparation fund"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    created_by = _by()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # owners see their project's group once its papers are published
    scope = Scope(
        node="node_path",
        project="project_id",
        owner=lambda g: Q(project_id__in=owner_project_ids(g), published_on__isnull=False),
    )

    class Meta:
        verbose_name = _("preparation group")
        verbose_name_plural = _("preparation groups")
        ordering = ["-formed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"],
                condition=Q(status__in=["forming", "published"]),
                name="assembly_one_active_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.formed_on}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.FORMING, self.Status.PUBLISHED)


GROUP_SCOPE = Scope(
    node="group__node_path",
    project="group__project_id",
    owner=lambda g: Q(
        group__project_id__in=owner_project_ids(g), group__published_on__isnull=False
    ),
)


class GroupMember(ScopedModel):
    """A member of the preparation group and the party they stand for."""

    class Party(models.TextChoices):
        STREET = "street", _("Street / town")
        COMMUNITY = "community", _("Residents' committee")
        DEVELOPER = "developer", _("Developer")
        OWNERS = "owners", _("Owners' representative")

    group = foreign_key(
        PreparationGroup, _("group"), on_delete=models.CASCADE, related_name="members"
    )
    party = models.CharField(_("party"), max_length=16, choices=Party.choices)
    name = models.CharField(_("name"), max_length=64)
    owner = optional_foreign_key("registry.Owner", _("owner"), related_name=None)
    is_leader = models.BooleanField(_("group leader"), default=False)

    scope = GROUP_SCOPE

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["group", "-is_leader", "party", "id"]

    def __str__(self) -> str:
        return self.name


class GroupDocument(Attachment):
    """A draft the group publishes (议事规则, 管理规约), each upload a new version."""

    class Kind(models.TextChoices):
        RULES_OF_PROCEDURE = "rules_of_procedure", _("Rules of procedure (议事规则)")
        MANAGEMENT_STATUTE = "management_statute", _("Management statute (管理规约)")
        ELECTION_RULES = "election_rules", _("Election rules")

    group = foreign_key(
        PreparationGroup, _("group"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("document"), max_length=24, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to="assembly/%Y/")

    scope = GROUP_SCOPE

    class Meta:
        verbose_name = _("group document")
        verbose_name_plural = _("group documents")
        ordering = ["group", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "kind", "version"], name="assembly_document_version"
            )
        ]


class GroupCandidate(ScopedModel):
    """A candidate for the first owners' committee, an owner of the project."""

    group = foreign_key(
        PreparationGroup, _("group"), on_delete=models.CASCADE, related_name="candidates"
    )
    owner = foreign_key("registry.Owner", _("owner"))
    name = models.CharField(_("name"), max_length=64)
    statement = models.TextField(_("statement"), blank=True)

    scope = GROUP_SCOPE

    class Meta:
        verbose_name = _("committee candidate")
        verbose_name_plural = _("committee candidates")
        ordering = ["group", "id"]
        constraints = [
            models.UniqueConstraint(fields=["group", "owner"], name="assembly_candidate_once")
        ]

    def __str__(self) -> str:
        return self.name


class ActingBody(ScopedModel):
    """The residents' committee acting for the owners' committee (seed 000 §21; 001
    §五(二)2; 004 §19) until a committee is elected."""

    class Reason(models.TextChoices):
        NOT_ELECTED = "not_elected", _("No committee was elected")
        UNWILLING = "unwilling", _("The owners are unwilling to form a committee")
        TOO_FEW_MEMBERS = "too_few_members", _("Too few committee members are left")

    project = foreign_key("registry.Project", _("project"))
    node_path = node_path_column()
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    basis = models.JSONField(_("basis"), default=dict, blank=True)
    since = models.DateField(_("acting since"))
    until = models.DateField(_("acting until"), null=True, blank=True)
    created_by = _by()

    scope = PROJECT_ROWS

    class Meta:
        verbose_name = _("acting residents' committee")
        verbose_name_plural = _("acting residents' committees")
        ordering = ["-since", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project"], condition=Q(until__isnull=True), name="assembly_one_acting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_reason_display()}"


class MemberBar(ScopedModel):
    """An owner who persistently fails their duties, published in the project and barred
    from the committee (seed 000 §23: 在小区公告并限制进入业主委员会)."""

    project = foreign_key("registry.Project", _("project"))
    node_path = node_path_column()
    owner = foreign_key("registry.Owner", _("owner"))
    reason = models.TextField(_("reason"))
    published_on = models.DateField(_("published on"))
    lifted_on = models.DateField(_("lifted on"), null=True, blank=True)
    created_by = _by()

    scope = PROJECT_ROWS

    class Meta:
        verbose_name = _("barred owner")
        verbose_name_plural = _("barred owners")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return f"{self.project} · {self.owner}"


class CommitteeMeeting(Recorded, ScopedModel):
    """A meeting of the owners' committee with its minutes (seed 000 §21: 例会制度)."""

    committee = foreign_key("registry.OwnersCommittee", _("committee"))
    project = foreign_key("registry.Project", _("project"))
    node_path = node_path_column()
    held_on = models.DateField(_("meeting date"))
    topic = models.CharField(_("topic"), max_length=200)
    attendance = models.PositiveSmallIntegerField(_("members present"))
    minutes = models.TextField(_("meeting minutes"))

    scope = OFFICIAL_SCOPE

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.topic}"


class SubsidyPayment(Recorded, ScopedModel):
    """A month's subsidy paid to a committee member from common revenue, within the
    profile's cap and after a passed yearly assessment (seed 001 §四(一))."""

    committee = foreign_key("registry.OwnersCommittee", _("committee"))
    member = foreign_key("registry.CommitteeMember", _("member"))
    project = foreign_key("registry.Project", _("project"))
    node_path = node_path_column()
    month = models.DateField(_("month"))
    amount_fen = models.PositiveIntegerField(_("amount (fen)"))
    assessment_id = models.PositiveIntegerField(_("assessment"))
    journal_entry_id = models.PositiveIntegerField(_("ledger entry"))

    scope = OFFICIAL_SCOPE

    class Meta:
        verbose_name = _("member subsidy")
        verbose_name_plural = _("member subsidies")
        ordering = ["-month", "member_id"]
        constraints = [
            models.UniqueConstraint(fields=["member", "month"], name="assembly_subsidy_once"),
            models.CheckConstraint(name="assembly_subsidy_positive", condition=Q(amount_fen__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.month:%Y-%m}"
