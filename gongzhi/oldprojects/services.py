"""Writes of the old-project capability (seed 001 §三(三)): the service mode and "五有"
check of an old project, the company subsidy from application to payment (§三(三)3(2)),
and the district's yearly company reward (§三(三)3(3)).

Every write is atomic and audited; bad input raises a translated DomainError naming each
bad field and writes nothing. The payment is one balanced entry in the funds ledger
(``gongzhi.funds.ledger.post``, integer fen): the district finance's subsidy expense
against the company's subsidy received, fund ``old_subsidy``; a reward is paid the same
way from its own pair of accounts in that fund.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.audit import services as audit
from gongzhi.core import clock
from gongzhi.core.errors import (
    ConflictError,
    DomainError,
    FieldErrors,
    PermissionDeniedError,
    invalid,
)
from gongzhi.core.explain import explain
from gongzhi.core.scoping import Actor, user_of
from gongzhi.core.workflow import transition
from gongzhi.funds import ledger
from gongzhi.funds.models import Account, Fund, JournalEntry
from gongzhi.oldprojects import selectors
from gongzhi.oldprojects.models import (
    CompanyReward,
    OldProjectService,
    ServiceMode,
    SubsidyApplication,
)
from gongzhi.oldprojects.workflow import OFFICIALS, REWARD_FLOW, SUBSIDY_FLOW, is_official_over
from gongzhi.registry.models import Project, PropertyCompany
from gongzhi.rules import oldprojects as rules
from gongzhi.rules.money import MoneyError, parse_yuan

S = SubsidyApplication.Status
COMPANY_MODES = (ServiceMode.COMPANY, ServiceMode.PUBLIC_WELFARE)


def _district_of(actor: Actor, node_path: str) -> str:
    """The path of the bureau node (the district finance that pays) over ``node_path``:
    the acting bureau's own node, else the tree's root (paths are "id/id/…/")."""
    return next(
        (
            g.node_path
            for g in actor.grants_of("node")
            if g.role == Role.BUREAU and g.node_path and node_path.startswith(g.node_path)
        ),
        node_path.split("/", 1)[0] + "/" if node_path else "",
    )


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _old_project(actor: Actor, project_id: Any, errors: FieldErrors) -> Project | None:
    pk = _int(project_id) or 0
    project = selectors.old_projects(actor=actor).filter(pk=pk).first()
    if project is None:
        errors["project_id"] = [
            pgettext_lazy("oldprojects", "Choose an old residential area in your jurisdiction.")
        ]
    return project


def _basics(raw: Iterable[str] | None, errors: FieldErrors) -> list[str]:
    given = [str(b) for b in (raw or [])]
    unknown = [b for b in given if b not in rules.FIVE_BASICS]
    if unknown:
        errors["basics"] = [
            pgettext_lazy("oldprojects", "Unknown basic service: %(codes)s.")
            % {"codes": ", ".join(unknown)}
        ]
    return [b for b in rules.FIVE_BASICS if b in given]


@transaction.atomic
def service_record(
    *,
    actor: Actor,
    project_id: Any,
    mode: str,
    basics: Iterable[str] | None,
    checked_on: dt.date | None = None,
    note: str = "",
) -> OldProjectService:
    """Record an old project's service mode and its "五有" check (street or community
    officer over it; seed 001 §三(三)1). A company mode needs the company serving it."""
    if not actor.has_role(Role.STREET_OFFICER, Role.COMMUNITY_OFFICER):
        raise PermissionDeniedError(
            pgettext_lazy("oldprojects", "Only street and community officers record this.")
        )
    errors: FieldErrors = {}
    project = _old_project(actor, project_id, errors)
    if mode not in ServiceMode.values:
        errors["mode"] = [pgettext_lazy("oldprojects", "Choose a service mode.")]
    elif project is not None and mode in COMPANY_MODES and project.company_id is None:
        errors["mode"] = [
            pgettext_lazy(
                "oldprojects", "No company serves this project: register its company first."
            )
        ]
    codes = _basics(basics, errors)
    day = checked_on or clock.today()
    if day > clock.today():
        errors["checked_on"] = [pgettext_lazy("oldprojects", "The check cannot be in the future.")]
    if errors or project is None:
        raise invalid(errors)
    check = rules.basics_check(codes)
    values = {
        "mode": mode,
        "company_id": project.company_id if mode in COMPANY_MODES else None,
        "basics": list(check.met),
        "basics_passed": check.passed,
        "checked_on": day,
        "note": note.strip(),
        "node_path": project.node_path,
        "checked_by": user_of(actor),
    }
    found = OldProjectService.objects.select_for_update().filter(project=project).first()
    if found is None:
        service = OldProjectService.objects.create(project=project, **values)
        audit.record_create(actor, service)
        return service
    before = audit.snapshot(found)
    OldProjectService.objects.filter(pk=found.pk).update(**values)
    found.refresh_from_db()
    audit.record_update(actor, found, before=before)
    return found


@transaction.atomic
def subsidy_apply(
    *,
    actor: Actor,
    project_id: Any,
    year: Any,
    month_from: Any,
    month_to: Any,
    area_m2: Any = None,
    note: str = "",
) -> SubsidyApplication:
    """The serving company applies for the basic-service subsidy of an old project for
    some months of a year (seed 001 §三(三)3(2)); months of one project never overlap."""
    if not actor.has_role(Role.COMPANY_STAFF):
        raise PermissionDeniedError(
            pgettext_lazy("oldprojects", "Only the serving company applies.")
        )
    errors: FieldErrors = {}
    companies = {g.company_id for g in actor.grants_of("company")}
    project = (
        Project.objects.filter(
            category=Project.Category.OLD, company_id__in=companies, pk=_int(project_id) or 0
        )
        .select_related("community")
        .first()
    )
    if project is None:
        errors["project_id"] = [
            pgettext_lazy("oldprojects", "Choose an old residential area your company serves.")
        ]
    today = clock.today()
    year_i, first, last = _int(year), _int(month_from), _int(month_to)
    if year_i is None or not 2000 <= year_i <= today.year:
        errors["year"] = [pgettext_lazy("oldprojects", "Enter a year from 2000 to this year.")]
    if first is None or last is None or not 1 <= first <= last <= 12:
        errors["month_to"] = [
            pgettext_lazy("oldprojects", "Enter months from 1 to 12, the first not after the last.")
        ]
    elif year_i == today.year and last >= today.month:
        errors["month_to"] = [
            pgettext_lazy("oldprojects", "Apply only for months that have ended.")
        ]
    area: Decimal | None = None
    if area_m2 in (None, "") and project is not None:
        area = project.total_building_area
    elif area_m2 not in (None, ""):
        try:
            area = Decimal(str(area_m2)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            area = None
    if area is None or area <= 0:
        errors["area_m2"] = [
            pgettext_lazy("oldprojects", "Enter the managed area in m², more than 0.")
        ]
    if project is not None and selectors.subsidy_range(project) is None:
        errors["project_id"] = [
            pgettext_lazy("oldprojects", "This jurisdiction's policy sets no old-project subsidy.")
        ]
    if errors or project is None or area is None or year_i is None:
        raise invalid(errors)
    assert first is not None and last is not None
    overlapping = (
        SubsidyApplication.objects.filter(project=project, year=year_i)
        .exclude(status=S.REJECTED)
        .filter(month_from__lte=last, month_to__gte=first)
        .exists()
    )
    if overlapping:
        raise ConflictError(
            pgettext_lazy(
                "oldprojects", "These months are already in another application of this project."
            ),
            fields={"month_to": [pgettext_lazy("oldprojects", "Months already applied for.")]},
        )
    assert project.company_id is not None
    application = SubsidyApplication.objects.create(
        project=project,
        company_id=project.company_id,
        year=year_i,
        month_from=first,
        month_to=last,
        area_m2=area,
        note=note.strip(),
        node_path=project.node_path,
        created_by=user_of(actor),
    )
    audit.record_create(actor, application)
    return application


def subsidy_check(
    *, actor: Actor, application_id: int, basics: Iterable[str] | None, note: str = ""
) -> SubsidyApplication:
    """The street confirms on site that all five basic services are in place (五有; seed
    001 §三(三)3(2): 对达到"五有"基本服务标准的); short of that it rejects instead."""
    errors: FieldErrors = {}
    codes = _basics(basics, errors)
    if not errors:
        check = rules.basics_check(codes)
        if not check.passed:
            errors["basics"] = [explain(check.explanation, cite=False)]
    if errors:
        raise invalid(errors)
    done: SubsidyApplication = transition(
        actor=actor,
        workflow=SUBSIDY_FLOW,
        queryset=SubsidyApplication.objects.all(),
        pk=application_id,
        action="check",
        changes={"basics": codes, "check_note": note.strip(), "checked_at": clock.now()},
        note=note,
    )
    return done


@transaction.atomic
def subsidy_approve(*, actor: Actor, application_id: int, rate: Any) -> SubsidyApplication:
    """The district approves at a rate per m² a month within the profile's range; the
    amount is area × rate × months with no yearly cap (seed 001 §三(三)3(2); the cap of
    §三(三)3(3) bounds the separate reward, ``reward_grant``)."""
    app = selectors.subsidy_get(actor=actor, pk=application_id)
    if not is_official_over(actor, app.node_path, Role.BUREAU):
        raise PermissionDeniedError(
            pgettext_lazy("oldprojects", "Only the district approves subsidies.")
        )
    rate_fen = _yuan(rate)
    if rate_fen is None:
        raise invalid(
            {
                "rate": [
                    pgettext_lazy(
                        "oldprojects", "Enter the rate in yuan per m² a month, e.g. 0.25."
                    )
                ]
            }
        )
    profile = selectors.profile_of(app.project)
    try:
        grant = rules.service_subsidy(
            profile,
            area_m2=app.area_m2,
            months=app.months,
            rate_fen=rate_fen,
        )
    except rules.SubsidyError as error:
        field = "rate" if error.field in ("rate", "months") else error.field
        raise DomainError(
            explain(error.reason, cite=False), fields={field: [explain(error.reason, cite=False)]}
        ) from None
    done: SubsidyApplication = transition(
        actor=actor,
        workflow=SUBSIDY_FLOW,
        queryset=SubsidyApplication.objects.all(),
        pk=application_id,
        action="approve",
        changes={
            "rate_fen": rate_fen,
            "computed_fen": grant.amount_fen,
            "amount_fen": grant.amount_fen,
            "explanation": explain(grant.explanation),
            "approved_at": clock.now(),
        },
    )
    return done


def _post_payment(
    *,
    actor: Actor,
    paid_on: dt.date | None,
    prefix: str,
    district: str,
    expense_name: str,
    received_name: str,
    company: PropertyCompany,
    node_path: str,
    amount_fen: int,
    memo: str,
    reference: str,
    project_id: int | None = None,
) -> JournalEntry:
    """One balanced entry in fund ``old_subsidy``: debit the district finance's expense
    account ``<prefix>:expense:<district>``, credit the company's ``<prefix>:company:<id>``."""
    day = paid_on or clock.today()
    if day > clock.today():
        raise invalid(
            {"paid_on": [pgettext_lazy("oldprojects", "The payment cannot be in the future.")]}
        )
    expense = ledger.account_for(
        f"{prefix}:expense:{district or 'root'}",
        name=expense_name,
        fund=Fund.OLD_PROJECT_SUBSIDY,
        kind=Account.Kind.EXPENSE,
        holder=Account.Holder.FINANCE,
        node_path=district,
    )
    received = ledger.account_for(
        f"{prefix}:company:{company.pk}",
        name=received_name % {"company": company.name},
        fund=Fund.OLD_PROJECT_SUBSIDY,
        kind=Account.Kind.INCOME,
        holder=Account.Holder.COMPANY,
        node_path=node_path,
        company_id=company.pk,
    )
    return ledger.post(
        actor=actor,
        fund=Fund.OLD_PROJECT_SUBSIDY,
        date=day,
        memo=memo,
        lines=[ledger.debit(expense, amount_fen), ledger.credit(received, amount_fen)],
        project_id=project_id,
        node_path=node_path,
        reference=reference,
    )


