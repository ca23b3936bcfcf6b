"""Writes of the owners' organisation: formation steps, committees, members, filing.

Seeds 000 §19 (preparation group → first assembly → committee; the preparation group
becomes a property-management committee when no committee is elected), 000 §20–21
(members, party members, office and reception hours), 003 §五(二)1(1) (the street files
the committee). Every service is keyword-only, actor first, atomic and audited in the
same transaction; bad input raises a DomainError naming each field and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields, replace
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import Actor, ScopedQuerySet, get_visible
from gongzhi.core.workflow import transition
from gongzhi.registry.governance.workflow import (
    CREATES_COMMITTEE,
    EDITOR_ROLES,
    FILER_ROLES,
    FORMATION,
)
from gongzhi.registry.models import CommitteeMember, Owner, OwnersCommittee, Ownership, Project
from gongzhi.rules.identity import mask_phone

Kind = OwnersCommittee.Kind
Formation = Project.Formation

PHONE_RE = re.compile(r"^[0-9+\-() ]{5,32}$")

# In which formation states a committee of each kind may be put on record directly
# (otherwise it is recorded by the formation step itself). Seed 000 §19.
CREATE_ALLOWED_IN = {
    Kind.OWNERS_COMMITTEE: frozenset(
        {Formation.FIRST_ASSEMBLY, Formation.COMMITTEE, Formation.MANAGEMENT_COMMITTEE}
    ),
    Kind.MANAGEMENT_COMMITTEE: frozenset({Formation.MANAGEMENT_COMMITTEE}),
}


@dataclass(frozen=True)
class CommitteeInput:
    """What an official enters for a committee; ``term_start`` defaults to the date of
    the formation step that records it."""

    term_start: dt.date | None = None
    term_end: dt.date | None = None
    seats: int | None = None
    office_address: str = ""
    office_hours: str = ""
    phone: str = ""


# --- helpers -------------------------------------------------------------------------


def _restricted(actor: Actor, roles: frozenset[str]) -> Actor:
    """The actor with only the grants of ``roles`` (and platform administration), so a
    user who is also an owner cannot write through their owner grant."""
    return actor.restricted_to(roles | {Role.PLATFORM_ADMIN})


def _projects_for(actor: Actor, roles: frozenset[str]) -> ScopedQuerySet[Project]:
    qs: ScopedQuerySet[Project] = Project.objects.visible_to(_restricted(actor, roles))
    return qs


def _writable(
    actor: Actor, qs: ScopedQuerySet[Any], roles: frozenset[str], pk: Any, *, lock: bool = True
) -> Any:
    """The row ``pk`` the actor may change in one of ``roles``: absent or out of scope
    → not found; visible but the role may not write → forbidden."""
    obj = get_visible(qs, actor, pk=pk)  # NotFoundError when not even visible
    if not actor.has_role(*roles):
        raise PermissionDeniedError(_("Your role may not do this."))
    writable = qs.visible_to(_restricted(actor, roles)).filter(pk=obj.pk)
    if lock:
        writable = writable.select_for_update(of=("self",))
    found = writable.first()
    if found is None:
        raise NotFoundError(_("Not found."))
    return found


def _log(
    actor: Actor,
    action: str,
    obj: Any,
    node_path: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    field: str = "",
) -> None:
    # committees and members carry no node_path of their own: give the project's, so the
    # officials of that subtree read the entries
    if isinstance(obj, CommitteeMember):
        # the edit history is shown on pages: a member's phone is logged masked
        before, after = _masked(before), _masked(after)
    audit.record(
        actor=actor,
        action=action,
        target=obj,
        before=before,
        after=after,
        field=field,
        node_path=node_path,
    )


def _masked(data: dict[str, Any] | None) -> dict[str, Any] | None:
    if data and data.get("phone"):
        return {**data, "phone": mask_phone(str(data["phone"]))}
    return data


def _log_update(actor: Actor, obj: Any, node_path: str, before: dict[str, Any]) -> None:
    old, new = audit.diff(before, audit.snapshot(obj))
    if new:
        _log(actor, AuditAction.UPDATE, obj, node_path, before=old, after=new)


def _today() -> dt.date:
    return timezone.localdate()


def _validate_committee(data: CommitteeInput, *, default_start: dt.date | None = None) -> dict:
    errors: dict[str, list[Any]] = {}
    start = data.term_start or default_start
    if start is None:
        errors["term_start"] = [_("Enter the date the term starts.")]
    if data.term_end is None:
        errors["term_end"] = [_("Enter the date the term ends.")]
    elif start is not None and data.term_end <= start:
        errors["term_end"] = [_("The term must end after it starts.")]
    if data.seats is None or data.seats < 1:
        errors["seats"] = [_("The number of seats must be a positive whole number.")]
    elif data.seats > 99:
        errors["seats"] = [_("A committee has at most 99 seats.")]
    if data.phone and not PHONE_RE.match(data.phone):
        errors["phone"] = [_("Enter a phone number (digits, spaces, +, - or brackets).")]
    if len(data.office_address) > 200:
        errors["office_address"] = [_("At most 200 characters.")]
    if len(data.office_hours) > 100:
        errors["office_hours"] = [_("At most 100 characters.")]
    if errors:
        raise DomainError(_("Please correct the committee details."), fields=errors)
    return {
        "term_start": start,
        "term_end": data.term_end,
        "seats": data.seats,
        "office_address": data.office_address.strip(),
        "office_hours": data.office_hours.strip(),
        "phone": data.phone.strip(),
    }


def _put_on_record(actor: Actor, project: Project, kind: str, values: dict) -> OwnersCommittee:
    """Create the project's current committee; only one may be current (DB constraint)."""
    if OwnersCommittee.objects.filter(project=project, is_current=True).exists():
        raise ConflictError(
            _("This project already has a current committee; end its term first."),
            fields={"project": [_("A current committee exists.")]},
        )
    try:
        with transaction.atomic():
            committee = OwnersCommittee.objects.create(project=project, kind=kind, **values)
    except IntegrityError:  # a concurrent request recorded one first
        raise ConflictError(
            _("This project already has a current committee; end its term first."),
            fields={"project": [_("A current committee exists.")]},
        ) from None
    _log(actor, AuditAction.CREATE, committee, project.node_path, after=audit.snapshot(committee))
    return committee


