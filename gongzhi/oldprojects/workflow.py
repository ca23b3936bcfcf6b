"""Transition table of the old-project subsidy application (seed 001 §三(三)3).

    submitted ──check (street)──► checked ──approve (district)──► approved ──pay──► paid
        │                            │
        └──reject (street)──►  rejected  ◄──reject (district)──┘

The street over the project checks the "五有" on site; the district (the housing bureau
over it) approves at a rate within the profile's range and records the payment.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.core.errors import PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor
from gongzhi.core.workflow import Transition, Workflow, steps
from gongzhi.funds.workflow import is_official_over
from gongzhi.oldprojects.models import CompanyReward, SubsidyApplication

S = SubsidyApplication.Status
STREET = frozenset({Role.STREET_OFFICER})
DISTRICT = frozenset({Role.BUREAU})
OFFICIALS = STREET | DISTRICT | {Role.COMMUNITY_OFFICER}


def _over(roles: frozenset[str]) -> Any:
    def guard(app: SubsidyApplication, actor: Actor, **context: Any) -> None:
        if not is_official_over(actor, app.node_path, *roles):
            raise PermissionDeniedError(
                pgettext_lazy("oldprojects", "Your role may not do this for this application.")
            )

    return guard


def _district_over(reward: Any, actor: Actor, **context: Any) -> None:
    if not is_official_over(actor, reward.node_path, Role.BUREAU):
        raise PermissionDeniedError(
            pgettext_lazy("oldprojects", "Your role may not do this for this application.")
        )


def guard_withdraw(reward: CompanyReward, actor: Actor, **context: Any) -> None:
    _district_over(reward, actor)
    if not str(context.get("note") or "").strip():
        raise invalid({"note": [pgettext_lazy("oldprojects", "Say why it is withdrawn.")]})


def guard_reject(app: SubsidyApplication, actor: Actor, **context: Any) -> None:
    roles = STREET if app.status == S.SUBMITTED else DISTRICT
    _over(roles)(app, actor)
    if not str(context.get("note") or "").strip():
        raise invalid({"note": [pgettext_lazy("oldprojects", "Say why it is rejected.")]})


SUBSIDY_FLOW = Workflow.of(
    "old-project-subsidy",
    "status",
    Transition.of(
        "check",
        pgettext_lazy("oldprojects", "Confirm the 五有 check"),
        {S.SUBMITTED},
        S.CHECKED,
        STREET,
        _over(STREET),
    ),
    *steps(
        DISTRICT,
        _over(DISTRICT),
        ("approve", pgettext_lazy("oldprojects", "Approve"), {S.CHECKED}, S.APPROVED),
        ("pay", pgettext_lazy("oldprojects", "Record the payment"), {S.APPROVED}, S.PAID),
    ),
    Transition.of(
        "reject",
        pgettext_lazy("oldprojects", "Reject"),
        {S.SUBMITTED, S.CHECKED},
        S.REJECTED,
        STREET | DISTRICT,
        guard_reject,
    ),
)

R = CompanyReward.Status

REWARD_FLOW = Workflow.of(
    "old-project-company-reward",
    "status",
    Transition.of(
        "pay",
        pgettext_lazy("oldprojects", "Record the payment"),
        {R.GRANTED},
        R.PAID,
        DISTRICT,
        _district_over,
    ),
    Transition.of(
        "withdraw",
        pgettext_lazy("oldprojects reward", "Withdraw"),
        {R.GRANTED},
        R.WITHDRAWN,
        DISTRICT,
        guard_withdraw,
    ),
)
"""The yearly reward (seed 001 §三(三)3(3)): granted by the district ──pay──► paid, or
──withdraw (with a reason)──► withdrawn before the payment."""
