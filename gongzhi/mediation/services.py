"""Writes of mediation cases: open a case with its parties, record sessions, the outcome,
escalation up the profile's chain of levels (always with a reason), the signed agreement,
withdrawal and closure (seed 000 §2; seed 004 §18).

Every write is atomic and audited in the same transaction; bad input raises a translated
DomainError naming each bad field and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.attachments import attach
from gongzhi.core.errors import (
    ConflictError,
    DomainError,
    FieldErrors,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.mediation import selectors
from gongzhi.mediation.models import (
    MediationCase,
    MediationDocument,
    MediationEscalation,
    MediationParty,
    MediationSession,
)
from gongzhi.mediation.workflow import MEDIATION_FLOW, MEDIATORS, chain, mediates, next_level
from gongzhi.registry.models import Owner, OwnersCommittee, Project

S = MediationCase.Status


def node_at(project: Project, level: str) -> Jurisdiction | None:
    """The node of ``level`` above (or at) the project's community."""
    return (
        Jurisdiction.objects.filter(pk__in=project.community.ancestor_ids(), level=level)
        .order_by("-depth")
        .first()
    )


def _parties(
    project: Project, raw: Iterable[Mapping[str, Any]], errors: FieldErrors
) -> list[MediationParty]:
    out: list[MediationParty] = []
    seen: set[tuple[str, object]] = set()
    for index, entry in enumerate(raw):
        where = f"parties[{index}]"
        kind = str(entry.get("kind") or "")
        if kind == MediationParty.Kind.OWNER:
            owner = (
                Owner.objects.filter(
                    pk=int(str(entry.get("owner_id")))
                    if str(entry.get("owner_id")).isdigit()
                    else 0,
                    ownerships__part__project=project,
                )
                .distinct()
                .first()
            )
            if owner is None:
                errors[where] = [_("Choose an owner of this project.")]
                continue
            party = MediationParty(
                kind=kind, name=owner.name, phone=owner.phone, owner=owner, user=owner.user
            )
            key: tuple[str, object] = (kind, owner.pk)
        elif kind == MediationParty.Kind.COMPANY:
            if project.company is None:
                errors[where] = [_("No property company serves this project.")]
                continue
            company = project.company
            party = MediationParty(
                kind=kind, name=company.name, phone=company.contact_phone, company=company
            )
            key = (kind, None)
        elif kind == MediationParty.Kind.COMMITTEE:
            committee = OwnersCommittee.objects.filter(project=project, is_current=True).first()
            if committee is None:
                errors[where] = [_("This project has no owners' committee.")]
                continue
            party = MediationParty(
                kind=kind, name=committee.get_kind_display(), phone=committee.phone
            )
            key = (kind, None)
        elif kind == MediationParty.Kind.OTHER:
            name = str(entry.get("name") or "").strip()
            if not name:
                errors[where] = [_("Give the party's name.")]
                continue
            party = MediationParty(kind=kind, name=name[:200], phone=str(entry.get("phone") or ""))
            key = (kind, name)
        else:
            errors[where] = [_("Select a valid choice.")]
            continue
        if key in seen:
            errors[where] = [_("This party is listed twice.")]
            continue
        seen.add(key)
        out.append(party)
    if len(out) < 2 and not errors:
        errors["parties"] = [_("A dispute needs at least two parties.")]
    return out


@transaction.atomic
def case_create(
    *,
    actor: Actor,
    project_id: Any,
    subject: str,
    description: str,
    parties: Iterable[Mapping[str, Any]],
    complaint_id: Any = None,
) -> MediationCase:
    """Open a case at the community level (the first level of the chain, seed 000 §2)
    for a project in the actor's jurisdiction, optionally from a complaint about it."""
    if not actor.has_role(*MEDIATORS):
        raise PermissionDeniedError(_("Only community, street and bureau officials open cases."))
    errors: FieldErrors = {}
    project = (
        Project.objects.visible_to(actor)
        .select_related("community", "company")
        .filter(pk=int(project_id) if str(project_id).isdigit() else 0)
        .first()
    )
    if project is None:
        errors["project_id"] = [_("Choose a project in your jurisdiction.")]
    if not str(subject or "").strip():
        errors["subject"] = [_("This field is required.")]
    if not str(description or "").strip():
        errors["description"] = [_("This field is required.")]
    rows = _parties(project, list(parties), errors) if project is not None else []
    complaint = None
    if complaint_id not in (None, "") and project is not None:
        complaint = (
            selectors.complaints_for(actor=actor, project=project)
            .filter(pk=int(complaint_id) if str(complaint_id).isdigit() else 0)
            .first()
        )
        if complaint is None:
            errors["complaint_id"] = [_("Choose a complaint about this project.")]
    if errors or project is None:
        raise invalid(errors)
    level = chain(effective_profile(project.community).levels)[0]
    node = node_at(project, level)
    if node is None:  # pragma: no cover - jurisdiction_create enforces the levels
        raise DomainError(_("The project's community is not in the jurisdiction chain."))
    case = MediationCase.objects.create(
        project=project,
        complaint=complaint,
        subject=subject.strip()[:200],
        description=description.strip(),
        level=level,
        level_node=node,
        node_path=project.node_path,
        created_by=user_of(actor),
    )
    for party in rows:
        party.case = case
    MediationParty.objects.bulk_create(rows)
    audit.record_create(actor, case)
    return case


