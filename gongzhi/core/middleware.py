"""Keeps the current request reachable for the audit log (client address, request id)."""

from __future__ import annotations

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


def client_ip(request: HttpRequest) -> str | None:
    # Behind the reverse proxy (docs/deployment.md) REMOTE_ADDR is the proxy; the proxy
    # sets X-Real-IP. We never trust X-Forwarded-For chains from the client.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        info = RequestInfo(
            request_id=request.META.get("HTTP_X_REQUEST_ID") or uuid.uuid4().hex,
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
