"""Credit records: manual entry with evidence and a second officer's approval, automatic
records from the platform's own facts (idempotent per cause), and appeals (异议).

Points, validity, publicity and the serious-dishonesty flag are copied from the profile's
``credit_catalogue`` when a record is made, so a later change of the catalogue does not
rewrite history (seed 000 §17; 004 §15).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.audit import services as audit
from gongzhi.core.attachments import upload_fields, upload_kind
from gongzhi.core.clock import lenient_date, now, today
from gongzhi.core.errors import ConflictError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import transition
from gongzhi.credit.models import Appeal, CreditRecord, RecordAttachment
from gongzhi.credit.services.common import company_profile
from gongzhi.credit.workflow import APPEAL_FLOW, RECORD_FLOW, is_staff_of, supervises
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import credit as rules
from gongzhi.rules.identity import ResidentIdError, validate_resident_id

MANUAL_SOURCES = tuple(s for s in rules.SOURCES if s not in rules.AUTOMATIC_SOURCES)


def kind_fields(kind: rules.CreditKind, occurred_on: dt.date) -> dict[str, Any]:
    """The columns a record copies from its catalogue kind when it is made, so that a
    later change of the catalogue does not rewrite history (seed 000 §17; 004 §15)."""
    return {
        "source": kind.source,
        "kind_code": kind.code,
        "kind_label_zh": kind.label_zh,
        "kind_label_en": kind.label_en,
        "nature": kind.nature,
        "points": kind.points,
        "serious": kind.serious,
        "public": kind.public,
        "citation": kind.citation[:255],
        "occurred_on": occurred_on,
        "valid_until": rules.valid_until(kind, occurred_on),
    }


def _new_record(
    *,
    company: PropertyCompany,
    kind: rules.CreditKind,
    occurred_on: dt.date,
    evidence: str,
    status: str,
    project: Project | None = None,
    origin: str | None = None,
    entered_by: Any = None,
    manager_name: str = "",
    manager_id_number: str = "",
) -> CreditRecord:
    return CreditRecord.objects.create(
        company=company,
        project=project,
        **kind_fields(kind, occurred_on),
        evidence=evidence,
        status=status,
        origin=origin,
        entered_by=entered_by,
        manager_name=manager_name,
        manager_id_number=manager_id_number,
        node_path=project.node_path if project else company.node_path,
    )


@transaction.atomic
def record_enter(
    *,
    actor: Actor,
    company_id: int,
    kind_code: str,
    occurred_on: Any,
    evidence: str,
    points: int | None = None,
    project_id: int | None = None,
    manager_name: str = "",
    manager_id_number: str = "",
    files: Sequence[UploadedFile] = (),
) -> CreditRecord:
    """An officer enters a record with evidence; it waits for a second officer's approval.

    Only kinds an officer may enter (penalty, award, exit misconduct, manual) are
    accepted; ``points``, when given, must be the catalogue's."""
    company: PropertyCompany = get_visible(
        PropertyCompany.objects.select_related("filed_with"), actor, pk=company_id
    )
    if not supervises(actor, company.pk):
        raise PermissionDeniedError(_("Only an officer supervising the company may enter records."))
    profile = company_profile(company)
    errors: FieldErrors = {}
    kind = rules.kind_by_code(profile, kind_code)
    if kind is None or kind.source not in MANUAL_SOURCES:
        errors["kind_code"] = [_("Choose a kind of record from the catalogue.")]
    elif points is not None and points != kind.points:
        errors["points"] = [
            _("The catalogue gives this kind %(points)s points; other points are not allowed.")
            % {"points": kind.points}
        ]
    day = lenient_date(occurred_on)
    if day is None:
        errors["occurred_on"] = [_("Enter a valid date.")]
    elif day > today():
        errors["occurred_on"] = [_("The date cannot be in the future.")]
    evidence = (evidence or "").strip()
    if not evidence:
        errors["evidence"] = [_("Describe the evidence: a record without evidence is refused.")]
    project = None
    if project_id:
        project = Project.objects.filter(pk=project_id, company_id=company.pk).first()
        if project is None:
            errors["project_id"] = [_("Choose a project this company serves.")]
    manager_id_number = (manager_id_number or "").strip().upper()
    if manager_id_number:
        try:
            manager_id_number = validate_resident_id(manager_id_number)
        except ResidentIdError:
            errors["manager_id_number"] = [_("Enter a valid ID number.")]
    detected = [upload_kind(upload, errors, field="files") for upload in files]
    if errors or kind is None or day is None:
        raise invalid(errors)
    record = _new_record(
        company=company,
        kind=kind,
        occurred_on=day,
        evidence=evidence,
        status=CreditRecord.Status.PENDING,
        project=project,
        entered_by=user_of(actor),
        manager_name=(manager_name or "").strip()[:64],
        manager_id_number=manager_id_number,
    )
    for upload, detected_kind in zip(files, detected, strict=True):
        RecordAttachment.objects.create(
            record=record, **upload_fields(upload, kind=detected_kind, actor=actor)
        )
    audit.record_create(actor, record)
    return record


def record_approve(*, actor: Actor, record_id: int) -> CreditRecord:
    """A second officer approves a pending record (never the one who entered it)."""
    record: CreditRecord = transition(
        actor=actor,
        workflow=RECORD_FLOW,
        queryset=CreditRecord.objects.all(),
        pk=record_id,
        action="approve",
        changes={"approved_by": user_of(actor), "approved_at": now()},
    )
    _rescore(actor, record)
    return record


