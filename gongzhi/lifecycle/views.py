"""Lifecycle pages: selections, handover inspections, exits, reselection reminders and a
project's lifecycle, for desktop and phone; Excel exports of each list; the printable
handover agreement, exit notice and exit handover record (HTML and PDF).

Every write goes through ``gongzhi.lifecycle.services``; a refusal re-renders the page
with the translated reasons and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.assessments.daily import exit_review_summary
from gongzhi.core import clock
from gongzhi.core.errors import invalid
from gongzhi.core.excel import xlsx_response
from gongzhi.core.explain import explain
from gongzhi.core.scoping import Actor
from gongzhi.core.views import (
    NOT_FOUND_OR_FORBIDDEN,
    DetailPage,
    choice_param,
    page_of,
    pdf_response,
    post_page,
)
from gongzhi.lifecycle import selectors, services
from gongzhi.lifecycle.models import Exit, Handover, Selection
from gongzhi.lifecycle.workflow import (
    EXIT_FLOW,
    HANDOVER_FLOW,
    SELECTION_FLOW,
    inspects,
    organises,
    supervises_exit,
)
from gongzhi.rules import lifecycle as rules
from gongzhi.rules.money import MoneyError, parse_yuan


def _yes(value: Any) -> bool:
    return str(value or "").lower() in ("1", "true", "on", "yes")


def _explain(e: Any) -> str:
    return explain(e, cite=False)


# --- selections --------------------------------------------------------------------------


def selection_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = {
        "status": choice_param(request, "status", Selection.Status.values),
        "search": request.GET.get("q", "").strip(),
    }
    qs = selectors.selection_list(actor=actor, **filters)
    if request.GET.get("export"):
        return xlsx_response(
            "selections.xlsx",
            [
                str(_("Title")),
                str(_("Project")),
                str(_("Kind")),
                str(_("Mode")),
                str(_("Status")),
                str(_("Announced")),
                str(_("Bidders")),
                str(_("Selected company")),
                str(_("Result published")),
            ],  # fmt: skip
            (
                [
                    s.title,
                    s.project.name,
                    s.get_kind_display(),
                    s.get_mode_display(),
                    s.get_status_display(),
                    s.announced_on,
                    s.n_bidders,  # type: ignore[attr-defined]
                    s.winner.name if s.winner else "",
                    s.published_on,
                ]  # fmt: skip
                for s in qs
            ),
        )
    return render(
        request,
        "lifecycle/selection_list.html",
        {
            "page": page_of(request, qs),
            "filters": filters,
            "statuses": Selection.Status.choices,
            "can_create": actor.has_role("bureau", "street_officer", "committee_member"),
        },
    )


def selection_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    data = request.POST
    return post_page(
        request,
        template="lifecycle/selection_form.html",
        context={
            "projects": selectors.project_choices(actor=actor),
            "kinds": Selection.Kind.choices,
        },
        call=lambda: services.selection_create(
            actor=actor,
            project_id=data.get("project_id"),
            kind=data.get("kind", ""),
            title=data.get("title", ""),
            announced_on=data.get("announced_on"),
            bid_deadline=data.get("bid_deadline"),
            presale_permit_on=data.get("presale_permit_on") or None,
            claimed_small=_yes(data.get("claimed_small")),
        ),
        success_url=lambda found: reverse("lifecycle:selection_detail", args=[found.pk]),
        message=_("The selection was opened."),
    )


def _selection_context(
    actor: Actor, selection: Selection, action_errors: list[str] | None = None
) -> dict[str, Any]:
    mode = selectors.selection_mode(selection)
    return {
        "selection": selection,
        "bidders": selectors.bidders(selection),
        "mode_reason": _explain(mode.explanation),
        "negotiation_allowed": mode.negotiated_allowed,
        "committee_check": _explain(selectors.committee_check(selection).explanation),
        "required_parties": selectors.parties("tender_committee_parties", selection.project),
        "all_parties": selectors.all_parties(),
        "party_labels": dict(selectors.all_parties()),
        "companies": selectors.bid_companies(),
        "contracts": selectors.candidate_contracts(selection) if selection.winner_id else [],
        "organiser": organises(actor, selection),
        "is_bureau": actor.has_role("bureau"),
        "actions": [t.action for t in SELECTION_FLOW.available(selection, actor)],
        "history": selectors.history(actor=actor, obj=selection),
        "errors": action_errors or [],
    }


SELECTION_PAGE = DetailPage(
    "lifecycle/selection_detail.html",
    selectors.selection_get,
    _selection_context,
    "lifecycle:selection_detail",
)

selection_detail_view = SELECTION_PAGE.view


SELECTION_STEPS = (
    "bidder", "committee", "negotiation", "approve", "refuse", "evaluate", "publish",
    "owners_vote", "contract",
)  # fmt: skip


@require_POST
def selection_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    actor = request_actor(request)
    if step not in SELECTION_STEPS:
        raise Http404
    post = request.POST
    calls: dict[str, Callable[[], Any]] = {
        "bidder": lambda: services.bidder_add(
            actor=actor, selection_id=pk, company_id=post.get("company_id")
        ),
        "committee": lambda: services.committee_set(
            actor=actor,
            selection_id=pk,
            members=[
                {"party": p, "name": n}
                for p, n in zip(post.getlist("party"), post.getlist("name"), strict=False)
                if p or n.strip()
            ],
        ),
        "negotiation": lambda: services.selection_request_negotiation(
            actor=actor, selection_id=pk, reason=post.get("reason", "")
        ),
        "approve": lambda: services.selection_decide_negotiation(
            actor=actor, selection_id=pk, approve=True, note=post.get("note", "")
        ),
        "refuse": lambda: services.selection_decide_negotiation(
            actor=actor, selection_id=pk, approve=False, note=post.get("note", "")
        ),
        "evaluate": lambda: services.selection_evaluate(
            actor=actor,
            selection_id=pk,
            scores={k[6:]: v for k, v in post.items() if k.startswith("score_")},
        ),
        "publish": lambda: services.selection_publish(actor=actor, selection_id=pk),
        "owners_vote": lambda: services.selection_owners_vote(actor=actor, selection_id=pk),
        "contract": lambda: services.selection_contract(
            actor=actor, selection_id=pk, contract_id=post.get("contract_id")
        ),
    }
    return SELECTION_PAGE.run(request, actor, pk, calls[step], passes=NOT_FOUND_OR_FORBIDDEN)


def reselection_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    rows = selectors.reselection_due(actor=actor)
    if request.GET.get("export"):
        return xlsx_response(
            "reselection-due.xlsx",
            [
                str(_("Project")),
                str(_("Company")),
                str(_("Preliminary service since")),
                str(_("New selection due")),
                str(_("Reason")),
            ],  # fmt: skip
            (
                [
                    r.project.name,
                    r.contract.company.name,
                    r.contract.term_start,
                    r.reminder.due_on,
                    r.text,
                ]
                for r in rows
            ),  # fmt: skip
        )
    return render(request, "lifecycle/reselection.html", {"rows": rows})


# --- handover inspections -------------------------------------------------------------------


def handover_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters: dict[str, Any] = {
        "status": choice_param(request, "status", Handover.Status.values),
        "search": request.GET.get("q", "").strip(),
        "overdue": _yes(request.GET.get("overdue")),
    }
    rows = list(selectors.handover_list(actor=actor, **filters))
    dues = selectors.dues_for(rows)
    today = clock.today()
    for h in rows:
        h.due = dues[h.pk]  # type: ignore[attr-defined]
        h.is_overdue = dues[h.pk].overdue(done_on=h.signed_on, today=today)  # type: ignore[attr-defined]
    if request.GET.get("export"):
        return xlsx_response(
            "handover-inspections.xlsx",
            [
                str(_("Project")),
                str(_("Property company")),
                str(_("Developer")),
                str(_("Planned delivery")),
                str(_("Inspection due")),
                str(_("Signed")),
                str(_("Overdue")),
                str(_("Status")),
            ],  # fmt: skip
            (
                [
                    h.project.name,
                    h.company.name,
                    h.developer_name,
                    h.delivery_on,
                    h.due.due,  # type: ignore[attr-defined]
                    h.signed_on,
                    gettext("yes") if h.is_overdue else "",  # type: ignore[attr-defined]
                    h.get_status_display(),
                ]
                for h in rows
            ),  # fmt: skip
        )
    return render(
        request,
        "lifecycle/handover_list.html",
        {
            "page": page_of(request, rows),
            "filters": filters,
            "statuses": Handover.Status.choices,
            "can_create": actor.has_role("street_officer", "community_officer", "company_staff"),
        },
    )


def handover_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    data = request.POST
    return post_page(
        request,
        template="lifecycle/handover_form.html",
        context=lambda: {
            "projects": selectors.project_choices(actor=actor),
            "companies": selectors.bid_companies(),
        },
        call=lambda: services.handover_create(
            actor=actor,
            project_id=data.get("project_id"),
            company_id=data.get("company_id"),
            delivery_on=data.get("delivery_on"),
            developer_name=data.get("developer_name", ""),
        ),
        success_url=lambda found: reverse("lifecycle:handover_detail", args=[found.pk]),
        message=_("The handover inspection was opened."),
    )


def _handover_context(
    actor: Actor, handover: Handover, action_errors: list[str] | None = None
) -> dict[str, Any]:
    due = selectors.handover_due(handover)
    delivery = services.delivery_check(handover)
    return {
        "handover": handover,
        "due": due,
        "due_reason": _explain(due.explanation),
        "overdue": due.overdue(done_on=handover.signed_on, today=clock.today()),
        "preconditions": selectors.precondition_rows(handover),
        "findings": selectors.findings(handover),
        "finding_results": handover.findings.model.Result.choices,
        "delivery_ok": delivery.ok,
        "delivery_reason": _explain(delivery.explanation),
        "warranty": selectors.warranty_note(handover),
        "inspector": inspects(actor, handover),
        "actions": [t.action for t in HANDOVER_FLOW.available(handover, actor)],
        "history": selectors.history(actor=actor, obj=handover),
        "errors": action_errors or [],
    }


HANDOVER_PAGE = DetailPage(
    "lifecycle/handover_detail.html",
    selectors.handover_get,
    _handover_context,
    "lifecycle:handover_detail",
)

handover_detail_view = HANDOVER_PAGE.view


HANDOVER_STEPS = (
    "preconditions",
    "finding",
    "start",
    "rectify",
    "sign",
    "publish",
    "file",
    "deliver",
)


@require_POST
def handover_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    actor = request_actor(request)
    if step not in HANDOVER_STEPS:
        raise Http404
    post = request.POST
    simple = {
        "start": services.handover_start,
        "rectify": services.handover_rectify,
        "publish": services.handover_publish,
        "file": services.handover_file,
        "deliver": services.handover_deliver,
    }
    calls: dict[str, Callable[[], Any]] = {
        **{
            name: (lambda f=f: f(actor=actor, handover_id=pk))  # type: ignore[misc]
            for name, f in simple.items()
        },
        "preconditions": lambda: services.preconditions_set(
            actor=actor,
            handover_id=pk,
            met=dict.fromkeys(post.getlist("met"), True)
            | {code: False for code in post.getlist("all") if code not in post.getlist("met")},
        ),
        "finding": lambda: services.finding_add(
            actor=actor,
            handover_id=pk,
            location=post.get("location", ""),
            result=post.get("result", ""),
            description=post.get("description", ""),
            photo=request.FILES.get("photo"),
            rectify_by=post.get("rectify_by") or None,
        ),
        "sign": lambda: services.handover_sign(
            actor=actor,
            handover_id=pk,
            developer_signatory=post.get("developer_signatory", ""),
            company_signatory=post.get("company_signatory", ""),
            signed_on=post.get("signed_on") or None,
        ),
    }

    return HANDOVER_PAGE.run(request, actor, pk, calls[step], passes=NOT_FOUND_OR_FORBIDDEN)


FINDING_STEPS = ("rectified", "pass", "fail")


@require_POST
def finding_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    actor = request_actor(request)
    if step not in FINDING_STEPS:
        raise Http404
    finding = selectors.finding_get(actor=actor, pk=pk)
    calls: dict[str, Callable[[], Any]] = {
        "rectified": lambda: services.finding_rectified(actor=actor, finding_id=pk),
        "pass": lambda: services.finding_reinspect(actor=actor, finding_id=pk, passed=True),
        "fail": lambda: services.finding_reinspect(actor=actor, finding_id=pk, passed=False),
    }

    return HANDOVER_PAGE.run(
        request, actor, finding.handover_id, calls[step], passes=NOT_FOUND_OR_FORBIDDEN
    )


def finding_photo_view(request: HttpRequest, pk: int) -> FileResponse:
    finding = selectors.finding_get(actor=request_actor(request), pk=pk)
    if not finding.photo:
        raise Http404
    return FileResponse(finding.photo.open("rb"), filename=finding.photo.name.rsplit("/", 1)[-1])


# --- printable documents ---------------------------------------------------------------------


def _document(
    request: HttpRequest, template: str, context: dict[str, Any], filename: str, as_pdf: bool
) -> HttpResponse:
    """The document as a printable page, or as PDF (core.views.pdf_response)."""
    if not as_pdf:
        return render(request, template, context)
    return pdf_response(request, template, context, filename)


def handover_agreement_view(request: HttpRequest, pk: int, as_pdf: bool = False) -> HttpResponse:
    """The handover inspection agreement (seed 004 §12; seed 000 §24)."""
    actor = request_actor(request)
    handover = selectors.handover_get(actor=actor, pk=pk)
    context = _handover_context(actor, handover)
    return _document(
        request, "lifecycle/doc_agreement.html", context, f"handover-{handover.pk}.pdf", as_pdf
    )


# --- exits ---------------------------------------------------------------------------------


def exit_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = {
        "status": choice_param(request, "status", Exit.Status.values),
        "kind": choice_param(request, "kind", Exit.Kind.values),
        "search": request.GET.get("q", "").strip(),
    }
    qs = selectors.exit_list(actor=actor, **filters)
    if request.GET.get("export"):
        return xlsx_response(
            "exits.xlsx",
            [
                str(_("Project")),
                str(_("Outgoing company")),
                str(_("Kind")),
                str(_("Status")),
                str(_("Notice given on")),
                str(_("Notice due by")),
                str(_("Notice in time")),
                str(_("Service ends on")),
                str(_("Incoming company")),
                str(_("Closed on")),
            ],  # fmt: skip
            (
                [
                    e.project.name,
                    e.company.name,
                    e.get_kind_display(),
                    e.get_status_display(),
                    e.notice_on,
                    e.notice_due,
                    "" if e.notice_timely is None else gettext("yes" if e.notice_timely else "no"),
                    e.end_on,
                    e.incoming_company.name if e.incoming_company else "",
                    e.closed_on,
                ]
                for e in qs
            ),  # fmt: skip
        )
    return render(
        request,
        "lifecycle/exit_list.html",
        {
            "page": page_of(request, qs),
            "filters": filters,
            "statuses": Exit.Status.choices,
            "kinds": Exit.Kind.choices,
            "can_create": actor.has_role(
                "company_staff", "committee_member", "street_officer", "bureau"
            ),
        },
    )


def exit_create_view(request: HttpRequest) -> HttpResponse:
    """One page for the three ways an exit starts: a written notice, a forced-exit vote,
    an order against a blacklisted company."""
    actor = request_actor(request)
    data = request.POST

    def start() -> Exit:
        way = data.get("way", "")
        if way == "forced":
            return services.exit_forced_open(
                actor=actor, contract_id=data.get("contract_id"), reason=data.get("reason", "")
            )
        if way == "order":
            return services.exit_order(
                actor=actor,
                contract_id=data.get("contract_id"),
                end_on=data.get("end_on"),
                reason=data.get("reason", ""),
            )
        return services.exit_notify(
            actor=actor,
            contract_id=data.get("contract_id"),
            kind=data.get("kind", ""),
            notice_on=data.get("notice_on"),
            end_on=data.get("end_on") or None,
            recipients=data.getlist("recipients"),
            reason=data.get("reason", ""),
        )

    return post_page(
        request,
        template="lifecycle/exit_form.html",
        context=lambda: {
            "contracts": selectors.contracts_in_force(actor=actor),
            "notice_kinds": [(k, v) for k, v in Exit.Kind.choices if k in rules.NOTICE_KINDS],
            "parties": selectors.all_parties(),
        },
        call=start,
        success_url=lambda found: reverse("lifecycle:exit_detail", args=[found.pk]),
        message=_("The exit was recorded."),
    )


def _exit_context(
    actor: Actor, exit_: Exit, action_errors: list[str] | None = None
) -> dict[str, Any]:
    items = selectors.exit_items(actor=actor, exit_=exit_)
    bond = services.held_bond(exit_)
    return {
        "exit": exit_,
        "items": items,
        "notice_text": selectors.exit_notice_text(exit_),
        "party_labels": dict(selectors.all_parties()),
        "review_parties": selectors.parties("forced_exit_review_parties", exit_.project),
        "all_parties": selectors.all_parties(),
        "companies": selectors.bid_companies(),
        "bond": bond,
        "supervisor": supervises_exit(actor, exit_),
        "receiver": services.receives(actor, exit_),
        "describer": actor.has_role("company_staff", "street_officer", "community_officer"),
        "actions": [t.action for t in EXIT_FLOW.available(exit_, actor)],
        "history": selectors.history(actor=actor, obj=exit_),
        "errors": action_errors or [],
        # the community's daily checks of the outgoing company (seed 004 §10)
        "daily_checks": exit_review_summary(
            actor=actor, project_id=exit_.project_id, company_id=exit_.company_id
        ),
    }


EXIT_PAGE = DetailPage(
    "lifecycle/exit_detail.html", selectors.exit_get, _exit_context, "lifecycle:exit_detail"
)

exit_detail_view = EXIT_PAGE.view


EXIT_STEPS = ("review", "start_handover", "incoming", "complete", "close")


@require_POST
def exit_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    actor = request_actor(request)
    if step not in EXIT_STEPS:
        raise Http404
    post = request.POST
    calls: dict[str, Callable[[], Any]] = {
        "review": lambda: services.exit_review(
            actor=actor,
            exit_id=pk,
            uphold=post.get("decision") == "uphold",
            parties=post.getlist("parties"),
            note=post.get("note", ""),
            end_on=post.get("end_on") or None,
        ),
        "start_handover": lambda: services.exit_start_handover(
            actor=actor, exit_id=pk, incoming_company_id=post.get("incoming_company_id") or None
        ),
        "incoming": lambda: services.exit_set_incoming(
            actor=actor, exit_id=pk, incoming_company_id=post.get("incoming_company_id") or None
        ),
        "complete": lambda: services.exit_complete_handover(actor=actor, exit_id=pk),
        "close": lambda: services.exit_close(
            actor=actor, exit_id=pk, committee_opinion=post.get("committee_opinion", "")
        ),
    }
    return EXIT_PAGE.run(request, actor, pk, calls[step], passes=NOT_FOUND_OR_FORBIDDEN)


@require_POST
def item_step_view(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    actor = request_actor(request)
    if step not in ("describe", "confirm"):
        raise Http404
    item = selectors.exit_item_get(actor=actor, pk=pk)
    post = request.POST

    def describe() -> Any:
        raw = str(post.get("amount_yuan") or "").strip()
        try:
            fen = parse_yuan(raw) if raw else None
        except MoneyError:
            raise invalid({"amount": [_("Enter an amount in yuan, e.g. 1200.50.")]}) from None
        return services.exit_item_describe(
            actor=actor, item_id=pk, detail=post.get("detail", ""), amount_fen=fen
        )

    calls: dict[str, Callable[[], Any]] = {
        "describe": describe,
        "confirm": lambda: services.exit_item_confirm(actor=actor, item_id=pk),
    }

    return EXIT_PAGE.run(request, actor, item.exit_id, calls[step], passes=NOT_FOUND_OR_FORBIDDEN)


def exit_notice_doc_view(request: HttpRequest, pk: int, as_pdf: bool = False) -> HttpResponse:
    """The written exit notice (seed 000 §12; 004 §10)."""
    actor = request_actor(request)
    exit_ = selectors.exit_get(actor=actor, pk=pk)
    if exit_.notice_on is None:
        raise Http404
    return _document(
        request, "lifecycle/doc_notice.html", _exit_context(actor, exit_),
        f"exit-notice-{exit_.pk}.pdf", as_pdf,
    )  # fmt: skip


def exit_record_doc_view(request: HttpRequest, pk: int, as_pdf: bool = False) -> HttpResponse:
    """The handover record of the exit, item by item with who confirmed it."""
    actor = request_actor(request)
    exit_ = selectors.exit_get(actor=actor, pk=pk)
    return _document(
        request, "lifecycle/doc_record.html", _exit_context(actor, exit_),
        f"exit-handover-{exit_.pk}.pdf", as_pdf,
    )  # fmt: skip


# --- a project's lifecycle ----------------------------------------------------------------------


def project_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "lifecycle/project.html",
        {"life": selectors.project_lifecycle(actor=actor, project_id=pk)},
    )
