"""Open311 GeoReport v2: the machine clients that may post, and what each one posted.

An :class:`Open311Client` is a system (a 12345 hotline platform, a city app) the bureau
issued an API key to. Only the SHA-256 digest of the key is stored; the key itself is
shown once. A client is bound to the jurisdiction it may post into (its subtree), or to
none (platform-wide, issued by the command line only). An :class:`Open311Request` links a
complaint created through Open311 to the client that posted it and keeps the GeoReport
fields the complaint has no column for (``media_url``, ``account_id``, ``device_id``,
``email``) and the token a client may look the request up by.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongzhi.core.fields import foreign_key, user_column
from gongzhi.core.scoping import Scope, ScopedModel


class Open311Client(ScopedModel):
    """A client system holding one API key (digest only)."""

    name = models.CharField(_("name"), max_length=64)
    node = models.ForeignKey(
        "jurisdictions.Jurisdiction",
        verbose_name=_("jurisdiction"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="open311_clients",
        help_text=_("The client may post requests into this jurisdiction and below."),
    )
    # The node's path ("" = platform-wide), so a bureau official sees the keys of their
    # subtree with one prefix filter.
    node_path = models.CharField(max_length=255, blank=True, editable=False)
    prefix = models.CharField(_("key prefix"), max_length=8, editable=False)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = user_column(_("issued by"))
    created_at = models.DateTimeField(_("issued"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    scope = Scope(node="node_path")

    class Meta:
        verbose_name = _("Open311 client")
        verbose_name_plural = _("Open311 clients")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["node_path", "created_at"], name="open311_client_path")]
        constraints = [
            models.CheckConstraint(
                name="open311_client_path_iff_node",
                condition=Q(node__isnull=True, node_path="")
                | (Q(node__isnull=False) & ~Q(node_path="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class Open311Request(ScopedModel):
    """A complaint posted through Open311, and the GeoReport fields it came with."""

    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="open311",
    )
    client = foreign_key(Open311Client, _("client"), related_name="requests")
    token = models.UUIDField(_("token"), default=uuid.uuid4, unique=True, editable=False)
    media_url = models.URLField(_("media URL"), max_length=500, blank=True)
    account_id = models.CharField(_("account id"), max_length=64, blank=True)
    device_id = models.CharField(_("device id"), max_length=64, blank=True)
    # Personal data: kept for the call-back, never shown by the GeoReport endpoints.
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    scope = Scope(node="complaint__node_path")

    class Meta:
        verbose_name = _("Open311 request")
        verbose_name_plural = _("Open311 requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return str(self.token)

    @property
    def node_path(self) -> str:
        """Where the audit log files this row (the complaint's place)."""
        return self.complaint.node_path