def record_reject(*, actor: Actor, record_id: int) -> CreditRecord:
    record: CreditRecord = transition(
        actor=actor,
        workflow=RECORD_FLOW,
        queryset=CreditRecord.objects.all(),
        pk=record_id,
        action="reject",
    )
    return record


def _rescore(actor: Actor | None, record: CreditRecord) -> None:
    from gongzhi.credit.services.scores import scores_recompute

    for year in range(record.occurred_on.year, min(record.valid_until.year, today().year) + 1):
        scores_recompute(actor=actor, year=year, company_ids=[record.company_id])


def record_automatic(
    *,
    actor: Actor | None = None,
    company: PropertyCompany,
    kind: rules.CreditKind,
    occurred_on: dt.date,
    evidence: str,
    origin: str,
    project: Project | None = None,
) -> CreditRecord | None:
    """A record the platform makes from its own fact: active at once, at most one per
    ``origin`` (the event or contract it comes from). Returns None if it exists.

    ``actor`` is None when the platform itself acts (an event handler, the daily scan):
    the audit log names the system."""
    with transaction.atomic():
        if CreditRecord.objects.filter(origin=origin).exists():
            return None
        record = _new_record(
            company=company,
            kind=kind,
            occurred_on=occurred_on,
            evidence=evidence,
            status=CreditRecord.Status.ACTIVE,
            project=project,
            origin=origin,
        )
        audit.record_create(actor, record)
        _rescore(actor, record)
    return record


# --- appeals ------------------------------------------------------------------------------


@transaction.atomic
def appeal_file(*, actor: Actor, record_id: int, reason: str) -> Appeal:
    """The company's staff dispute one of their company's active records (异议)."""
    record: CreditRecord = get_visible(
        CreditRecord.objects.select_for_update(), actor, pk=record_id
    )
    if not is_staff_of(actor, record.company_id):
        raise PermissionDeniedError(_("Only the company's own staff may appeal its records."))
    if record.status != CreditRecord.Status.ACTIVE:
        raise ConflictError(_("Only an active record can be appealed."))
    if record.appeals.filter(status=Appeal.Status.OPEN).exists():
        raise ConflictError(_("This record already has an appeal under review."))
    reason = (reason or "").strip()
    if not reason:
        raise invalid({"reason": [_("Say why the record is wrong.")]})
    appeal = Appeal.objects.create(
        record=record, reason=reason, filed_by=user_of(actor), node_path=record.node_path
    )
    audit.record_create(actor, appeal)
    return appeal


@transaction.atomic
def appeal_decide(*, actor: Actor, appeal_id: int, action: str, note: str) -> Appeal:
    """An officer upholds the record or withdraws it; a withdrawn record stops counting."""
    if action not in APPEAL_FLOW.transitions:
        raise ConflictError(_("Unknown action."))
    if not (note or "").strip():
        raise invalid({"note": [_("Give the reason for the decision.")]})
    appeal: Appeal = transition(
        actor=actor,
        workflow=APPEAL_FLOW,
        queryset=Appeal.objects.select_related("record"),
        pk=appeal_id,
        action=action,
        changes={
            "decided_by": user_of(actor),
            "decided_at": now(),
            "decision_note": note.strip(),
        },
    )
    if action == "withdraw":
        record: CreditRecord = transition(
            actor=actor,
            workflow=RECORD_FLOW,
            queryset=CreditRecord.objects.all(),
            pk=appeal.record_id,
            action="withdraw",
        )
        _rescore(actor, record)
    return appeal


# --- overdue contract filings (seed 004 §8) -------------------------------------------------


def scan_overdue_filings(*, actor: Actor | None = None, on: dt.date | None = None) -> int:
    """One record per contract whose filing deadline has passed unfiled (seed 004 §8: 15
    days after signing), made once per contract (``origin = "contract:<id>"``). The
    deadline is the contracts domain's own (``contracts.selectors.deadlines_for``)."""
    from gongzhi.contracts.models import ServiceContract
    from gongzhi.contracts.selectors import deadlines_for

    day = on or today()
    candidates = (
        ServiceContract.objects.exclude(status=ServiceContract.Status.FILED)
        .filter(signed_on__lt=day)
        .exclude(pk__in=_scanned_contract_ids())
        .select_related("project__community", "company__filed_with", "project")
    )
    contracts = {c.pk: c for c in candidates}
    created = 0
    for pk, deadline in deadlines_for(contracts.values()).items():
        contract = contracts[pk]
        if not deadline.overdue(filed=False, today=day) or deadline.due is None:
            continue
        kind = rules.kind_for_event(company_profile(contract.company), "late_filing")
        if kind is None:
            continue
        evidence = _("Contract signed on %(signed)s, filing due %(due)s, not filed on %(day)s.") % {
            "signed": contract.signed_on,
            "due": deadline.due,
            "day": day,
        }
        made = record_automatic(
            actor=actor,
            company=contract.company,
            project=contract.project,
            kind=kind,
            occurred_on=deadline.due + dt.timedelta(days=1),
            evidence=f"{contract.project.name} · {evidence}",
            origin=f"contract:{pk}",
        )
        created += made is not None
    return created


def _scanned_contract_ids() -> list[int]:
    origins = CreditRecord.objects.filter(origin__startswith="contract:").values_list(
        "origin", flat=True
    )
    return [int(o.split(":", 1)[1]) for o in origins]
