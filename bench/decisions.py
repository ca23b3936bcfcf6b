"""Benchmark: owners' decisions — the database tally and ballot casting over HTTP.

    python bench/decisions.py [--parts N] [--requests M]

Runs against a fresh temporary SQLite file (the production settings in dev mode), or with
``DATABASE_URL=postgres://…/NAME`` against that PostgreSQL database, dropped and created again.

(a) Tally: a project of N exclusive parts (default 20 000), each with its own owner, a
    matter open for voting with its frozen roll and N ballots. Measures
    ``selectors.db_tally`` + ``decide`` (what closing a matter counts), against, in the same
    run, one hand-written SQL aggregate over the same rows (LEFT JOIN of roll and ballots).
(b) Casting: M ballot casts over HTTP with Django's test client through the whole
    middleware stack (``POST /decisions/<pk>/vote/``: access rule, scoping, matter lock,
    ballot + revision + audit row, redirect), against, in the same run, a bare view that
    only upserts the ballot row for the signed-in voter, behind the same middleware.
Each figure is the best of a few repetitions; the ratios are what the rules cost. The casts
run in alternating rounds (the rules' pages, then the bare view); ``median_round_ratio`` is
the median of the rounds' own ratios, steadier than the best figures on a shared machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import tempfile
import time
import types
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BATCH = 2000
REPEAT = 3
CAST_ROUNDS = 3

RAW_SQL = """
SELECT SUM(r.area),
       COUNT(DISTINCT r.voter_key),
       SUM(CASE WHEN b.id IS NOT NULL THEN r.area ELSE 0 END),
       COUNT(DISTINCT CASE WHEN b.id IS NOT NULL THEN r.voter_key END),
       SUM(CASE WHEN b.choice = 'yes' THEN r.area ELSE 0 END),
       COUNT(DISTINCT CASE WHEN b.choice = 'yes' THEN r.voter_key END)
FROM decisions_rollentry r
LEFT JOIN decisions_ballot b ON b.matter_id = r.matter_id AND b.voter_key = r.voter_key
WHERE r.matter_id = %s
"""


def _setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongzhi.settings"
    os.environ["GONGZHI_ENV"] = "dev"
    import _database

    print("database:", _database.use(database))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _city(parts: int, voters: int):  # noqa: ANN202 - Django models are imported after setup
    """A project of ``parts`` parts (own owner each), the first ``voters`` with a login."""
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from gongzhi.accounts.models import Membership, Role, User
    from gongzhi.decisions.models import Matter
    from gongzhi.jurisdictions.services import jurisdiction_create
    from gongzhi.registry.models import (
        Building,
        BuildingUnit,
        ExclusivePart,
        Owner,
        Ownership,
        Project,
    )

    district = jurisdiction_create(actor=None, name="基准区", level="district")
    street = jurisdiction_create(actor=None, name="基准街道", level="street", parent=district)
    community = jurisdiction_create(actor=None, name="基准社区", level="community", parent=street)
    project = Project.objects.create(
        name="基准小区", community=community, node_path=community.path, category="new"
    )
    buildings = Building.objects.bulk_create(
        [Building(project=project, name=f"{b}栋", storeys=18) for b in range(1, 21)]
    )
    units = BuildingUnit.objects.bulk_create(
        [BuildingUnit(building=b, project=project, name="1单元", storeys=18) for b in buildings]
    )
    part_rows = ExclusivePart.objects.bulk_create(
        [
            ExclusivePart(
                project=project,
                building_unit=units[i % len(units)],
                number=f"P{i:06d}",
                area=Decimal(6000 + (i * 37) % 9000).scaleb(-2),
            )
            for i in range(parts)
        ],
        batch_size=BATCH,
    )
    password = make_password(None)
    users = User.objects.bulk_create(
        [User(username=f"voter{i}", password=password) for i in range(voters)], batch_size=BATCH
    )
    Membership.objects.bulk_create([Membership(user=u, role=Role.OWNER) for u in users])
    owners = Owner.objects.bulk_create(
        [
            Owner(kind="person", name=f"业主{i}", user=users[i] if i < voters else None)
            for i in range(parts)
        ],
        batch_size=BATCH,
    )
    Ownership.objects.bulk_create(
        [Ownership(part=p, owner=o) for p, o in zip(part_rows, owners, strict=True)],
        batch_size=BATCH,
    )
    matter = Matter.objects.create(
        project=project,
        node_path=project.node_path,
        kind=Matter.Kind.ORDINARY,
        title="基准表决",
        status=Matter.Status.VOTING,
        profile_id="national",
        voting_starts_on=timezone.localdate(),
        voting_ends_on=timezone.localdate() + dt.timedelta(days=30),
    )
    return project, matter, users


def _tally_bench(matter) -> tuple[float, float, object]:  # noqa: ANN001
    from django.db import connection
    from django.utils import timezone

    from gongzhi.decisions import selectors
    from gongzhi.decisions.models import Ballot, RollEntry
    from gongzhi.decisions.services.ballots import new_receipt
    from gongzhi.decisions.services.roll import freeze_roll

    freeze_roll(matter)
    keys = list(RollEntry.objects.filter(matter=matter).values_list("voter_key", flat=True))
    now = timezone.now()
    choices = ("yes", "yes", "no", "abstain")
    Ballot.objects.bulk_create(
        [
            Ballot(
                matter=matter,
                voter_key=k,
                choice=choices[i % 4],
                channel="online",
                receipt=new_receipt(),
                cast_at=now,
            )
            for i, k in enumerate(keys)
        ],
        batch_size=BATCH,
    )
    orm, raw = [], []
    outcome = None
    for _ in range(REPEAT):
        started = time.perf_counter()
        outcome = selectors.progress(matter)
        orm.append(time.perf_counter() - started)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW_SQL, [matter.pk])
            row = cursor.fetchone()
        raw.append(time.perf_counter() - started)
    assert outcome is not None
    tally = outcome.tally  # type: ignore[attr-defined]
    assert Decimal(str(row[0])).quantize(Decimal("0.01")) == tally.total_area, (row, tally)
    assert (row[1], row[3], row[5]) == (
        tally.total_owners,
        tally.participating_owners,
        tally.yes_owners,
    )
    return min(orm), min(raw), outcome


def _bare_view(request, pk: int):  # noqa: ANN001, ANN202
    """A ballot upsert with nothing else: the voter's key, one row, a redirect."""
    from django.http import HttpResponseRedirect

    from gongzhi.decisions.models import Ballot, RollEntry
    from gongzhi.decisions.services.ballots import new_receipt

    key = (
        RollEntry.objects.filter(matter_id=pk, voter_user_id=request.user.pk)
        .values_list("voter_key", flat=True)
        .first()
    )
    Ballot.objects.update_or_create(
        matter_id=pk,
        voter_key=key,
        defaults={
            "choice": request.POST["choice"],
            "channel": "online",
            "receipt": new_receipt(),
            "cast_at": dt.datetime.now(dt.UTC),
        },
    )
    return HttpResponseRedirect(f"/decisions/{pk}/vote/")


