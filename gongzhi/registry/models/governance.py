"""The owners' organisation: owners' committees (业主委员会) or property management
committees (物业管理委员会) and their members. Seeds 000 §19–22; 003 §五(二)1(1).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, optional_foreign_key
from gongzhi.core.scoping import ScopedModel
from gongzhi.registry.models.scopes import project_scope


class OwnersCommittee(ScopedModel):
    """业主委员会, or 物业管理委员会 where no owners' committee exists (000 §19)."""

    class Kind(models.TextChoices):
        OWNERS_COMMITTEE = "owners_committee", _("Owners' committee")
        MANAGEMENT_COMMITTEE = "management_committee", _("Property management committee")

    project = foreign_key("Project", _("project"), related_name="committees")
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"))
    seats = models.PositiveSmallIntegerField(_("seats"), default=5)
    filed_at = models.DateField(_("filed on"), null=True, blank=True)
    office_address = models.CharField(_("office address"), max_length=200, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_current = models.BooleanField(_("current"), default=True)

    scope = project_scope()

    class Meta:
        verbose_name = _("owners' committee")
        verbose_name_plural = _("owners' committees")
        constraints = [
            models.CheckConstraint(
                name="committee_term_order", condition=Q(term_end__gt=models.F("term_start"))
            ),
            models.UniqueConstraint(
                fields=["project"], condition=Q(is_current=True), name="committee_one_current"
            ),
            models.CheckConstraint(name="committee_seats_positive", condition=Q(seats__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_kind_display()}"


class CommitteeMember(ScopedModel):
    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice chair")
        MEMBER = "member", _("Member")

    committee = foreign_key(
        OwnersCommittee, _("committee"), on_delete=models.CASCADE, related_name="members"
    )
    owner = optional_foreign_key("Owner", _("owner"), related_name=None)
    name = models.CharField(_("name"), max_length=64)
    position = models.CharField(_("position"), max_length=16, choices=Position.choices)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    party_member = models.BooleanField(_("party member"), default=False)

    scope = project_scope("committee__")

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")

    def __str__(self) -> str:
        return self.name
