"""Enforces the access registry (gongzhi.web.access) for every view, deny by default."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from gongzhi.accounts.selectors import request_actor
from gongzhi.core.middleware import HookMiddleware
from gongzhi.web.access import rule_for

PASSWORD_CHANGE_EXEMPT = {"accounts:password_change", "accounts:logout", "set_language"}


class AccessMiddleware(HookMiddleware):
    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None:
            return None
        if (
            settings.DEBUG
            and match.url_name is None
            and request.path.startswith(settings.STATIC_URL)
        ):
            return None
        rule = rule_for(match.url_name, match.namespace or None)
        if rule is None:
            raise PermissionDenied("No access rule for this page.")
        if rule.public or rule.delegated:
            return None
        user = request.user
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        full_name = match.view_name
        if getattr(user, "must_change_password", False) and full_name not in (
            PASSWORD_CHANGE_EXEMPT
        ):
            return redirect("accounts:password_change")
        actor = request_actor(request)
        if not rule.allows(actor.roles, actor.is_authenticated):
            raise PermissionDenied("Your role may not open this page.")
        return None
