"""The funds' state machines: the fund-use application (seed 000 §33; 003 §五(一)1(6);
住宅专项维修资金管理办法 arts. 22-24), the performance bond (000 §16) and the developer
deposits (000 §7, §19).

Fund use::

    awaiting_owners ──owners_approve──► owners_approved ──pre_review──► pre_reviewed
          │                                  │                              │
          └──owners_reject──► owners_rejected └──refuse──► refused  ◄─refuse─┤ (from emergency too)
    emergency ─────pre_review──────────────────────────────────────────────►│
                                                          pre_reviewed ──disburse──► disbursed
                                                          disbursed ──publish──► published

The owners' decision arrives as the ``decisions.matter_closed`` event (handlers.py); the
housing bureau over the project pre-reviews, refuses and disburses; the applicant (the
committee or the company) or the street publishes.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.grants import is_committee_of, is_official_over
from gongzhi.core.grants import is_company_staff as is_company_of
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, require_text, steps
from gongzhi.funds.models import Deposit, FundUseApplication, PerformanceBond

A = FundUseApplication.Status


REQUIRED = _("This field is required.")


def _refuse() -> PermissionDeniedError:
    return PermissionDeniedError(_("Your role may not do this for this record."))


def guard_system(app: FundUseApplication, actor: Actor, **context: Any) -> None:
    """Only the owners' decision (the decisions capability's event) moves this step."""
    if not actor.is_platform_admin:
        raise _refuse()


def guard_bureau(app: FundUseApplication, actor: Actor, **context: Any) -> None:
    """The housing bureau over the project (seed 003 §五(一)1(6): 初审 … 拨付)."""
    if not is_official_over(actor, app.node_path, Role.BUREAU):
        raise _refuse()


def guard_refuse(app: FundUseApplication, actor: Actor, **context: Any) -> None:
    guard_bureau(app, actor)
    require_text(context, "note", _("Say why the application is refused."), detail=REQUIRED)


def can_publish(actor: Actor, app: FundUseApplication) -> bool:
    project_company = app.project.company_id if app.project_id else None
    return (
        is_committee_of(actor, app.project_id)
        or is_company_of(actor, project_company)
        or is_official_over(actor, app.node_path, Role.STREET_OFFICER, Role.BUREAU)
    )


def guard_publish(app: FundUseApplication, actor: Actor, **context: Any) -> None:
    """The committee, the company or the street publishes what was spent (000 §22)."""
    if not can_publish(actor, app):
        raise _refuse()
    require_text(context, "note", _("Write what is published to the owners."), detail=REQUIRED)


PUBLISHERS = frozenset(
    {Role.COMMITTEE_MEMBER, Role.COMPANY_STAFF, Role.STREET_OFFICER, Role.BUREAU}
)

FUND_USE_FLOW = Workflow.of(
    "fund-use",
    "status",
    *steps(
        {Role.PLATFORM_ADMIN},
        guard_system,
        ("owners_approve", _("Owners approved"), {A.AWAITING_OWNERS}, A.OWNERS_APPROVED),
        ("owners_reject", _("Owners rejected"), {A.AWAITING_OWNERS}, A.OWNERS_REJECTED),
    ),
    Transition.of(
        "pre_review",
        _("Pass the pre-review"),
        {A.OWNERS_APPROVED, A.EMERGENCY},
        A.PRE_REVIEWED,
        {Role.BUREAU},
        guard_bureau,
    ),
    Transition.of(
        "refuse",
        _("Refuse"),
        {A.OWNERS_APPROVED, A.EMERGENCY, A.PRE_REVIEWED},
        A.REFUSED,
        {Role.BUREAU},
        guard_refuse,
    ),
    Transition.of(
        "disburse", _("Disburse"), {A.PRE_REVIEWED}, A.DISBURSED, {Role.BUREAU}, guard_bureau
    ),
    Transition.of("publish", _("Publish"), {A.DISBURSED}, A.PUBLISHED, PUBLISHERS, guard_publish),
)

USER_ACTIONS = ("pre_review", "refuse", "disburse", "publish")


def available_actions(app: FundUseApplication, actor: Actor) -> list[Transition]:
    """The buttons to show: actions open now whose role fits this application."""
    out = []
    for step in FUND_USE_FLOW.available(app, actor):
        if step.action not in USER_ACTIONS:
            continue
        ok = (
            can_publish(actor, app)
            if step.action == "publish"
            else is_official_over(actor, app.node_path, Role.BUREAU)
        )
        if ok:
            out.append(step)
    return out


def guard_bond_refund(bond: PerformanceBond, actor: Actor, **context: Any) -> None:
    """The street refunds on the company's exit, with the committee's opinion recorded
    (seed 000 §16: 由原物业服务企业在退出 … 申请退还，业委会协助出具相关意见)."""
    if not is_official_over(actor, bond.node_path, Role.STREET_OFFICER, Role.BUREAU):
        raise _refuse()
    require_text(
        context,
        "opinion",
        _("Record the committee's opinion before refunding the bond."),
        field="committee_opinion",
        detail=REQUIRED,
    )


BOND_FLOW = Workflow.of(
    "performance-bond",
    "status",
    Transition.of(
        "refund",
        _("Refund"),
        {PerformanceBond.Status.HELD},
        PerformanceBond.Status.REFUNDED,
        {Role.STREET_OFFICER, Role.BUREAU},
        guard_bond_refund,
    ),
)


def guard_deposit_release(deposit: Deposit, actor: Actor, **context: Any) -> None:
    """The street releases the preparation fund, the bureau the warranty deposit."""
    role = Role.STREET_OFFICER if deposit.kind == Deposit.Kind.PREPARATION else Role.BUREAU
    if not is_official_over(actor, deposit.node_path, role, Role.BUREAU):
        raise _refuse()
    require_text(context, "note", _("Say why the deposit is released."), detail=REQUIRED)


DEPOSIT_FLOW = Workflow.of(
    "developer-deposit",
    "status",
    Transition.of(
        "release",
        _("Release"),
        {Deposit.Status.HELD},
        Deposit.Status.RELEASED,
        {Role.STREET_OFFICER, Role.BUREAU},
        guard_deposit_release,
    ),
)
