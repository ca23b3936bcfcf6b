"""Keeps the current request reachable for the audit log (client address, request id), and
the base of a middleware that acts only through Django's view and exception hooks."""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse


@dataclass(frozen=True)
class RequestInfo:
    request_id: str
    ip: str | None
    user_agent: str


_current: ContextVar[RequestInfo | None] = ContextVar("gongzhi_request", default=None)


def current_request_info() -> RequestInfo | None:
    return _current.get()


_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def _valid_ip(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    # Behind the reverse proxy (docs/deployment.md) REMOTE_ADDR is the proxy; the proxy
    # sets X-Real-IP. We never trust X-Forwarded-For chains from the client, and a
    # header that is not an address is ignored rather than written to the audit log.
    return _valid_ip(request.META.get("HTTP_X_REAL_IP")) or _valid_ip(
        request.META.get("REMOTE_ADDR")
    )


def request_id(request: HttpRequest) -> str:
    given = request.META.get("HTTP_X_REQUEST_ID", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


class HookMiddleware:
    """A middleware that passes every request on unchanged and acts only through the hooks
    a subclass defines (``process_view``, ``process_exception``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        info = RequestInfo(
            request_id=request_id(request),
            ip=client_ip(request),
            user_agent=request.META.get("HTTP_USER_AGENT", "")[:255],
        )
        token = _current.set(info)
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = info.request_id
        return response
