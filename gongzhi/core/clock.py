"""The platform's one clock: today's date and the current time in the deployment's zone.

Every deadline, period and "overdue" check asks this module, never ``datetime.date.today``
or ``timezone.now`` directly, so that a test (or the demo city, which is built as of a
fixed day) can move the whole platform to another day with :func:`frozen`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_frozen: ContextVar[dt.datetime | None] = ContextVar("gongzhi_clock", default=None)


def now() -> dt.datetime:
    """The current time, timezone-aware."""
    fixed = _frozen.get()
    return fixed if fixed is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the deployment's time zone (settings.TIME_ZONE, Asia/Shanghai)."""
    fixed = _frozen.get()
    if fixed is not None:
        return timezone.localdate(fixed)
    return timezone.localdate()


@contextmanager
def frozen(at: dt.date | dt.datetime) -> Iterator[dt.datetime]:
    """Run the block as if it were ``at`` (a date means 09:00 local time that day)."""
    if isinstance(at, dt.datetime):
        moment = at if timezone.is_aware(at) else timezone.make_aware(at)
    else:
        moment = timezone.make_aware(dt.datetime.combine(at, dt.time(9, 0)))
    token = _frozen.set(moment)
    try:
        yield moment
    finally:
        _frozen.reset(token)
