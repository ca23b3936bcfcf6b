"""Writes of matters: draft, candidates, documents, publish, open (freezing the roll,
``roll.py``), close (tallying, ``tally.py``, and emitting ``decisions.matter_closed``) and
publish the result.

民法典 art. 278, 280; 物业管理条例 art. 14 (notice); 法释〔2009〕7号 arts. 8-9 (the roll);
seed 000 §33-34; seed 004 §10. Every write is atomic and audited in the same transaction;
bad input raises a translated DomainError naming the field and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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
    FieldErrors,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.decisions import selectors
from gongzhi.decisions.models import Candidate, Matter, MatterAttachment
from gongzhi.decisions.services.roll import freeze_roll
from gongzhi.decisions.services.tally import tally_matter
from gongzhi.decisions.workflow import MATTER_FLOW, is_organiser
from gongzhi.events.bus import emit
from gongzhi.registry.models import BuildingUnit, ExclusivePart, Owner, Project

EVENT_CLOSED = "decisions.matter_closed"
EVENT_PUBLISHED = "decisions.matter_published"  # → notices: the vote notice to the roll's owners
EVENT_RESULT_PUBLISHED = "decisions.result_published"  # → notices: the result notice


def _pk(value: Any) -> Any:
    return getattr(value, "pk", value)


def _matter_for_update(actor: Actor, matter: Matter | int, *, project: bool = True) -> Matter:
    """The matter in the actor's scope, its row locked until the transaction ends (casts,
    the close and the other writes of one matter run one after another); ``project=False``
    for a write that does not read the project (a cast), which then reads no more."""
    queryset = Matter.objects.select_for_update(of=("self",))
    if project:
        queryset = queryset.select_related("project")
    return get_visible(queryset, actor, pk=_pk(matter))


@transaction.atomic
def matter_create(
    *,
    actor: Actor,
    project: Project | int,
    kind: str,
    title: str,
    body: str,
    building_unit: BuildingUnit | int | None = None,
    part_ids: Iterable[int] | None = None,
    source_ref: str = "",
    seats: int | None = None,
) -> Matter:
    """Draft a matter for ``project`` (the committee, or the street/community without one).

    Scope: the whole project, one building unit (an elevator retrofit always, seed 000 §34)
    or an explicit set of exclusive parts (a fund use shared by some parts, seed 000 §33).
    An election needs its number of seats.
    """
    found = get_visible(Project.objects.all(), actor, pk=_pk(project))
    if not is_organiser(actor, found):
        raise PermissionDeniedError(
            _(
                "Only the owners' committee, or the street or community where there is "
                "none, may draft a matter."
            )
        )
    errors: FieldErrors = {}
    if kind not in Matter.Kind.values:
        errors["kind"] = [_("Select a valid choice.")]
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("This field is required.")]
    unit = None
    if building_unit is not None:
        unit = BuildingUnit.objects.filter(pk=_pk(building_unit), project_id=found.pk).first()
        if unit is None:
            errors["building_unit"] = [_("Choose a building unit of this project.")]
    parts: list[int] = sorted(set(part_ids or []))
    if parts:
        known = set(
            ExclusivePart.objects.filter(project_id=found.pk, pk__in=parts).values_list(
                "pk", flat=True
            )
        )
        if known != set(parts):
            errors["part_ids"] = [_("Every exclusive part must belong to this project.")]
        if building_unit is not None:
            errors["part_ids"] = [_("Choose either a building unit or a set of parts, not both.")]
    elif part_ids is not None:
        errors["part_ids"] = [_("Choose at least one exclusive part.")]
    if kind == Matter.Kind.ELEVATOR_RETROFIT and building_unit is None:
        errors["building_unit"] = [_("An elevator retrofit is decided by one building unit.")]
    if kind == Matter.Kind.ELECTION:
        if not seats or seats < 1:
            errors["seats"] = [_("Give the number of seats to fill.")]
    elif seats:
        errors["seats"] = [_("Only an election has seats.")]
    if errors:
        raise invalid(errors)
    scope_kind = (
        Matter.ScopeKind.UNIT
        if unit
        else Matter.ScopeKind.PARTS
        if parts
        else Matter.ScopeKind.PROJECT
    )
    matter = Matter.objects.create(
        project=found,
        node_path=found.node_path,
        kind=kind,
        title=title[:200],
        body=body or "",
        scope_kind=scope_kind,
        building_unit=unit,
        seats=seats if kind == Matter.Kind.ELECTION else None,
        source_ref=(source_ref or "")[:100],
        created_by=user_of(actor),
    )
    if parts:
        matter.parts.set(parts)
    audit.record_create(actor, matter)
    return matter


def _draft_for_update(actor: Actor, matter: Matter | int) -> Matter:
    found = _matter_for_update(actor, matter)
    if not is_organiser(actor, found.project):
        raise PermissionDeniedError(_("Only the organiser of this vote may do this."))
    if found.status != Matter.Status.DRAFT:
        raise ConflictError(_("A matter can be changed only while it is a draft."))
    return found


@transaction.atomic
def candidate_add(
    *,
    actor: Actor,
    matter: Matter | int,
    name: str,
    owner_id: int | None = None,
    statement: str = "",
) -> Candidate:
    """Add a candidate to a draft election (an owner of the project, or a named person)."""
    found = _draft_for_update(actor, matter)
    errors: FieldErrors = {}
    if not found.is_election:
        errors["name"] = [_("Only an election has candidates.")]
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("This field is required.")]
    elif found.candidates.filter(name=name).exists():
        errors["name"] = [_("This candidate is already listed.")]
    owner = None
    if owner_id is not None:
        owner = Owner.objects.filter(
            pk=owner_id, ownerships__part__project_id=found.project_id
        ).first()
        if owner is None:
            errors["owner_id"] = [_("A candidate must be an owner of this project.")]
    if errors:
        raise invalid(errors)
    candidate = Candidate.objects.create(
        matter=found, name=name[:64], owner=owner, statement=statement or ""
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        target=found,
        field="candidate",
        after={"candidate": candidate.pk, "name": candidate.name},
    )
    return candidate


@transaction.atomic
def attachment_add(
    *, actor: Actor, matter: Matter | int, upload: UploadedFile | None
) -> MatterAttachment:
    """Attach a document (PDF or image) to a draft matter."""
    found = _draft_for_update(actor, matter)
    attachment = attach(MatterAttachment, actor=actor, upload=upload, matter=found)
    audit.record_attachment(actor=actor, target=found, field="attachment", attachment=attachment)
    return attachment


def publish_errors(
    matter: Matter, voting_starts_on: dt.date | None, voting_ends_on: dt.date | None
) -> FieldErrors:
    """The voting window against the profile: notice (物业管理条例 art. 14) and minimum length."""
    profile = selectors.profile_of(matter)
    notice = profile.int_value("decision_notice_days")
    minimum = profile.int_value("decision_min_voting_days")
    errors: FieldErrors = {}
    earliest = clock.today() + dt.timedelta(days=notice)
    if voting_starts_on is None:
        errors["voting_starts_on"] = [_("This field is required.")]
    elif voting_starts_on < earliest:
        errors["voting_starts_on"] = [
            _("Voting may start on %(day)s at the earliest (%(days)s days' notice, %(source)s).")
            % {
                "day": earliest,
                "days": notice,
                "source": profile.param("decision_notice_days").source,
            }
        ]
    if voting_ends_on is None:
        errors["voting_ends_on"] = [_("This field is required.")]
    elif voting_starts_on is not None and (voting_ends_on - voting_starts_on).days + 1 < minimum:
        errors["voting_ends_on"] = [
            _("Voting must stay open at least %(days)s days, until %(day)s or later.")
            % {"days": minimum, "day": voting_starts_on + dt.timedelta(days=minimum - 1)}
        ]
    return errors


def _step(actor: Actor, pk: Any, action: str, changes: dict[str, Any]) -> Matter:
    """Move the matter through its workflow, setting ``changes`` in the same update."""
    moved: Matter = transition(
        actor=actor,
        workflow=MATTER_FLOW,
        queryset=Matter.objects.select_related("project"),
        pk=pk,
        action=action,
        changes=changes,
    )
    return moved


@transaction.atomic
def matter_publish(
    *,
    actor: Actor,
    matter: Matter | int,
    voting_starts_on: dt.date | None,
    voting_ends_on: dt.date | None,
) -> Matter:
    """Publish a draft with its voting window; the notice period runs until voting starts."""
    found = _matter_for_update(actor, matter)
    errors = publish_errors(found, voting_starts_on, voting_ends_on)
    if errors:
        raise invalid(errors)
    result = _step(
        actor,
        found.pk,
        "publish",
        {
            "published_on": clock.today(),
            "voting_starts_on": voting_starts_on,
            "voting_ends_on": voting_ends_on,
            "profile_id": selectors.profile_of(found).id,
        },
    )
    emit(EVENT_PUBLISHED, subject=result, data=_notice_data(result), node_path=result.node_path,
         actor=user_of(actor))  # fmt: skip
    return result


def _notice_data(matter: Matter) -> dict[str, Any]:
    """What the notices capability needs to tell the matter's owners (its audience)."""
    return {
        "matter_id": matter.pk,
        "project_id": matter.project_id,
        "kind": matter.kind,
        "title": matter.title,
        "body": matter.body[:2000],
        "scope_kind": matter.scope_kind,
        "building_unit_id": matter.building_unit_id,
        "part_ids": sorted(matter.parts.values_list("pk", flat=True)),
        "voting_starts_on": matter.voting_starts_on.isoformat() if matter.voting_starts_on else "",
        "voting_ends_on": matter.voting_ends_on.isoformat() if matter.voting_ends_on else "",
    }