def _close(actor: Actor, committee: OwnersCommittee, node_path: str) -> None:
    before = audit.snapshot(committee)
    committee.is_current = False
    committee.save(update_fields=["is_current"])
    _log_update(actor, committee, node_path, before)


# --- formation (seed 000 §19) --------------------------------------------------------


@transaction.atomic
def formation_apply(
    *,
    actor: Actor,
    project_id: int,
    action: str,
    on: dt.date | None,
    committee: CommitteeInput | None = None,
) -> Project:
    """Record a formation step of the project's owners' organisation on date ``on``.

    Street and community officers of the project's subtree record: the preparation group
    formed, the first owners' assembly held, the owners' committee elected (its record
    given here or already current), or — when no committee is elected — the preparation
    group turned into a property-management committee, which is recorded here (seed 000
    §19). The date lands on the project and in the transition's audit row.
    """
    project = _writable(actor, Project.objects.all(), EDITOR_ROLES, project_id)
    errors: dict[str, list[Any]] = {}
    if on is None:
        errors["on"] = [_("Enter the date.")]
    elif on > _today():
        errors["on"] = [_("The date cannot be in the future.")]
    elif project.formation_changed_on and on < project.formation_changed_on:
        errors["on"] = [_("The date cannot be before the previous step.")]
    if errors:
        raise DomainError(_("Please correct the date."), fields=errors)
    kind = CREATES_COMMITTEE.get(action)
    values = None
    if kind == Kind.MANAGEMENT_COMMITTEE and committee is None:
        raise DomainError(
            _("Enter the property-management committee's details."),
            fields={"committee": [_("The committee's term and seats are required.")]},
        )
    if kind is not None and committee is not None:
        values = _validate_committee(committee, default_start=on)
    updated: Project = transition(
        actor=actor,
        workflow=FORMATION,
        queryset=_projects_for(actor, EDITOR_ROLES),
        pk=project.pk,
        action=action,
        changes={"formation_changed_on": on},
        new_committee=values,
    )
    if kind is not None and values is not None:
        if kind == Kind.OWNERS_COMMITTEE:
            # an elected owners' committee replaces the interim management committee
            for interim in OwnersCommittee.objects.select_for_update().filter(
                project=updated, is_current=True, kind=Kind.MANAGEMENT_COMMITTEE
            ):
                _close(actor, interim, updated.node_path)
        _put_on_record(actor, updated, kind, values)
    return updated


