"""Writes of repair requests (报事报修): the owner's request, the company's dispatch, start
and completion, the owner's rating, cancellation and escalation to a complaint.

Seed 000 §18 (线上报修), 004 §21 (在线报事). Every write is atomic and audited in the
same transaction; bad input raises a translated DomainError naming the field and writes
nothing. Status changes only through ``gongzhi.core.workflow.transition``. Escalation
calls ``gongzhi.complaints.services.complaint_submit_with_history`` (the complaint keeps
this request's history) inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.complaints import routing as complaint_routing
from gongzhi.complaints import services as complaints
from gongzhi.complaints.models import Channel
from gongzhi.core import clock
from gongzhi.core.attachments import photos_check, upload_fields
from gongzhi.core.errors import (
    DomainError,
    FieldErrors,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.registry.models import CompanyStaff, ExclusivePart, Project
from gongzhi.repairs.models import (
    Category,
    Place,
    RepairEvent,
    RepairPhoto,
    RepairRequest,
)
from gongzhi.repairs.workflow import REPAIR_FLOW
from gongzhi.rules.identity import CONTACT_PHONE

S = RepairRequest.Status
DESCRIPTION_MAX = 2000
NOTE_MAX = 2000
APPOINTMENT_DAYS_MAX = 60
# The complaint category a repair becomes, first one the place's responsibility list has
# (a city may replace the list; "other" is in every list the platform ships).
COMPLAINT_CATEGORIES = {
    Place.COMMON: ("common_repairs", "service_quality", "other"),
    Place.HOME: ("service_quality", "common_repairs", "other"),
}


def _label(actor: Actor | None) -> str:
    if actor is None:
        return "system"
    return str(getattr(actor.user, "username", ""))[:150]


def _event(
    repair: RepairRequest, actor: Actor | None, action: str, before: str, after: str, note: str = ""
) -> RepairEvent:
    return RepairEvent.objects.create(
        request=repair,
        action=action,
        from_status=before,
        to_status=after,
        actor=user_of(actor),
        actor_label=_label(actor),
        note=note.strip(),
    )


def _step(
    actor: Actor,
    repair: RepairRequest,
    action: str,
    *,
    event_note: str | Callable[[RepairRequest], str] = "",
    changes: dict[str, Any] | None = None,
    **context: Any,
) -> RepairRequest:
    """Apply a workflow step to the request and add it to the request's history (the
    note, or what ``event_note`` says of the request once the step is done)."""
    before = repair.status
    repair = transition(
        actor=actor,
        workflow=REPAIR_FLOW,
        queryset=RepairRequest.objects.all(),
        pk=repair.pk,
        action=action,
        changes=changes,
        **context,
    )
    note = event_note(repair) if callable(event_note) else event_note
    _event(repair, actor, action, before, repair.status, note)
    return repair


def owned_parts(actor: Actor) -> Any:
    """The exclusive parts the signed-in owner owns (their homes)."""
    return ExclusivePart.objects.filter(ownerships__owner__user_id=actor.user_id).select_related(
        "project", "project__community", "project__company"
    )


def _save_photos(
    actor: Actor, repair: RepairRequest, stage: str, checked: list[tuple[Any, str]]
) -> None:
    for upload, kind in checked:
        RepairPhoto.objects.create(
            request=repair, stage=stage, **upload_fields(upload, kind=kind, actor=actor)
        )


def _appointment(raw: Any, errors: FieldErrors) -> dt.datetime | None:
    """An appointment from now up to :data:`APPOINTMENT_DAYS_MAX` days ahead, or none."""
    if raw in (None, ""):
        return None
    value = raw
    if isinstance(raw, str):
        try:
            value = dt.datetime.fromisoformat(raw)
        except ValueError:
            errors["appointment_at"] = [_("Enter a date and time.")]
            return None
    if not isinstance(value, dt.datetime):
        errors["appointment_at"] = [_("Enter a date and time.")]
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    now = clock.now()
    if value < now - dt.timedelta(minutes=5):
        errors["appointment_at"] = [_("Choose a time that has not passed.")]
    elif value > now + dt.timedelta(days=APPOINTMENT_DAYS_MAX):
        errors["appointment_at"] = [
            _("Choose a time within %(n)s days.") % {"n": APPOINTMENT_DAYS_MAX}
        ]
    return value


def _where(
    actor: Actor, place: str, part_id: Any, project_id: Any, errors: FieldErrors
) -> tuple[Project | None, ExclusivePart | None]:
    """The project (and home) of a request: the owner's own home, or a common part of a
    project where they own a home."""
    homes = owned_parts(actor)
    if place == Place.HOME:
        part = homes.filter(pk=part_id).first() if str(part_id or "").isdigit() else None
        if part is None:
            errors["part"] = [_("Choose one of your homes.")]
            return None, None
        return part.project, part
    if place == Place.COMMON:
        project_ids = set(homes.values_list("project_id", flat=True))
        pid = int(project_id) if str(project_id or "").isdigit() else None
        if pid is None or pid not in project_ids:
            errors["project"] = [_("Choose a project where you own a home.")]
            return None, None
        return Project.objects.select_related("company", "community").get(pk=pid), None
    errors["place"] = [_("Say whether the repair is in your home or in a common part.")]
    return None, None


def _new_number(day: dt.date) -> str:
    return f"BX{day:%Y%m%d}{secrets.randbelow(10**6):06d}"


@transaction.atomic
def repair_submit(
    *,
    actor: Actor,
    place: str,
    category: str,
    description: str,
    part_id: Any = None,
    project_id: Any = None,
    location: str = "",
    appointment_at: Any = None,
    contact_phone: str = "",
    photos: Iterable[UploadedFile] = (),
) -> RepairRequest:
    """An owner asks their project's property company for a repair (seed 000 §18).

    The place is the owner's own home (one of their exclusive parts) or a common part of
    a project where they own a home; the request goes to the company serving that project
    now. An appointment, if given, lies between now and 60 days ahead.
    """
    if not actor.has_role(Role.OWNER) or actor.user_id is None:
        raise PermissionDeniedError(_("Only owners ask for repairs here."))
    errors: FieldErrors = {}
    if category not in Category.values:
        errors["category"] = [_("Choose what needs repairing.")]
    text = (description or "").strip()
    if not text:
        errors["description"] = [_("Describe what needs repairing.")]
    elif len(text) > DESCRIPTION_MAX:
        errors["description"] = [
            _("Keep the description under %(n)s characters.") % {"n": DESCRIPTION_MAX}
        ]
    where = (location or "").strip()
    if place == Place.COMMON and not where:
        errors["location"] = [_("Say where the common part is, e.g. 3栋2单元电梯.")]
    phone = (contact_phone or "").strip().replace(" ", "")
    if phone and not CONTACT_PHONE.match(phone):
        errors["contact_phone"] = [_("Enter a mobile or landline number.")]
    appointment = _appointment(appointment_at, errors)
    checked = photos_check(photos, errors)
    project, part = _where(actor, place, part_id, project_id, errors)
    if project is not None and project.company_id is None:
        errors["project"] = [
            _("No property company serves this project; ask your owners' committee.")
        ]
    if errors or project is None:
        raise invalid(errors)
    day = clock.today()
    repair = None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                repair = RepairRequest.objects.create(
                    number=_new_number(day),
                    project=project,
                    company_id=project.company_id,
                    node_path=project.node_path,
                    place=place,
                    part=part,
                    location=where[:200],
                    category=category,
                    description=text,
                    requester=user_of(actor),
                    contact_phone=phone[:20],
                    appointment_at=appointment,
                )
            break
        except IntegrityError:  # pragma: no cover - a number collision; draw again
            continue
    if repair is None:  # pragma: no cover - five collisions in a row
        raise DomainError(_("Please try again."))
    _save_photos(actor, repair, RepairPhoto.Stage.REQUEST, checked)
    _event(repair, actor, "submit", "", S.SUBMITTED)
    audit.record_create(actor, repair)
    return repair


def _seconds_since(start: dt.datetime) -> int:
    return max(0, int((clock.now() - start).total_seconds()))


def _visible(actor: Actor, pk: Any) -> RepairRequest:
    return get_visible(RepairRequest.objects.all(), actor, pk=pk)


@transaction.atomic
def repair_dispatch(
    *, actor: Actor, pk: Any, worker_id: Any, appointment_at: Any = None, note: str = ""
) -> RepairRequest:
    """The company sends one of its active staff (dispatch again to change the worker or
    the appointment). The first dispatch fixes the response time."""
    repair = _visible(actor, pk)
    errors: FieldErrors = {}
    worker = (
        CompanyStaff.objects.filter(
            pk=worker_id, company_id=repair.company_id, is_active=True
        ).first()
        if str(worker_id or "").isdigit()
        else None
    )
    if worker is None:
        errors["worker"] = [_("Choose an active worker of the company.")]
    appointment = _appointment(appointment_at, errors)
    # in a state where dispatching is possible, bad input is refused field by field;
    # otherwise the workflow says why the step is not possible (409)
    if errors and repair.status in REPAIR_FLOW.transitions["dispatch"].sources:
        raise invalid(errors)
    changes: dict[str, Any] = {"worker": worker}
    if appointment is not None:
        changes["appointment_at"] = appointment
    if repair.dispatched_at is None:
        changes["dispatched_at"] = clock.now()
        changes["respond_seconds"] = _seconds_since(repair.created_at)
    text = gettext("Worker: %(name)s") % {"name": worker.name if worker else ""}
    when = appointment if appointment is not None else repair.appointment_at
    if when:
        local = timezone.localtime(when)
        text += "; " + gettext("appointment %(when)s") % {"when": f"{local:%Y-%m-%d %H:%M}"}
    return _step(actor, repair, "dispatch", event_note=f"{text}. {note}".strip(), changes=changes)


@transaction.atomic
def repair_start(*, actor: Actor, pk: Any, note: str = "") -> RepairRequest:
    return _step(actor, _visible(actor, pk), "start", event_note=note)


@transaction.atomic
def repair_complete(
    *, actor: Actor, pk: Any, note: str, photos: Iterable[UploadedFile] = ()
) -> RepairRequest:
    """The company reports the work done, with what was done and photos of the result;
    the time to finish is fixed now."""
    repair = _visible(actor, pk)
    errors: FieldErrors = {}
    text = (note or "").strip()
    if len(text) > NOTE_MAX:
        errors["note"] = [_("Keep the note under %(n)s characters.") % {"n": NOTE_MAX}]
    checked = photos_check(photos, errors)
    if errors and repair.status in REPAIR_FLOW.transitions["complete"].sources:
        raise invalid(errors)
    repair = _step(
        actor,
        repair,
        "complete",
        event_note=text,
        changes={
            "completion_note": text,
            "completed_at": clock.now(),
            "finish_seconds": _seconds_since(repair.created_at),
        },
        note=text,
    )
    _save_photos(actor, repair, RepairPhoto.Stage.COMPLETION, checked)
    return repair


def _rating(raw: Any) -> Any:
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    return raw


@transaction.atomic
def repair_rate(*, actor: Actor, pk: Any, rating: Any, comment: str = "") -> RepairRequest:
    """The owner who asked rates the finished work, 1 to 5 stars."""
    repair = _visible(actor, pk)
    value = _rating(rating)
    text = (comment or "").strip()
    if len(text) > 500:
        raise invalid({"comment": [_("Keep the comment under 500 characters.")]})
    return _step(
        actor,
        repair,
        "rate",
        event_note=lambda done: f"{'★' * (done.rating or 0)} {text}",
        changes={"rating": value, "rating_comment": text, "rated_at": clock.now()},
        rating=value,
    )


@transaction.atomic
def repair_cancel(*, actor: Actor, pk: Any, reason: str = "") -> RepairRequest:
    """The owner withdraws the request before the work starts."""
    return _step(actor, _visible(actor, pk), "cancel", event_note=reason)


def _history_lines(repair: RepairRequest) -> list[tuple[dt.datetime, str]]:
    """The request's steps as the complaint will show them, in Chinese or English by the
    active language, each dated when it happened."""
    labels = {t.action: str(t.label) for t in REPAIR_FLOW.transitions.values()}
    labels["submit"] = gettext("Repair requested")
    first = gettext("Repair request %(number)s: %(category)s, %(where)s. %(text)s") % {
        "number": repair.number,
        "category": repair.get_category_display(),
        "where": repair.part.number if repair.part else repair.location,
        "text": repair.description,
    }
    lines = []
    for event in repair.events.order_by("at", "pk"):
        if event.action == "submit":
            lines.append((event.at, first))
            continue
        status = S(event.to_status).label if event.to_status in S.values else ""
        text = f"{labels.get(event.action, event.action)} → {status}"
        if event.note:
            text += f": {event.note}"
        lines.append((event.at, text))
    return lines


def _complaint_category(repair: RepairRequest) -> str:
    known = {r.code for r in complaint_routing.responsibilities_for(repair.project.community)}
    for code in COMPLAINT_CATEGORIES[Place(repair.place)]:
        if code in known:
            return code
    return "other"


@transaction.atomic
def repair_escalate(*, actor: Actor, pk: Any, reason: str) -> RepairRequest:
    """Turn an unresolved or badly rated repair into a complaint, in one step.

    The complaint is filed by the same owner through the complaints service, routed by the
    responsibility list (a common part: 共用部位及设施设备维修; a home: 物业服务质量), and
    carries every step of this request, dated, and its photos. If the complaint is refused
    (e.g. the owner no longer owns a home there) nothing changes.
    """
    repair = _visible(actor, pk)
    before = repair.status
    text = (reason or "").strip()
    # the workflow's guard checks the owner, the state and the reason first
    repair = transition(
        actor=actor,
        workflow=REPAIR_FLOW,
        queryset=RepairRequest.objects.all(),
        pk=repair.pk,
        action="escalate",
        reason=text,
    )
    repair = RepairRequest.objects.select_related("project__community", "part").get(pk=repair.pk)
    photos = [p.file for p in repair.photos.all()]
    complaint = complaints.complaint_submit_with_history(
        actor=actor,
        history=_history_lines(repair),
        source=gettext("repair request %(number)s") % {"number": repair.number},
        channel=Channel.OWNER,
        category=_complaint_category(repair),
        description=text,
        project=repair.project,
        place=(repair.part.number if repair.part else repair.location)[:200],
        photos=photos,
        contact_phone=repair.contact_phone,
        contact_name=str(getattr(actor.user, "username", "")),
    )
    snapshot = audit.snapshot(repair)
    RepairRequest.objects.filter(pk=repair.pk).update(complaint=complaint)
    repair.refresh_from_db()
    _event(
        repair,
        actor,
        "escalate",
        before,
        repair.status,
        gettext("Complaint %(number)s: %(reason)s") % {"number": complaint.number, "reason": text},
    )
    audit.record_update(actor, repair, snapshot)
    return repair
