"""Abuse limits: fixed-window request counters in Django's cache, shared by every server.

A *scope* (``"login_account"``, ``"public_address"`` …) has a limit in
``settings.GONGZHI_RATE_LIMITS`` written ``"COUNT/PERIOD"`` (``"10/15m"``). :func:`hit`
counts one request for a key (an account, an address, an API key) in the current window
and raises :class:`RateLimited` once the count passes the limit; the web shell turns that
into a 429 page, the API and Open311 into their error documents, all with ``Retry-After``.

The counters live in the ``default`` cache (the database cache unless CACHE_URL names
Redis), never in a process's memory, so two app servers share them. Windows are numbered
from :func:`gongzhi.core.clock.now`, so a test that moves the clock starts a new window.
A well-kept library was considered: django-ratelimit declares the database cache
unsupported (its system check refuses it) and reads ``time.time()``, not the platform clock.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.errors import DomainError
from gongzhi.core.middleware import client_ip

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """``"10/15m"`` → 10 requests per 900 seconds (``"10/m"`` means per minute)."""
        match = _RATE.match(text)
        if match is None:
            raise ValueError(f"A rate limit is COUNT/PERIOD like '10/15m', not {text!r}.")
        count, amount, unit = match.groups()
        return cls(count=int(count), seconds=int(amount or 1) * _UNITS[unit])


class RateLimited(DomainError):
    """Too many requests in this scope's window; ``retry_after`` seconds until the next."""

    code = "rate_limited"
    status = 429

    def __init__(self, scope: str, retry_after: int) -> None:
        super().__init__(_("Too many requests. Please wait a moment and try again."))
        self.scope = scope
        self.retry_after = max(1, retry_after)


def limit_for(scope: str) -> Limit:
    return Limit.parse(settings.GONGZHI_RATE_LIMITS[scope])


def enabled() -> bool:
    return bool(getattr(settings, "GONGZHI_RATE_LIMITS_ENABLED", True))


def _window(scope: str, key: str) -> tuple[Limit, str, int]:
    limit = limit_for(scope)
    moment = clock.now().timestamp()
    number = math.floor(moment / limit.seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # no personal data in cache keys
    retry_after = math.ceil((number + 1) * limit.seconds - moment)
    return limit, f"rl:{scope}:{digest}:{number}", retry_after


def hit(scope: str, key: str) -> None:
    """Count one request for ``key`` in ``scope``; raise :class:`RateLimited` past the limit."""
    if not enabled():
        return
    limit, cache_key, retry_after = _window(scope, key)
    # incr() first: every request but a window's first finds its counter, so it costs one
    # INCR on Redis (atomic) and one read-and-write on the database cache, close enough for
    # an abuse limit; only the first request of a window adds the counter. (An add() before
    # every incr() cost the database cache a second write transaction per request.)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window's first request (or its counter expired)
        if cache.add(cache_key, 1, timeout=limit.seconds + 60):
            count = 1
        else:  # another server added it meanwhile
            try:
                count = cache.incr(cache_key)
            except ValueError:  # and it expired again at once
                cache.set(cache_key, 1, timeout=limit.seconds + 60)
                count = 1
    if count > limit.count:
        raise RateLimited(scope, retry_after)


def check(scope: str, key: str) -> None:
    """Raise :class:`RateLimited` if ``key`` is already past the limit, without counting."""
    if not enabled():
        return
    limit, cache_key, retry_after = _window(scope, key)
    if (cache.get(cache_key) or 0) >= limit.count:
        raise RateLimited(scope, retry_after)


def client_address(request: HttpRequest) -> str:
    """The client's address as the audit log records it (X-Real-IP set by the proxy,
    else REMOTE_ADDR: core.middleware.client_ip, docs/deployment.md §7)."""
    return client_ip(request) or ""
