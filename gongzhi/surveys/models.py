"""Owners' satisfaction surveys (满意度调查) per project: models.

Seed 002 §二(二)2 (the company surveys its owners regularly), seed 004 annex (the community
is responsible for the survey). A :class:`Survey` copies the questionnaire and the scale
of the project's policy profile when it opens, so a later profile change does not alter
it; each home (exclusive part) answers once (:class:`SurveyResponse`, unique per survey and
part), one :class:`SurveyAnswer` per question. Publication stores the result per question
and overall. Status changes only through ``gongzhi.surveys.workflow``.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.fields import foreign_key, node_path_column, optional_foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_projects


class Survey(ScopedModel):
    """One satisfaction survey of one project."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed, results not yet published")
        PUBLISHED = "published", _("Results published")

    class Organiser(models.TextChoices):
        COMPANY = "company", _("Property company")
        COMMUNITY = "community", _("Community")

    project = foreign_key("registry.Project", _("project"))
    # The company serving the project when the survey opened: the one it rates.
    company = optional_foreign_key("registry.PropertyCompany", _("property company"))
    node_path = node_path_column()
    title = models.CharField(_("title"), max_length=200)
    organiser = models.CharField(_("organised by"), max_length=12, choices=Organiser.choices)
    profile_id = models.CharField(_("policy profile"), max_length=64)
    questions = models.JSONField(_("questions"))
    scale = models.JSONField(_("answer scale"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("answers until"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    answered = models.PositiveIntegerField(_("homes that answered"), null=True, blank=True)
    eligible = models.PositiveIntegerField(_("homes"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, null=True, blank=True)
    # per question: {"code", "count", "score" (decimal string or null), "counts": [[v, n]…]}
    results = models.JSONField(_("results"), null=True, blank=True)
    created_by = user_column()
    created_at = models.DateTimeField(_("created"), default=clock.now, editable=False)

    # officials of the subtree, the company rated, the project's committee, and owners of
    # a home in the project (they answer it and read its published results)
    scope = Scope.columns(owner=owner_projects())

    class Meta:
        verbose_name = _("satisfaction survey")
        verbose_name_plural = _("satisfaction surveys")
        ordering = ["-opens_on", "-pk"]
        indexes = [models.Index(fields=["project", "status"], name="survey_project_status")]
        constraints = [
            models.CheckConstraint(
                name="survey_closes_after_opening", condition=Q(closes_on__gte=models.F("opens_on"))
            ),
            # one survey open per project at a time
            models.UniqueConstraint(
                fields=["project"], condition=Q(status="open"), name="survey_one_open_per_project"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SurveyResponse(ScopedModel):
    """The answer of one home (exclusive part): at most one per survey."""

    survey = foreign_key(Survey, on_delete=models.CASCADE, related_name="responses")
    part = foreign_key("registry.ExclusivePart", _("home"))
    respondent = user_column(_("answered by"), blank=False)
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    answered_at = models.DateTimeField(_("answered"), default=clock.now, editable=False)

    # Who answered what is not shown to the company that is rated, nor to the committee.
    scope = Scope(node="survey__node_path", owner="respondent_id")

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(fields=["survey", "part"], name="survey_one_answer_per_part")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}/{self.part_id}"


class SurveyAnswer(ScopedModel):
    """One question's answer in a response: the level of the scale chosen."""

    response = foreign_key(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(_("question"), max_length=48)
    value = models.PositiveSmallIntegerField(_("answer"))

    scope = Scope(node="response__survey__node_path", owner="response__respondent_id")

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "code"], name="survey_answer_once")
        ]

    def __str__(self) -> str:
        return f"{self.code}={self.value}"
