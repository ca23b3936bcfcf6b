"""The abuse-limit counters (core.ratelimit) in their table, under the database cache:
one atomic statement counts a request, none is lost when servers count at once, a
window's first request purges the windows that have ended, and with another cache (Redis
in production) the counters live in the cache as before. The HTTP answers past a limit
are tested in gongzhi/web/tests/test_ratelimits.py."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from gongzhi.core import clock, ratelimit
from gongzhi.core.clock import StoppedClock
from gongzhi.core.models import RateCounter
from gongzhi.core.ratelimit import RateLimited

AT = dt.datetime(2026, 12, 6, 9, 5, tzinfo=dt.UTC)
THREADS = 8
HITS = 25


@pytest.fixture
def limits(settings):
    settings.GONGZHI_RATE_LIMITS_ENABLED = True
    settings.GONGZHI_RATE_LIMITS = dict.fromkeys(settings.GONGZHI_RATE_LIMITS, "3/10m")
    return settings


@pytest.mark.django_db
def test_a_request_is_one_upsert_and_the_fourth_in_a_window_is_refused(limits):
    with clock.frozen(AT):
        ratelimit.hit("public_address", "10.0.0.1")  # the window's first
        with CaptureQueriesContext(connection) as captured:
            ratelimit.hit("public_address", "10.0.0.1")
        assert len(captured.captured_queries) == 1
        assert "ON CONFLICT" in captured.captured_queries[0]["sql"]
        ratelimit.hit("public_address", "10.0.0.1")
        ratelimit.check("public_address", "10.0.0.2")  # another key: not past its limit
        with pytest.raises(RateLimited) as refused:
            ratelimit.check("public_address", "10.0.0.1")  # at the limit: check refuses
        assert refused.value.retry_after == 5 * 60  # 09:05, the window ends at 09:10
        with pytest.raises(RateLimited):
            ratelimit.hit("public_address", "10.0.0.1")
    assert RateCounter.objects.get().count == 4  # check() did not count


@pytest.mark.django_db
def test_a_windows_first_request_purges_the_windows_that_have_ended(limits):
    with clock.frozen(AT):
        ratelimit.hit("public_address", "10.0.0.1")
        ratelimit.hit("upload", "user:1")
    assert RateCounter.objects.count() == 2
    with clock.frozen(AT + dt.timedelta(minutes=4)):  # 09:09, still the same window
        ratelimit.hit("public_address", "10.0.0.2")
    assert RateCounter.objects.count() == 3
    with clock.frozen(AT + dt.timedelta(minutes=5)):  # 09:10: a new window
        ratelimit.hit("public_address", "10.0.0.1")
    assert list(RateCounter.objects.values_list("count", flat=True)) == [1]


@pytest.mark.django_db(transaction=True)
def test_no_request_is_lost_when_servers_count_at_once(limits):
    """Each thread has its own connection, as each app server has. On PostgreSQL a barrier
    releases them together; SQLite's in-memory test database allows one writer, so there
    they take turns (a file database serialises its writers the same way)."""
    limits.GONGZHI_RATE_LIMITS = {**limits.GONGZHI_RATE_LIMITS, "open311_key": "100/1h"}
    parallel = connection.vendor == "postgresql"
    barrier = threading.Barrier(THREADS)
    serial = threading.Lock()
    refused: list[int] = []
    errors: list[BaseException] = []
    stopped = StoppedClock(AT)

    def count() -> None:
        for _ in range(HITS):
            try:
                ratelimit.hit("open311_key", "key:shared")
            except RateLimited:
                refused.append(1)

    def server() -> None:
        try:
            if parallel:
                barrier.wait(timeout=30)
                count()
            else:
                with serial:
                    count()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    try:
        threads = [threading.Thread(target=server) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        stopped.release()
    assert errors == []
    assert RateCounter.objects.get().count == THREADS * HITS
    assert len(refused) == THREADS * HITS - 100


@pytest.mark.django_db
def test_with_another_cache_the_counters_live_in_the_cache(limits):
    limits.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with clock.frozen(AT):
        for _ in range(3):
            ratelimit.hit("public_address", "10.0.0.1")
        with pytest.raises(RateLimited):
            ratelimit.check("public_address", "10.0.0.1")
        with pytest.raises(RateLimited):
            ratelimit.hit("public_address", "10.0.0.1")
    assert not RateCounter.objects.exists()
