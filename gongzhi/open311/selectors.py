"""Reads for Open311: jurisdictions by code, the service list, public request rows and
the bureau's key list.

GeoReport v2 reads are public by specification. They run as a *public reader*: an
actor that holds one node grant on the requested jurisdiction and nothing else, so every
read still goes through ``complaints.selectors`` and ``visible_to`` and stays inside
that subtree. The reader is never passed to a service.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import get_language

from gongzhi.accounts.models import User
from gongzhi.complaints import routing
from gongzhi.complaints.models import Channel, Complaint, ComplaintEvent
from gongzhi.complaints.selectors import complaint_list
from gongzhi.core.scoping import Actor, Grant
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import with_inherited_profile
from gongzhi.open311.models import Open311Client, Open311Request
from gongzhi.registry.models import Project
from gongzhi.rules.complaints import Responsibility

PUBLIC_READER_ROLE = "open311_public"


class JurisdictionAmbiguous(Exception):
    """No jurisdiction_id was given and the platform serves more than one top node."""


def jurisdiction_by_code(code: str) -> Jurisdiction | None:
    """The node whose administrative division code is ``code`` (the widest if several),
    with its inherited profile read in the same query (routing and deadlines need it)."""
    code = code.strip()
    if not code:
        return None
    nodes = with_inherited_profile(Jurisdiction.objects.filter(division_code=code))
    return nodes.order_by("depth", "pk").first()


def default_jurisdiction() -> Jurisdiction | None:
    """The one top node, when no jurisdiction_id is given (GeoReport: the parameter is
    needed only where an endpoint serves several jurisdictions)."""
    roots = list(Jurisdiction.objects.filter(parent__isnull=True).order_by("pk")[:2])
    if len(roots) > 1:
        raise JurisdictionAmbiguous
    return roots[0] if roots else None


def public_reader(node: Jurisdiction) -> Actor:
    """A read-only actor that sees exactly ``node``'s subtree (see the module docstring).

    The user is an unsaved placeholder so ``visible_to`` admits the grant; it has no
    primary key and no roles, so no service or permission check accepts it.
    """
    return Actor(
        user=User(username="open311"),
        grants=(Grant(kind="node", role=PUBLIC_READER_ROLE, node_path=node.path, node_id=node.pk),),
    )


def services_for(node: Jurisdiction) -> tuple[Responsibility, ...]:
    """The service list = the responsibility list (职责清单) in force at ``node``."""
    return routing.responsibilities_for(node)


def service_get(node: Jurisdiction, code: str) -> Responsibility | None:
    return next((item for item in services_for(node) if item.code == code), None)


def service_label(item: Responsibility) -> str:
    return item.label(get_language() or "zh-hans")


@dataclass(frozen=True)
class RequestFilter:
    """The GeoReport GET /requests parameters, already checked."""

    ids: tuple[str, ...] = ()
    service_codes: tuple[str, ...] = ()
    status: str = ""  # "", "open" or "closed"
    start: dt.datetime | None = None
    end: dt.datetime | None = None


def request_rows(node: Jurisdiction, query: RequestFilter, limit: int) -> list[Complaint]:
    """The public requests under ``node`` matching ``query``, newest first, at most ``limit``.

    With ids, the other filters are ignored (GeoReport v2).
    """
    if query.ids:
        rows = complaint_list(public_reader(node)).filter(number__in=query.ids)
    else:
        rows = complaint_list(public_reader(node), public=query.status)
        if query.service_codes:
            rows = rows.filter(category__in=query.service_codes)
        if query.start is not None:
            rows = rows.filter(created_at__gte=query.start)
        if query.end is not None:
            rows = rows.filter(created_at__lte=query.end)
    return list(rows.select_related("open311")[:limit])


def request_get(node: Jurisdiction, number: str) -> Complaint | None:
    rows = request_rows(node, RequestFilter(ids=(number,)), 1)
    return rows[0] if rows else None


def request_by_token(node: Jurisdiction, token: str) -> Open311Request | None:
    try:
        value = uuid.UUID(token)
    except ValueError:
        return None
    return (
        Open311Request.objects.visible_to(public_reader(node))
        .select_related("complaint")
        .filter(token=value)
        .first()
    )


def public_notes(node: Jurisdiction, complaints: Sequence[Complaint]) -> dict[int, str]:
    """The latest note to the complainant of each Open311 complaint (never internal notes;
    other channels' notes are not public, see ``georeport``)."""
    notes: dict[int, str] = {}
    ids = [c.pk for c in complaints if c.channel == Channel.OPEN311]
    if not ids:
        return notes
    events = (
        ComplaintEvent.objects.visible_to(public_reader(node))
        .filter(complaint_id__in=ids)
        .exclude(public_note="")
        .order_by("at", "pk")
        .values_list("complaint_id", "public_note")
    )
    for complaint_id, note in events:
        notes[complaint_id] = note
    return notes


def project_in(node: Jurisdiction, pk: str) -> Project | None:
    """The project (GeoReport ``address_id``) with id ``pk`` inside ``node``'s subtree."""
    if not pk.isdigit():
        return None
    return (
        Project.objects.select_related("community", "company")
        .filter(pk=int(pk), node_path__startswith=node.path)
        .first()
    )


def client_list(actor: Actor) -> QuerySet[Open311Client]:
    """The keys the actor may manage: those of their jurisdiction and below."""
    return Open311Client.objects.visible_to(actor).select_related("node", "created_by")


def client_nodes(actor: Actor) -> QuerySet[Jurisdiction]:
    """The jurisdictions the actor may bind a new key to."""
    return Jurisdiction.objects.visible_to(actor).order_by("path")