def formation_preparation_formed(*, actor: Actor, project_id: int, on: dt.date) -> Project:
    """The street/community formed the preparation group (seed 000 §19-20)."""
    return formation_apply(actor=actor, project_id=project_id, action="preparation_formed", on=on)


def formation_first_assembly_held(*, actor: Actor, project_id: int, on: dt.date) -> Project:
    """The first owners' assembly was held (seed 000 §19)."""
    return formation_apply(actor=actor, project_id=project_id, action="first_assembly_held", on=on)


def formation_committee_elected(
    *, actor: Actor, project_id: int, on: dt.date, committee: CommitteeInput | None = None
) -> Project:
    """The owners' committee was elected (seed 000 §19)."""
    return formation_apply(
        actor=actor, project_id=project_id, action="committee_elected", on=on, committee=committee
    )


def formation_management_committee_formed(
    *, actor: Actor, project_id: int, on: dt.date, committee: CommitteeInput
) -> Project:
    """No committee elected: the preparation group becomes a property-management
    committee (seed 000 §19; 001 §三(四)3)."""
    return formation_apply(
        actor=actor,
        project_id=project_id,
        action="management_committee_formed",
        on=on,
        committee=committee,
    )


# --- committees ----------------------------------------------------------------------


@transaction.atomic
def committee_create(
    *,
    actor: Actor,
    project_id: int,
    kind: str = Kind.OWNERS_COMMITTEE,
    data: CommitteeInput,
) -> OwnersCommittee:
    """Put a committee on record for a project that has held its first assembly (a new
    term after the previous one ended, or an existing committee entered afterwards).
    Only one committee of a project is current (seed 000 §19-21)."""
    project = _writable(actor, Project.objects.all(), EDITOR_ROLES, project_id)
    if kind not in Kind.values:
        raise DomainError(_("Choose a kind of committee."), fields={"kind": [_("Unknown kind.")]})
    values = _validate_committee(data)
    if project.formation not in CREATE_ALLOWED_IN[Kind(kind)]:
        raise ConflictError(
            _("“%(kind)s” cannot be recorded while the owners' organisation is “%(state)s”.")
            % {"kind": Kind(kind).label, "state": project.get_formation_display()},
            fields={"kind": [_("Record the formation step first.")]},
        )
    return _put_on_record(actor, project, kind, values)


@transaction.atomic
def committee_update(*, actor: Actor, committee_id: int, **changes: Any) -> OwnersCommittee:
    """Change a committee's term, seats, office address, office hours or phone."""
    committee: OwnersCommittee = _writable(
        actor, OwnersCommittee.objects.select_related("project"), EDITOR_ROLES, committee_id
    )
    allowed = {f.name for f in fields(CommitteeInput)}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(
            _("These fields cannot be changed here."),
            fields={name: [_("Not changeable.")] for name in sorted(unknown)},
        )
    current = CommitteeInput(
        term_start=committee.term_start,
        term_end=committee.term_end,
        seats=committee.seats,
        office_address=committee.office_address,
        office_hours=committee.office_hours,
        phone=committee.phone,
    )
    values = _validate_committee(replace(current, **changes))
    before = audit.snapshot(committee)
    for name, value in values.items():
        setattr(committee, name, value)
    committee.save(update_fields=list(values))
    _log_update(actor, committee, committee.project.node_path, before)
    return committee


@transaction.atomic
def committee_close(*, actor: Actor, committee_id: int) -> OwnersCommittee:
    """End a committee's time as the project's current committee (term over, re-election
    or dissolution), so the next one can be recorded (seed 000 §22)."""
    committee: OwnersCommittee = _writable(
        actor, OwnersCommittee.objects.select_related("project"), EDITOR_ROLES, committee_id
    )
    if not committee.is_current:
        raise ConflictError(_("This committee is no longer current."))
    _close(actor, committee, committee.project.node_path)
    return committee


