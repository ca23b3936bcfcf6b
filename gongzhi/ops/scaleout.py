"""The scale-out check: two gunicorn app servers and one RQ task worker on one PostgreSQL
and one Redis, under a bounded concurrent load spread over both servers.

Run by CI (``.ci/run``) as ``gongzhi scaleout-check`` against an empty PostgreSQL database
with ``TASK_BACKEND=rq``; it builds a small demo city, starts the processes on loopback
ports, and then at the same moment:

- every owner of one project casts a ballot on the open matter twice, once through each
  server (a vote and its change), so the two requests race;
- the hotline files complaints through Open311, alternating servers;
- the bureau disburses emergency fund-use applications that share the same part
  accounts, each one twice (once per server), with more asked than the accounts hold.

Then it waits for the worker to drain the queue and checks the database: every 2xx left
exactly its rows (a ballot's version counts its accepted casts, each complaint one row with
its request id), no voter has two ballots, no account is below zero and the ledger
reconciles, every application was paid at most once, every domain event was delivered
once to each handler, every SMS task ran once (the file outbox has one line per job) and
no job failed. It prints the figures and exits non-zero on any breach.
"""

from __future__ import annotations

import concurrent.futures as cf
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.db.models import Sum

HOUSEHOLDS = 300
PORTS = (8311, 8312)
ROOT = Path(__file__).resolve().parents[2]  # the checkout: manage.py, gunicorn.conf.py


@dataclass
class Figures:
    requests: Counter[str] = field(default_factory=Counter)
    ok: Counter[str] = field(default_factory=Counter)
    refused: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    breaches: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _call(
    method: str,
    url: str,
    *,
    token: str = "",
    form: dict[str, Any] | None = None,
    body: dict[str, Any] | None = None,
) -> tuple[int, Any]:
    headers = {"X-Forwarded-Proto": "https", "Accept": "application/json"}
    data = None
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:300]


