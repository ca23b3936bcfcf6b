"""Which requests count against which abuse limit (gongzhi.core.ratelimit), and the answer
past a limit: a translated 429 page, the API's error document, or an Open311 error
document, each with ``Retry-After``.

Sign-in per account is counted by ``accounts.services.login_attempt`` (it knows the account
behind a username or a mobile number); bearer-token failures by ``gongzhi.api.auth``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse

from gongzhi.core import ratelimit
from gongzhi.core.middleware import HookMiddleware
from gongzhi.core.ratelimit import RateLimited, client_address
from gongzhi.open311.georeport import errors as open311_errors

# Public pages (no sign-in) counted per address.
PUBLIC_PAGES = {
    "registry:company_public",  # company look-up
    "credit:public",  # credit records (red and black lists)
    "disclosure:public_board",
    "disclosure:public_qr",
}
SIGN_IN_PAGES = {"accounts:login", "accounts:login_verify"}
RECEIPT_CHECK = "decisions:receipt"


def _scopes(request: HttpRequest, view_name: str) -> list[tuple[str, str]]:
    address = client_address(request)
    user = getattr(request, "user", None)
    who = f"user:{user.pk}" if user is not None and user.is_authenticated else f"addr:{address}"
    found: list[tuple[str, str]] = []
    if view_name in SIGN_IN_PAGES and request.method == "POST":
        found.append(("login_address", address))
    elif view_name in PUBLIC_PAGES:
        found.append(("public_address", address))
    elif view_name == RECEIPT_CHECK and request.GET.get("code"):
        found.append(("receipt_check", who))
    elif view_name.startswith("open311:") and view_name not in {
        "open311:key_list",
        "open311:key_revoke",
    }:
        key = request.POST.get("api_key") or request.GET.get("api_key") or ""
        found.append(("open311_key", f"key:{key}" if key else f"addr:{address}"))
    if request.method == "POST" and request.content_type == "multipart/form-data":
        if any(True for _ in request.FILES.values()):
            found.append(("upload", who))
    return found


def too_many(request: HttpRequest, error: RateLimited) -> HttpResponse:
    """The answer past a limit, in the format the client asked for."""
    match = request.resolver_match
    response: HttpResponse
    if match is not None and (match.namespace or "") == "open311":
        fmt = str(match.kwargs.get("fmt") or "json")
        response = open311_errors(fmt, 429, [str(error.message)])
    elif request.path.startswith("/api/"):
        response = JsonResponse(
            {"code": error.code, "message": str(error.message), "fields": {}}, status=429
        )
    else:
        response = TemplateResponse(
            request, "429.html", {"minutes": math.ceil(error.retry_after / 60)}, status=429
        ).render()
    response["Retry-After"] = str(error.retry_after)
    return response


class RateLimitMiddleware(HookMiddleware):
    def process_view(
        self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        match = request.resolver_match
        if match is None or not ratelimit.enabled():
            return None
        try:
            for scope, key in _scopes(request, match.view_name):
                ratelimit.hit(scope, key)
        except RateLimited as error:
            return too_many(request, error)
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return too_many(request, exception)
        return None
