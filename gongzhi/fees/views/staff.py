"""Company staff pages: fee standards and publishing, billing runs, bank statements,
reminders and payment-status publications."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import NotFoundError, PermissionDeniedError
from gongzhi.core.scoping import Actor
from gongzhi.core.views import Message, form_page, page_of, run_action
from gongzhi.fees import selectors, services
from gongzhi.fees.forms import PublicationForm, RunForm, StandardForm, StatementForm
from gongzhi.fees.models import BankStatementImport, FeeStandard
from gongzhi.fees.views.common import is_staff
from gongzhi.fees.workflow import is_company_staff

T = TypeVar("T")


def standard_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    standards = selectors.standard_list(actor=actor)
    return render(
        request,
        "fees/standard_list.html",
        {"standards": standards, "can_create": is_staff(actor)},
    )


def standard_create_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    projects = list(selectors.staff_projects(actor))
    if not projects:
        raise PermissionDenied
    form = StandardForm(request.POST or None, projects=projects)

    def save(data: dict[str, Any]) -> FeeStandard:
        try:
            return services.fee_standard_set(
                actor=actor,
                project_id=data["project"],
                service_grade=data["service_grade"],
                mode=data["mode"],
                effective_from=data["effective_from"],
                effective_to=data["effective_to"],
                unrenovated_reduction=data["unrenovated_reduction"],
                items=form.items(),
            )
        except (NotFoundError, PermissionDeniedError):
            raise PermissionDenied from None  # another company's project: forbidden

    return form_page(
        request,
        form,
        template="fees/standard_form.html",
        save=save,
        success_url=lambda standard: reverse("fees:standard_detail", args=[standard.pk]),
        message=_("The fee standard was saved as a draft."),
    )


def standard_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    standard = selectors.standard_get(actor=actor, pk=pk)
    can_publish = standard.status == FeeStandard.Status.DRAFT and is_company_staff(
        actor, standard.company_id
    )
    return render(
        request,
        "fees/standard_detail.html",
        {"standard": standard, "items": standard.items.all(), "can_publish": can_publish},
    )


@require_POST
def standard_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    return run_action(
        request,
        call=lambda: services.fee_items_publish(actor=actor, standard_id=pk),
        on_error=None,
        success_url=reverse("fees:standard_detail", args=[pk]),
        message=_("The fee list was published."),
    )


def _form_page(
    request: HttpRequest,
    *,
    form_class: Callable[..., forms.Form],
    template: str,
    rows: Callable[..., Any],
    save: Callable[[Actor, dict[str, Any]], T],
    success_url: str | Callable[[T], str],
    message: Message | Callable[[T], Message],
    extra: Callable[[Actor], dict[str, Any]] = lambda actor: {},
) -> HttpResponse:
    """A staff list with the form that adds to it (a billing run, a bank statement, a
    payment-status publication), through ``core.views.form_page``: only staff of a
    project's company see the form and may post; a refusal is shown on the form, with
    the service's status."""
    actor = request_actor(request)
    projects = list(selectors.staff_projects(actor))

    def context() -> dict[str, Any]:
        return {"page": page_of(request, rows(actor=actor)), **extra(actor)}

    if not projects:
        if request.method == "POST":
            raise PermissionDenied
        return render(request, template, {"form": None, **context()})
    return form_page(
        request,
        form_class(request.POST or None, request.FILES or None, projects=projects),
        template=template,
        context=context,
        save=lambda data: save(actor, data),
        success_url=success_url,
        message=message,
        passes=(),
    )


def run_list_view(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form_class=RunForm,
        template="fees/run_list.html",
        rows=selectors.run_list,
        save=lambda actor, data: services.billing_run(
            actor=actor,
            project_id=data["project"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            due_on=data["due_on"],
        ),
        success_url=reverse("fees:run_list"),
        message=lambda run: _("%(count)s bills were issued.") % {"count": run.bill_count},
        extra=lambda actor: {"reserve_notes": selectors.reserve_notes(actor=actor)},
    )


def statement_list_view(request: HttpRequest) -> HttpResponse:
    def save(actor: Actor, data: dict[str, Any]) -> BankStatementImport:
        upload = data["file"]
        return services.bank_statement_import(
            actor=actor, project_id=data["project"], data=upload.read(), filename=upload.name or ""
        )

    return _form_page(
        request,
        form_class=StatementForm,
        template="fees/statement_list.html",
        rows=selectors.statement_list,
        save=save,
        success_url=lambda statement: reverse("fees:statement_detail", args=[statement.pk]),
        message=lambda statement: (
            _("%(matched)s of %(rows)s rows were matched to bills.")
            % {"matched": statement.matched_count, "rows": statement.row_count}
        ),
    )


def statement_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    statement = selectors.statement_get(actor=actor, pk=pk)
    rows = selectors.unmatched_rows(actor=actor, statement_id=statement.pk)
    return render(
        request,
        "fees/statement_detail.html",
        {"statement": statement, "rows": rows},
    )


@require_POST
def row_match_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Match an unmatched statement row to the bill whose reference staff enter."""
    actor = request_actor(request)
    statement_id = selectors.unmatched_rows_statement(actor=actor, row_id=pk)
    reference = request.POST.get("bill", "").strip()
    bill = (
        selectors.bill_list(actor=actor).filter(reference=reference).first() if reference else None
    )
    if bill is None:
        messages.error(request, _("No bill has this reference."))
        return redirect("fees:statement_detail", pk=statement_id)
    return run_action(
        request,
        call=lambda: services.unmatched_match(actor=actor, row_id=pk, bill_id=bill.pk),
        on_error=None,
        success_url=reverse("fees:statement_detail", args=[statement_id]),
        message=_("The row was matched and the payment recorded."),
    )


def reminder_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    projects = list(selectors.staff_projects(actor))
    if request.method == "POST":
        try:
            project_id = int(request.POST.get("project", ""))
        except ValueError:
            raise Http404 from None
        return run_action(
            request,
            call=lambda: services.reminders_send(actor=actor, project_id=project_id),
            on_error=None,
            success_url=reverse("fees:reminder_list"),
            message=lambda count: _("%(count)s reminders were sent.") % {"count": count},
        )
    page = page_of(request, selectors.reminder_list(actor=actor))
    return render(request, "fees/reminder_list.html", {"page": page, "projects": projects})


def publication_list_view(request: HttpRequest) -> HttpResponse:
    return _form_page(
        request,
        form_class=PublicationForm,
        template="fees/publication_list.html",
        rows=selectors.publication_list,
        save=lambda actor, data: services.publication_create(
            actor=actor,
            project_id=data["project"],
            period_start=data["period_start"],
            period_end=data["period_end"],
        ),
        success_url=lambda publication: reverse("fees:publication_detail", args=[publication.pk]),
        message=_("The payment status was published."),
    )


def publication_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    publication = selectors.publication_get(actor=actor, pk=pk)
    return render(request, "fees/publication_detail.html", {"publication": publication})
