"""The shell: the role-aware home page and a health check."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.jurisdictions.selectors import nodes_of
from gongzhi.registry.housing import selectors as registry
from gongzhi.registry.models import ExclusivePart, PropertyCompany
from gongzhi.web import owner_home
from gongzhi.web.navigation import navigation_for


def home(request: HttpRequest) -> HttpResponse:
    actor = request_actor(request)
    projects = registry.project_list(actor=actor)
    context: dict[str, object] = {"nodes": nodes_of(actor)}
    if actor.has_role(
        Role.BUREAU,
        Role.STREET_OFFICER,
        Role.COMMUNITY_OFFICER,
        Role.COMPANY_STAFF,
        Role.COMMITTEE_MEMBER,
    ):
        context["stats"] = {
            "projects": projects.count(),
            "parts": ExclusivePart.objects.visible_to(actor).count(),
            "companies": PropertyCompany.objects.visible_to(actor).count(),
        }
        context["recent_projects"] = projects[:8]
    if Role.OWNER in actor.roles:
        context["homes"] = registry.my_homes(actor=actor)[:20]
        todo = owner_home.todo_for(actor)
        context["todo"] = todo
        context["tiles"] = owner_home.service_tiles(actor, todo)
        context["boards"] = owner_home.boards_for(actor)
    return render(request, "web/home.html", context)


def menu(request: HttpRequest) -> HttpResponse:
    """Every page of the user's menu as tiles: the phone's "more" tab (the bottom bar holds
    only the first few), so every page stays reachable on a narrow screen."""
    actor = request_actor(request)
    match = getattr(request, "resolver_match", None)
    links = navigation_for(actor, match.view_name if match else None)
    return render(request, "web/menu.html", {"links": links})


def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
