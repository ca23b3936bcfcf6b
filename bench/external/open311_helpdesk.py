"""Benchmark: complaint intake through Open311 against django-helpdesk's ticket API.

    python bench/external/open311_helpdesk.py [--requests N] [--clients 8] [--rounds 3]

Needs the package registry (PyPI) on its first run: it creates a separate virtualenv under
``var/bench/helpdesk/`` with django-helpdesk and its Django at the versions pinned below
(plus gunicorn and psycopg), and reuses it afterwards. No helpdesk code is kept in this
repository; the helpdesk project (settings, URLs) is written there at run time.

Both servers run the same way on the same machine: gunicorn, 2 sync workers, no access
log, DEBUG off, the same database kind: fresh SQLite files (WAL, the same pragmas and
transaction mode as Gongzhi's SQLite settings), or, with ``DATABASE_URL`` naming
PostgreSQL, the databases ``gzb_helpdesk`` and ``gzb_open311`` on that server (dropped
and created again). On either kind both keep persistent connections with health checks,
as Gongzhi's settings do (CONN_MAX_AGE=60, CONN_HEALTH_CHECKS). Each is driven by
``--clients`` threads (a new connection per request: gunicorn's sync workers close it)
for ``--requests`` creations of the same payload size:

- helpdesk: ``POST /api/tickets/`` (Django REST framework, token authentication, a
  staff user; the ticket form, its follow-up, the notification e-mails to the dummy
  backend);
- Gongzhi: ``POST /open311/v2/requests.json`` (GeoReport v2, api_key; rate limits on with
  the per-key limit raised above the run's count, the routed complaint with its event,
  counters and audit rows, the link and its audit row).

Rounds alternate between the two; it prints requests/s of each round, the best and median
of each, and the ratio Gongzhi / helpdesk (of the bests, and the median of the per-round
ratios). Every answer must be 201, and the rows are counted afterwards.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent.parent
HOME = ROOT / "var" / "bench" / "helpdesk"
VENV = HOME / "venv"
PROJECT = HOME / "project"
# The other side, pinned: django-helpdesk and the Django it runs on (ours is the same 5.2).
PINS = (
    "django-helpdesk==2.6.1",
    "Django==5.2.19",
    "djangorestframework==3.18.3",
    "gunicorn==27.0.1",
    "psycopg[binary]==3.3.9",
)
WORKERS = 2
# Gongzhi's connection settings (gongzhi/settings.py), given to helpdesk as well.
CONNECTIONS = {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
}
DESCRIPTION = (
    "小区地下车库停车收费标准未按规定公示，物业服务企业拒绝出示价格主管部门的备案文件。" * 3
)

HELPDESK_SETTINGS = """
import json, os
from pathlib import Path

SECRET_KEY = "bench-only-" + "x" * 40
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "helpdesk",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "hdbench.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]
DATABASES = {"default": json.loads(os.environ["HDBENCH_DATABASE"])}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
SITE_ID = 1
STATIC_URL = "/static/"
MEDIA_ROOT = os.environ.get("HDBENCH_MEDIA", "/tmp/hdbench-media")
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
DEFAULT_FROM_EMAIL = "helpdesk@example.org"
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
}
HELPDESK_TEAMS_MODE_ENABLED = False
HELPDESK_API_ENABLED = True
"""

HELPDESK_URLS = """
from django.urls import include, path

urlpatterns = [path("", include("helpdesk.urls", namespace="helpdesk"))]
"""

# Run inside the helpdesk virtualenv: a staff user (the ticket API is IsAdminUser), its
# token and one queue; prints them as JSON.
HELPDESK_SETUP = """
import json
from django.contrib.auth import get_user_model
from helpdesk.models import Queue
from rest_framework.authtoken.models import Token

user = get_user_model().objects.create_user("bench", "bench@example.org", "x", is_staff=True)
token = Token.objects.create(user=user)
queue = Queue.objects.create(title="Complaints", slug="complaints", email_address="q@example.org")
print(json.dumps({"token": token.key, "queue": queue.pk}))
"""

HELPDESK_COUNT = """
from helpdesk.models import Ticket
print(Ticket.objects.count())
"""

# Run with our virtualenv: the test city, a division code and an Open311 key.
GONGZHI_SETUP = """
import json
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.open311.services import client_create
from gongzhi.testing import build_city

