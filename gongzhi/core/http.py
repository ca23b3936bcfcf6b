"""Mapping the domain's refusals to pages: not found → 404, forbidden → 403, conflict → 409.

The API already answers these in its error format (``gongzhi.api.errors``); this
middleware does the same for server-rendered pages, so a view may simply call a selector
or service and let ``NotFoundError`` / ``PermissionDeniedError`` propagate instead of
catching them to raise ``Http404``.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from gongzhi.core.errors import ConflictError, NotFoundError, PermissionDeniedError
from gongzhi.core.middleware import HookMiddleware


class DomainErrorMiddleware(HookMiddleware):
    """Turns an uncaught NotFoundError / PermissionDeniedError / ConflictError raised by a
    view into Django's 404 / 403 handling or a 409 page."""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, NotFoundError):
            raise Http404(str(exception.message)) from exception
        if isinstance(exception, PermissionDeniedError):
            raise PermissionDenied(str(exception.message)) from exception
        if isinstance(exception, ConflictError):
            response = TemplateResponse(
                request, "409.html", {"message": exception.message}, status=409
            )
            return response.render()
        return None
