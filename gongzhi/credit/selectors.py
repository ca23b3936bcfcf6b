"""Reads of the credit domain, scoped to the actor; the public credit page; tender
eligibility for later capabilities (seed 004 §8)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from gongzhi.core.clock import today
from gongzhi.core.explain import explain
from gongzhi.core.listing import narrowed
from gongzhi.core.scoping import Actor, get_visible
from gongzhi.credit.models import (
    Appeal,
    Blacklisting,
    CreditRecord,
    CreditScore,
    InspectionPlan,
    NotificationLetter,
    RecordAttachment,
)
from gongzhi.credit.services.common import company_profile
from gongzhi.credit.services.scores import valid_in_year
from gongzhi.registry.models import PropertyCompany
from gongzhi.rules import credit as rules


def record_files(*, actor: Actor, record: CreditRecord) -> QuerySet[RecordAttachment]:
    return RecordAttachment.objects.visible_to(actor).filter(record_id=record.pk)


def record_file_get(*, actor: Actor, pk: int) -> RecordAttachment:
    """An evidence file of a record the actor may read (else NotFoundError)."""
    return get_visible(RecordAttachment.objects.all(), actor, pk=pk)


def company_list(*, actor: Actor, year: int, search: str = "") -> QuerySet[PropertyCompany]:
    qs = PropertyCompany.objects.visible_to(actor).prefetch_related(
        Prefetch("credit_scores", CreditScore.objects.filter(year=year), to_attr="year_scores")
    )
    return narrowed(qs, search=search, search_in=("name",)).order_by("name")


def company_get(*, actor: Actor, pk: int) -> PropertyCompany:
    return get_visible(PropertyCompany.objects.select_related("filed_with"), actor, pk=pk)


@dataclass(frozen=True)
class CompanyCredit:
    """A company's score of one year with every record that made it (the explanation)."""

    company: PropertyCompany
    year: int
    score: int
    grade: str
    explanation: str
    grade_explanation: str
    lines: list[CreditRecord]
    blacklisting: Blacklisting | None
    history: list[CreditScore]


def company_credit(*, actor: Actor, company: PropertyCompany, year: int) -> CompanyCredit:
    """Computed from the records (the same rule the stored score comes from)."""
    profile = company_profile(company)
    lines = list(
        CreditRecord.objects.visible_to(actor)
        .filter(valid_in_year(year), company_id=company.pk)
        .select_related("project")
        .order_by("occurred_on", "id")
    )
    result = rules.yearly_score(
        profile,
        year,
        [
            rules.ScoredRecord(r.pk, r.kind_code, r.points, r.occurred_on, r.valid_until)
            for r in lines
        ],
    )
    grade = rules.grade_for_score(profile, result.score)
    return CompanyCredit(
        company=company,
        year=year,
        score=result.score,
        grade=grade.grade,
        explanation=explain(result.explanation, cite=False),
        grade_explanation=explain(grade.explanation, cite=False),
        lines=lines,
        blacklisting=Blacklisting.objects.filter(company_id=company.pk, lifted_on__isnull=True)
        .prefetch_related("letters")
        .first(),
        history=list(CreditScore.objects.filter(company_id=company.pk).order_by("-year")[:5]),
    )


def record_list(
    *, actor: Actor, company_id: int | None = None, status: str = ""
) -> QuerySet[CreditRecord]:
    qs = CreditRecord.objects.visible_to(actor).select_related("company", "project", "entered_by")
    return narrowed(qs, company_id=company_id, status=status).order_by("-occurred_on", "-id")


def record_get(*, actor: Actor, pk: int) -> CreditRecord:
    return get_visible(
        CreditRecord.objects.select_related("company", "project", "entered_by", "approved_by"),
        actor,
        pk=pk,
    )


def appeal_list(*, actor: Actor, status: str = "") -> QuerySet[Appeal]:
    qs = Appeal.objects.visible_to(actor).select_related("record", "record__company", "filed_by")
    return qs.filter(status=status) if status else qs


def appeal_get(*, actor: Actor, pk: int) -> Appeal:
    return get_visible(Appeal.objects.select_related("record", "record__company"), actor, pk=pk)


def blacklist(*, actor: Actor) -> QuerySet[Blacklisting]:
    return (
        Blacklisting.objects.visible_to(actor)
        .select_related("company")
        .prefetch_related("letters")
        .order_by("lifted_on", "-since")
    )


def letter_get(*, actor: Actor, pk: int) -> NotificationLetter:
    return get_visible(
        NotificationLetter.objects.select_related(
            "blacklisting", "blacklisting__company", "project"
        ),
        actor,
        pk=pk,
    )


def plan_list(*, actor: Actor) -> QuerySet[InspectionPlan]:
    return InspectionPlan.objects.visible_to(actor).select_related("node", "drawn_by")


def plan_get(*, actor: Actor, pk: int) -> InspectionPlan:
    return get_visible(
        InspectionPlan.objects.select_related("node", "drawn_by").prefetch_related(
            "items__project", "items__company", "items__inspectors"
        ),
        actor,
        pk=pk,
    )


# --- public --------------------------------------------------------------------------------


def public_credit(*, year: int, search: str = "") -> QuerySet[PropertyCompany]:
    """Every filed company with its score of ``year`` (``year_scores``) and its public,
    active, valid records (``public_records``). No personal data: project managers and
    evidence are not loaded."""
    companies = PropertyCompany.objects.filter(
        filing_status=PropertyCompany.FilingStatus.FILED
    ).order_by("name")
    companies = narrowed(companies, search=search, search_in=("name",))
    records = CreditRecord.objects.filter(
        status=CreditRecord.Status.ACTIVE, public=True, valid_until__gte=today()
    ).only("company_id", "kind_label_zh", "kind_label_en", "points", "occurred_on", "valid_until")
    return companies.only("id", "name", "uscc", "blacklisted_since").prefetch_related(
        Prefetch("credit_scores", CreditScore.objects.filter(year=year), to_attr="year_scores"),
        Prefetch("credit_records", records.order_by("-occurred_on"), to_attr="public_records"),
    )


# --- tender eligibility -----------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    ok: bool
    reasons: list[str]


def tender_eligibility(company: PropertyCompany, *, on: dt.date | None = None) -> Eligibility:
    """May the company bid (seed 004 §8; 000 §13; 001 §(二)1)? Filed, not blacklisted,
    and its latest stored grade up to ``on``'s year at least the profile's
    ``tender_library_min_grade``."""
    day = on or today()
    profile = company_profile(company)
    stored = (
        CreditScore.objects.filter(company_id=company.pk, year__lte=day.year)
        .order_by("-year")
        .values_list("grade", flat=True)
        .first()
    )
    result = rules.tender_eligibility(
        profile,
        filed=company.filing_status == PropertyCompany.FilingStatus.FILED,
        blacklisted=company.blacklisted_since is not None,
        grade=stored,
    )
    return Eligibility(result.ok, [explain(e) for e in result.reasons])
