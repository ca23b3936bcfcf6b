"""Security-guard filings of a company (seed 004 §2 and annex: the public-security
bureau files the guards of residential projects, 负责对物业小区保安进行备案): the transition
table, the services that record and review a filing, and the reads.

    recorded ──verify──► verified
        └────return────► returned        (the bureau that filed the company reviews)

The company's staff (or that bureau) record the filing with its bureau, number, date and
validity; bad input raises a translated DomainError naming each field, nothing written.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import ConflictError, FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.scoping import Actor, get_visible, user_of
from gongzhi.core.workflow import Transition, Workflow, transition
from gongzhi.registry.companies.permissions import is_filing_bureau
from gongzhi.registry.companies.services.profile import editable_company
from gongzhi.registry.models import GuardFiling, PropertyCompany

G = GuardFiling.Status


def _guard_reviewer(filing: GuardFiling, actor: Actor, **context: Any) -> None:
    if not is_filing_bureau(actor, filing.company):
        raise PermissionDeniedError(_("Only the bureau the company files with reviews this."))


def _guard_return(filing: GuardFiling, actor: Actor, **context: Any) -> None:
    _guard_reviewer(filing, actor)
    if not str(context.get("note") or "").strip():
        raise invalid({"note": [_("Say why it is returned.")]})


GUARD_FLOW = Workflow.of(
    "guard-filing",
    "status",
    Transition.of(
        "verify",
        _("Verify the guard filing"),
        {G.RECORDED},
        G.VERIFIED,
        {Role.BUREAU},
        _guard_reviewer,
    ),
    Transition.of(
        "return",
        _("Return the guard filing"),
        {G.RECORDED},
        G.RETURNED,
        {Role.BUREAU},
        _guard_return,
    ),
)


def _text(value: Any, name: str, limit: int, errors: FieldErrors) -> str:
    text = str(value or "").strip()
    if not text:
        errors[name] = [_("This field is required.")]
    elif len(text) > limit:
        errors[name] = [_("This value is too long.")]
    return text


@transaction.atomic
def guard_filing_record(
    *,
    actor: Actor,
    company_id: int,
    police_bureau: str,
    filing_number: str,
    filed_on: dt.date | None,
    valid_until: dt.date | None = None,
    guards: int | None = None,
    note: str = "",
) -> GuardFiling:
    """Record the company's guard-service filing with a public-security bureau."""
    company = editable_company(actor, company_id)
    errors: FieldErrors = {}
    bureau = _text(police_bureau, "police_bureau", 100, errors)
    number = _text(filing_number, "filing_number", 64, errors)
    if filed_on is None:
        errors["filed_on"] = [_("This field is required.")]
    elif filed_on > clock.today():
        errors["filed_on"] = [_("The filing date cannot be in the future.")]
    if valid_until is not None and filed_on is not None and valid_until <= filed_on:
        errors["valid_until"] = [_("The validity must end after the filing date.")]
    if guards is not None and guards < 0:
        errors["guards"] = [_("Enter a number of guards, 0 or more.")]
    if errors or filed_on is None:
        raise invalid(errors)
    try:
        with transaction.atomic():
            filing = GuardFiling.objects.create(
                company=company,
                police_bureau=bureau,
                filing_number=number,
                filed_on=filed_on,
                valid_until=valid_until,
                guards=guards,
                note=str(note or "").strip(),
                created_by=user_of(actor),
            )
    except IntegrityError:
        raise ConflictError(
            _("This filing number is already recorded for the company."),
            fields={"filing_number": [_("Already recorded.")]},
        ) from None
    audit.record_create(actor, filing)
    return filing


def guard_filing_review(
    *, actor: Actor, filing_id: int, action: str, note: str = ""
) -> GuardFiling:
    """``verify`` or ``return`` a recorded filing (the company's filing bureau)."""
    changes: dict[str, Any] = {"reviewed_at": clock.now()}
    if action == "return":
        changes["review_note"] = str(note or "").strip()
    done: GuardFiling = transition(
        actor=actor,
        workflow=GUARD_FLOW,
        queryset=GuardFiling.objects.all(),
        pk=filing_id,
        action=action,
        changes=changes,
        note=note,
    )
    return done


def guard_filings(*, actor: Actor, company: PropertyCompany | None = None) -> QuerySet[GuardFiling]:
    qs = GuardFiling.objects.visible_to(actor).select_related("company")
    if company is not None:
        qs = qs.filter(company=company)
    return qs.order_by("company__name", "-filed_on", "-id")


def guard_filing_get(*, actor: Actor, pk: int) -> GuardFiling:
    found: GuardFiling = get_visible(GuardFiling.objects.select_related("company"), actor, pk=pk)
    return found