@transaction.atomic
def subsidy_pay(
    *, actor: Actor, application_id: int, paid_on: dt.date | None = None
) -> SubsidyApplication:
    """Record the payment of an approved subsidy: one balanced ledger entry (expense of
    the district finance, income of the company), then the application is paid."""
    app = selectors.subsidy_get(actor=actor, pk=application_id)
    if not is_official_over(actor, app.node_path, Role.BUREAU):
        raise PermissionDeniedError(
            pgettext_lazy("oldprojects", "Only the district records payments.")
        )
    if app.status != S.APPROVED or not app.amount_fen:
        raise ConflictError(pgettext_lazy("oldprojects", "Only an approved application is paid."))
    entry = _post_payment(
        actor=actor,
        paid_on=paid_on,
        prefix="os",
        district=_district_of(actor, app.node_path),
        expense_name=str(
            pgettext_lazy(
                "oldprojects", "Old-project service subsidies paid by the district finance"
            )
        ),
        received_name=str(
            pgettext_lazy("oldprojects", "Old-project service subsidy received · %(company)s")
        ),
        company=app.company,
        node_path=app.node_path,
        amount_fen=app.amount_fen,
        memo=str(
            pgettext_lazy(
                "oldprojects",
                "Old-project service subsidy · %(project)s %(year)s/%(first)s-%(last)s",
            )
        )
        % {
            "project": app.project.name,
            "year": app.year,
            "first": app.month_from,
            "last": app.month_to,
        },
        reference=f"oldprojects.subsidy:{app.pk}",
        project_id=app.project_id,
    )
    done: SubsidyApplication = transition(
        actor=actor,
        workflow=SUBSIDY_FLOW,
        queryset=SubsidyApplication.objects.all(),
        pk=application_id,
        action="pay",
        changes={"journal_entry": entry, "paid_at": clock.now()},
    )
    return done


