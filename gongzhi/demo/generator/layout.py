"""Sizes and shapes of the demo city's housing: pure functions of a ``random.Random``.

Project categories new ~50 %, old ~25 %, resettlement ~15 %, public rental ~10 %
(seed 001 §二(二)); high-rises of 11–33 storeys with elevators for new projects, 5–7-storey
walk-ups without for old ones; 1–4 units (单元) per building, 2–4 dwellings per floor,
dwelling areas 45.00–180.00 m² as integer hundredths.
"""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass
from decimal import Decimal

from gongzhi.registry.models import Project

HOUSEHOLDS_PER_PROJECT = (300, 1500)
MIN_PROJECT_HOUSEHOLDS = 40  # room for at least one high-rise (11 storeys × 2)

Category = Project.Category
CATEGORY_SHARES = (
    (Category.NEW, 50),
    (Category.OLD, 25),
    (Category.RESETTLEMENT, 15),
    (Category.PUBLIC_RENTAL, 10),
)


@dataclass(frozen=True)
class Shape:
    storeys: tuple[int, int]
    elevator: bool
    area: tuple[int, int]  # dwelling floor-plan areas in hundredths of m² (45.00–180.00)
    years: tuple[int, int]


SHAPES: dict[str, Shape] = {
    Category.NEW: Shape((11, 33), True, (7500, 18000), (2008, 2024)),
    Category.OLD: Shape((5, 7), False, (4500, 9500), (1982, 2004)),
    Category.RESETTLEMENT: Shape((11, 26), True, (6000, 13000), (2006, 2022)),
    Category.PUBLIC_RENTAL: Shape((11, 26), True, (4500, 7000), (2010, 2022)),
}
ROOMS_PER_FLOOR = (2, 4)
UNITS_PER_BUILDING = (1, 4)


@functools.cache
def area(hundredths: int) -> Decimal:
    """123 45 hundredths → Decimal("123.45"): exact, two places, no float on the way."""
    return Decimal(hundredths).scaleb(-2)


def building_layout(
    rng: random.Random, dwellings: int, storeys: tuple[int, int]
) -> list[list[list[int]]]:
    """Buildings → units → rooms per floor, with exactly ``dwellings`` rooms in all.

    Regular buildings (every floor the same) until the rest fits one building; that last
    one spreads the rest over its floors (2–4 rooms each), so a unit may have a floor with
    one room fewer — as a duplex top floor does. Needs ``dwellings ≥ 2 × min storeys``.
    """
    low, high = storeys
    most = UNITS_PER_BUILDING[1] * ROOMS_PER_FLOOR[1] * high
    least = ROOMS_PER_FLOOR[0] * low
    buildings: list[list[list[int]]] = []
    rest = dwellings
    while rest > most:
        units, rooms, floors = (
            rng.randint(*UNITS_PER_BUILDING),
            rng.randint(*ROOMS_PER_FLOOR),
            rng.randint(low, high),
        )
        if rest - units * rooms * floors < least:
            units, rooms, floors = 1, ROOMS_PER_FLOOR[0], low
        buildings.append([[rooms] * floors for _ in range(units)])
        rest -= units * rooms * floors
    fits = [
        (units, floors)
        for units in range(UNITS_PER_BUILDING[0], UNITS_PER_BUILDING[1] + 1)
        for floors in range(low, high + 1)
        if ROOMS_PER_FLOOR[0] * units * floors <= rest <= ROOMS_PER_FLOOR[1] * units * floors
    ]
    units, floors = rng.choice(fits)
    base, extra = divmod(rest, units * floors)
    full_units, extra_floors = divmod(extra, floors)
    # ``extra`` rooms of one more per floor: whole units first, then the lowest floors of
    # the next unit.
    last = [[base + 1] * floors for _ in range(full_units)]
    if full_units < units:
        last.append([base + 1] * extra_floors + [base] * (floors - extra_floors))
        last.extend([base] * floors for _ in range(units - full_units - 1))
    buildings.append(last)
    return buildings


def split(rng: random.Random, total: int, count: int, minimum: int) -> list[int]:
    """``count`` sizes of at least ``minimum`` summing to ``total``, drawn around 300–1 500."""
    weights = [rng.randint(*HOUSEHOLDS_PER_PROJECT) for _ in range(count)]
    spare = total - minimum * count
    sizes = [minimum + spare * w // sum(weights) for w in weights]
    for i in range(total - sum(sizes)):  # fewer than ``count`` left over
        sizes[i] += 1
    return sizes


def category_counts(projects: int) -> list[str]:
    """Each category at least once, otherwise in CATEGORY_SHARES proportions."""
    counts = {c: max(1, round(projects * share / 100)) for c, share in CATEGORY_SHARES}
    while sum(counts.values()) > projects:
        largest = max(counts, key=lambda c: counts[c])
        counts[largest] -= 1
    counts[Category.NEW] += projects - sum(counts.values())
    return [c for c, _ in CATEGORY_SHARES for _ in range(counts[c])]
