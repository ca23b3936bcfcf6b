"""Response headers Django's SecurityMiddleware and django-csp leave out.

Permissions-Policy (settings.GONGZHI_PERMISSIONS_POLICY) switches off browser features the
platform never uses. Referrer-Policy, X-Content-Type-Options and Cross-Origin-Opener-Policy
come from SecurityMiddleware; Content-Security-Policy (with frame-ancestors 'none') from
django-csp; X-Frame-Options from XFrameOptionsMiddleware (docs/deployment.md, "Headers").
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions = str(getattr(settings, "GONGZHI_PERMISSIONS_POLICY", ""))

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions:
            response.headers.setdefault("Permissions-Policy", self.permissions)
        return response
