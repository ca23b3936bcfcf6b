"""Benchmark: the Open311 GeoReport v2 endpoint, against in-run baselines.

    python bench/open311.py [--posts N] [--rows N]

Runs against a fresh temporary SQLite file (the production settings in dev mode), or the
PostgreSQL database ``DATABASE_URL`` names (dropped and created again), with the test city
(``gongzhi.testing.build_city``). Prints the queries of one intake (the abuse-limit
counter's among them), then measures

(a) intake: N ``POST /open311/v2/requests.json`` over HTTP (Django's test client, key
    check, parameter checks, ``complaint_submit``, the JSON answer), against N direct
    ``complaint_submit`` calls with the same values — the ratio is what the GeoReport
    layer costs;
(b) the list: ``GET /open311/v2/requests.json`` returning the 1000-request cap out of
    ``--rows`` complaints (copies of the posted ones, bulk-inserted as test data), against
    a raw SQL SELECT of the same 1000 rows and columns in the same run.
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
REPEAT = 5


def _setup(database: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "gongzhi.settings"
    os.environ["GONGZHI_ENV"] = "dev"
    sys.path.insert(0, str(ROOT / "bench"))
    import _database

    print("database:", _database.use(database))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _best(fn: Any) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def run(posts: int, rows: int) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from gongzhi.complaints.models import Complaint
    from gongzhi.complaints.services import complaint_submit
    from gongzhi.core.scoping import ANONYMOUS
    from gongzhi.jurisdictions.models import Jurisdiction
    from gongzhi.open311.services import client_create
    from gongzhi.testing import build_city

    city = build_city()
    Jurisdiction.objects.filter(pk=city.street_a.pk).update(division_code="430502001")
    raw_key = client_create(actor=None, name="bench", node=city.district)[1]
    http = Client(HTTP_HOST="localhost")
    values = {
        "service_code": "illegal_charges",
        "description": "小区停车收费未公示",
        "lat": "28.228000",
        "long": "112.938800",
    }

    def post() -> None:
        response = http.post(
            "/open311/v2/requests.json",
            {"api_key": raw_key, "jurisdiction_id": "430502001", **values},
        )
        assert response.status_code == 201, response.content

    post()  # the abuse-limit window's first request adds its counter
    with CaptureQueriesContext(connection) as captured:
        post()
    limit = sum("gongzhi_cache" in q["sql"] for q in captured.captured_queries)
    print(f"queries of one intake over HTTP: {len(captured.captured_queries)}", end=" ")
    print(f"({limit} of them on the abuse-limit counter's cache rows)")

    # (a) intake over HTTP vs the service alone
    start = time.perf_counter()
    for _ in range(posts):
        post()
    over_http = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(posts):
        complaint_submit(
            actor=ANONYMOUS,
            channel="open311",
            category=values["service_code"],
            description=values["description"],
            node=city.street_a,
            latitude=values["lat"],
            longitude=values["long"],
        )
    direct = time.perf_counter() - start
    print(f"intake: {posts} POSTs over HTTP {over_http:.2f} s ({posts / over_http:.0f}/s)")
    print(f"        {posts} complaint_submit calls {direct:.2f} s ({posts / direct:.0f}/s)")
    print(f"        ratio HTTP / service: {over_http / direct:.2f}")

    # (b) the 1000-row list out of `rows` complaints vs raw SQL
    template = Complaint.objects.order_by("pk").first()
    assert template is not None
    fields = [f.attname for f in Complaint._meta.concrete_fields if f.name != "id"]
    base = {a: getattr(template, a) for a in fields}
    missing = rows - Complaint.objects.count()
    Complaint.objects.bulk_create(
        (Complaint(**{**base, "number": f"TB{i:010d}"}) for i in range(max(missing, 0))),
        batch_size=2000,
    )
    url = "/open311/v2/requests.json?jurisdiction_id=430502"

    def listing() -> None:
        response = http.get(url)
        assert response.status_code == 200 and len(response.json()) == 1000

    sql = (
        "SELECT number, status, category, description, address, latitude, longitude,"
        " created_at, updated_at, resolve_due, routing_note FROM complaints_complaint"
        " WHERE node_path LIKE %s AND created_at >= %s ORDER BY created_at DESC, id DESC"
        " LIMIT 1000"
    )

    def raw() -> None:
        import datetime as dt

        since = dt.datetime.now(tz=dt.UTC) - dt.timedelta(days=90)
        with connection.cursor() as cursor:
            cursor.execute(sql, [city.district.path + "%", since])
            assert len(cursor.fetchall()) == 1000

    endpoint = _best(listing)
    baseline = _best(raw)
    print(f"list:   GET requests.json, 1000 of {rows} rows: {endpoint * 1000:.0f} ms (best of 5)")
    print(f"        raw SQL SELECT of the same rows: {baseline * 1000:.1f} ms")
    print(f"        ratio endpoint / raw SQL: {endpoint / baseline:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=200)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gongzhi-bench-open311-"))
    try:
        _setup(tmp / "bench.sqlite3")
        run(args.posts, args.rows)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
