"""API authentication: the browser session (with CSRF) or a bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from gongzhi.accounts.services import api_token_user
from gongzhi.core import ratelimit


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        # guessing tokens: an address past its limit of failures is refused before the
        # lookup; every unknown, expired or revoked token counts (core.ratelimit)
        address = ratelimit.client_address(request)
        ratelimit.check("api_token_address", address)
        user = api_token_user(token)
        if user is None:
            ratelimit.hit("api_token_address", address)
            return None
        request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and getattr(user, "must_change_password", False):
            return None
        return user


AUTH = [TokenAuth(), ActiveSessionAuth()]
