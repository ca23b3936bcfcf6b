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
from typing import Any

from django.utils import timezone

_frozen: ContextVar[dt.datetime | None] = ContextVar("gongzhi_clock", default=None)
_stopped: dt.datetime | None = None  # a StoppedClock's moment: every thread sees it


def _fixed() -> dt.datetime | None:
    moment = _frozen.get()
    return moment if moment is not None else _stopped


def now() -> dt.datetime:
    """The current time, timezone-aware."""
    fixed = _fixed()
    return fixed if fixed is not None else timezone.now()


def today() -> dt.date:
    """Today's date in the deployment's time zone (settings.TIME_ZONE, Asia/Shanghai)."""
    fixed = _fixed()
    if fixed is not None:
        return timezone.localdate(fixed)
    return timezone.localdate()


def _moment(at: dt.date | dt.datetime) -> dt.datetime:
    if isinstance(at, dt.datetime):
        return at if timezone.is_aware(at) else timezone.make_aware(at)
    return timezone.make_aware(dt.datetime.combine(at, dt.time(9, 0)))


def _as_date(at: dt.date | dt.datetime) -> dt.date:
    return timezone.localdate(_moment(at)) if isinstance(at, dt.datetime) else at


def lenient_date(value: Any) -> dt.date | None:
    """A day as a service receives it from a form, the API or an import: a date as it is,
    anything else read as an ISO date (``2026-03-02``, or ``20260302``) from its text.
    Empty, a datetime (not a day) or text that is no date gives None, which the caller
    reports as a field error."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


@contextmanager
def frozen(at: dt.date | dt.datetime) -> Iterator[dt.datetime]:
    """Run the block as if it were ``at`` (a date means 09:00 local time that day)."""
    moment = _moment(at)
    token = _frozen.set(moment)
    try:
        yield moment
    finally:
        _frozen.reset(token)


class StoppedClock:
    """The whole process's clock stopped at ``day``, moved by hand: a test's clock.

    ``clock.day = d``, ``clock.advance(n)`` or ``clock.move_to(d)`` move the platform to
    another day (09:00 local time, as :func:`frozen`); ``clock.release()`` lets it run.
    Unlike :func:`frozen` it holds in every thread (concurrency tests), and a
    :func:`frozen` block inside it still wins.
    """

    def __init__(self, day: dt.date | dt.datetime) -> None:
        self._day = _as_date(day)
        self.move_to(day)

    @property
    def day(self) -> dt.date:
        return self._day

    @day.setter
    def day(self, value: dt.date | dt.datetime) -> None:
        self.move_to(value)

    def move_to(self, at: dt.date | dt.datetime) -> dt.date:
        global _stopped
        _stopped = _moment(at)
        self._day = _as_date(at)
        return self._day

    def advance(self, days: int) -> dt.date:
        return self.move_to(self._day + dt.timedelta(days=days))

    def release(self) -> None:
        global _stopped
        _stopped = None
