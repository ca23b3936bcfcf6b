"""/api/v1/credit: scores and their records, manual records and their approval, appeals,
the blacklist, random inspection plans, tender eligibility and the public credit list.

Schema in → the same service/selector as the pages → Schema out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.api import attribute, known_action
from gongzhi.core.clock import today
from gongzhi.core.errors import NotFoundError
from gongzhi.core.explain import explain
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.credit import selectors
from gongzhi.credit.models import Blacklisting, CreditRecord, CreditScore, InspectionPlan
from gongzhi.credit.services import inspections, records, scores
from gongzhi.registry.models import PropertyCompany

router = Router(tags=["credit"])


class RecordOut(Schema):
    id: int
    company_id: int
    project_id: int | None
    source: str
    kind_code: str
    kind_label: str
    nature: str
    points: int
    serious: bool
    public: bool
    occurred_on: dt.date
    valid_until: dt.date
    evidence: str
    status: str
    citation: str


class RecordIn(Schema):
    company_id: int
    kind_code: str
    occurred_on: dt.date
    evidence: str = ""
    points: int | None = None
    project_id: int | None = None
    manager_name: str = ""
    manager_id_number: str = ""


class CreditOut(Schema):
    company_id: int
    company_name: str
    year: int
    score: int
    grade: str
    explanation: str
    grade_explanation: str
    blacklisted: bool
    records: list[RecordOut]


def _year_score(company: PropertyCompany) -> CreditScore | None:
    found: list[CreditScore] = getattr(company, "year_scores", [])
    return found[0] if found else None


class _YearScoreOut(Schema):
    """A company with its score and grade of the year asked for (``year_scores``)."""

    company_name: str
    score: int | None
    grade: str | None
    blacklisted: bool

    resolve_company_name = attribute("name")

    @staticmethod
    def resolve_score(obj: PropertyCompany) -> int | None:
        found = _year_score(obj)
        return found.score if found else None

    @staticmethod
    def resolve_grade(obj: PropertyCompany) -> str | None:
        found = _year_score(obj)
        return found.grade if found else None

    @staticmethod
    def resolve_blacklisted(obj: PropertyCompany) -> bool:
        return obj.blacklisted_since is not None


class CompanyScoreOut(_YearScoreOut):
    company_id: int

    resolve_company_id = attribute("pk")


class EligibilityOut(Schema):
    company_id: int
    ok: bool
    reasons: list[str]


class AppealIn(Schema):
    reason: str = ""


class DecisionIn(Schema):
    note: str = ""


class AppealOut(Schema):
    id: int
    record_id: int
    reason: str
    status: str
    decision_note: str


class BlacklistingOut(Schema):
    id: int
    company_id: int
    company_name: str
    since: dt.date
    until: dt.date | None
    lifted_on: dt.date | None
    reason: str
    letters: list[str]

    resolve_company_name = attribute("company.name")

    @staticmethod
    def resolve_reason(obj: Blacklisting) -> str:
        return explain(obj.reason, cite=False)

    @staticmethod
    def resolve_letters(obj: Blacklisting) -> list[str]:
        return [f"{letter.number} {letter.addressee}" for letter in obj.letters.all()]


class DrawIn(Schema):
    node_id: int
    seed: str = ""
    year: int | None = None
    per_project: int = 2


class PlanItemOut(Schema):
    project_id: int
    grade: str
    inspector_ids: list[int]


class PlanOut(Schema):
    id: int
    node_id: int
    year: int
    seed: str
    ratios: dict[str, str]
    explanation: str
    items: list[PlanItemOut]

    @staticmethod
    def resolve_explanation(obj: InspectionPlan) -> str:
        return explain(obj.explanation, cite=False)

    @staticmethod
    def resolve_items(obj: InspectionPlan) -> list[dict[str, Any]]:
        return [
            {
                "project_id": item.project_id,
                "grade": item.grade,
                "inspector_ids": sorted(u.pk for u in item.inspectors.all()),
            }
            for item in obj.items.all()
        ]


class PublicRecordOut(Schema):
    kind_label: str
    points: int
    occurred_on: dt.date
    valid_until: dt.date


class PublicCompanyOut(_YearScoreOut):
    uscc: str
    records: list[PublicRecordOut]

    @staticmethod
    def resolve_records(obj: PropertyCompany) -> list[CreditRecord]:
        return list(getattr(obj, "public_records", []))


def _record_out(record: CreditRecord) -> dict[str, Any]:
    return {**record.__dict__, "kind_label": record.kind_label}


@router.get("/companies", response=list[CompanyScoreOut])
@paginate(PageNumberPagination, page_size=50)
def company_list(request: HttpRequest, year: int | None = None, q: str = "") -> Any:
    """Visible companies with their score and grade of ``year`` (default: this year)."""
    return selectors.company_list(actor=request_actor(request), year=year or today().year, search=q)


@router.get("/companies/{company_id}", response=CreditOut)
def company_credit(request: HttpRequest, company_id: int, year: int | None = None) -> Any:
    actor = request_actor(request)
    company = selectors.company_get(actor=actor, pk=company_id)
    credit = selectors.company_credit(actor=actor, company=company, year=year or today().year)
    return {
        "company_id": company.pk,
        "company_name": company.name,
        "year": credit.year,
        "score": credit.score,
        "grade": credit.grade,
        "explanation": credit.explanation,
        "grade_explanation": credit.grade_explanation,
        "blacklisted": company.blacklisted_since is not None,
        "records": [_record_out(r) for r in credit.lines],
    }


@router.get("/companies/{company_id}/tender-eligibility", response=EligibilityOut)
def tender_eligibility(request: HttpRequest, company_id: int) -> Any:
    """Filed, not blacklisted, grade at least the profile's minimum (seed 004 §8)."""
    company = selectors.company_get(actor=request_actor(request), pk=company_id)
    result = selectors.tender_eligibility(company)
    return {"company_id": company.pk, "ok": result.ok, "reasons": result.reasons}


