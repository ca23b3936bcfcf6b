"""Pages of the owners' organisation: committees list/detail/forms for officials, the
formation steps of a project, and "my committee" for owners and committee members."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import DomainError
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import get_visible
from gongzhi.core.views import NOT_FOUND_OR_FORBIDDEN, page_of, run_action, run_form
from gongzhi.registry.governance import selectors, services
from gongzhi.registry.governance.forms import (
    CommitteeCreateForm,
    CommitteeForm,
    FileForm,
    FormationCommitteeForm,
    FormationForm,
    LeaveForm,
    MemberForm,
)
from gongzhi.registry.governance.workflow import CREATES_COMMITTEE, FORMATION
from gongzhi.registry.models import CommitteeMember, OwnersCommittee
from gongzhi.rules.identity import mask_phone


def _filters(request: HttpRequest) -> selectors.CommitteeFilters:
    g = request.GET
    return selectors.CommitteeFilters(
        search=g.get("q", "").strip(),
        filed=g.get("filed", "") if g.get("filed") in ("yes", "no") else "",
        kind=g.get("kind", "") if g.get("kind") in OwnersCommittee.Kind.values else "",
        acting=g.get("acting") == "1",
        expiring=g.get("expiring") == "1",
        current=g.get("current", "yes") if g.get("current", "yes") in ("yes", "no", "") else "yes",
    )


def _save_page(
    request: HttpRequest,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    *,
    message: str,
    title: str | Promise,
    subject: str,
    back: str,
    then: Callable[[Any], str] | None = None,
) -> HttpResponse:
    """The page of one form: on a valid POST, ``save(cleaned_data)`` (a service call),
    then ``message`` and the redirect to ``then(saved)``, or without ``then`` back where
    Cancel goes (URL ``back``); a refusal goes back on the form (these pages answer 200
    with the form's errors)."""

    def page(_status: int = 200) -> HttpResponse:
        context = {"form": form, "title": title, "subject": subject, "back": back}
        return render(request, "registry/governance/form.html", context)

    if request.method != "POST":
        return page()
    return run_form(
        request,
        form,
        save=save,
        on_invalid=page,
        success_url=then or back,
        message=message,
        passes=(),
    )


def _committee_button(
    request: HttpRequest,
    pk: int,
    call: Callable[[], object],
    message: str,
    form: Any = None,
) -> HttpResponse:
    """A button on the page of committee ``pk`` (with its dated ``form``, if any): done,
    ``message``; a date that is not one, or a refusal, one error message; either way back
    to the committee's page."""
    url = reverse("registry:committee_detail", args=[pk])

    def run() -> object:
        if form is not None and not form.is_valid():
            raise DomainError(_("Please correct the date."))
        return call()

    def refused(exc: DomainError) -> HttpResponse:
        messages.error(request, _flatten(exc))
        return redirect(url)

    return run_action(
        request,
        call=run,
        on_error=refused,
        success_url=url,
        message=message,
        passes=NOT_FOUND_OR_FORBIDDEN,
    )


def committee_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = _filters(request)
    page = page_of(request, selectors.committee_list(actor=actor, filters=filters))
    return render(
        request,
        "registry/governance/committee_list.html",
        {"page": page, "f": filters, "kinds": OwnersCommittee.Kind.choices},
    )


def committee_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered list as .xlsx (scoped rows only)."""
    qs = selectors.committee_list(actor=request_actor(request), filters=_filters(request))
    headers = [
        _("Project"),
        _("Community"),
        _("Kind"),
        _("Term start"),
        _("Term end"),
        _("Seats"),
        _("Active members"),
        _("Party members"),
        _("Filed on"),
        _("Residents' committee acting"),
        _("Term"),
        _("Office hours"),
        _("Office phone"),
    ]
    term_labels = {
        selectors.TERM_ENDED: _("Term ended"),
        selectors.TERM_ENDING: _("Term ending soon"),
    }

    def row(c: Any) -> list[Any]:
        return [
            c.project.name,
            c.project.community.name,
            c.get_kind_display(),
            c.term_start,
            c.term_end,
            c.seats,
            c.active_members,
            c.party_members,
            c.filed_at,
            _("Yes") if c.acting else _("No"),
            term_labels.get(c.term_state, ""),
            c.office_hours,
            c.phone,
        ]

    rows = (row(c) for c in qs.iterator())
    return xlsx_response(_("committees") + ".xlsx", headers, rows, title=_("Committees"))


def committee_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    committee = selectors.committee_get(actor=actor, pk=pk)
    project = committee.project
    return render(
        request,
        "registry/governance/committee_detail.html",
        {
            "committee": committee,
            "members": selectors.committee_members(actor=actor, committee=committee),
            "history": selectors.committee_history(actor=actor, committee=committee),
            "can_edit": selectors.can_edit(actor, project) and committee.is_current,
            "can_file": selectors.can_file(actor, project)
            and committee.is_current
            and committee.filed_at is None,
            "file_form": FileForm(),
            "leave_form": LeaveForm(),
        },
    )


def committee_create_view(request: HttpRequest, project_pk: int) -> HttpResponse:
    actor = request_actor(request)
    project = selectors.project_get(actor=actor, pk=project_pk)
    if not selectors.can_edit(actor, project):
        raise PermissionDenied
    form = CommitteeCreateForm(request.POST or None)
    return _save_page(
        request,
        form,
        lambda d: services.committee_create(
            actor=actor, project_id=project.pk, kind=d["kind"], data=form.to_input()
        ),
        message=_("The committee has been recorded."),
        then=lambda committee: reverse("registry:committee_detail", args=[committee.pk]),
        title=_("Record a committee"),
        subject=project.name,
        back=reverse("registry:project_detail", args=[project.pk]),
    )


def committee_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    committee = selectors.committee_get(actor=actor, pk=pk)
    if not selectors.can_edit(actor, committee.project):
        raise PermissionDenied
    initial = {
        f: getattr(committee, f)
        for f in ("term_start", "term_end", "seats", "office_address", "office_hours", "phone")
    }
    return _save_page(
        request,
        CommitteeForm(request.POST or None, initial=initial),
        lambda d: services.committee_update(actor=actor, committee_id=pk, **d),
        message=_("The committee has been updated."),
        title=_("Edit committee"),
        subject=str(committee),
        back=reverse("registry:committee_detail", args=[pk]),
    )


@require_POST
def committee_file_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = FileForm(request.POST)
    return _committee_button(
        request,
        pk,
        lambda: services.committee_file(
            actor=request_actor(request), committee_id=pk, filed_on=form.cleaned_data["filed_on"]
        ),
        _("The committee has been filed."),
        form,
    )


@require_POST
def committee_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _committee_button(
        request,
        pk,
        lambda: services.committee_close(actor=request_actor(request), committee_id=pk),
        _("The committee is no longer current."),
    )


def member_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    committee = selectors.committee_get(actor=actor, pk=pk)
    if not selectors.can_edit(actor, committee.project):
        raise PermissionDenied
    owners = selectors.owner_choices(actor=actor, committee=committee)
    return _save_page(
        request,
        MemberForm(request.POST or None, owners=owners),
        lambda d: services.member_add(
            actor=actor,
            committee_id=pk,
            owner_id=d["owner"],
            position=d["position"],
            phone=d["phone"],
            party_member=d["party_member"],
        ),
        message=_("The member has been added."),
        title=_("Add a member"),
        subject=str(committee),
        back=reverse("registry:committee_detail", args=[pk]),
    )


@require_POST
def member_leave_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    member: CommitteeMember = get_visible(CommitteeMember.objects.all(), actor, pk=pk)
    form = LeaveForm(request.POST)
    return _committee_button(
        request,
        member.committee_id,
        lambda: services.member_leave(
            actor=actor, member_id=pk, left_on=form.cleaned_data["left_on"]
        ),
        _("The member's departure has been recorded."),
        form,
    )


def formation_view(request: HttpRequest, project_pk: int, action: str) -> HttpResponse:
    """Record one formation step of a project (seed 000 §19)."""
    actor = request_actor(request)
    step = FORMATION.transitions.get(action)
    if step is None:
        raise Http404
    project = selectors.project_get(actor=actor, pk=project_pk)
    if not selectors.can_edit(actor, project):
        raise PermissionDenied
    has_committee = OwnersCommittee.objects.filter(
        project=project, is_current=True, kind=OwnersCommittee.Kind.OWNERS_COMMITTEE
    ).exists()
    with_committee = action in CREATES_COMMITTEE and not (
        action == "committee_elected" and has_committee
    )
    form_class = FormationCommitteeForm if with_committee else FormationForm
    form = form_class(request.POST or None)
    return _save_page(
        request,
        form,
        lambda d: services.formation_apply(
            actor=actor,
            project_id=project.pk,
            action=action,
            on=d["on"],
            committee=form.to_input() if isinstance(form, FormationCommitteeForm) else None,
        ),
        message=_("Recorded: %(step)s.") % {"step": step.label},
        title=step.label,
        subject=f"{project.name} · {project.get_formation_display()}",
        back=reverse("registry:project_detail", args=[project.pk]),
    )


def my_committee_view(request: HttpRequest) -> HttpResponse:
    """Owners: the committee of each project where they own a part; committee members:
    their own committee. Member phones are masked."""
    committees = list(selectors.my_committees(actor=request_actor(request)))
    for c in committees:
        for m in c.active_list:  # type: ignore[attr-defined]
            m.masked_phone = mask_phone(m.phone)
    return render(request, "registry/governance/my_committee.html", {"committees": committees})


def _flatten(exc: DomainError) -> str:
    parts = [str(exc.message)]
    for errs in exc.fields.values():
        parts.extend(str(e) for e in errs)
    return " ".join(parts)
