"""/api/v1/assessments: quarterly project assessments, the street's rounds, published and
yearly results, committee assessments (seeds 001 §四(一)(二), 003 §五(二)1(7)).

Schema in → the same services and selectors as the pages → Schema out.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from gongzhi.accounts.selectors import request_actor
from gongzhi.assessments import selectors, services
from gongzhi.assessments.models import AssessmentEvidence, ProjectAssessment
from gongzhi.assessments.workflow import PROJECT_ACTIONS, available_actions
from gongzhi.core.api import attached_actions, attribute, known_action, optional_body, with_actions
from gongzhi.core.errors import NotFoundError
from gongzhi.core.pagination import PageNumberPagination
from gongzhi.registry.models import Project

router = Router(tags=["assessments"])


class FormItemOut(Schema):
    code: str
    label_zh: str
    label_en: str
    max_points: int
    source: str


class AssessmentIn(Schema):
    project_id: int
    year: int
    quarter: int  # the period's number at the profile's company_assessment_frequency
    points: dict[str, str]
    assessors: str
    experts: str = ""
    note: str = ""


class AssessmentPatch(Schema):
    points: dict[str, str]
    assessors: str | None = None
    experts: str | None = None
    note: str | None = None


class ActionIn(Schema):
    note: str = ""


class ItemOut(Schema):
    code: str
    label_zh: str
    label_en: str
    max_points: int
    points: Decimal


class AssessmentOut(Schema):
    id: int
    round_id: int
    project_id: int
    project_name: str
    company_id: int
    company_name: str
    year: int
    frequency: str
    quarter: int  # the period's number at ``frequency``
    period_label: str
    total: Decimal
    max_score: int
    band: str
    status: str
    assessors: str
    experts: str
    return_note: str
    published_at: dt.datetime | None

    resolve_project_name = attribute("project.name")

    resolve_company_name = attribute("company.name")


class AssessmentDetailOut(AssessmentOut):
    items: list[ItemOut]
    actions: list[str]

    @staticmethod
    def resolve_items(obj: ProjectAssessment) -> list[Any]:
        return list(obj.items.all())

    resolve_actions = attached_actions


class RoundOut(Schema):
    id: int
    street_id: int
    street_name: str
    year: int
    frequency: str
    quarter: int  # the period's number at ``frequency``
    period_label: str
    n_total: int
    n_draft: int
    n_submitted: int
    n_forwarded: int
    n_published: int

    @staticmethod
    def resolve_street_name(obj: Any) -> str:
        return str(obj.street.name)


class CountOut(Schema):
    count: int


class YearResultOut(Schema):
    project_id: int
    project_name: str
    company_id: int
    year: int
    frequency: str
    periods: dict[int, Decimal]
    mean: Decimal
    band: str
    explanation: str


class EvidenceOut(Schema):
    id: int
    original_name: str
    size: int
    uploaded_at: dt.datetime


class CommitteeIn(Schema):
    committee_id: int
    year: int
    period: int | None = None  # needed unless the profile assesses committees yearly
    points: dict[str, str]
    note: str = ""


class CommitteeOut(Schema):
    id: int
    committee_id: int
    project_id: int
    year: int
    frequency: str
    period: int
    period_label: str
    total: Decimal
    max_score: int
    pass_score: int
    passed: bool
    subsidy_eligible: bool
    subsidy_cap_fen: int | None
    status: str


def _detail(request: HttpRequest, pk: int) -> ProjectAssessment:
    actor = request_actor(request)
    assessment = selectors.assessment_get(actor=actor, pk=pk)
    return with_actions(assessment, available_actions(assessment, actor))


@router.get("/form", response=list[FormItemOut])
def project_form(request: HttpRequest, project_id: int) -> Any:
    """The items of the form that applies to a project (its jurisdiction's profile)."""
    project = (
        selectors.assessable_projects(actor=request_actor(request)).filter(pk=project_id).first()
    )
    if not isinstance(project, Project):
        raise NotFoundError(_("Not found."))
    return list(selectors.project_form(project))


@router.get("", response=list[AssessmentOut])
@paginate(PageNumberPagination, page_size=50)
def assessment_list(
    request: HttpRequest,
    round_id: int | None = None,
    status: str = "",
    year: int | None = None,
    quarter: int | None = None,
    q: str = "",
) -> Any:
    return selectors.assessment_list(
        actor=request_actor(request),
        round_id=round_id,
        status=status,
        year=year,
        quarter=quarter,
        search=q,
    )


@router.post("", response={201: AssessmentDetailOut})
def assessment_create(request: HttpRequest, payload: AssessmentIn) -> Any:
    assessment = services.assessment_create(actor=request_actor(request), **payload.model_dump())
    return Status(201, _detail(request, assessment.pk))


@router.get("/rounds", response=list[RoundOut])
@paginate(PageNumberPagination, page_size=50)
def round_list(request: HttpRequest) -> Any:
    return selectors.round_list(actor=request_actor(request))


@router.post("/rounds/{round_id}/forward", response=CountOut)
def round_forward(request: HttpRequest, round_id: int) -> Any:
    """The street forwards every submitted assessment of the round to the bureau."""
    return {"count": services.round_forward(actor=request_actor(request), round_id=round_id)}


@router.post("/rounds/{round_id}/publish", response=CountOut)
def round_publish(request: HttpRequest, round_id: int) -> Any:
    """The bureau publishes every forwarded assessment of the round."""
    return {"count": services.round_publish(actor=request_actor(request), round_id=round_id)}


@router.get("/results/{year}", response=list[YearResultOut])
def year_results(request: HttpRequest, year: int) -> Any:
    """Yearly results (mean of the published periods) of the projects the caller sees."""
    return selectors.year_results(actor=request_actor(request), year=year)


@router.get("/committees", response=list[CommitteeOut])
@paginate(PageNumberPagination, page_size=50)
def committee_list(request: HttpRequest, year: int | None = None) -> Any:
    return selectors.committee_assessment_list(actor=request_actor(request), year=year)


@router.post("/committees", response={201: CommitteeOut})
def committee_create(request: HttpRequest, payload: CommitteeIn) -> Any:
    created = services.committee_assessment_create(
        actor=request_actor(request), **payload.model_dump()
    )
    return Status(201, created)


@router.post("/committees/{assessment_id}/decide", response=CommitteeOut)
def committee_decide(request: HttpRequest, assessment_id: int) -> Any:
    return services.committee_assessment_decide(
        actor=request_actor(request), assessment_id=assessment_id
    )


@router.get("/{assessment_id}", response=AssessmentDetailOut)
def assessment_get(request: HttpRequest, assessment_id: int) -> Any:
    return _detail(request, assessment_id)


@router.patch("/{assessment_id}", response=AssessmentDetailOut)
def assessment_update(request: HttpRequest, assessment_id: int, payload: AssessmentPatch) -> Any:
    services.assessment_update(
        actor=request_actor(request), assessment_id=assessment_id, **payload.model_dump()
    )
    return _detail(request, assessment_id)


@router.post("/{assessment_id}/actions/{action}", response=AssessmentDetailOut)
def assessment_action(request: HttpRequest, assessment_id: int, action: str) -> Any:
    """Apply ``submit``, ``forward``, ``return`` or ``publish``; optional JSON body
    ``{"note": "…"}`` (required for ``return``)."""
    known_action(action, PROJECT_ACTIONS)
    body = optional_body(request, ActionIn)
    services.assessment_act(
        actor=request_actor(request), assessment_id=assessment_id, action=action, note=body.note
    )
    return _detail(request, assessment_id)


@router.post("/{assessment_id}/evidence", response={201: EvidenceOut})
def evidence_upload(request: HttpRequest, assessment_id: int, file: File[UploadedFile]) -> Any:
    evidence: AssessmentEvidence = services.evidence_add(
        actor=request_actor(request), assessment_id=assessment_id, upload=file
    )
    return Status(201, evidence)
