"""Register pages: projects, companies, owners (masked, with audited reveal), my homes."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.errors import NotFoundError
from gongzhi.registry.housing import selectors, services
from gongzhi.registry.housing.permissions import REVEALABLE_FIELDS, can_reveal
from gongzhi.registry.models import Project

PAGE_SIZE = 25


def project_list_view(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    search = request.GET.get("q", "").strip()
    category = request.GET.get("category", "")
    if category not in Project.Category.values:
        category = ""
    qs = selectors.project_list(actor=actor, search=search, category=category)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/project_list.html",
        {
            "page": page,
            "q": search,
            "category": category,
            "categories": Project.Category.choices,
        },
    )


def project_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        project = selectors.project_get(actor=actor, pk=pk)
    except NotFoundError:
        raise Http404 from None
    parts = Paginator(selectors.project_parts(actor=actor, project=project), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "registry/project_detail.html",
        {
            "project": project,
            "totals": selectors.project_totals(project),
            "page": parts,
        },
    )


def owner_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    actor = request_actor(request)
    try:
        owner = selectors.owner_get(actor=actor, pk=pk)
    except NotFoundError:
        raise Http404 from None
    revealable = {f: can_reveal(actor, owner, f) for f in REVEALABLE_FIELDS}
    return render(
        request,
        "registry/owner_detail.html",
        {
            "owner": owner,
            "ownerships": selectors.owner_parts(actor=actor, owner=owner),
            "revealable": revealable,
        },
    )


@require_POST
def owner_reveal_view(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    """htmx: swap the masked value for the real one; the display is audited."""
    try:
        value = services.owner_reveal(actor=request_actor(request), owner_id=pk, field=field)
    except NotFoundError:
        raise Http404 from None
    return render(request, "registry/_revealed.html", {"value": value})


def my_homes_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/my_homes.html",
        {"homes": selectors.my_homes(actor=request_actor(request))},
    )
