"""Writes of property-service contracts: draft, edit, attach documents, and the filing
workflow (submit → street review → bureau filing, or return). Seed 000 §11,16; 004 §8.

Every write is atomic and audited in the same transaction; bad input raises a translated
DomainError naming each bad field and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.contracts import rules, selectors
from gongzhi.contracts.models import ContractAttachment, ServiceContract
from gongzhi.contracts.workflow import CONTRACT_FLOW, is_company_staff_of
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
from gongzhi.registry.models import PropertyCompany

S = ServiceContract.Status
EDITABLE = (S.DRAFT, S.RETURNED)
FIELDS = (
    "project_id",
    "kind",
    "signed_on",
    "term_start",
    "term_end",
    "service_grade",
    "fee_per_m2_month",
    "fee_mode",
)


def _actor_company(actor: Actor, company_id: int | None) -> PropertyCompany:
    """The company the staff member drafts for (their only one, or the one they name)."""
    ids = [g.company_id for g in actor.grants_of("company") if g.role == Role.COMPANY_STAFF]
    if not ids:
        raise PermissionDeniedError(_("Only property company staff may draft contracts."))
    if company_id is None:
        if len(ids) > 1:
            raise invalid({"company": [_("Choose the company you draft for.")]})
        company_id = ids[0]
    if company_id not in ids:
        raise invalid({"company": [_("You do not work for this company.")]})
    return PropertyCompany.objects.get(pk=company_id)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _clean(data: dict[str, Any], company: PropertyCompany) -> dict[str, Any]:
    """Check every value; raise once with all the bad fields, or return clean values."""
    errors: FieldErrors = {}
    required = _("This field is required.")
    out: dict[str, Any] = {}
    for name in ("signed_on", "term_start", "term_end"):
        value = _as_date(data.get(name))
        if value is None:
            errors[name] = [_("Enter a valid date.") if data.get(name) else required]
        out[name] = value
    choices = {
        "kind": ServiceContract.Kind.values,
        "service_grade": ServiceContract.Grade.values,
        "fee_mode": ServiceContract.FeeMode.values,
    }
    for name, allowed in choices.items():
        choice = str(data.get(name) or "")
        if choice not in allowed:
            errors[name] = [_("Select a valid choice.") if choice else required]
        out[name] = choice
    fee: Decimal | None = None
    raw_fee = data.get("fee_per_m2_month")
    try:
        fee = Decimal(str(raw_fee)) if raw_fee not in (None, "") else None
    except InvalidOperation:
        fee = None
    if fee is None:
        errors["fee_per_m2_month"] = [_("Enter a number.") if raw_fee else required]
    out["fee_per_m2_month"] = fee
    for key, messages in rules.term_errors(
        signed_on=out["signed_on"],
        term_start=out["term_start"],
        term_end=out["term_end"],
        fee=fee,
        today=clock.today(),
    ).items():
        errors.setdefault(key, []).extend(messages)

    project = None
    project_id = data.get("project_id")
    if project_id:
        project = selectors.draftable_projects(company=company).filter(pk=project_id).first()
    if project is None:
        errors["project_id"] = [
            _("Choose a project your company serves or, for a preliminary contract, a new project.")
            if project_id
            else required
        ]
    elif out["kind"] and not selectors.project_allows(project, company, out["kind"]):
        errors["kind"] = [
            _("Only a preliminary contract may be drafted for a project no company serves yet.")
        ]
    out["project"] = project
    try:
        rules.require_company_may_serve(company)
    except DomainError as error:
        for key, messages in error.fields.items():
            errors.setdefault(key, []).extend(messages)
    if project is not None and out["term_start"] and out["term_end"] and "term_end" not in errors:
        for key, messages in rules.committee_term_errors(
            project, out["term_start"], out["term_end"]
        ).items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise invalid(errors)
    return out


@transaction.atomic
def contract_create(*, actor: Actor, company_id: int | None = None, **data: Any) -> ServiceContract:
    """Draft a contract for a project (company staff only; the company must be filed and
    not blacklisted, seed 000 §11; the term within the committee's, seed 000 §16)."""
    company = _actor_company(actor, company_id)
    clean = _clean(data, company)
    project = clean.pop("project")
    contract = ServiceContract.objects.create(
        project=project,
        company=company,
        node_path=project.node_path,
        created_by=actor.user if actor.is_authenticated else None,
        **{k: v for k, v in clean.items() if k != "project_id"},
    )
    audit.record_create(actor, contract)
    return contract


@transaction.atomic
def contract_update(*, actor: Actor, contract_id: int, **data: Any) -> ServiceContract:
    """Change a draft or returned contract (its company's staff only)."""
    contract = get_visible(
        ServiceContract.objects.select_for_update().select_related("company"),
        actor,
        pk=contract_id,
    )
    if not is_company_staff_of(actor, contract):
        raise PermissionDeniedError(_("Only the company's staff may change its contract."))
    if contract.status not in EDITABLE:
        raise ConflictError(_("A contract can be changed only while it is a draft or returned."))
    merged = {name: getattr(contract, name) for name in FIELDS}
    merged.update({k: v for k, v in data.items() if k in FIELDS and v is not None})
    clean = _clean(merged, contract.company)
    project = clean.pop("project")
    before = audit.snapshot(contract)
    contract.project = project
    contract.node_path = project.node_path
    for name, value in clean.items():
        if name != "project_id":
            setattr(contract, name, value)
    contract.save()
    audit.record_update(actor, contract, before=before)
    return contract


@transaction.atomic
def attachment_add(
    *, actor: Actor, contract_id: int, kind: str, upload: UploadedFile | None
) -> ContractAttachment:
    """Attach a PDF or image (contract text, provisional rules 临时管理规约, other)."""
    contract = get_visible(ServiceContract.objects.select_for_update(), actor, pk=contract_id)
    if not is_company_staff_of(actor, contract):
        raise PermissionDeniedError(_("Only the company's staff may add documents."))
    if contract.status not in EDITABLE:
        raise ConflictError(_("Documents can be added only while the contract is a draft."))
    errors: FieldErrors = {}
    if kind not in ContractAttachment.Kind.values:
        errors["kind"] = [_("Select a valid choice.")]
    attachment = attach(
        ContractAttachment, actor=actor, upload=upload, errors=errors, contract=contract, kind=kind
    )
    audit.record_attachment(
        actor=actor, target=contract, field="attachment", attachment=attachment, kind=kind
    )
    return attachment


def contract_act(*, actor: Actor, contract_id: int, action: str, note: str = "") -> ServiceContract:
    """Apply a workflow action (submit, review, return, file) to a contract."""
    now = clock.now()
    by_action: dict[str, dict[str, Any]] = {
        "submit": {"submitted_at": now},
        "review": {"street_reviewed_at": now, "street_reviewed_by": user_of(actor)},
        "return": {"return_note": note.strip()},
        "file": {"filed_at": now, "filed_by": user_of(actor)},
    }
    changes = by_action.get(action, {})
    contract: ServiceContract = transition(
        actor=actor,
        workflow=CONTRACT_FLOW,
        queryset=ServiceContract.objects.select_related("company", "project"),
        pk=contract_id,
        action=action,
        changes=changes,
        note=note,
    )
    return contract


def contract_end(
    *, actor: Actor, contract_id: int, ended_on: dt.date, reason: str
) -> ServiceContract:
    """End a filed contract when its company leaves the project (seed 000 §12; 004 §10).

    Called by ``gongzhi.lifecycle`` when an exit closes; the street or the bureau over the
    project. An ended contract no longer counts as the project's contract in force, so a
    successor's regular contract may be filed."""
    contract: ServiceContract = transition(
        actor=actor,
        workflow=CONTRACT_FLOW,
        queryset=ServiceContract.objects.select_related("company", "project"),
        pk=contract_id,
        action="end",
        changes={"ended_on": ended_on, "end_reason": reason.strip()},
        reason=reason,
    )
    return contract