city = build_city()
Jurisdiction.objects.filter(pk=city.street_a.pk).update(division_code="430502001")
key = client_create(actor=None, name="bench", node=city.district)[1]
print(json.dumps({"key": key}))
"""

GONGZHI_COUNT = """
from gongzhi.complaints.models import Complaint
print(Complaint.objects.filter(channel="open311").count())
"""


class Unavailable(Exception):
    """The helpdesk side cannot be set up (no registry, or the package does not install)."""


def _run(cmd: list[str], env: dict[str, str], cwd: Path | None = None) -> str:
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd[:4])} … failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def helpdesk_venv() -> Path:
    """The helpdesk virtualenv, created once (PyPI) and reused while the pins are the same."""
    stamp = VENV / "bench-pins.txt"
    python = VENV / "bin" / "python"
    if stamp.is_file() and stamp.read_text() == "\n".join(PINS) and python.is_file():
        return python
    print(f"creating {VENV.relative_to(ROOT)} with {', '.join(PINS)} (from PyPI) …")
    shutil.rmtree(VENV, ignore_errors=True)
    HOME.mkdir(parents=True, exist_ok=True)
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", str(VENV)], check=True)  # noqa: S603
    pip = [str(python), "-m", "pip", "install", "--quiet", "--timeout", "30", "--retries", "2"]
    done = subprocess.run([*pip, *PINS], capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode:
        shutil.rmtree(VENV, ignore_errors=True)
        raise Unavailable(f"pip could not install {' '.join(PINS)}:\n{done.stderr[-2000:]}")
    stamp.write_text("\n".join(PINS))
    return python


def _write_project() -> None:
    package = PROJECT / "hdbench"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text("")
    (package / "settings.py").write_text(textwrap.dedent(HELPDESK_SETTINGS))
    (package / "urls.py").write_text(textwrap.dedent(HELPDESK_URLS))
    (package / "wsgi.py").write_text(
        "import os\nfrom django.core.wsgi import get_wsgi_application\n"
        'os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hdbench.settings")\n'
        "application = get_wsgi_application()\n"
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Side:
    """One server under test: its environment, setup, gunicorn process and request."""

    def __init__(self, name: str, python: Path, cwd: Path, env: dict[str, str]) -> None:
        self.name, self.python, self.cwd, self.env = name, python, cwd, env
        self.port = _free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.path = ""
        self.headers: dict[str, str] = {}
        self.body = b""

    def django(self, code: str) -> str:
        script = "import django; django.setup()\n" + textwrap.dedent(code)
        return _run([str(self.python), "-c", script], self.env, self.cwd)

    def manage(self, *args: str) -> None:
        code = f"from django.core.management import call_command; call_command(*{args!r})"
        self.django(code)

    def start(self, app: str, config: Path) -> None:
        gunicorn = self.python.parent / "gunicorn"
        cmd = [str(gunicorn), app, "--config", str(config), "--workers", str(WORKERS)]
        cmd += ["--worker-class", "sync"]
        cmd += ["--bind", f"127.0.0.1:{self.port}", "--log-level", "warning"]
        self.process = subprocess.Popen(cmd, env=self.env, cwd=self.cwd)  # noqa: S603
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name}: gunicorn did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def post(self) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request("POST", self.path, body=self.body, headers=self.headers)
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()


def drive(side: Side, requests: int, clients: int) -> float:
    """``requests`` POSTs from ``clients`` threads; returns requests per second."""
    lock = threading.Lock()
    left = [requests]
    bad: list[int] = []

    def client() -> None:
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            status = side.post()
            if status != 201:
                with lock:
                    bad.append(status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if bad:
        raise RuntimeError(f"{side.name}: {len(bad)} answers were not 201: {sorted(set(bad))}")
    return requests / elapsed


def _databases(tmp: Path) -> tuple[str, dict[str, object], str]:
    """The database kind, helpdesk's DATABASES entry, and Gongzhi's DATABASE_URL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        helpdesk = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp / "helpdesk.sqlite3"),
            "OPTIONS": SQLITE_OPTIONS,
            **CONNECTIONS,
        }
        return "sqlite", helpdesk, f"sqlite:///{tmp / 'open311.sqlite3'}"
    import psycopg

    parts = urlsplit(url)
    base = url.rsplit("/", 1)[0]
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        for name in ("gzb_helpdesk", "gzb_open311"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    helpdesk = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "gzb_helpdesk",
        "USER": parts.username or "postgres",
        "PASSWORD": parts.password or "",
        "HOST": parts.hostname or "127.0.0.1",
        "PORT": str(parts.port or 5432),
        **CONNECTIONS,
    }
    return "postgresql", helpdesk, f"{base}/gzb_open311"


def _bodies() -> tuple[dict[str, str], dict[str, str]]:
    helpdesk = {"title": "停车收费未公示", "description": DESCRIPTION, "priority": "3"}
    helpdesk["submitter_email"] = "owner@example.org"
    gongzhi = {"service_code": "illegal_charges", "description": DESCRIPTION}
    gongzhi |= {"lat": "28.228000", "long": "112.938800", "jurisdiction_id": "430502001"}
    return helpdesk, gongzhi


