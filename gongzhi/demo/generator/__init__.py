"""The demo city: a deterministic, realistic city built for development, demos and
benchmarks (``python manage.py demo_city``).

Same seed, same city: every random choice comes from one ``random.Random(seed)`` and one
seeded ``Faker("zh_CN")``; nothing depends on the clock except creation timestamps.
The jurisdiction tree and departments go through the jurisdiction services, the register
in bulk (``bulk_create``, and ``core.bulk.insert_rows`` for the per-household rows; one
BULK_CREATE audit row per model instead of one per row), the
demo logins through the accounts services. Everything runs in one transaction.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from faker import Faker

from gongzhi.accounts.models import User
from gongzhi.audit import services as audit
from gongzhi.audit.models import AuditAction
from gongzhi.core.appendonly import history_maintenance
from gongzhi.demo.extensions import DemoContext, populate_all
from gongzhi.demo.generator.housing import HousingGenerator
from gongzhi.demo.generator.identity import IdentityFactory
from gongzhi.demo.generator.logins import DEMO_USERNAMES, DemoLogin, create_logins
from gongzhi.demo.generator.names import REGIONS
from gongzhi.demo.generator.planning import CityInputs
from gongzhi.demo.generator.reset import demo_reset
from gongzhi.demo.generator.tree import build_tree
from gongzhi.jurisdictions.models import Department, Jurisdiction
from gongzhi.rules.profiles import ProfileError, get_profile

__all__ = [
    "DEMO_USERNAMES",
    "DemoCityError",
    "DemoLogin",
    "DemoResult",
    "build_demo_city",
    "demo_reset",
]

DEFAULT_HOUSEHOLDS = 2000
MIN_HOUSEHOLDS = 200
DEFAULT_PASSWORD = "gongzhi-demo"  # noqa: S105 - the published demo password
OLD_PROJECT_CUTOFF = 2004  # seed 001 §五: built before the end of 2004


class DemoCityError(Exception):
    """The demo city cannot be built as asked (existing data, bad option)."""


@dataclass
class DemoResult:
    counts: dict[str, int]
    logins: list[DemoLogin]
    seconds: float
    seed: int
    profile_id: str
    deleted: dict[str, int] = field(default_factory=dict)


def _old_cutoff(profile_id: str) -> int:
    """The latest completion year of an old project: the profile's, capped at 2004."""
    try:
        year = get_profile(profile_id).int_value("old_project_completed_by_year_end")
    except (KeyError, ProfileError):
        return 2000  # 国办发〔2020〕23号, the national cutoff
    return min(year, OLD_PROJECT_CUTOFF)


def build_demo_city(
    *,
    households: int = DEFAULT_HOUSEHOLDS,
    seed: int = 1,
    profile_id: str = "national",
    password: str = DEFAULT_PASSWORD,
    reset: bool = False,
    progress: bool = True,
) -> DemoResult:
    """Build the demo city with exactly ``households`` dwellings. Without ``reset`` it
    refuses (and changes nothing) when jurisdictions or demo users already exist."""
    if households < MIN_HOUSEHOLDS:
        raise DemoCityError(f"--households must be at least {MIN_HOUSEHOLDS}.")
    if not password:
        raise DemoCityError("--password must not be empty.")
    try:
        levels = get_profile(profile_id).levels
    except ProfileError as error:
        raise DemoCityError(str(error)) from None
    started = time.monotonic()
    with transaction.atomic():
        deleted: dict[str, int] = {}
        if reset:
            with history_maintenance():
                deleted = dict(demo_reset())
        else:
            _refuse_existing()
        rng = random.Random(seed)
        fake = Faker("zh_CN")
        fake.seed_instance(seed)
        region = REGIONS.get(profile_id, REGIONS["national"])
        ids = IdentityFactory(
            rng, local_prefixes=region.id_prefixes, region_code=region.division_code
        )
        tree = build_tree(
            rng=rng,
            ids=ids,
            region=region,
            levels=levels,
            profile_id=profile_id,
            households=households,
        )
        inputs = CityInputs(rng, fake, ids, region, tree, households, _old_cutoff(profile_id))
        housing = HousingGenerator(inputs, progress=progress)
        housing.run()
        for label, rows in housing.counts.items():
            audit.record(
                actor=None,
                action=AuditAction.BULK_CREATE,
                target_type=label,
                target_repr=f"demo city ({rows} rows)",
                node_path=tree.root.path,
                after={"rows": rows, "seed": seed},
            )
        logins = create_logins(tree=tree, password=password)
        extra = populate_all(
            DemoContext(seed=seed, profile_id=profile_id, tree=tree, today=timezone.localdate())
        )
    counts = {
        Jurisdiction._meta.label: tree.node_count,
        Department._meta.label: len(tree.departments),
        **housing.counts,
        User._meta.label: len(logins),
        **extra,
    }
    return DemoResult(
        counts=counts,
        logins=logins,
        seconds=time.monotonic() - started,
        seed=seed,
        profile_id=profile_id,
        deleted=deleted,
    )


def _refuse_existing() -> None:
    nodes = Jurisdiction._base_manager.count()
    if nodes:
        raise DemoCityError(
            f"The database already has {nodes} jurisdictions. Nothing was changed. Run again "
            "with --reset to delete the previous demo city first."
        )
    taken = list(
        User._base_manager.filter(username__in=DEMO_USERNAMES)
        .order_by("username")
        .values_list("username", flat=True)
    )
    if taken:
        raise DemoCityError(
            f"Demo usernames already exist ({', '.join(taken)}). Nothing was changed. Run "
            "again with --reset to delete them first."
        )