@transaction.atomic
def session_add(
    *,
    actor: Actor,
    case_id: int,
    held_on: Any,
    place: str,
    mediators: str,
    minutes: str,
) -> MediationSession:
    """Record a session at the case's current level (only while it is under mediation)."""
    case = get_visible(
        MediationCase.objects.select_for_update().select_related("level_node"), actor, pk=case_id
    )
    if not mediates(actor, case):
        raise PermissionDeniedError(_("Only the officials of the mediating body may do this."))
    if case.status != S.OPEN:
        raise ConflictError(_("Sessions can be recorded only while the case is under mediation."))
    errors: FieldErrors = {}
    day = clock.lenient_date(held_on)
    if day is None:
        errors["held_on"] = [_("Enter a valid date.")]
    elif day > clock.today():
        errors["held_on"] = [_("A session cannot be recorded before it is held.")]
    elif day < case.created_at.date() - dt.timedelta(days=365):
        errors["held_on"] = [_("Enter a valid date.")]
    for name, value in (("place", place), ("mediators", mediators), ("minutes", minutes)):
        if not str(value or "").strip():
            errors[name] = [_("This field is required.")]
    if errors or day is None:
        raise invalid(errors)
    session = MediationSession.objects.create(
        case=case,
        level=case.level,
        held_on=day,
        place=place.strip()[:200],
        mediators=mediators.strip()[:255],
        minutes=minutes.strip(),
        recorded_by=user_of(actor),
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=case,
        field="session",
        after={"session": session.pk, "held_on": day.isoformat(), "level": case.level},
    )
    return session


@transaction.atomic
def document_add(*, actor: Actor, case_id: int, upload: UploadedFile | None) -> MediationDocument:
    """File the signed agreement (PDF or image) once an agreement is reached."""
    case = get_visible(
        MediationCase.objects.select_for_update().select_related("level_node"), actor, pk=case_id
    )
    if not mediates(actor, case):
        raise PermissionDeniedError(_("Only the officials of the mediating body may do this."))
    if case.status != S.AGREED:
        raise ConflictError(_("The agreement can be uploaded once an agreement is reached."))
    document = attach(MediationDocument, actor=actor, upload=upload, case=case)
    audit.record_attachment(actor=actor, target=case, field="document", attachment=document)
    return document


@transaction.atomic
def case_act(*, actor: Actor, case_id: int, action: str, note: str = "") -> MediationCase:
    """Apply ``agree``, ``fail``, ``escalate`` (reason required: the case moves one level
    up the chain), ``withdraw`` (reason required) or ``close``."""
    case = get_visible(
        MediationCase.objects.select_related("project__community", "level_node"),
        actor,
        pk=case_id,
    )
    note = (note or "").strip()
    table: dict[str, dict[str, Any]] = {
        "agree": {"outcome": MediationCase.Outcome.AGREEMENT, "outcome_note": note},
        "fail": {"outcome": MediationCase.Outcome.NO_AGREEMENT, "outcome_note": note},
        "withdraw": {"outcome": MediationCase.Outcome.WITHDRAWN, "outcome_note": note},
        "close": {"closed_at": clock.now()},
    }
    changes = dict(table.get(action, {}))
    to_level = None
    if action == "escalate":
        levels = effective_profile(case.project.community).levels
        to_level = next_level(levels, case.level)
        node = node_at(case.project, to_level) if to_level else None
        if to_level is not None and node is not None:
            changes = {
                "level": to_level,
                "level_node": node,
                "outcome": MediationCase.Outcome.NONE,
                "outcome_note": "",
            }
        else:
            to_level = None
    from_level = case.level
    updated: MediationCase = transition(
        actor=actor,
        workflow=MEDIATION_FLOW,
        queryset=MediationCase.objects.select_related("level_node"),
        pk=case_id,
        action=action,
        changes=changes,
        note=note,
        to_level=to_level,
    )
    if action == "escalate" and to_level is not None:
        MediationEscalation.objects.create(
            case=updated,
            from_level=from_level,
            to_level=to_level,
            reason=note,
            escalated_by=user_of(actor),
        )
    return updated