@transaction.atomic
def committee_file(
    *, actor: Actor, committee_id: int, filed_on: dt.date | None = None
) -> OwnersCommittee:
    """The street (or the bureau above it) files the committee (备案, seed 003
    §五(二)1(1)). Officers of another street never see it (not found)."""
    committee: OwnersCommittee = _writable(
        actor, OwnersCommittee.objects.select_related("project"), FILER_ROLES, committee_id
    )
    filed_on = filed_on or _today()
    if committee.filed_at is not None:
        raise ConflictError(_("This committee is already filed."))
    if not committee.is_current:
        raise ConflictError(_("This committee is no longer current."))
    if filed_on > _today():
        raise DomainError(
            _("Please correct the date."),
            fields={"filed_on": [_("The date cannot be in the future.")]},
        )
    before = audit.snapshot(committee)
    committee.filed_at = filed_on
    committee.save(update_fields=["filed_at"])
    old, new = audit.diff(before, audit.snapshot(committee))
    _log(
        actor,
        AuditAction.UPDATE,
        committee,
        committee.project.node_path,
        before=old,
        after=new,
        field="filed_at",
    )
    return committee


# --- members (seed 000 §20-21, §23) --------------------------------------------------


@transaction.atomic
def member_add(
    *,
    actor: Actor,
    committee_id: int,
    owner_id: int | None,
    position: str,
    phone: str = "",
    party_member: bool = False,
) -> CommitteeMember:
    """Add a member to a current committee. A member must own a part in the committee's
    project (业主委员会 is elected from the owners); at most one active chair; no more
    active members than seats. Party membership is recorded (000 §20: more party
    members are encouraged; every committee should have one)."""
    committee: OwnersCommittee = _writable(
        actor, OwnersCommittee.objects.select_related("project"), EDITOR_ROLES, committee_id
    )
    if not committee.is_current:
        raise ConflictError(_("This committee is no longer current."))
    errors: dict[str, list[Any]] = {}
    owner = None
    if owner_id is None:
        errors["owner"] = [_("Choose the owner who is the member.")]
    else:
        owns_here = Ownership.objects.filter(
            owner_id=owner_id, part__project_id=committee.project_id
        ).exists()
        if not owns_here:
            errors["owner"] = [_("The member must own a part in this project.")]
        else:
            owner = Owner.objects.get(pk=owner_id)
            if committee.members.filter(owner_id=owner_id, left_on__isnull=True).exists():
                errors["owner"] = [_("This owner is already a member.")]
    if position not in CommitteeMember.Position.values:
        errors["position"] = [_("Choose a position.")]
    elif (
        position == CommitteeMember.Position.CHAIR
        and committee.members.filter(position=position, left_on__isnull=True).exists()
    ):
        errors["position"] = [_("The committee already has a chair.")]
    phone = (phone or "").strip()
    if phone and not PHONE_RE.match(phone):
        errors["phone"] = [_("Enter a phone number (digits, spaces, +, - or brackets).")]
    if committee.members.filter(left_on__isnull=True).count() >= committee.seats:
        errors.setdefault("owner", []).append(_("All seats of the committee are taken."))
    if errors:
        raise DomainError(_("Please correct the member's details."), fields=errors)
    assert owner is not None
    member = CommitteeMember.objects.create(
        committee=committee,
        owner=owner,
        name=owner.name,
        position=position,
        phone=phone or owner.phone,
        party_member=bool(party_member),
    )
    _log(
        actor,
        AuditAction.CREATE,
        member,
        committee.project.node_path,
        after=audit.snapshot(member),
    )
    return member


@transaction.atomic
def member_leave(*, actor: Actor, member_id: int, left_on: dt.date | None) -> CommitteeMember:
    """Record the date a member left the committee (resigned, moved, removed — 000 §23).
    When fewer than half the seats stay filled, the residents' committee acts (000 §21)."""
    member: CommitteeMember = _writable(
        actor,
        CommitteeMember.objects.select_related("committee__project"),
        EDITOR_ROLES,
        member_id,
    )
    if member.left_on is not None:
        raise ConflictError(_("This member has already left."))
    if left_on is None:
        raise DomainError(_("Please correct the date."), fields={"left_on": [_("Enter the date.")]})
    if left_on > _today():
        raise DomainError(
            _("Please correct the date."),
            fields={"left_on": [_("The date cannot be in the future.")]},
        )
    if left_on < member.committee.term_start:
        raise DomainError(
            _("Please correct the date."),
            fields={"left_on": [_("The date cannot be before the committee's term.")]},
        )
    before = audit.snapshot(member)
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    _log_update(actor, member, member.committee.project.node_path, before)
    return member