def subsidy_reject(*, actor: Actor, application_id: int, note: str) -> SubsidyApplication:
    """The street (before its check) or the district (after it) rejects, saying why."""
    done: SubsidyApplication = transition(
        actor=actor,
        workflow=SUBSIDY_FLOW,
        queryset=SubsidyApplication.objects.all(),
        pk=application_id,
        action="reject",
        changes={"decision_note": note.strip()},
        note=note,
    )
    return done


def _yuan(value: Any) -> int | None:
    try:
        return parse_yuan(str(value).strip()) if str(value or "").strip() else None
    except (MoneyError, TypeError):
        return None


@transaction.atomic
def reward_grant(
    *, actor: Actor, company_id: Any, year: Any, amount: Any, note: str = ""
) -> CompanyReward:
    """The district grants a company its yearly reward for entering and serving old
    residential areas (seed 001 §三(三)3(3)): the company must serve at least one old area
    in the district that passed the "五有" check, and its rewards of the year stay within
    the profile's cap per company — above it the grant is refused, citing the clause."""
    if not actor.has_role(Role.BUREAU):
        raise PermissionDeniedError(
            pgettext_lazy("oldprojects reward", "Only the district grants rewards.")
        )
    errors: FieldErrors = {}
    cid = _int(company_id) or 0
    # serialise the company's rewards, so two grants cannot both use the rest of the cap
    company = PropertyCompany.objects.select_for_update().filter(pk=cid).first()
    served = list(
        OldProjectService.objects.visible_to(actor)
        .filter(company_id=cid, project__category=Project.Category.OLD)
        .select_related("project", "project__community")
        .order_by("project_id")
    )
    if company is None or not served:
        errors["company_id"] = [
            pgettext_lazy(
                "oldprojects reward", "Choose a company serving old residential areas you oversee."
            )
        ]
    year_i = _int(year)
    if year_i is None or not 2000 <= year_i <= clock.today().year:
        errors["year"] = [pgettext_lazy("oldprojects", "Enter a year from 2000 to this year.")]
    amount_fen = _yuan(amount)
    if amount_fen is None:
        errors["amount"] = [
            pgettext_lazy("oldprojects reward", "Enter the reward in yuan, e.g. 20000.")
        ]
    if errors or company is None or year_i is None or amount_fen is None:
        raise invalid(errors)
    passed = [s for s in served if s.basics_passed]
    first = (passed or served)[0].project
    try:
        grant = rules.company_reward(
            selectors.profile_of(first),
            amount_fen=amount_fen,
            passed_projects=len(passed),
            rewarded_this_year_fen=selectors.rewarded_in_year(company.pk, year_i),
        )
    except rules.RewardError as error:
        message = explain(error.reason)
        raise DomainError(message, fields={error.field: [message]}) from None
    district = _district_of(actor, first.node_path)
    reward = CompanyReward.objects.create(
        company=company,
        year=year_i,
        amount_fen=grant.amount_fen,
        passed_projects=len(passed),
        explanation=explain(grant.explanation),
        note=note.strip(),
        node_path=district,
        created_by=user_of(actor),
    )
    audit.record_create(actor, reward)
    return reward


