"""The shared cache's database backend (settings.CACHES, unless CACHE_URL names Redis).

Django's database cache, plus the abuse-limit counters: with this backend
``core.ratelimit`` counts in the :class:`~gongzhi.core.models.RateCounter` table (one
atomic upsert per request; the cache's own ``incr`` reads and writes back, two statements
another server can interleave), and :meth:`DatabaseCache.clear` empties that table too, so
clearing the cache still resets every limit, as it does on Redis.
"""

from __future__ import annotations

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache


class DatabaseCache(DjangoDatabaseCache):
    def clear(self) -> None:
        from gongzhi.core.models import RateCounter

        super().clear()
        RateCounter.objects.all().delete()
