"""The filing workflow of a property-service contract (seed 000 §11,16; seed 004 §8).

    draft ──submit──► submitted ──review──► street_reviewed ──file──► filed
      ▲                   │                        │
      └──── returned ◄────┴────────return──────────┘   (returned ──submit──► submitted)

The company's staff submit, the street officer of the project's street reviews (or
returns), the housing bureau files (or returns). Each guard checks that the actor holds
the role *for this contract* (a street officer's node covers the project, the staff
member's company is the contract's), so a user holding several memberships cannot act
through the wrong one.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.contracts import rules
from gongzhi.contracts.models import ContractAttachment, ServiceContract
from gongzhi.core.errors import PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow

S = ServiceContract.Status


def is_company_staff_of(actor: Actor, contract: ServiceContract) -> bool:
    return actor.is_platform_admin or any(
        g.role == Role.COMPANY_STAFF and g.company_id == contract.company_id
        for g in actor.grants_of("company")
    )


def is_official_over(actor: Actor, contract: ServiceContract, role: str) -> bool:
    return actor.is_platform_admin or any(
        g.role == role and contract.node_path.startswith(g.node_path or "~")
        for g in actor.grants_of("node")
    )


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Your role may not do this for this contract."))


def _check_rules(contract: ServiceContract) -> None:
    errors = rules.filing_rule_errors(contract)
    if errors:
        raise invalid(errors)


def guard_submit(contract: ServiceContract, actor: Actor, **context: Any) -> None:
    """The company's own staff; the contract text is attached; every rule holds."""
    if not is_company_staff_of(actor, contract):
        raise _refuse()
    has_text = ContractAttachment.objects.filter(
        contract_id=contract.pk, kind=ContractAttachment.Kind.CONTRACT_TEXT
    ).exists()
    errors = rules.filing_rule_errors(contract)
    if not has_text:
        errors.setdefault("attachments", []).append(
            _("Attach the signed contract text before submitting it.")
        )
    if errors:
        raise invalid(errors)


def guard_review(contract: ServiceContract, actor: Actor, **context: Any) -> None:
    """The street officer of the project's street (seed 000 §11: 报乡镇街道)."""
    if not is_official_over(actor, contract, Role.STREET_OFFICER):
        raise _refuse()


def guard_return(contract: ServiceContract, actor: Actor, **context: Any) -> None:
    """The street returns a submitted contract, the bureau a reviewed one; a note is due."""
    role = Role.STREET_OFFICER if contract.status == S.SUBMITTED else Role.BUREAU
    if not is_official_over(actor, contract, role):
        raise _refuse()
    if not str(context.get("note") or "").strip():
        raise invalid({"note": [_("Say why the contract is returned.")]})


def guard_file(contract: ServiceContract, actor: Actor, **context: Any) -> None:
    """The housing bureau over the project; every rule still holds at filing time."""
    from gongzhi.registry.models import Project

    if not is_official_over(actor, contract, Role.BUREAU):
        raise _refuse()
    # Serialise filings per project so two overlapping contracts cannot both be filed.
    list(Project.objects.select_for_update().filter(pk=contract.project_id).values("pk"))
    _check_rules(contract)


def guard_end(contract: ServiceContract, actor: Actor, **context: Any) -> None:
    """The street or the bureau over the project ends a filed contract when the company
    leaves (the lifecycle exit's last step, seed 000 §12, 004 §10); a reason is due."""
    if not (
        is_official_over(actor, contract, Role.STREET_OFFICER)
        or is_official_over(actor, contract, Role.BUREAU)
    ):
        raise _refuse()
    if not str(context.get("reason") or "").strip():
        raise invalid({"end_reason": [_("Say why the contract ends.")]})


CONTRACT_FLOW = Workflow.of(
    "service-contract",
    "status",
    Transition.of(
        "submit",
        _("Submit for filing"),
        {S.DRAFT, S.RETURNED},
        S.SUBMITTED,
        {Role.COMPANY_STAFF},
        guard_submit,
    ),
    Transition.of(
        "review",
        _("Confirm review"),
        {S.SUBMITTED},
        S.STREET_REVIEWED,
        {Role.STREET_OFFICER},
        guard_review,
    ),
    Transition.of(
        "return",
        _("Return for correction"),
        {S.SUBMITTED, S.STREET_REVIEWED},
        S.RETURNED,
        {Role.STREET_OFFICER, Role.BUREAU},
        guard_return,
    ),
    Transition.of("file", _("File"), {S.STREET_REVIEWED}, S.FILED, {Role.BUREAU}, guard_file),
    Transition.of(
        "end",
        _("End the contract"),
        {S.FILED},
        S.ENDED,
        {Role.STREET_OFFICER, Role.BUREAU},
        guard_end,
    ),
)

# "end" is taken by the lifecycle exit (contract_end), not offered as a button here.
ACTIONS = tuple(a for a in CONTRACT_FLOW.transitions if a != "end")


def available_actions(contract: ServiceContract, actor: Actor) -> list[Transition]:
    """The buttons to show: the table's available actions whose role fits this contract."""
    out = []
    for step in CONTRACT_FLOW.available(contract, actor):
        if step.action not in ACTIONS:
            continue
        if step.action == "submit":
            ok = is_company_staff_of(actor, contract)
        elif step.action == "review":
            ok = is_official_over(actor, contract, Role.STREET_OFFICER)
        elif step.action == "return":
            role = Role.STREET_OFFICER if contract.status == S.SUBMITTED else Role.BUREAU
            ok = is_official_over(actor, contract, role)
        else:
            ok = is_official_over(actor, contract, Role.BUREAU)
        if ok:
            out.append(step)
    return out
