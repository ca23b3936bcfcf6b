from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings

from gongzhi.core.clock import StoppedClock
from gongzhi.testing import PASSWORD, City, build_city

# No timed tests (speed goes in bench/): a property test takes as long as the shared
# machine needs, instead of failing on hypothesis's 200 ms deadline under load.
hypothesis_settings.register_profile("gongzhi", deadline=None)
hypothesis_settings.load_profile("gongzhi")


@pytest.fixture
def city(db: None) -> City:
    return build_city()


@pytest.fixture
def login(client: Client, city: City):
    """``login("street_a")`` signs the test client in as that city user."""

    def _login(username: str) -> Client:
        client.logout()
        response = client.post("/accounts/login/", {"login": username, "password": PASSWORD})
        assert response.status_code == 302, response.content[:500]
        return client

    return _login


@pytest.fixture
def stop_clock() -> Iterator[Callable[[dt.date], StoppedClock]]:
    """``stop_clock(day)`` stops the platform's clock (``gongzhi.core.clock``) at ``day``
    for the rest of the test, in every thread; calling it again moves it."""
    stopped: list[StoppedClock] = []

    def _stop(day: dt.date) -> StoppedClock:
        if stopped:
            stopped[0].move_to(day)
        else:
            stopped.append(StoppedClock(day))
        return stopped[0]

    yield _stop
    if stopped:
        stopped[0].release()