@transaction.atomic
def reward_pay(*, actor: Actor, reward_id: int, paid_on: dt.date | None = None) -> CompanyReward:
    """Record the payment of a granted reward: one balanced ledger entry (the district
    finance's reward expense against the company's reward received)."""
    reward = selectors.reward_get(actor=actor, pk=reward_id)
    if not is_official_over(actor, reward.node_path, Role.BUREAU):
        raise PermissionDeniedError(
            pgettext_lazy("oldprojects", "Only the district records payments.")
        )
    if reward.status != CompanyReward.Status.GRANTED:
        raise ConflictError(pgettext_lazy("oldprojects reward", "Only a granted reward is paid."))
    entry = _post_payment(
        actor=actor,
        paid_on=paid_on,
        prefix="or",
        district=reward.node_path,
        expense_name=str(
            pgettext_lazy("oldprojects reward", "Old-project company rewards paid by the district")
        ),
        received_name=str(
            pgettext_lazy("oldprojects reward", "Old-project reward received · %(company)s")
        ),
        company=reward.company,
        node_path=reward.node_path,
        amount_fen=reward.amount_fen,
        memo=str(pgettext_lazy("oldprojects reward", "Old-project company reward · %(year)s"))
        % {"year": reward.year},
        reference=f"oldprojects.reward:{reward.pk}",
    )
    done: CompanyReward = transition(
        actor=actor,
        workflow=REWARD_FLOW,
        queryset=CompanyReward.objects.all(),
        pk=reward.pk,
        action="pay",
        changes={"journal_entry": entry, "paid_at": clock.now()},
    )
    return done


def reward_withdraw(*, actor: Actor, reward_id: int, note: str) -> CompanyReward:
    """The district withdraws a reward before it is paid, saying why (frees the cap)."""
    reward = selectors.reward_get(actor=actor, pk=reward_id)
    done: CompanyReward = transition(
        actor=actor,
        workflow=REWARD_FLOW,
        queryset=CompanyReward.objects.all(),
        pk=reward.pk,
        action="withdraw",
        changes={"withdraw_note": note.strip()},
        note=note,
    )
    return done


__all__ = [
    "OFFICIALS",
    "reward_grant",
    "reward_pay",
    "reward_withdraw",
    "service_record",
    "subsidy_apply",
    "subsidy_approve",
    "subsidy_check",
    "subsidy_pay",
    "subsidy_reject",
]
