"""Intake of complaints from every channel (owner, 12345 hotline, patrol, API, Open311) and
their routing; seed 002 §二(一)1(2), 003 §五(二)2(2).
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.complaints import routing, stats
from gongzhi.complaints.models import (
    Channel,
    Complaint,
    ComplaintPhoto,
)
from gongzhi.complaints.services.common import (
    DESCRIPTION_MAX,
    S,
    record_event,
)
from gongzhi.complaints.workflow import (
    NODE_ROLES,
)
from gongzhi.core import clock
from gongzhi.core.attachments import photos_check, upload_fields
from gongzhi.core.errors import DomainError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, user_of
from gongzhi.core.tasks import send_sms_on_commit
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import ExclusivePart, Project
from gongzhi.rules.identity import CONTACT_PHONE


def owner_project_ids(actor: Actor) -> set[int]:
    return set(
        ExclusivePart.objects.filter(ownerships__owner__user_id=actor.user_id).values_list(
            "project_id", flat=True
        )
    )


def _coordinate(raw: Any, name: str, limit: int, errors: FieldErrors) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        errors[name] = [_("Enter a number.")]
        return None
    if not -limit <= value <= limit:
        errors[name] = [_("Enter a value between -%(limit)s and %(limit)s.") % {"limit": limit}]
        return None
    return value


def _place(
    actor: Actor, channel: str, project: Project | None, node: Jurisdiction | None
) -> tuple[Jurisdiction | None, FieldErrors]:
    """The jurisdiction of the matter, and whether the actor may file it there."""
    errors: FieldErrors = {}
    where = project.community if project is not None else node
    if where is None:
        errors["project"] = [_("Choose the project (or, for a patrol finding, the place).")]
        return None, errors
    if channel == Channel.OWNER or (channel == Channel.API and actor.has_role(Role.OWNER)):
        if project is None or project.pk not in owner_project_ids(actor):
            errors["project"] = [_("Choose a project where you own a home.")]
    elif channel in (Channel.HOTLINE, Channel.PATROL, Channel.API):
        paths = [g.node_path for g in actor.grants_of("node") if g.role in NODE_ROLES]
        if not actor.is_platform_admin and not any(where.path.startswith(p or "~") for p in paths):
            errors["project" if project is not None else "node"] = [
                _("This place is outside your jurisdiction.")
            ]
    return where, errors


def _check_actor(actor: Actor, channel: str) -> None:
    if channel == Channel.OPEN311:
        return
    if not actor.is_authenticated:
        raise PermissionDeniedError(_("Sign in to submit a complaint."))
    if channel == Channel.OWNER and not actor.has_role(Role.OWNER):
        raise PermissionDeniedError(_("Only owners use the owner form."))
    if channel in (Channel.HOTLINE, Channel.PATROL) and not actor.has_role(*NODE_ROLES):
        raise PermissionDeniedError(
            _("Only bureau, street and community officers enter work orders and patrol findings.")
        )


def _new_number(day: dt.date) -> str:
    return f"TS{day:%Y%m%d}{secrets.randbelow(10**6):06d}"


def complaint_submit(
    *,
    actor: Actor,
    channel: str,
    category: str,
    description: str,
    project: Project | None = None,
    place: str = "",
    latitude: Any = None,
    longitude: Any = None,
    address: str = "",
    photos: Iterable[UploadedFile] = (),
    contact_name: str = "",
    contact_phone: str = "",
    hotline_number: str = "",
    node: Jurisdiction | None = None,
    attach: Callable[[Complaint], object] | None = None,
) -> Complaint:
    """Receive a complaint and route it to the party the responsibility list names.

    Owners file for a project where they own a home; officials enter 12345 work orders
    (number and call-back phone required, seed 003 §五(二)2(2)) and patrol findings
    (002 §二(一)1(2)) inside their jurisdiction; Open311 may be anonymous, with ``node``.
    Deadlines count working days from today (profile). ``attach(complaint)`` writes what
    belongs to the new complaint (the Open311 link) in its transaction, so a caller need not
    hold a transaction of its own open while the matter is checked and routed.
    """
    _check_actor(actor, channel)
    errors: FieldErrors = {}
    if channel not in Channel.values:
        errors["channel"] = [_("Select a valid choice.")]
    text = (description or "").strip()
    if not text:
        errors["description"] = [_("Describe the matter.")]
    elif len(text) > DESCRIPTION_MAX:
        errors["description"] = [
            _("Keep the description under %(n)s characters.") % {"n": DESCRIPTION_MAX}
        ]
    phone = (contact_phone or "").strip().replace(" ", "")
    if phone and not CONTACT_PHONE.match(phone):
        errors["contact_phone"] = [_("Enter a mobile or landline number.")]
    if channel == Channel.HOTLINE:
        if not (hotline_number or "").strip():
            errors["hotline_number"] = [_("Enter the 12345 work-order number.")]
        if not phone:
            errors["contact_phone"] = [_("Enter the caller's call-back phone.")]
    lat = _coordinate(latitude, "latitude", 90, errors)
    lng = _coordinate(longitude, "longitude", 180, errors)
    checked = photos_check(photos, errors)
    where, place_errors = _place(actor, channel, project, node)
    errors.update(place_errors)
    plan = None
    profile = None
    if where is not None and not place_errors:
        # the inherited profile is resolved once and serves the routing and the deadlines
        profile = effective_profile(where)
        try:
            plan = routing.plan_route(where, project, category, profile)
        except DomainError as error:
            errors.update(error.fields)
    if errors or where is None or plan is None:
        raise invalid(errors)

    day = clock.today()
    due = routing.deadlines(where, day, profile)
    submitter = user_of(actor) if channel in (Channel.OWNER, Channel.API) else None
    with transaction.atomic():
        complaint = None
        for _attempt in range(5):
            try:
                with transaction.atomic():
                    complaint = Complaint.objects.create(
                        number=_new_number(day),
                        channel=channel,
                        project=project,
                        place=(place or "").strip()[:200],
                        latitude=lat,
                        longitude=lng,
                        address=(address or "").strip()[:255],
                        category=plan.responsibility.code,
                        category_label=plan.responsibility.label_zh,
                        description=text,
                        submitter=submitter,
                        contact_name=(contact_name or "").strip()[:64],
                        contact_phone=phone[:20],
                        hotline_number=(hotline_number or "").strip()[:32],
                        node=where,
                        node_path=where.path,
                        party=plan.party,
                        department=plan.department,
                        company=plan.company,
                        routing_note=plan.note[:300],
                        tier_node=plan.tier_node,
                        acknowledge_due=due.acknowledge.date,
                        resolve_due=due.resolve.date,
                        due_on=due.acknowledge.date,
                        due_provisional=due.provisional,
                    )
                break
            except IntegrityError:
                continue
        if complaint is None:  # pragma: no cover - five number collisions in a row
            raise DomainError(_("Please try again."))
        for upload, kind in checked:
            ComplaintPhoto.objects.create(
                complaint=complaint, **upload_fields(upload, kind=kind, actor=actor)
            )
        record_event(complaint, actor, "submit", "", S.RECEIVED, public_note=plan.note)
        audit.record_create(actor, complaint)
        stats.bump(complaint, day, received=1)
        if attach is not None:
            attach(complaint)
    if phone:
        send_sms_on_commit(
            phone,
            str(_("Your complaint %(number)s has been received.") % {"number": complaint.number}),
        )
    return complaint


def complaint_submit_with_history(
    *,
    actor: Actor,
    history: Iterable[tuple[dt.datetime, str]],
    source: str,
    **fields: Any,
) -> Complaint:
    """Receive a complaint that continues an earlier matter and keep that matter's history.

    Used by ``repairs.services.repair_escalate`` (a repair request the owner turns into a
    complaint): ``fields`` are those of :func:`complaint_submit`; each ``(when, text)`` of
    ``history`` becomes a public ``prior`` step dated when it happened, so the complaint's
    history reads from the first request on; ``source`` (e.g. "报修单 BX…") is said in the
    receipt step. One transaction: if the complaint is refused nothing is written.
    """
    with transaction.atomic():
        complaint = complaint_submit(actor=actor, **fields)
        for when, text in history:
            event = record_event(complaint, actor, "prior", "", "", public_note=text)
            # the step is dated when it happened, not when it was copied
            type(event).objects.filter(pk=event.pk).update(at=when)
        record_event(
            complaint,
            actor,
            "continued",
            "",
            "",
            public_note=str(_("Continues %(source)s.") % {"source": source}),
        )
    return complaint