@router.get("/records", response=list[RecordOut])
@paginate(PageNumberPagination, page_size=50)
def record_list(request: HttpRequest, status: str = "", company_id: int | None = None) -> Any:
    qs = selectors.record_list(actor=request_actor(request), status=status, company_id=company_id)
    return [_record_out(r) for r in qs]


@router.get("/records/{record_id}", response=RecordOut)
def record_get(request: HttpRequest, record_id: int) -> Any:
    return _record_out(selectors.record_get(actor=request_actor(request), pk=record_id))


@router.post("/records", response={201: RecordOut})
def record_create(request: HttpRequest, payload: RecordIn) -> Any:
    """Enter a record with evidence; it waits for a second officer's approval."""
    record = records.record_enter(actor=request_actor(request), **payload.model_dump())
    return Status(201, _record_out(record))


@router.post("/records/{record_id}/actions/{action}", response=RecordOut)
def record_action(request: HttpRequest, record_id: int, action: str) -> Any:
    """``approve`` (a second officer) or ``reject`` a pending record."""
    service = known_action(
        action, {"approve": records.record_approve, "reject": records.record_reject}
    )
    return _record_out(service(actor=request_actor(request), record_id=record_id))


@router.post("/records/{record_id}/appeals", response={201: AppealOut})
def appeal_create(request: HttpRequest, record_id: int, payload: AppealIn) -> Any:
    appeal = records.appeal_file(
        actor=request_actor(request), record_id=record_id, reason=payload.reason
    )
    return Status(201, appeal)


@router.post("/appeals/{appeal_id}/{action}", response=AppealOut)
def appeal_decide(request: HttpRequest, appeal_id: int, action: str, payload: DecisionIn) -> Any:
    """``uphold`` the record or ``withdraw`` it; a reason (``note``) is required."""
    return records.appeal_decide(
        actor=request_actor(request), appeal_id=appeal_id, action=action, note=payload.note
    )


@router.get("/blacklist", response=list[BlacklistingOut])
def blacklist(request: HttpRequest) -> Any:
    return list(selectors.blacklist(actor=request_actor(request)))


@router.post("/scores/recompute", response=dict[str, int])
def recompute(request: HttpRequest, year: int | None = Query(None, ge=1900, le=2999)) -> Any:
    actor = request_actor(request)
    if not actor.has_role("bureau"):
        raise NotFoundError(_("Not found."))
    year = year or today().year
    return {"year": year, "companies": scores.scores_recompute(actor=actor, year=year)}


@router.post("/inspections", response={201: PlanOut})
def inspection_draw(request: HttpRequest, payload: DrawIn) -> Any:
    """Draw and record a 双随机 plan; the same seed reproduces the same plan."""
    plan = inspections.inspection_draw(actor=request_actor(request), **payload.model_dump())
    return Status(201, selectors.plan_get(actor=request_actor(request), pk=plan.pk))


@router.get("/inspections/{plan_id}", response=PlanOut)
def inspection_get(request: HttpRequest, plan_id: int) -> Any:
    return selectors.plan_get(actor=request_actor(request), pk=plan_id)


@router.get("/public", response=list[PublicCompanyOut], auth=None)
@paginate(PageNumberPagination, page_size=50)
def public(request: HttpRequest, year: int | None = None, q: str = "") -> Any:
    """The public credit list: grades, blacklist and public records (no personal data)."""
    return selectors.public_credit(year=year or today().year, search=q)
