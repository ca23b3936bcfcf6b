"""The one transition helper: scoped lock, state and role checks, guard, conditional
update, audit row — and nothing written when any check fails."""

from __future__ import annotations

import pytest

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import actor_for
from gongzhi.audit.models import AuditAction, AuditEntry
from gongzhi.core.errors import ConflictError, DomainError, NotFoundError, PermissionDeniedError
from gongzhi.core.workflow import Transition, Workflow, transition
from gongzhi.registry.models import PropertyCompany

pytestmark = pytest.mark.django_db


def _no_blacklist(company, actor, **context):  # type: ignore[no-untyped-def]
    if context.get("refuse"):
        raise DomainError("refused by guard")


FLOW = Workflow.of(
    "test-filing",
    "filing_status",
    Transition(
        "revoke", "revoke", frozenset({"filed"}), "revoked", frozenset({Role.BUREAU}), _no_blacklist
    ),
)


def test_transition_updates_state_and_audits(city):
    bureau = actor_for(city.users["bureau"])
    company = transition(
        actor=bureau,
        workflow=FLOW,
        queryset=PropertyCompany.objects.all(),
        pk=city.company_1.pk,
        action="revoke",
    )
    assert company.filing_status == "revoked"
    entry = AuditEntry.objects.get(action=AuditAction.TRANSITION)
    assert entry.before == {"filing_status": "filed"}
    assert entry.after == {"filing_status": "revoked", "action": "revoke"}


def test_wrong_state_role_scope_or_guard_changes_nothing(city):
    bureau = actor_for(city.users["bureau"])
    kwargs = {"workflow": FLOW, "queryset": PropertyCompany.objects.all(), "action": "revoke"}
    with pytest.raises(DomainError):
        transition(actor=bureau, pk=city.company_1.pk, refuse=True, **kwargs)
    with pytest.raises(PermissionDeniedError):
        transition(actor=actor_for(city.users["street_a"]), pk=city.company_1.pk, **kwargs)
    with pytest.raises(NotFoundError):
        transition(actor=actor_for(city.users["company_2"]), pk=city.company_1.pk, **kwargs)
    transition(actor=bureau, pk=city.company_1.pk, **kwargs)
    with pytest.raises(ConflictError):
        transition(actor=bureau, pk=city.company_1.pk, **kwargs)
    assert AuditEntry.objects.filter(action=AuditAction.TRANSITION).count() == 1
