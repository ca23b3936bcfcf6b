"""The frozen roll, ballots and their versions, paper ballots, proxies and results."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.decisions.models.matters import Candidate, Matter, _matter_scope, _owner_matters
from gongzhi.rules import counting


class RollEntry(ScopedModel):
    """One exclusive part on the eligibility roll, frozen when voting opens.

    ``voter_key`` is the person the part counts for (法释〔2009〕7号 art. 9): ``o<owner id>``
    for an owner (several parts, one person), ``developer`` for all of the developer's unsold
    or undelivered parts together, ``p<part id>`` for a part with no registered owner.
    """

    DEVELOPER_KEY = counting.DEVELOPER_KEY

    matter = foreign_key(Matter, _("matter"), on_delete=models.CASCADE, related_name="roll")
    part = optional_foreign_key(
        "registry.ExclusivePart", _("exclusive part"), on_delete=models.SET_NULL, blank=False
    )
    part_number = models.CharField(_("number"), max_length=32)
    area = models.DecimalField(_("registered area (m²)"), max_digits=10, decimal_places=2)
    voter_key = models.CharField(_("voter"), max_length=32)
    owner = optional_foreign_key("registry.Owner", _("owner"), on_delete=models.SET_NULL)
    owner_name = models.CharField(_("owner"), max_length=200, blank=True)
    voter_user = user_column()
    building = models.CharField(_("building"), max_length=64, blank=True)
    unit = models.CharField(_("unit"), max_length=32, blank=True)
    developer_unsold = models.BooleanField(_("developer's unsold part"), default=False)

    # Not the company: the roll is for the owners and the organisers (民法典 art. 278).
    scope = Scope(
        node="matter__node_path",
        project="matter__project_id",
        owner=_owner_matters("matter__"),
    )

    class Meta:
        verbose_name = _("roll entry")
        verbose_name_plural = _("roll entries")
        ordering = ["matter", "building", "unit", "part_number"]
        indexes = [
            models.Index(fields=["matter", "voter_key"]),
            models.Index(fields=["matter", "voter_user"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["matter", "part_number"], name="roll_unique_part"),
            models.CheckConstraint(name="roll_area_positive", condition=Q(area__gt=0)),
        ]

    def __str__(self) -> str:
        return self.part_number


class Cast(ScopedModel):
    """What one casting of a ballot records: the choice, how it came in, its receipt code,
    who cast it and when (abstract: the ballot and each of its versions)."""

    class Choice(models.TextChoices):
        YES = "yes", _("Agree")
        NO = "no", _("Disagree")
        ABSTAIN = "abstain", _("Abstain")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper ballot")
        PROXY = "proxy", _("By proxy")

    # For an election the choice is "yes" when candidates are named, "abstain" when none.
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    receipt = models.CharField(_("receipt code"), max_length=16, unique=True)
    cast_by = user_column(blank=False)
    cast_at = models.DateTimeField(_("cast"))

    class Meta:
        abstract = True


class Ballot(Cast):
    """The counted ballot of one voter (person) on one matter; the last version stands."""

    matter = foreign_key(Matter, _("matter"), on_delete=models.CASCADE, related_name="ballots")
    voter_key = models.CharField(_("voter"), max_length=32)
    candidates = models.ManyToManyField(
        Candidate, verbose_name=_("candidates"), blank=True, related_name="ballots"
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    voter_user = user_column(blank=False)

    scope = Scope(
        node="matter__node_path",
        project="matter__project_id",
        owner=lambda g: Q(voter_user_id=g.user_id) | Q(cast_by_id=g.user_id),
    )

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["matter", "voter_key"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "voter_key"], name="ballot_one_per_voter"),
        ]

    def __str__(self) -> str:
        return self.receipt


class BallotRevision(Cast):
    """Every version of a ballot, with its own receipt code (the history of changes)."""

    ballot = foreign_key(Ballot, _("ballot"), on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    candidate_ids = models.JSONField(_("candidates"), default=list, blank=True)

    scope = Scope(
        node="ballot__matter__node_path",
        project="ballot__matter__project_id",
        owner=lambda g: Q(ballot__voter_user_id=g.user_id) | Q(cast_by_id=g.user_id),
    )

    class Meta:
        verbose_name = _("ballot version")
        verbose_name_plural = _("ballot versions")
        ordering = ["ballot", "version"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "version"], name="ballot_revision_unique"),
        ]

    def __str__(self) -> str:
        return self.receipt


class PaperBallot(ScopedModel):
    """A paper ballot entered by staff with its scan; it counts once a second person confirms."""

    matter = foreign_key(
        Matter, _("matter"), on_delete=models.CASCADE, related_name="paper_ballots"
    )
    voter_key = models.CharField(_("voter"), max_length=32)
    choice = models.CharField(_("choice"), max_length=8, choices=Ballot.Choice.choices)
    candidate_ids = models.JSONField(_("candidates"), default=list, blank=True)
    scan = models.FileField(_("scan"), upload_to="decisions/paper/%Y/")
    entered_by = foreign_key(settings.AUTH_USER_MODEL)
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    confirmed_by = optional_foreign_key(settings.AUTH_USER_MODEL)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    scope = Scope(node="matter__node_path", project="matter__project_id")

    class Meta:
        verbose_name = _("paper ballot")
        verbose_name_plural = _("paper ballots")
        ordering = ["matter", "id"]
        constraints = [
            models.CheckConstraint(
                name="paper_ballot_four_eyes",
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=models.F("entered_by")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.voter_key}"


class Proxy(ScopedModel):
    """A written proxy (委托书): another account votes for this voter on this matter."""

    matter = foreign_key(Matter, _("matter"), on_delete=models.CASCADE, related_name="proxies")
    voter_key = models.CharField(_("voter"), max_length=32)
    agent = foreign_key(settings.AUTH_USER_MODEL, _("proxy holder"))
    document = models.FileField(_("proxy document"), upload_to="decisions/proxies/%Y/")
    recorded_by = user_column(blank=False)
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    scope = Scope(
        node="matter__node_path",
        project="matter__project_id",
        owner=lambda g: Q(agent_id=g.user_id),
    )

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        constraints = [
            models.UniqueConstraint(fields=["matter", "voter_key"], name="proxy_one_per_voter"),
        ]

    def __str__(self) -> str:
        return f"{self.voter_key} → {self.agent_id}"


class Result(ScopedModel):
    """The tally of a closed matter: totals, per building, verdict and its explanation."""

    matter = models.OneToOneField(
        Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="result"
    )
    total_area = models.DecimalField(_("total area"), max_digits=14, decimal_places=2)
    total_owners = models.PositiveIntegerField(_("total owners"))
    participating_area = models.DecimalField(
        _("participating area"), max_digits=14, decimal_places=2
    )
    participating_owners = models.PositiveIntegerField(_("participating owners"))
    yes_area = models.DecimalField(_("area in favour"), max_digits=14, decimal_places=2)
    yes_owners = models.PositiveIntegerField(_("owners in favour"))
    passed = models.BooleanField(_("passed"))
    unmet = models.JSONField(_("thresholds not met"), default=list)
    explanation = models.JSONField(_("explanation"), default=list)
    per_building = models.JSONField(_("totals per building"), default=list)
    election = models.JSONField(_("election result"), default=dict, blank=True)
    rule = models.CharField(_("decision rule"), max_length=300)
    computed_at = models.DateTimeField(_("tallied"), auto_now_add=True)

    scope = _matter_scope("matter__")

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            models.CheckConstraint(
                name="result_totals_order",
                condition=Q(yes_area__lte=models.F("participating_area"))
                & Q(participating_area__lte=models.F("total_area"))
                & Q(yes_owners__lte=models.F("participating_owners"))
                & Q(participating_owners__lte=models.F("total_owners")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.matter} · {self.passed}"
