"""The test clock of gongzhi.core.clock: stopped for the whole process, moved by hand."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from gongzhi.core import clock
from gongzhi.core.clock import StoppedClock


def test_a_stopped_clock_holds_in_every_thread_until_released():
    # given
    stopped = StoppedClock(dt.date(2026, 3, 2))
    seen: list[dt.date] = []
    try:
        # when another thread asks
        thread = threading.Thread(target=lambda: seen.append(clock.today()))
        thread.start()
        thread.join()
        # then it sees the same day, at 09:00 local time
        assert seen == [dt.date(2026, 3, 2)]
        assert clock.now().hour == 9 and clock.now().tzinfo is not None
    finally:
        stopped.release()
    assert clock.today() != dt.date(2026, 3, 2)


def test_it_moves_by_hand_and_a_frozen_block_inside_wins():
    stopped = StoppedClock(dt.date(2026, 3, 2))
    try:
        assert stopped.advance(3) == clock.today() == dt.date(2026, 3, 5)
        stopped.day = dt.date(2027, 1, 1)
        assert clock.today() == dt.date(2027, 1, 1)
        with clock.frozen(dt.date(2025, 6, 1)):
            assert clock.today() == dt.date(2025, 6, 1)
        assert stopped.move_to(dt.date(2027, 2, 1)) == clock.today()
    finally:
        stopped.release()


@pytest.mark.parametrize(
    ("value", "day"),
    [
        (dt.date(2026, 3, 2), dt.date(2026, 3, 2)),
        ("2026-03-02", dt.date(2026, 3, 2)),
        ("20260302", dt.date(2026, 3, 2)),
        # a moment is not a day, whether as a datetime or as its text
        (dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC), None),
        ("2026-03-02 10:00:00", None),
        ("", None),
        (None, None),
        ("2026-02-30", None),
        ("3/2/2026", None),
        (0, None),
    ],
)
def test_lenient_date_reads_a_day_or_gives_none(value, day):
    assert clock.lenient_date(value) == day