def _setup() -> dict[str, Any]:
    """The city and the actors of the load, built in this process before the servers start."""
    from gongzhi.accounts.models import User
    from gongzhi.accounts.selectors import actor_for
    from gongzhi.accounts.services import api_token_create, user_create
    from gongzhi.core.roles import Role
    from gongzhi.decisions.models import Matter, RollEntry
    from gongzhi.funds import services as funds
    from gongzhi.funds.models import PartFund
    from gongzhi.jurisdictions.models import Jurisdiction
    from gongzhi.open311.services import client_create
    from gongzhi.registry.models import Owner

    if not Jurisdiction.objects.exists():
        call_command("demo_city", households=HOUSEHOLDS, seed=11, verbosity=0)
    User.objects.filter(username__startswith="load-").delete()
    matter = Matter.objects.get(title="关于续聘物业服务企业的表决")
    # Owners on the frozen roll who have no account yet: they get one here, as if they
    # had registered before the vote opened (the roll names each voter's account).
    on_roll = RollEntry.objects.filter(matter=matter, voter_user__isnull=True, owner__isnull=False)
    owners = list(
        Owner.objects.filter(pk__in=on_roll.values("owner_id"), user__isnull=True).order_by("pk")[
            :40
        ]
    )
    voters = []
    for owner in owners:
        user = user_create(
            actor=None,
            username=f"load-{owner.pk}",
            password=None,
            display_name=owner.name,
            role=Role.OWNER,
        )
        Owner.objects.filter(pk=owner.pk).update(user=user)
        on_roll.filter(owner=owner).update(voter_user=user)
        _, raw = api_token_create(actor=actor_for(User.objects.get(pk=user.pk)), name="load")
        voters.append(raw)
    bureau = User.objects.get(username="bureau")
    bureau_actor = actor_for(bureau)
    _, bureau_token = api_token_create(actor=bureau_actor, name="load")
    committee = actor_for(User.objects.get(username="committee"))
    project = matter.project_id
    parts = list(
        PartFund.objects.filter(project_id=project, first_deposit_fen__isnull=False)
        .order_by("part_id")
        .values_list("part_id", flat=True)[:20]
    )
    held = PartFund.objects.filter(part_id__in=parts).aggregate(s=Sum("account__balance_fen"))["s"]
    each = Decimal(held * 4 // 10) / 100  # 40 % of what the parts hold: at most two can be paid
    applications = []
    for n in range(5):
        app = funds.fund_use_apply(
            actor=committee,
            project_id=project,
            title=f"电梯抢修{n}",
            work="曳引机故障停梯",
            estimate=str(each),
            part_ids=parts,
            emergency="elevator_failure",
        )
        funds.fund_use_act(actor=bureau_actor, application_id=app.pk, action="pre_review")
        applications.append(app.pk)
    street = Jurisdiction.objects.filter(depth=1).order_by("path").first()
    _, key = client_create(actor=None, name="12345热线", node=street)
    return {
        "matter": matter.pk,
        "voters": voters,
        "bureau": bureau_token,
        "key": key,
        "applications": applications,
        "parts": parts,
    }


def _start(env: dict[str, str], log_dir: Path) -> list[subprocess.Popen[bytes]]:
    python = sys.executable
    procs = []
    for port in PORTS:
        server_env = dict(
            env,
            GUNICORN_BIND=f"127.0.0.1:{port}",
            GUNICORN_WORKERS="2",
            GUNICORN_ACCESS_LOG=str(log_dir / f"access-{port}.log"),
        )
        procs.append(
            subprocess.Popen(  # noqa: S603
                [python, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py")],
                env=server_env,
                stdout=(log_dir / f"app-{port}.log").open("wb"),
                stderr=subprocess.STDOUT,
                cwd=ROOT,
            )
        )
    procs.append(
        subprocess.Popen(  # noqa: S603
            [
                python,
                str(ROOT / "manage.py"),
                "rqworker",
                "default",
                "--job-class",
                "django_tasks_rq.Job",
            ],
            env=env,
            stdout=(log_dir / "worker.log").open("wb"),
            stderr=subprocess.STDOUT,
            cwd=ROOT,
        )
    )
    for port in PORTS:
        for _ in range(120):
            try:
                if _call("GET", f"http://127.0.0.1:{port}/health/")[0] == 200:
                    break
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.5)
        else:
            raise RuntimeError(f"app server on {port} did not start (see {log_dir})")
    return procs


def _ballot_state(plan: dict[str, Any]) -> dict[str, dict[str, tuple[int, int]]]:
    """Per voter token: each of their roll keys' ballot (version, revisions)."""
    from django.db.models import Count

    from gongzhi.accounts.services import api_token_user
    from gongzhi.decisions.models import Ballot, RollEntry

    state: dict[str, dict[str, tuple[int, int]]] = {}
    for token in plan["voters"]:
        user = api_token_user(token)
        keys = RollEntry.objects.filter(matter_id=plan["matter"], voter_user=user).values_list(
            "voter_key", flat=True
        )
        ballots = (
            Ballot.objects.filter(matter_id=plan["matter"], voter_key__in=list(keys))
            .annotate(n=Count("revisions"))
            .values_list("voter_key", "version", "n")
        )
        state[token] = dict.fromkeys(keys, (0, 0)) | {k: (v, n) for k, v, n in ballots}
    return state


def _load(plan: dict[str, Any], figures: Figures) -> dict[str, Any]:
    base = [f"http://127.0.0.1:{port}" for port in PORTS]
    jobs: list[tuple[str, str, str, dict[str, Any]]] = []
    for i, token in enumerate(plan["voters"]):
        for k, choice in enumerate(("yes", "no")):
            url = f"{base[(i + k) % 2]}/api/v1/decisions/{plan['matter']}/ballot"
            jobs.append(("ballot", token, url, {"body": {"choice": choice}}))
    for n in range(60):
        form = {
            "api_key": plan["key"],
            "service_code": "contract_performance",
            "description": f"楼道灯不亮 {n} 号",
            "lat": "28.228000",
            "long": "112.938800",
        }
        jobs.append(("complaint", "", f"{base[n % 2]}/open311/v2/requests.json", {"form": form}))
    for app in plan["applications"]:
        for server in base:
            url = f"{server}/api/v1/funds/applications/{app}/actions/disburse"
            jobs.append(("disburse", plan["bureau"], url, {"body": {}}))
    outcome: dict[str, Any] = {"ballot_ok": Counter(), "complaints": [], "disbursed": Counter()}

    def run(job: tuple[str, str, str, dict[str, Any]]) -> tuple[str, str, str, int, Any]:
        kind, token, url, payload = job
        status, data = _call("POST", url, token=token, **payload)
        return kind, token, url, status, data

    started = time.monotonic()
    with cf.ThreadPoolExecutor(max_workers=16) as pool:
        for kind, token, url, status, data in pool.map(run, jobs):
            figures.requests[kind] += 1
            if 200 <= status < 300:
                figures.ok[kind] += 1
                if kind == "ballot":
                    outcome["ballot_ok"][token] += 1
                elif kind == "complaint":
                    outcome["complaints"].append(data[0]["service_request_id"])
                else:
                    outcome["disbursed"][url.rsplit("/", 3)[-3]] += 1
            elif status in (400, 409, 422):
                figures.refused[kind] += 1
            else:
                figures.errors.append(f"{kind} {url}: {status} {data!r}")
    figures.seconds = time.monotonic() - started
    return outcome


def _drain(timeout: float = 300) -> None:
    import django_rq
    from rq.registry import StartedJobRegistry

    queue = django_rq.get_queue("default")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if queue.count == 0 and StartedJobRegistry(queue=queue).count == 0:
            return
        time.sleep(1)
    raise RuntimeError("the task queue did not drain")


def _check(plan: dict[str, Any], outcome: dict[str, Any], figures: Figures) -> dict[str, int]:
    from django_rq import get_queue
    from rq.registry import FailedJobRegistry, FinishedJobRegistry

    from gongzhi.complaints.models import Complaint
    from gongzhi.decisions.models import Ballot
    from gongzhi.events.models import DomainEvent, EventDelivery
    from gongzhi.funds.ledger import reconcile
    from gongzhi.funds.models import Account, FundUseApplication

    breach = figures.breaches.append
    before = plan["before"]
    now = _ballot_state(plan)
    for token, accepted in outcome["ballot_ok"].items():
        for key, (version, revisions) in now[token].items():
            old_version, old_revisions = before[token].get(key, (0, 0))
            if version - old_version != accepted or revisions - old_revisions != accepted:
                breach(f"voter {key}: {accepted} casts accepted, version {old_version}→{version}")
    keys = Ballot.objects.filter(matter_id=plan["matter"]).values_list("voter_key", flat=True)
    if len(keys) != len(set(keys)):
        breach("a voter has two ballots")
    ids = outcome["complaints"]
    found = Complaint.objects.filter(channel="open311").count() - plan["complaints_before"]
    if len(ids) != len(set(ids)) or found != len(ids):
        breach(f"{len(ids)} complaints accepted, {found} rows")
    for app in FundUseApplication.objects.filter(pk__in=plan["applications"]):
        paid = outcome["disbursed"][str(app.pk)]
        if paid > 1 or (paid == 1) != (app.disbursement_id is not None):
            breach(f"application {app.pk}: {paid} accepted disbursements")
    if Account.objects.filter(balance_fen__lt=0).exists():
        breach("an account is overdrawn")
    if not reconcile().ok:
        breach("the ledger does not reconcile")
    pending = DomainEvent.objects.exclude(pk__in=EventDelivery.objects.values("event_id"))
    deliveries = EventDelivery.objects.count()
    queue = get_queue("default")
    failed = FailedJobRegistry(queue=queue).count
    finished = FinishedJobRegistry(queue=queue).get_job_ids()
    jobs = [queue.fetch_job(j) for j in finished]
    sms_jobs = [j for j in jobs if j is not None and "send_sms" in str(j.func_name)]
    outbox = Path(os.environ["SMS_OUTBOX"])
    sms_lines = outbox.read_text().splitlines() if outbox.exists() else []
    if failed:
        breach(f"{failed} task jobs failed")
    if len(sms_lines) != len(sms_jobs):
        breach(f"{len(sms_jobs)} SMS jobs ran, {len(sms_lines)} messages in the outbox")
    return {
        "events": DomainEvent.objects.count(),
        "undelivered_events": pending.count(),
        "deliveries": deliveries,
        "sms": len(sms_lines),
        "failed_jobs": failed,
        "ballots": len(keys),
        "complaints": found,
    }


def _complaints() -> int:
    from gongzhi.complaints.models import Complaint

    return Complaint.objects.filter(channel="open311").count()


def run() -> int:
    """The whole check; returns the process exit status."""
    log_dir = Path(os.environ.get("SCALEOUT_LOG_DIR", ROOT / "var" / "scaleout"))
    log_dir.mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0)
    plan = _setup()
    plan["before"] = _ballot_state(plan)
    plan["complaints_before"] = _complaints()
    procs = _start(dict(os.environ), log_dir)
    figures = Figures()
    try:
        outcome = _load(plan, figures)
        _drain()
        totals = _check(plan, outcome, figures)
    finally:
        for proc in procs:
            proc.send_signal(signal.SIGTERM)
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(
        f"scale-out: {sum(figures.requests.values())} requests in {figures.seconds:.1f} s "
        f"over {len(PORTS)} app servers + 1 RQ worker"
    )
    for kind in sorted(figures.requests):
        print(
            f"  {kind}: {figures.requests[kind]} sent, {figures.ok[kind]} 2xx, "
            f"{figures.refused[kind]} refused (4xx)"
        )
    print("  rows: " + ", ".join(f"{k} {v}" for k, v in totals.items()))
    for line in figures.errors + figures.breaches:
        print("  FAIL " + line)
    return 1 if figures.errors or figures.breaches else 0