@transaction.atomic
def voting_open(*, actor: Actor, matter: Matter | int) -> Matter:
    """Open the vote and freeze the eligibility roll; later register changes do not alter it."""
    opened = _step(actor, _pk(matter), "open", {"voting_opened_at": clock.now()})
    count = freeze_roll(opened)
    audit.record(
        actor=actor, action=AuditAction.UPDATE, target=opened, field="roll", after={"parts": count}
    )
    return opened


@transaction.atomic
def matter_close(*, actor: Actor, matter: Matter | int) -> Matter:
    """Close the vote (the day after the window), tally it and tell the other apps.

    Emits ``decisions.matter_closed`` with ``{"matter_id", "kind", "passed", "project_id",
    "source_ref", "closed_on", "unmet"}`` (docs/architecture.md, Domain events).
    """
    closed = _step(actor, _pk(matter), "close", {"closed_on": clock.today()})
    result = tally_matter(closed)
    audit.record_create(actor, result)
    emit(
        EVENT_CLOSED,
        subject=closed,
        data={
            "matter_id": closed.pk,
            "kind": closed.kind,
            "passed": result.passed,
            "project_id": closed.project_id,
            "source_ref": closed.source_ref,
            "closed_on": closed.closed_on.isoformat() if closed.closed_on else "",
            "unmet": list(result.unmet),
        },
        node_path=closed.node_path,
        actor=user_of(actor),
    )
    return closed


@transaction.atomic
def result_publish(*, actor: Actor, matter: Matter | int) -> Matter:
    """Publish the result for the profile's period (``decision_result_publication_days``)."""
    found = _matter_for_update(actor, matter)
    days = selectors.profile_of(found).int_value("decision_result_publication_days")
    day = clock.today()
    published = _step(
        actor,
        found.pk,
        "publish_result",
        {"result_published_on": day, "result_until": day + dt.timedelta(days=days)},
    )
    result = published.result
    data = _notice_data(published) | {
        "passed": result.passed,
        "total_owners": result.total_owners,
        "participating_owners": result.participating_owners,
        "yes_owners": result.yes_owners,
        "total_area": str(result.total_area),
        "participating_area": str(result.participating_area),
        "yes_area": str(result.yes_area),
        "result_until": published.result_until.isoformat() if published.result_until else "",
    }
    emit(EVENT_RESULT_PUBLISHED, subject=published, data=data, node_path=published.node_path,
         actor=user_of(actor))  # fmt: skip
    return published
