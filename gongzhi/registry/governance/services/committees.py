"""Committees on record: a new term, edits, closing, and the street's filing (备案, seed
003 §五(二)1(1)). Only one committee of a project is current (seed 000 §19-22).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import fields, replace
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core import clock
from gongzhi.core.errors import (
    ConflictError,
    invalid,
)
from gongzhi.core.scoping import Actor
from gongzhi.registry.governance.services.common import (
    CommitteeInput,
    Formation,
    Kind,
    check_date,
    close_committee,
    log,
    log_update,
    put_on_record,
    validate_committee,
    writable,
)
from gongzhi.registry.governance.workflow import (
    EDITOR_ROLES,
    FILER_ROLES,
)
from gongzhi.registry.models import OwnersCommittee, Project

# In which formation states a committee of each kind may be put on record directly
# (otherwise it is recorded by the formation step itself). Seed 000 §19.
CREATE_ALLOWED_IN = {
    Kind.OWNERS_COMMITTEE: frozenset(
        {Formation.FIRST_ASSEMBLY, Formation.COMMITTEE, Formation.MANAGEMENT_COMMITTEE}
    ),
    Kind.MANAGEMENT_COMMITTEE: frozenset({Formation.MANAGEMENT_COMMITTEE}),
}


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
    project = writable(actor, Project.objects.all(), EDITOR_ROLES, project_id)
    if kind not in Kind.values:
        raise invalid({"kind": [_("Unknown kind.")]}, _("Choose a kind of committee."))
    values = validate_committee(data)
    if project.formation not in CREATE_ALLOWED_IN[Kind(kind)]:
        raise ConflictError(
            _("“%(kind)s” cannot be recorded while the owners' organisation is “%(state)s”.")
            % {"kind": Kind(kind).label, "state": project.get_formation_display()},
            fields={"kind": [_("Record the formation step first.")]},
        )
    return put_on_record(actor, project, kind, values)


@transaction.atomic
def committee_update(*, actor: Actor, committee_id: int, **changes: Any) -> OwnersCommittee:
    """Change a committee's term, seats, office address, office hours or phone."""
    committee: OwnersCommittee = writable(
        actor, OwnersCommittee.objects.select_related("project"), EDITOR_ROLES, committee_id
    )
    allowed = {f.name for f in fields(CommitteeInput)}
    unknown = set(changes) - allowed
    if unknown:
        raise invalid(
            {name: [_("Not changeable.")] for name in sorted(unknown)},
            _("These fields cannot be changed here."),
        )
    current = CommitteeInput(
        term_start=committee.term_start,
        term_end=committee.term_end,
        seats=committee.seats,
        office_address=committee.office_address,
        office_hours=committee.office_hours,
        phone=committee.phone,
    )
    values = validate_committee(replace(current, **changes))
    before = audit.snapshot(committee)
    for name, value in values.items():
        setattr(committee, name, value)
    committee.save(update_fields=list(values))
    log_update(actor, committee, committee.project.node_path, before)
    return committee


@transaction.atomic
def committee_close(*, actor: Actor, committee_id: int) -> OwnersCommittee:
    """End a committee's time as the project's current committee (term over, re-election
    or dissolution), so the next one can be recorded (seed 000 §22)."""
    committee: OwnersCommittee = writable(
        actor, OwnersCommittee.objects.select_related("project"), EDITOR_ROLES, committee_id
    )
    if not committee.is_current:
        raise ConflictError(_("This committee is no longer current."))
    close_committee(actor, committee, committee.project.node_path)
    return committee


@transaction.atomic
def committee_file(
    *, actor: Actor, committee_id: int, filed_on: dt.date | None = None
) -> OwnersCommittee:
    """The street (or the bureau above it) files the committee (备案, seed 003
    §五(二)1(1)). Officers of another street never see it (not found)."""
    committee: OwnersCommittee = writable(
        actor, OwnersCommittee.objects.select_related("project"), FILER_ROLES, committee_id
    )
    filed_on = filed_on or clock.today()
    if committee.filed_at is not None:
        raise ConflictError(_("This committee is already filed."))
    if not committee.is_current:
        raise ConflictError(_("This committee is no longer current."))
    check_date("filed_on", filed_on)
    before = audit.snapshot(committee)
    committee.filed_at = filed_on
    committee.save(update_fields=["filed_at"])
    old, new = audit.diff(before, audit.snapshot(committee))
    log(
        actor,
        AuditAction.UPDATE,
        committee,
        committee.project.node_path,
        before=old,
        after=new,
        field="filed_at",
    )
    return committee
