"""Owners (业主) and who holds or lives in each exclusive part: ownership shares as exact
fractions (民法典 art. 278 counts each part's area once) and occupants (物业使用人).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel
from gongzhi.registry.models.scopes import owner_part_ids, project_scope


class Owner(ScopedModel):
    """A natural person (居民身份证) or an organisation (统一社会信用代码), incl. developers."""

    class Kind(models.TextChoices):
        PERSON = "person", _("Natural person")
        ORGANISATION = "organisation", _("Organisation")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    id_number = models.CharField(_("ID card number"), max_length=18, blank=True)
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    is_developer = models.BooleanField(_("developer"), default=False)
    user = user_column(_("account"), related_name="owner_records")
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(
        node=lambda g: Q(
            pk__in=Ownership.objects.filter(
                part__project__node_path__startswith=g.node_path
            ).values("owner_id")
        ),
        company=lambda g: Q(
            pk__in=Ownership.objects.filter(part__project__company_id=g.company_id).values(
                "owner_id"
            )
        ),
        owner="user_id",
    )

    class Meta:
        verbose_name = _("owner")
        verbose_name_plural = _("owners")
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                name="owner_identifier_matches_kind",
                condition=Q(kind="person", uscc="") | Q(kind="organisation", id_number=""),
            ),
            models.UniqueConstraint(
                fields=["id_number"], condition=~Q(id_number=""), name="owner_unique_id_number"
            ),
            models.UniqueConstraint(
                fields=["uscc"], condition=~Q(uscc=""), name="owner_unique_uscc"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Ownership(ScopedModel):
    """An owner's share of an exclusive part (exact fraction numerator/denominator)."""

    part = foreign_key(
        "ExclusivePart", _("exclusive part"), on_delete=models.CASCADE, related_name="ownerships"
    )
    owner = foreign_key(Owner, _("owner"), related_name="ownerships")
    share_numerator = models.PositiveIntegerField(_("share numerator"), default=1)
    share_denominator = models.PositiveIntegerField(_("share denominator"), default=1)
    since = models.DateField(_("since"), null=True, blank=True)

    scope = project_scope("part__", owner="owner__user_id")

    class Meta:
        verbose_name = _("ownership")
        verbose_name_plural = _("ownerships")
        constraints = [
            models.UniqueConstraint(fields=["part", "owner"], name="ownership_unique"),
            models.CheckConstraint(
                name="ownership_share_valid",
                condition=Q(share_numerator__gt=0)
                & Q(share_numerator__lte=models.F("share_denominator")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} · {self.part}"


class Occupant(ScopedModel):
    """物业使用人: a tenant or family member living in a part, recorded apart from owners."""

    class Kind(models.TextChoices):
        TENANT = "tenant", _("Tenant")
        FAMILY = "family", _("Family member")
        OTHER = "other", _("Other")

    part = foreign_key(
        "ExclusivePart", _("exclusive part"), on_delete=models.CASCADE, related_name="occupants"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=64)
    id_number = models.CharField(_("ID card number"), max_length=18, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    moved_in = models.DateField(_("moved in"), null=True, blank=True)
    moved_out = models.DateField(_("moved out"), null=True, blank=True)

    scope = project_scope("part__", owner=lambda g: Q(part_id__in=owner_part_ids(g)))

    class Meta:
        verbose_name = _("occupant")
        verbose_name_plural = _("occupants")
        ordering = ["part", "name"]
        constraints = [
            models.CheckConstraint(
                name="occupant_dates_order",
                condition=Q(moved_out__isnull=True)
                | Q(moved_in__isnull=True)
                | Q(moved_out__gte=models.F("moved_in")),
            ),
        ]

    def __str__(self) -> str:
        return self.name