def run(requests: int, clients: int, rounds: int) -> None:
    try:
        python = helpdesk_venv()
    except Unavailable as error:
        print(f"skipped: the helpdesk side cannot be installed here ({error})")
        sys.exit(2)
    _write_project()
    tmp = Path(tempfile.mkdtemp(prefix="gongzhi-bench-helpdesk-"))
    sides: list[Side] = []
    try:
        kind, helpdesk_db, gongzhi_url = _databases(tmp)
        print(f"database: {kind}; gunicorn {WORKERS} sync workers each; {clients} clients")
        base_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        helpdesk = Side(
            "helpdesk",
            python,
            PROJECT,
            base_env
            | {
                "DJANGO_SETTINGS_MODULE": "hdbench.settings",
                "HDBENCH_DATABASE": json.dumps(helpdesk_db),
                "HDBENCH_MEDIA": str(tmp / "media"),
                "PYTHONPATH": str(PROJECT),
            },
        )
        gongzhi = Side(
            "gongzhi",
            ROOT / ".venv" / "bin" / "python",
            ROOT,
            base_env
            | {
                "DJANGO_SETTINGS_MODULE": "gongzhi.settings",
                "GONGZHI_ENV": "production",
                "SECRET_KEY": "bench-only-" + "y" * 40,
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                "SECURE_SSL_REDIRECT": "false",
                "DATABASE_URL": gongzhi_url,
                "MEDIA_ROOT": str(tmp / "media"),
                "LOG_LEVEL": "WARNING",
                # the per-key abuse limit stays on, above what one run posts
                "RATE_LIMIT_OPEN311_KEY": f"{10 * requests * (rounds + 1)}/1h",
                "PYTHONPATH": str(ROOT),
            },
        )
        sides = [helpdesk, gongzhi]
        for side in sides:
            side.manage("migrate", "--noinput", "-v", "0")
        gongzhi.manage("createcachetable", "-v", "0")
        given = json.loads(helpdesk.django(HELPDESK_SETUP))
        key = json.loads(gongzhi.django(GONGZHI_SETUP))["key"]
        helpdesk_values, gongzhi_values = _bodies()
        helpdesk_values["queue"] = str(given["queue"])
        gongzhi_values["api_key"] = key
        # the same payload size: the shorter description is padded with letters
        sizes = [len(urlencode(helpdesk_values)), len(urlencode(gongzhi_values))]
        shorter = helpdesk_values if sizes[0] < sizes[1] else gongzhi_values
        shorter["description"] += "x" * abs(sizes[0] - sizes[1])
        form = "application/x-www-form-urlencoded"
        helpdesk.path, helpdesk.body = "/api/tickets/", urlencode(helpdesk_values).encode()
        helpdesk.headers = {"Content-Type": form, "Authorization": f"Token {given['token']}"}
        gongzhi.path, gongzhi.body = "/open311/v2/requests.json", urlencode(gongzhi_values).encode()
        gongzhi.headers = {"Content-Type": form}
        assert len(helpdesk.body) == len(gongzhi.body)
        print(f"payload: {len(gongzhi.body)} bytes each; {requests} creations a round")
        # the same (empty) gunicorn configuration for both, not our gunicorn.conf.py
        config = tmp / "gunicorn.conf.py"
        config.write_text("")
        helpdesk.start("hdbench.wsgi:application", config)
        gongzhi.start("gongzhi.wsgi:application", config)
        for side in sides:  # warm both workers (imports, connections, caches)
            drive(side, 4 * WORKERS, WORKERS)
        results: dict[str, list[float]] = {"helpdesk": [], "gongzhi": []}
        for number in range(1, rounds + 1):
            for side in sides:
                results[side.name].append(drive(side, requests, clients))
            h, g = results["helpdesk"][-1], results["gongzhi"][-1]
            print(f"round {number}: helpdesk {h:6.1f}/s  gongzhi {g:6.1f}/s  ratio {g / h:.2f}")
        for side in sides:
            side.stop()
        created = {
            "helpdesk": int(helpdesk.django(HELPDESK_COUNT)),
            "gongzhi": int(gongzhi.django(GONGZHI_COUNT)),
        }
        expected = requests * rounds + 4 * WORKERS
        assert created == {"helpdesk": expected, "gongzhi": expected}, created
        best = {name: max(values) for name, values in results.items()}
        median = {name: statistics.median(values) for name, values in results.items()}
        ratios = [g / h for h, g in zip(results["helpdesk"], results["gongzhi"], strict=True)]
        for name in ("helpdesk", "gongzhi"):
            print(f"{name:9s} best {best[name]:6.1f}/s  median {median[name]:6.1f}/s")
        print(f"ratio gongzhi / helpdesk: best {best['gongzhi'] / best['helpdesk']:.2f}, ", end="")
        print(f"median of rounds {statistics.median(ratios):.2f} ({created['gongzhi']} rows each)")
    finally:
        for side in sides:
            side.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400, help="creations per round")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    run(args.requests, args.clients, args.rounds)


if __name__ == "__main__":
    main()
