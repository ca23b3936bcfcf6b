"""Benchmark: the time of every main page for each demo role on a demo city, against the
one-second budget of a 100 000-household demo (the supervision pages at scale).

    python bench/pages.py [--database FILE] [--households N] [--repeat N] [--role R …]

With ``--database`` it reads a SQLite file holding a demo city (``gongzhi demo-city
--households 100000 --reset`` after ``migrate``; the pages only read, the logins add
session rows); without it, it builds a city of ``--households`` (default 3 000) in a
temporary file. For each role (bureau, street, community, company, committee, owner; the
demo's users) it logs in and GETs the pages of the user's own menu (the role-aware
navigation, so every list a role reaches from the sidebar), plus the pages behind them
that a role opens first: the dashboard's places and rows, the complaint statistics, a
project, a complaint, a company's credit, the lifecycle of a project. Each page is
requested once to warm the caches, then ``--repeat`` times; the table gives the least
wall-clock time and the least CPU time of the process (SQLite runs inside it, so CPU time
is the page's whole cost without waiting for a CPU on a shared machine). Pages whose CPU
time is over the budget are flagged.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 1.0  # seconds
ROLES = ("bureau", "street", "community", "company", "committee", "owner")


def _setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongzhi.settings"
    os.environ["GONGZHI_ENV"] = "dev"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ["TASK_BACKEND"] = "dummy"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["LOG_LEVEL"] = "ERROR"  # a 403 is a row of the table, not a traceback
    os.environ.setdefault("MEDIA_ROOT", str(database.parent / "media"))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _extra(username: str) -> list[str]:
    """Pages a role opens from its menu's pages: the first visible row of each kind."""
    from django.urls import reverse

    from gongzhi.accounts.models import User
    from gongzhi.accounts.selectors import actor_for
    from gongzhi.complaints.models import Complaint
    from gongzhi.credit.models import CreditScore
    from gongzhi.registry.models import Project

    actor = actor_for(User.objects.get(username=username))
    urls = []
    project = Project.objects.visible_to(actor).order_by("pk").first()
    if project is not None:
        urls.append(reverse("registry:project_detail", args=[project.pk]))
        if not actor.has_role("owner"):  # an owner reaches these from their home page
            urls += [
                reverse("lifecycle:project", args=[project.pk]),
                reverse("funds:project", args=[project.pk]),
            ]
        if actor.has_role("bureau", "street_officer", "community_officer"):
            urls += [
                reverse("dashboards:place", args=[f"n{project.community_id}"]),
                reverse("dashboards:place", args=[f"p{project.pk}"]),
            ]
    complaint = Complaint.objects.visible_to(actor).order_by("-pk").first()
    if complaint is not None:
        urls.append(reverse("complaints:complaint_detail", args=[complaint.pk]))
    if actor.has_role("bureau", "street_officer", "community_officer"):
        urls += [
            "/complaints/statistics/?by=category",
            "/complaints/statistics/?by=street",
        ]
        score = CreditScore.objects.visible_to(actor).order_by("pk").first()
        if score is not None:
            urls.append(reverse("credit:company_detail", args=[score.company_id]))
    return urls


def _pages(username: str) -> list[str]:
    from gongzhi.accounts.models import User
    from gongzhi.accounts.selectors import actor_for
    from gongzhi.web.navigation import navigation_for

    actor = actor_for(User.objects.get(username=username))
    urls = [link.url for link in navigation_for(actor, None)]
    seen: set[str] = set()
    return [u for u in (*urls, *_extra(username)) if not (u in seen or seen.add(u))]


def _time(client: Any, url: str, repeat: int) -> tuple[str, int, float, float]:
    """The page at ``url`` (or where it redirects to: /fees/ opens the user's own page)."""
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith("/"):
        url = response["Location"]
        response = client.get(url)
    walls, cpus = [], []
    for _ in range(repeat):
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    return url, response.status_code, min(walls), min(cpus)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", type=Path, help="a SQLite file with a demo city")
    parser.add_argument("--households", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--role", action="append", choices=ROLES, help="default: all six")
    args = parser.parse_args(argv)
    folder = None
    if args.database:
        database = args.database.resolve()
    else:
        folder = Path(tempfile.mkdtemp(prefix="gongzhi-bench-pages-"))
        database = folder / "bench.sqlite3"
    try:
        _setup(database)
        if folder is not None:
            from gongzhi.demo.generator import build_demo_city

            started = time.perf_counter()
            build_demo_city(households=args.households, seed=1, progress=False)
            print(f"demo city built in {time.perf_counter() - started:.0f} s")
        from django.test import Client

        from gongzhi.accounts.models import User
        from gongzhi.registry.models import ExclusivePart

        print(f"{ExclusivePart.objects.count():,} exclusive parts; budget {BUDGET:.0f} s CPU")
        over = 0
        print(f"{'role':<10} {'page':<58} {'status':>6} {'wall ms':>8} {'CPU ms':>7}")
        for username in args.role or ROLES:
            client = Client()
            client.force_login(User.objects.get(username=username))
            for url in _pages(username):
                url, status, wall, cpu = _time(client, url, args.repeat)
                flag = "  OVER" if cpu >= BUDGET else ""
                over += bool(flag)
                ms = f"{wall * 1000:>8.0f} {cpu * 1000:>7.0f}"
                print(f"{username:<10} {url:<58} {status:>6} {ms}{flag}")
        print(f"{over} pages over {BUDGET:.0f} s")
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
