"""Yearly assessment rankings and awards (seed 001 §四(二)): the companies ranked by the
mean of their projects' yearly results, and the awards the bureau grants within the
profile's amounts (``rules.awards``). A unit award to a property company emits
``assessments.award_granted``; ``credit.handlers.record_award`` turns it into the credit
bonus (物业企业获奖的可记入信用加分) after commit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import pgettext_lazy

from gongzhi.accounts.models import Role
from gongzhi.assessments import selectors
from gongzhi.assessments.award_models import Award
from gongzhi.audit import services as audit
from gongzhi.core.errors import FieldErrors, PermissionDeniedError, invalid
from gongzhi.core.explain import explain
from gongzhi.core.scoping import Actor, user_of
from gongzhi.events.bus import emit
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.selectors import effective_profile
from gongzhi.registry.models import PropertyCompany
from gongzhi.rules import assessments as assessment_rules
from gongzhi.rules import awards as rules
from gongzhi.rules.money import MoneyError, parse_yuan

AWARD_EVENT = "assessments.award_granted"


def _bureau_node(actor: Actor) -> Jurisdiction | None:
    ids = [g.node_id for g in actor.grants_of("node") if g.role == Role.BUREAU and g.node_id]
    return Jurisdiction.objects.filter(pk__in=ids).order_by("depth").first()


@transaction.atomic
def award_grant(
    *,
    actor: Actor,
    year: Any,
    recipient: str,
    name: str,
    title: str,
    amount: Any,
    company_id: Any = None,
) -> Award:
    """The bureau records an award of the yearly assessment, within the profile's range."""
    node = _bureau_node(actor)
    if node is None:
        raise PermissionDeniedError(
            pgettext_lazy("award", "Only the housing bureau grants awards.")
        )
    errors: FieldErrors = {}
    year_i = int(year) if str(year).isdigit() else 0
    if not 2000 <= year_i <= 2100:
        errors["year"] = [pgettext_lazy("award", "Enter a year.")]
    if recipient not in rules.RECIPIENTS:
        errors["recipient"] = [pgettext_lazy("award", "Choose a person or a unit.")]
    for field, value in (("name", name), ("title", title)):
        if not str(value or "").strip():
            errors[field] = [pgettext_lazy("award", "This field is required.")]
    company = None
    if company_id not in (None, ""):
        pk = int(company_id) if str(company_id).isdigit() else 0
        company = PropertyCompany.objects.visible_to(actor).filter(pk=pk).first()
        if company is None:
            errors["company_id"] = [
                pgettext_lazy("award", "Choose a company in your jurisdiction.")
            ]
    try:
        amount_fen = parse_yuan(str(amount or "").strip())
    except (MoneyError, TypeError):
        amount_fen = 0
    if recipient in rules.RECIPIENTS and amount_fen:
        try:
            rules.award_check(effective_profile(node), recipient, amount_fen)
        except rules.AwardError as error:
            errors["amount"] = [explain(error.reason, cite=False)]
    elif not amount_fen:
        errors["amount"] = [pgettext_lazy("award", "Enter the amount in yuan.")]
    if errors:
        raise invalid(errors)
    award = Award.objects.create(
        year=year_i,
        title=str(title).strip()[:100],
        recipient=recipient,
        name=str(name).strip()[:100],
        company=company,
        amount_fen=amount_fen,
        node_path=node.path,
        created_by=user_of(actor),
    )
    audit.record_create(actor, award)
    if company is not None and recipient == Award.Recipient.UNIT:
        emit(
            AWARD_EVENT,
            subject=award,
            data={
                "award_id": award.pk,
                "company_id": company.pk,
                "year": year_i,
                "title": award.title,
            },
            node_path=award.node_path,
            actor=user_of(actor),
        )
    return award


def award_list(*, actor: Actor, year: int | None = None) -> QuerySet[Award]:
    qs = Award.objects.visible_to(actor).select_related("company")
    return qs.filter(year=year) if year else qs


@dataclass(frozen=True)
class CompanyRank:
    rank: int
    company: PropertyCompany
    mean: Decimal
    projects: int


def company_ranking(*, actor: Actor, year: int) -> list[CompanyRank]:
    """Companies ranked by the mean of their projects' yearly results the actor sees."""
    per_company: dict[int, list[Decimal]] = defaultdict(list)
    for result in selectors.year_results(actor=actor, year=year):
        per_company[result.company_id].append(result.mean)
    means = [
        (cid, assessment_rules.to_points(sum(v, Decimal(0)) / len(v)))
        for cid, v in per_company.items()
    ]
    companies = PropertyCompany.objects.in_bulk([cid for cid, _m in means])
    return [
        CompanyRank(r.rank, companies[r.key], r.mean, len(per_company[r.key]))
        for r in rules.ranking(means)
    ]
