from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import request_actor
from gongzhi.web.navigation import navigation_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_links": [], "actor": None, "role_labels": []}
    actor = request_actor(request)
    match = getattr(request, "resolver_match", None)
    labels = [Role(r).label for r in sorted(actor.roles) if r in Role.values]
    return {
        "nav_links": navigation_for(actor, match.view_name if match else None),
        "actor": actor,
        "role_labels": labels,
    }
