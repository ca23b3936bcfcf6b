"""Fixtures of the funds tests: actors of the test city and a funded project A."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.scoping import Actor
from gongzhi.funds import services
from gongzhi.funds.models import PartFund
from gongzhi.testing import City


@pytest.fixture
def actor(city: City):
    """``actor("bureau")``: the scoped actor of a test-city user."""

    def _actor(username: str) -> Actor:
        return actor_for(city.users[username])

    return _actor


@dataclass
class Funded:
    city: City
    a1: PartFund
    a2: PartFund


@pytest.fixture
def funded(city: City, actor) -> Funded:
    """Project A with maintenance-fund accounts (construction cost 2 000 yuan/m², so the
    national 5 % gives 100 yuan/m²) and the first deposits made: part a1 89.50 m² →
    ¥8,950.00, part a2 120.25 m² → ¥12,025.00."""
    bureau = actor("bureau")
    services.maintenance_open(
        actor=bureau,
        project_id=city.project_a.pk,
        cost_yuan_per_m2_elevator="2000",
        cost_yuan_per_m2_plain="1500",
    )
    services.first_deposits_record_all(actor=bureau, project_id=city.project_a.pk)
    return Funded(
        city,
        PartFund.objects.get(part=city.part_a1),
        PartFund.objects.get(part=city.part_a2),
    )
