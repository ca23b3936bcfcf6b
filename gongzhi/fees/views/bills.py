"""Bill pages: the bill list (with the arrears filter and Excel export), a bill with its
lines and payments, recording a payment, cancelling, and the printable receipt."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.excel import xlsx_response
from gongzhi.core.scoping import Actor
from gongzhi.core.views import DetailPage, choice_param, page_of, run_form
from gongzhi.fees import selectors, services
from gongzhi.fees.forms import CancelForm, PaymentForm
from gongzhi.fees.models import Bill
from gongzhi.fees.workflow import is_company_staff
from gongzhi.rules.money import fen_to_yuan


def _filters(request: HttpRequest) -> dict[str, Any]:
    try:
        project_id = int(request.GET.get("project", "") or 0) or None
    except ValueError:
        project_id = None
    return {
        "project_id": project_id,
        "status": choice_param(request, "status", Bill.Status.values),
        "search": request.GET.get("q", "").strip(),
        "arrears": request.GET.get("arrears") == "1",
    }


def bill_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = _filters(request)
    page = page_of(request, selectors.bill_list(actor=actor, **filters))
    return render(
        request,
        "fees/bill_list.html",
        {
            "page": page,
            "filters": filters,
            "statuses": Bill.Status.choices,
            "projects": selectors.staff_projects(actor),
        },
    )


def arrears_view(request: HttpRequest) -> HttpResponse:
    """The arrears list: unpaid bills past their due date."""
    actor = request_actor(request)
    filters = {**_filters(request), "arrears": True}
    page = page_of(request, selectors.bill_list(actor=actor, **filters))
    return render(
        request,
        "fees/arrears.html",
        {"page": page, "filters": filters, "projects": selectors.staff_projects(actor)},
    )


def arrears_export_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    filters = {**_filters(request), "arrears": True}
    headers = [
        gettext("Project"),
        gettext("Part"),
        gettext("Payer"),
        gettext("Period from"),
        gettext("Period to"),
        gettext("Due on"),
        gettext("Amount (yuan)"),
        gettext("Paid (yuan)"),
        gettext("Outstanding (yuan)"),
        gettext("Bill reference"),
    ]
    rows = (
        [
            b.project.name,
            b.part.number,
            b.payer_name,
            b.period_start,
            b.period_end,
            b.due_on,
            fen_to_yuan(b.total_fen),
            fen_to_yuan(b.paid_fen),
            fen_to_yuan(b.total_fen - b.paid_fen),
            b.reference,
        ]
        for b in selectors.bill_list(actor=actor, **filters).iterator(chunk_size=2000)
    )
    return xlsx_response(f"{gettext('Arrears')}.xlsx", headers, rows)


def _detail(actor: Actor, bill: Bill, **extra: Any) -> dict[str, Any]:
    staff = is_company_staff(actor, bill.company_id)
    return {
        "bill": bill,
        "lines": selectors.lines_of(bill),
        "payments": selectors.payment_list(actor=actor, bill_id=bill.pk),
        "can_pay": staff and bill.status in (Bill.Status.OPEN, Bill.Status.PARTLY_PAID),
        "can_cancel": staff and bill.status == Bill.Status.OPEN and bill.paid_fen == 0,
        "payment_form": extra.pop("payment_form", None) or PaymentForm(),
        "cancel_form": extra.pop("cancel_form", None) or CancelForm(),
        "reminders": bill.reminders.all()[:10],
        **extra,
    }


BILL_PAGE = DetailPage("fees/bill_detail.html", selectors.bill_get, _detail, "fees:bill_detail")


def bill_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return BILL_PAGE.render(request, request_actor(request), pk)


@require_POST
def payment_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    bill = selectors.bill_get(actor=actor, pk=pk)
    form = PaymentForm(request.POST)
    return run_form(
        request,
        form,
        save=lambda data: services.payment_record(
            actor=actor,
            bill_id=bill.pk,
            amount=data["amount"],
            method=data["method"],
            paid_on=data["paid_on"],
            reference=data["reference"],
        ),
        on_invalid=BILL_PAGE.with_form(request, actor, pk, payment_form=form),
        success_url=BILL_PAGE.url(bill.pk),
        message=lambda payment: (
            _("Payment recorded; receipt %(number)s.") % {"number": payment.receipt_number}
        ),
    )


@require_POST
def bill_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    bill = selectors.bill_get(actor=actor, pk=pk)
    form = CancelForm(request.POST)
    return run_form(
        request,
        form,
        save=lambda data: services.bill_cancel(actor=actor, bill_id=bill.pk, reason=data["reason"]),
        on_invalid=BILL_PAGE.with_form(request, actor, pk, cancel_form=form),
        success_url=BILL_PAGE.url(bill.pk),
        message=_("The bill was cancelled."),
    )


def receipt_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    payment = selectors.payment_get(actor=actor, pk=pk)
    return render(request, "fees/receipt.html", {"payment": payment, "bill": payment.bill})
