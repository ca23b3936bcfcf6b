"""Project assessment pages: the rounds (street aggregation and bureau publication, Excel
export), the phone-friendly form a community officer fills, an assessment's detail with
evidence and workflow buttons, the published and yearly results."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.assessments import selectors, services
from gongzhi.assessments.forms import (
    PREFIX,
    AssessmentEditForm,
    AssessmentForm,
    EvidenceForm,
    ReturnForm,
)
from gongzhi.assessments.models import AssessmentRound, Band, ProjectAssessment
from gongzhi.assessments.workflow import (
    ASSESSORS,
    EDITABLE,
    PROJECT_ACTIONS,
    available_actions,
    is_official_over,
)
from gongzhi.core.attachments import attachment_response
from gongzhi.core.errors import PermissionDeniedError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import DetailPage, form_page, run_action


def as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def round_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "assessments/round_list.html",
        {
            "rounds": selectors.round_list(actor=actor)[:100],
            # a community officer sees no street round: their own assessments are listed
            "assessments": selectors.assessment_list(actor=actor)[:50],
            "can_assess": actor.has_role(*ASSESSORS),
            "can_assess_committees": actor.has_role(Role.STREET_OFFICER),
        },
    )


def _round_context(actor: Actor, round_: AssessmentRound, **extra: Any) -> dict[str, Any]:
    return {
        "round": round_,
        "assessments": selectors.assessment_list(actor=actor, round_id=round_.pk),
        "can_forward": is_official_over(actor, round_.node_path, Role.STREET_OFFICER)
        and round_.n_submitted > 0,  # type: ignore[attr-defined]
        "can_publish": is_official_over(actor, round_.node_path, Role.BUREAU)
        and round_.n_forwarded > 0,  # type: ignore[attr-defined]
        **extra,
    }


ROUND_PAGE = DetailPage(
    "assessments/round_detail.html", selectors.round_get, _round_context, "assessments:round_detail"
)


round_detail_view = ROUND_PAGE.view


@require_POST
def round_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    act = {"forward": services.round_forward, "publish": services.round_publish}.get(action)
    if act is None:
        raise Http404
    return run_action(
        request,
        call=lambda: act(actor=actor, round_id=pk),
        on_error=lambda error: ROUND_PAGE.render(
            request, actor, pk, status=error.status, action_errors=[str(error.message)]
        ),
        success_url=ROUND_PAGE.url(pk),
        message=lambda count: _("%(count)s assessments done.") % {"count": count},
    )


def round_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    round_ = selectors.round_get(actor=actor, pk=pk)
    rows_qs = selectors.assessment_list(actor=actor, round_id=round_.pk).prefetch_related("items")
    codes: list[tuple[str, str]] = []
    rows = list(rows_qs)
    for a in rows:
        for item in a.items.all():
            if item.code not in {c for c, _l in codes}:
                codes.append((item.code, item.label_zh))
    headers = [
        _t("Community"),
        _t("Project"),
        _t("Property company"),
        _t("Year"),
        _t("Period"),
        *[label for _c, label in codes],
        _t("Score"),
        _t("Maximum score"),
        _t("Band"),
        _t("Status"),
        _t("Assessors"),
        _t("Experts scoring on site"),
    ]
    data = []
    for a in rows:
        points = {i.code: i.points for i in a.items.all()}
        data.append(
            [
                a.project.community.name,
                a.project.name,
                a.company.name,
                a.year,
                a.period_label,
                *[points.get(c) for c, _l in codes],
                a.total,
                a.max_score,
                a.get_band_display(),
                a.get_status_display(),
                a.assessors,
                a.experts,
            ]
        )
    name = f"{round_.street.name} {round_.period_label} {_t('Project assessments')}.xlsx"
    return xlsx_response(name, headers, data)


def _show_survey_points(form: Any, project: Any, source: Any, year: int, quarter: int) -> None:
    """Fill the satisfaction item from the quarter's published owners' survey, read-only,
    with the reason (the service applies the same points whatever is posted)."""
    if project is None:
        return
    fed = selectors.survey_points(
        project_id=project.pk,
        year=as_int(source.get("year")) or year,
        quarter=as_int(source.get("quarter")) or quarter,
        items=form.items,
    )
    if fed is None:
        return
    field = form.fields.get(PREFIX + fed[0])
    if field is not None:
        field.initial = str(fed[1])
        field.help_text = fed[2]
        field.widget.attrs.update({"readonly": True, "data-testid": "survey-points"})


def assessment_create_view(request: HttpRequest) -> HttpResponse:
    """The community officer's form: choose the project (the items of its profile's form
    appear, via htmx on a phone), the quarter, and score every item."""
    actor = request_actor(request)
    if not actor.has_role(*ASSESSORS):
        raise PermissionDenied
    projects = selectors.assessable_projects(actor=actor)
    source = request.POST if request.method == "POST" else request.GET
    project = projects.filter(pk=as_int(source.get("project")) or 0).first()
    items = selectors.project_form(project) if project else ()
    # the periods follow the profile of the chosen project (else of the first one offered)
    scheduled = project or projects.first()
    frequency = selectors.company_schedule(scheduled).frequency if scheduled else "quarterly"
    last = selectors.last_period(frequency, selectors.today())
    year, quarter = last.year, last.number
    initial = {"year": year, "quarter": quarter, "project": project}
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        projects=projects,
        items=items,
        initial=initial,
        frequency=frequency,
    )
    _show_survey_points(form, project, source, year, quarter)
    template = "assessments/assessment_form.html"
    if request.headers.get("HX-Request") and request.method == "GET":
        template = "assessments/_items.html"
    return form_page(
        request,
        form,
        template=template,
        context={"project": project, "items": items},
        save=lambda data: services.assessment_create(
            actor=actor,
            project_id=data["project"].pk,
            year=data["year"],
            quarter=data["quarter"],
            points=form.points(),
            assessors=data["assessors"],
            experts=data["experts"],
            note=data["note"],
        ),
        success_url=lambda assessment: ASSESSMENT_PAGE.url(assessment.pk),
        message=_("The assessment was saved as a draft."),
        passes=(PermissionDeniedError,),  # the 403 page, not a form error
    )


def _detail_context(actor: Actor, assessment: ProjectAssessment, **extra: Any) -> dict[str, Any]:
    editable = assessment.status in EDITABLE and is_official_over(
        actor, assessment.node_path, *ASSESSORS
    )
    return {
        "assessment": assessment,
        "items": list(assessment.items.all()),
        "band_reason": selectors.band_reason(assessment),
        "evidence": selectors.evidence_of(actor=actor, assessment=assessment),
        "actions": available_actions(assessment, actor),
        "round_visible": selectors.round_list(actor=actor).filter(pk=assessment.round_id).exists(),
        "editable": editable,
        "evidence_form": extra.pop("evidence_form", None) or (EvidenceForm() if editable else None),
        "return_form": extra.pop("return_form", None) or ReturnForm(),
        "history": selectors.history(actor=actor, obj=assessment),
        **extra,
    }


ASSESSMENT_PAGE = DetailPage(
    "assessments/assessment_detail.html",
    selectors.assessment_get,
    _detail_context,
    "assessments:assessment_detail",
)


assessment_detail_view = ASSESSMENT_PAGE.view


def assessment_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    assessment = selectors.assessment_get(actor=actor, pk=pk)
    if not is_official_over(actor, assessment.node_path, *ASSESSORS):
        raise PermissionDenied
    items = selectors.project_form(assessment.project)
    current = {f"item_{i.code}": i.points for i in assessment.items.all()}
    form = AssessmentEditForm(
        request.POST if request.method == "POST" else None,
        items=items,
        initial={
            "assessors": assessment.assessors,
            "experts": assessment.experts,
            "note": assessment.note,
            **current,
        },
    )
    return form_page(
        request,
        form,
        template="assessments/assessment_form.html",
        context={"assessment": assessment, "project": assessment.project, "items": items},
        save=lambda data: services.assessment_update(
            actor=actor,
            assessment_id=assessment.pk,
            points=form.points(),
            assessors=data["assessors"],
            experts=data["experts"],
            note=data["note"],
        ),
        success_url=ASSESSMENT_PAGE.url(pk),
        message=_("The assessment was saved."),
        passes=(),
    )


assessment_action_view = ASSESSMENT_PAGE.action_view(
    PROJECT_ACTIONS,
    lambda actor, pk, action, post: services.assessment_act(
        actor=actor, assessment_id=pk, action=action, note=post.get("note", "")
    ),
)


evidence_upload_view = ASSESSMENT_PAGE.upload_view(
    EvidenceForm,
    lambda actor, pk, data: services.evidence_add(
        actor=actor, assessment_id=pk, upload=data["file"]
    ),
    form_name="evidence_form",
    message=_("The evidence was added."),
)


def evidence_download_view(request: HttpRequest, pk: int) -> FileResponse:
    actor = request_actor(request)
    return attachment_response(selectors.evidence_get(actor=actor, pk=pk))


def results_view(request: HttpRequest) -> HttpResponse:
    """Published quarterly results and the yearly results formed from them."""
    actor = request_actor(request)
    year = as_int(request.GET.get("year")) or selectors.last_quarter(selectors.today())[0]
    published = selectors.assessment_list(
        actor=actor, status=ProjectAssessment.Status.PUBLISHED, year=year
    )
    return render(
        request,
        "assessments/results.html",
        {
            "year": year,
            "years": range(selectors.today().year, selectors.today().year - 5, -1),
            "published": published,
            "yearly": selectors.year_results(actor=actor, year=year),
            "band_labels": dict(Band.choices),
        },
    )
