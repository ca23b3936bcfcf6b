"""Pages of the owners' assembly: the street's and community's to-do and groups, a
group's papers, votes and result, and the committee's own work. Selectors raise
NotFoundError for rows outside the actor's scope (the core middleware makes it a 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.assembly import selectors, services
from gongzhi.assembly.forms import (
    BarForm,
    CandidateForm,
    DocumentForm,
    FundForm,
    GroupForm,
    MeetingForm,
    SubsidyForm,
    YearlyForm,
)
from gongzhi.assembly.models import PreparationGroup
from gongzhi.assembly.services.committee import strength_text
from gongzhi.assembly.services.common import official_over
from gongzhi.core import clock
from gongzhi.core.attachments import attachment_response
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import form_page
from gongzhi.registry.models import CommitteeMember, OwnersCommittee
from gongzhi.rules.money import format_fen


def overview_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    groups = selectors.group_list(actor=actor, status=request.GET.get("status", ""))
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            _t("preparation-groups.xlsx"),
            [
                _t("Project"),
                _t("Formed on"),
                _t("Status"),
                _t("Published until"),
                _t("Committee seats"),
                _t("Owners on the roll"),
            ],  # fmt: skip
            (
                [
                    g.project.name,
                    g.formed_on,
                    g.get_status_display(),
                    g.publication_ends_on,
                    g.seats,
                    g.roll_owners,
                ]  # fmt: skip
                for g in groups
            ),
        )
    return render(
        request,
        "assembly/overview.html",
        {
            "reminders": selectors.reminder_list(actor=actor)[:50],
            "groups": groups[:100],
            "acting": selectors.acting_list(actor=actor).filter(until__isnull=True)[:50],
            "bars": selectors.bar_list(actor=actor).filter(lifted_on__isnull=True)[:50],
            "statuses": PreparationGroup.Status.choices,
        },
    )


def group_create_view(request: HttpRequest, project_id: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=project_id)
    owners = selectors.project_owners(project)
    form = GroupForm(
        request.POST if request.method == "POST" else None,
        owners=owners,
        initial={"formed_on": clock.today()},
    )
    return form_page(
        request,
        form,
        template="assembly/group_form.html",
        context={"project": project},
        save=lambda data: services.group_create(
            actor=actor,
            project_id=project.pk,
            formed_on=data["formed_on"],
            seats=data["seats"],
            members=form.members(),
        ),
        success_url=lambda group: reverse("assembly:group_detail", args=[group.pk]),
        message=_("The preparation group was formed."),
        passes=(),
    )


def _group_context(actor: Actor, group: PreparationGroup, **forms: Any) -> dict[str, Any]:
    from gongzhi.decisions.models import Matter

    organiser = official_over(actor, group.project)
    owners = selectors.project_owners(group.project)
    matters = Matter.objects.filter(pk__in=[group.rules_matter_id, group.election_matter_id])
    return {
        "group": group,
        "organiser": organiser,
        "problems": services.publish_problems(group) if group.status == "forming" else [],
        "matters": matters,
        "document_form": forms.get("document_form") or DocumentForm(),
        "candidate_form": forms.get("candidate_form") or CandidateForm(owners=owners),
        "fund_form": forms.get("fund_form") or FundForm(),
        "bar_form": forms.get("bar_form") or BarForm(owners=owners),
        "action_errors": forms.get("action_errors") or [],
    }


def group_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    group = selectors.group_get(actor=actor, pk=pk)
    return render(request, "assembly/group_detail.html", _group_context(actor, group))


@require_POST
def group_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    actor = request_actor(request)
    group = selectors.group_get(actor=actor, pk=pk)
    forms: dict[str, Any] = {}
    form: Any
    try:
        if action == "document":
            form = forms["document_form"] = DocumentForm(request.POST, request.FILES)
            if not form.is_valid():
                raise _Invalid
            services.document_upload(
                actor=actor, group_id=group.pk, kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )  # fmt: skip
        elif action == "candidate":
            owners = selectors.project_owners(group.project)
            form = forms["candidate_form"] = CandidateForm(request.POST, owners=owners)
            if not form.is_valid():
                raise _Invalid
            services.candidate_add(
                actor=actor, group_id=group.pk, owner_id=form.cleaned_data["owner"].pk,
                statement=form.cleaned_data["statement"],
            )  # fmt: skip
        elif action == "fund":
            form = forms["fund_form"] = FundForm(request.POST)
            if not form.is_valid():
                raise _Invalid
            services.group_fund_record(
                actor=actor, group_id=group.pk, households=form.cleaned_data["households"]
            )
        elif action == "bar":
            owners = selectors.project_owners(group.project)
            form = forms["bar_form"] = BarForm(request.POST, owners=owners)
            if not form.is_valid():
                raise _Invalid
            services.bar_publish(
                actor=actor,
                project_id=group.project_id,
                owner_id=form.cleaned_data["owner"].pk,
                reason=form.cleaned_data["reason"],
            )
        elif action == "publish":
            services.group_publish(actor=actor, group_id=group.pk)
        elif action == "file":
            services.group_file(actor=actor, group_id=group.pk)
        elif action == "unwilling":
            services.group_owners_unwilling(actor=actor, group_id=group.pk, on=None)
        else:
            raise Http404
    except _Invalid:
        return _again(request, actor, group, forms, 400)
    except DomainError as error:
        pending: Any = next(iter(forms.values()), None)
        if pending is not None:
            pending.add_error_of(error)
        else:
            forms["action_errors"] = [str(error.message)] + [
                str(m) for msgs in error.fields.values() for m in msgs
            ]
        return _again(request, actor, group, forms, error.status)
    messages.success(request, _("Saved."))
    return redirect("assembly:group_detail", pk=group.pk)


class _Invalid(Exception):
    pass


def _again(
    request: HttpRequest, actor: Actor, group: PreparationGroup, forms: dict[str, Any], status: int
) -> HttpResponse:
    group = selectors.group_get(actor=actor, pk=group.pk)
    return render(
        request, "assembly/group_detail.html", _group_context(actor, group, **forms), status=status
    )


def document_view(request: HttpRequest, pk: int) -> FileResponse:
    document = selectors.document_get(actor=request_actor(request), pk=pk)
    return attachment_response(document)


def committee_work_view(request: HttpRequest) -> HttpResponse:
    """The committee's meetings and member subsidies; its members record them."""
    actor = request_actor(request)
    own = [g.project_id for g in actor.grants_of("project") if g.role == "committee_member"]
    committee = (
        OwnersCommittee.objects.filter(project_id__in=own, is_current=True)
        .select_related("project")
        .first()
    )
    members = (
        list(CommitteeMember.objects.filter(committee=committee, left_on__isnull=True))
        if committee
        else []
    )
    meeting_form = MeetingForm(initial={"held_on": clock.today()})
    subsidy_form = SubsidyForm(members=members, initial={"month": clock.today()})
    yearly_form = YearlyForm(initial={"year": clock.today().year - 1})
    status = 200
    if request.method == "POST" and committee is not None:
        status = 400
        try:
            if request.POST.get("what") == "yearly":
                yearly_form = YearlyForm(request.POST)
                if yearly_form.is_valid():
                    services.yearly_publish(
                        actor=actor,
                        committee_id=committee.pk,
                        year=yearly_form.cleaned_data["year"],
                    )
                    messages.success(request, _("The year's publication is on the board."))
                    return redirect("assembly:committee_work")
            elif request.POST.get("what") == "meeting":
                meeting_form = MeetingForm(request.POST)
                if meeting_form.is_valid():
                    services.meeting_record(actor=actor, committee_id=committee.pk,
                                            **meeting_form.cleaned_data)  # fmt: skip
                    messages.success(request, _("The meeting was recorded."))
                    return redirect("assembly:committee_work")
            else:
                subsidy_form = SubsidyForm(request.POST, members=members)
                if subsidy_form.is_valid():
                    data = subsidy_form.cleaned_data
                    services.subsidy_pay(
                        actor=actor, member_id=int(data["member"]), month=data["month"],
                        amount=str(data["amount"]),
                    )  # fmt: skip
                    messages.success(request, _("The subsidy was paid."))
                    return redirect("assembly:committee_work")
        except DomainError as error:
            what = request.POST.get("what")
            form: Any = {"meeting": meeting_form, "yearly": yearly_form}.get(
                what or "", subsidy_form
            )
            form.add_error_of(error)
            status = error.status
    meetings = selectors.meeting_list(actor=actor)
    subsidies = selectors.subsidy_list(actor=actor)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            _t("committee-subsidies.xlsx"),
            [_t("Project"), _t("Member"), _t("Month"), _t("Amount (yuan)")],
            (
                [s.project.name, s.member.name, s.month.strftime("%Y-%m"), format_fen(s.amount_fen)]
                for s in subsidies
            ),
        )
    return render(
        request,
        "assembly/committee_work.html",
        {
            "committee": committee,
            "strength": strength_text(committee, len(members)) if committee else "",
            "meetings": meetings[:50],
            "subsidies": subsidies[:50],
            "meeting_form": meeting_form,
            "subsidy_form": subsidy_form,
            "yearly_form": yearly_form,
        },
        status=status,
    )
