"""Common revenue (公共收益): income from the owners' common parts (parking, advertising,
venue use) and the expenses paid from it, and the annual statement the committee
publishes (seed 000 §22: 每年向业主公布业主共有部分经营与收益 … 经费开支等信息)."""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core.clock import today
from gongzhi.core.errors import ConflictError, DomainError, PermissionDeniedError
from gongzhi.core.scoping import Actor, user_of
from gongzhi.funds import accounts, ledger
from gongzhi.funds.models import Fund, JournalEntry, RevenueStatement
from gongzhi.funds.selectors.revenue import statement_lines
from gongzhi.funds.services._base import (
    as_date,
    fen,
    project_get,
    require_committee_or_company,
)
from gongzhi.funds.workflow import is_committee_of

CATEGORIES = accounts.INCOME_CATEGORIES + accounts.EXPENSE_CATEGORIES


@transaction.atomic
def revenue_record(
    *,
    actor: Actor,
    project_id: int,
    category: str,
    amount: Any,
    memo: str = "",
    date: Any = None,
) -> JournalEntry:
    """Record an income or an expense of the project's common revenue (the committee or,
    under its instruction, the company). An expense beyond the money held is refused."""
    project = project_get(actor, project_id)
    require_committee_or_company(actor, project)
    if category not in CATEGORIES:
        raise DomainError(
            _("Select a valid choice."), fields={"category": [_("Select a valid choice.")]}
        )
    amount_fen = fen(amount, "amount")
    assert amount_fen is not None
    bank = accounts.revenue_bank(project)
    other = accounts.revenue_category(project, category)
    income = category in accounts.INCOME_CATEGORIES
    lines = (
        [ledger.debit(bank, amount_fen), ledger.credit(other, amount_fen)]
        if income
        else [ledger.debit(other, amount_fen), ledger.credit(bank, amount_fen)]
    )
    return ledger.post(
        actor=actor,
        fund=Fund.COMMON_REVENUE,
        date=as_date(date),
        memo=str(memo or "").strip()[:255] or gettext("Common revenue"),
        lines=lines,
        project_id=project.pk,
        node_path=project.node_path,
        reference=f"funds.revenue:{project.pk}:{category}",
    )


@transaction.atomic
def revenue_statement_publish(*, actor: Actor, project_id: int, year: int) -> RevenueStatement:
    """Publish the year's statement (the committee of the project), frozen as it stands."""
    project = project_get(actor, project_id)
    if not (is_committee_of(actor, project.pk) and actor.has_role(Role.COMMITTEE_MEMBER)):
        raise PermissionDeniedError(_("Only the project's owners' committee publishes it."))
    if not isinstance(year, int) or not 2000 <= year <= today().year:
        raise DomainError(_("Enter a valid year."), fields={"year": [_("Enter a valid year.")]})
    lines = statement_lines(project_id=project.pk, year=year)
    income = sum(line["amount_fen"] for line in lines if line["direction"] == "income")
    expense = sum(line["amount_fen"] for line in lines if line["direction"] == "expense")
    try:
        with transaction.atomic():
            statement = RevenueStatement.objects.create(
                project=project,
                year=year,
                income_fen=income,
                expense_fen=expense,
                lines=lines,
                published_by=user_of(actor),
                node_path=project.node_path,
            )
    except IntegrityError:
        raise ConflictError(_("The statement of this year is already published.")) from None
    audit.record_create(actor, statement)
    return statement