def _mount_bare_view() -> None:
    from django.conf import settings
    from django.urls import clear_url_caches, include, path

    from gongzhi.core.access import SIGNED_IN
    from gongzhi.web import access

    module = types.ModuleType("bench_decisions_urls")
    module.urlpatterns = [  # type: ignore[attr-defined]
        path("bench/<int:pk>/insert/", _bare_view, name="bench_insert"),
        path("", include("gongzhi.urls")),
    ]
    sys.modules[module.__name__] = module
    settings.ROOT_URLCONF = module.__name__
    access.ACCESS["bench_insert"] = SIGNED_IN
    clear_url_caches()


def _cast_bench(matter, users, requests: int) -> tuple[list[float], list[float]]:  # noqa: ANN001
    from django.test import Client

    from gongzhi.decisions.models import Ballot

    _mount_bare_view()
    Ballot.objects.filter(matter=matter).delete()
    clients = []
    for user in users:
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        clients.append(client)

    def run(url: str) -> float:
        started = time.perf_counter()
        for i in range(requests):
            choice = ("yes", "no", "abstain")[i % 3]
            response = clients[i % len(clients)].post(url, {"choice": choice})
            assert response.status_code == 302, (url, response.status_code)
        return requests / (time.perf_counter() - started)

    # Alternating rounds, so that a busy moment of a shared machine slows both alike.
    service_rates, bare_rates = [], []
    for _ in range(CAST_ROUNDS):
        service_rates.append(run(f"/decisions/{matter.pk}/vote/"))
        bare_rates.append(run(f"/bench/{matter.pk}/insert/"))
    assert Ballot.objects.filter(matter=matter).count() == len(users)
    return service_rates, bare_rates


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--parts", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--voters", type=int, default=100)
    args = parser.parse_args(argv)

    folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-decisions-"))
    try:
        _setup(folder / "bench.sqlite3")
        _project, matter, users = _city(args.parts, args.voters)
        orm, raw, outcome = _tally_bench(matter)
        service_rates, bare_rates = _cast_bench(matter, users, args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"decisions tally parts={args.parts} ballots={args.parts} "
        f"seconds={orm:.3f} raw_sql_seconds={raw:.3f} ratio={orm / raw:.2f}x "
        f"passed={outcome.passed}"  # type: ignore[attr-defined]
    )
    service_rate, bare_rate = max(service_rates), max(bare_rates)
    # Each round's own ratio, then their median: the two series ran side by side.
    ratios = sorted(b / s for s, b in zip(service_rates, bare_rates, strict=True))
    print(
        f"decisions cast requests={args.requests} rate={service_rate:.0f}/s "
        f"bare_insert_rate={bare_rate:.0f}/s ratio={bare_rate / service_rate:.2f}x "
        f"median_round_ratio={ratios[len(ratios) // 2]:.2f}x"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
