"""Abuse limits: fixed-window request counters in Django's cache, shared by every server.

A *scope* (``"login_account"``, ``"public_address"`` …) has a limit in
``settings.GONGZHI_RATE_LIMITS`` written ``"COUNT/PERIOD"`` (``"10/15m"``). :func:`hit`
counts one request for a key (an account, an address, an API key) in the current window
and raises :class:`RateLimited` once the count passes the limit; the web shell turns that
into a 429 page, the API and Open311 into their error documents, all with ``Retry-After``.

The counters are shared by every app server, never in a process's memory: with the
database cache (the default, :mod:`gongzhi.core.cache`) in the
:class:`~gongzhi.core.models.RateCounter` table, one atomic ``INSERT … ON CONFLICT DO
UPDATE … RETURNING`` per request (SQLite ≥ 3.35, PostgreSQL), a window's first request
purging the windows that have ended; with Redis (CACHE_URL) in the cache, by its atomic
``INCR``. Windows are numbered from :func:`gongzhi.core.clock.now`, so a test that moves
the clock starts a new window.
A well-kept library was considered: django-ratelimit declares the database cache
unsupported (its system check refuses it) and reads ``time.time()``, not the platform clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gongzhi.core import clock
from gongzhi.core.bulk import add_counts
from gongzhi.core.cache import DatabaseCache
from gongzhi.core.errors import DomainError
from gongzhi.core.middleware import client_ip
from gongzhi.core.models import RateCounter

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


@dataclass(frozen=True)
class _Window:
    limit: Limit
    key: str  # the counter's key: scope, key digest, window number
    ends: dt.datetime
    retry_after: int


def _window(scope: str, key: str) -> _Window:
    limit = limit_for(scope)
    moment = clock.now().timestamp()
    number = math.floor(moment / limit.seconds)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]  # no personal data in cache keys
    end = (number + 1) * limit.seconds
    return _Window(
        limit=limit,
        key=f"rl:{scope}:{digest}:{number}",
        ends=dt.datetime.fromtimestamp(end, tz=dt.UTC),
        retry_after=math.ceil(end - moment),
    )


def _in_table() -> bool:
    """Whether the counters are in the RateCounter table (the database cache), not Redis."""
    return isinstance(caches["default"], DatabaseCache)


def _count_in_table(window: _Window) -> int:
    """One atomic upsert: the window's counter starts at 1 or goes up by 1; its new value."""
    row = {"key": window.key, "count": 1, "ended": window.ends}
    (now_counted,) = add_counts(
        RateCounter, [row], unique=["key"], add=["count"], returning="count"
    )
    if now_counted == 1:  # a window's first request: purge the windows that have ended
        RateCounter.objects.filter(ended__lte=clock.now()).delete()
    return int(now_counted)


def _count_in_cache(window: _Window) -> int:
    # incr() first: every request but a window's first finds its counter, so it costs one
    # INCR on Redis (atomic); only the first request of a window adds the counter.
    timeout = window.limit.seconds + 60
    try:
        return int(cache.incr(window.key))
    except ValueError:  # the window's first request (or its counter expired)
        if cache.add(window.key, 1, timeout=timeout):
            return 1
        try:  # another server added it meanwhile
            return int(cache.incr(window.key))
        except ValueError:  # and it expired again at once
            cache.set(window.key, 1, timeout=timeout)
            return 1


def hit(scope: str, key: str) -> None:
    """Count one request for ``key`` in ``scope``; raise :class:`RateLimited` past the limit."""
    if not enabled():
        return
    window = _window(scope, key)
    count = _count_in_table(window) if _in_table() else _count_in_cache(window)
    if count > window.limit.count:
        raise RateLimited(scope, window.retry_after)


def check(scope: str, key: str) -> None:
    """Raise :class:`RateLimited` if ``key`` is already past the limit, without counting."""
    if not enabled():
        return
    window = _window(scope, key)
    if _in_table():
        found = RateCounter.objects.filter(key=window.key).values_list("count", flat=True)
        count = found.first() or 0
    else:
        count = cache.get(window.key) or 0
    if count >= window.limit.count:
        raise RateLimited(scope, window.retry_after)


def client_address(request: HttpRequest) -> str:
    """The client's address as the audit log records it (X-Real-IP set by the proxy,
    else REMOTE_ADDR: core.middleware.client_ip, docs/deployment.md §7)."""
    return client_ip(request) or ""
