"""Pages for owners (my bills and payments) and supervisors or the committee (published
fee lists, payment-status publications, the arrears overview by project)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.fees import selectors


def home_view(request: HttpRequest) -> HttpResponse:
    """The fees entry: staff to their bills, owners to theirs, supervisors to the overview."""
    actor = request_actor(request)
    if actor.has_role(Role.COMPANY_STAFF):
        return redirect("fees:bill_list")
    if actor.has_role(
        Role.BUREAU, Role.STREET_OFFICER, Role.COMMUNITY_OFFICER, Role.COMMITTEE_MEMBER
    ):
        return redirect("fees:overview")
    return redirect("fees:my_bills")


def my_bills_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    bills = list(selectors.my_bills(actor=actor)[:60])
    return render(request, "fees/my_bills.html", {"bills": bills})


def published_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(
        request,
        "fees/published.html",
        {
            "standards": selectors.published_standards(actor=actor),
            "publications": selectors.publication_list(actor=actor)[:20],
        },
    )


def overview_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    return render(request, "fees/overview.html", {"rows": selectors.arrears_overview(actor=actor)})
