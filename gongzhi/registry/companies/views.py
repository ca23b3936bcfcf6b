"""Property-company pages."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import NotFoundError
from gongzhi.registry.companies import selectors
from gongzhi.registry.housing.selectors import project_list
from gongzhi.registry.models import PropertyCompany

PAGE_SIZE = 25


def company_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    search = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if status not in PropertyCompany.FilingStatus.values:
        status = ""
    qs = selectors.company_list(actor=actor, search=search, status=status)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/company_list.html",
        {
            "page": page,
            "q": search,
            "status": status,
            "statuses": PropertyCompany.FilingStatus.choices,
        },
    )


def company_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        company = selectors.company_get(actor=actor, pk=pk)
    except NotFoundError:
        raise Http404 from None
    projects = project_list(actor=actor).filter(company=company)
    return render(
        request, "registry/company_detail.html", {"company": company, "projects": projects[:100]}
    )
