"""Fixtures of the holidays tests: a fixed "today", the 2027 notice as typed, actors.

The 2027 dates are illustrative, shaped like a Spring Festival notice (Spring Festival
2027 falls on Saturday 6 February): rest Sat 2027-02-06 … Fri 2027-02-12, make-up
workdays Sat 2027-02-13 and Sun 2027-02-21. They are not the published notice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.scoping import Actor
from gongzhi.testing import City

TODAY = dt.date(2026, 11, 23)
SOURCE_2027 = "国务院办公厅关于2027年部分节假日安排的通知（示例数据）"
REST_2027 = "2027-01-01\n2027-02-06..2027-02-12\n"
WORK_2027 = "2027-02-13\n2027-02-21\n"


@pytest.fixture
def actor(city: City) -> Callable[[str], Actor]:
    return lambda username: actor_for(city.users[username])


@pytest.fixture
def today(stop_clock: Any) -> Callable[[dt.date], Any]:
    """``today(day)`` fixes the date seen by the holidays, complaints and contracts code."""
    stop_clock(TODAY)
    return stop_clock


def form(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "year": 2027,
        "source": SOURCE_2027,
        "rest_days": REST_2027,
        "workdays": WORK_2027,
        "save": "1",
    }
    data.update(overrides)
    return data
