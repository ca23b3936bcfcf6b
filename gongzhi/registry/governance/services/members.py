"""Committee members (seed 000 §20-21, §23): added from the project's owners, and the
date each leaves.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.errors import (
    ConflictError,
    FieldErrors,
    invalid,
)
from gongzhi.core.scoping import Actor
from gongzhi.registry.governance.services.common import (
    PHONE_RE,
    check_date,
    log,
    log_update,
    writable,
)
from gongzhi.registry.governance.workflow import (
    EDITOR_ROLES,
)
from gongzhi.registry.models import CommitteeMember, Owner, OwnersCommittee, Ownership


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
    committee: OwnersCommittee = writable(
        actor, OwnersCommittee.objects.select_related("project"), EDITOR_ROLES, committee_id
    )
    if not committee.is_current:
        raise ConflictError(_("This committee is no longer current."))
    errors: FieldErrors = {}
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
        raise invalid(errors, _("Please correct the member's details."))
    assert owner is not None
    member = CommitteeMember.objects.create(
        committee=committee,
        owner=owner,
        name=owner.name,
        position=position,
        phone=phone or owner.phone,
        party_member=bool(party_member),
    )
    log(
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
    member: CommitteeMember = writable(
        actor,
        CommitteeMember.objects.select_related("committee__project"),
        EDITOR_ROLES,
        member_id,
    )
    if member.left_on is not None:
        raise ConflictError(_("This member has already left."))
    left_on = check_date(
        "left_on",
        left_on,
        not_before=member.committee.term_start,
        too_early=_("The date cannot be before the committee's term."),
    )
    before = audit.snapshot(member)
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    log_update(actor, member, member.committee.project.node_path, before)
    return member
