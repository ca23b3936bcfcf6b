"""Committee assessment pages (seed 001 §四(一)): the list, the street's form, the detail
with the result, the subsidy it allows and their reasons, and the decision."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.assessments import selectors, services
from gongzhi.assessments.forms import (
    CommitteeAssessmentForm,
)
from gongzhi.assessments.views.projects import as_int
from gongzhi.assessments.workflow import (
    is_official_over,
)
from gongzhi.core.explain import explain
from gongzhi.core.views import form_page, run_action
from gongzhi.rules import assessments as rules


def committee_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "assessments/committee_list.html",
        {
            "assessments": selectors.committee_assessment_list(actor=actor)[:200],
            "can_assess": actor.has_role(Role.STREET_OFFICER),
        },
    )


def committee_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    if not actor.has_role(Role.STREET_OFFICER):
        raise PermissionDenied
    committees = selectors.assessable_committees(actor=actor)
    source = request.POST if request.method == "POST" else request.GET
    committee = committees.filter(pk=as_int(source.get("committee")) or 0).first()
    items = selectors.committee_form(committee) if committee else ()
    scheduled = committee or committees.first()
    schedule = selectors.committee_schedule(scheduled) if scheduled else None
    frequency = schedule.frequency if schedule else "yearly"
    last = selectors.last_period(frequency, selectors.today())
    form = CommitteeAssessmentForm(
        request.POST if request.method == "POST" else None,
        committees=committees,
        items=items,
        frequency=frequency,
        initial={"year": last.year, "period": last.number, "committee": committee},
    )
    return form_page(
        request,
        form,
        template="assessments/committee_form.html",
        context={
            "committee": committee,
            "items": items,
            "schedule": explain(schedule.explanation) if schedule else "",
        },
        save=lambda data: services.committee_assessment_create(
            actor=actor,
            committee_id=data["committee"].pk,
            year=data["year"],
            period=data.get("period"),
            points=form.points(),
            note=data["note"],
        ),
        success_url=lambda assessment: _detail_url(assessment.pk),
        message=_("The committee assessment was saved."),
        passes=(),
    )


def _detail_url(pk: int) -> str:
    return reverse("assessments:committee_detail", args=[pk])


def committee_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    assessment = selectors.committee_assessment_get(actor=actor, pk=pk)
    outcome = rules.committee_result(
        assessment.total,
        assessment.max_score,
        pass_score=assessment.pass_score,
        subsidy_cap_fen=assessment.subsidy_cap_fen,
    )
    reasons = [explain(e, cite=False) for e in (outcome.explanation, outcome.subsidy_explanation)]
    return render(
        request,
        "assessments/committee_detail.html",
        {
            "assessment": assessment,
            "reasons": reasons,
            "items": list(assessment.items.all()),
            "can_decide": assessment.status == "draft"
            and is_official_over(actor, assessment.node_path, Role.STREET_OFFICER),
            "history": selectors.history(actor=actor, obj=assessment),
        },
    )


@require_POST
def committee_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    return run_action(
        request,
        call=lambda: services.committee_assessment_decide(actor=actor, assessment_id=pk),
        on_error=None,  # the refusal as a message on the committee's page
        success_url=_detail_url(pk),
    )
