"""What the owners'-organisation writes share: the committee's input and its checks,
finding the row an actor may change, the audit rows (under the project's ``node_path``;
a member's phone masked), putting a committee on record and closing it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.errors import (
    ConflictError,
    FieldErrors,
    NotFoundError,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.scoping import Actor, ScopedQuerySet, get_visible
from gongzhi.registry.companies.services.profile import PHONE
from gongzhi.registry.models import CommitteeMember, OwnersCommittee, Project
from gongzhi.rules.identity import mask_phone

Kind = OwnersCommittee.Kind
Formation = Project.Formation

# One format for the phones of companies and committees.
PHONE_RE = PHONE


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


def restricted(actor: Actor, roles: frozenset[str]) -> Actor:
    """The actor with only the grants of ``roles`` (and platform administration), so a
    user who is also an owner cannot write through their owner grant."""
    return actor.restricted_to(roles | {Role.PLATFORM_ADMIN})


def projects_for(actor: Actor, roles: frozenset[str]) -> ScopedQuerySet[Project]:
    qs: ScopedQuerySet[Project] = Project.objects.visible_to(restricted(actor, roles))
    return qs


def writable(
    actor: Actor, qs: ScopedQuerySet[Any], roles: frozenset[str], pk: Any, *, lock: bool = True
) -> Any:
    """The row ``pk`` the actor may change in one of ``roles``: absent or out of scope
    → not found; visible but the role may not write → forbidden."""
    obj = get_visible(qs, actor, pk=pk)  # NotFoundError when not even visible
    if not actor.has_role(*roles):
        raise PermissionDeniedError(_("Your role may not do this."))
    writable = qs.visible_to(restricted(actor, roles)).filter(pk=obj.pk)
    if lock:
        writable = writable.select_for_update(of=("self",))
    found = writable.first()
    if found is None:
        raise NotFoundError(_("Not found."))
    return found


def log(
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


def log_update(actor: Actor, obj: Any, node_path: str, before: dict[str, Any]) -> None:
    old, new = audit.diff(before, audit.snapshot(obj))
    if new:
        log(actor, AuditAction.UPDATE, obj, node_path, before=old, after=new)


def validate_committee(data: CommitteeInput, *, default_start: dt.date | None = None) -> dict:
    errors: FieldErrors = {}
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
        raise invalid(errors, _("Please correct the committee details."))
    return {
        "term_start": start,
        "term_end": data.term_end,
        "seats": data.seats,
        "office_address": data.office_address.strip(),
        "office_hours": data.office_hours.strip(),
        "phone": data.phone.strip(),
    }


def put_on_record(actor: Actor, project: Project, kind: str, values: dict) -> OwnersCommittee:
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
    log(actor, AuditAction.CREATE, committee, project.node_path, after=audit.snapshot(committee))
    return committee


def close_committee(actor: Actor, committee: OwnersCommittee, node_path: str) -> None:
    before = audit.snapshot(committee)
    committee.is_current = False
    committee.save(update_fields=["is_current"])
    log_update(actor, committee, node_path, before)


def check_date(
    field: str,
    value: dt.date | None,
    *,
    not_before: dt.date | None = None,
    too_early: str | Promise = "",
) -> dt.date:
    """The date of a step already taken: given, not in the future, and not before
    ``not_before`` (``too_early`` says why)."""
    if value is None:
        message: str | Promise = _("Enter the date.")
    elif value > clock.today():
        message = _("The date cannot be in the future.")
    elif not_before is not None and value < not_before:
        message = too_early
    else:
        return value
    raise invalid({field: [message]}, _("Please correct the date."))
