"""Background tasks through Django's tasks API: the database backend by default, RQ on
Redis as configuration only (same code)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task_backends

from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import password_reset_by_admin
from gongzhi.core.sms import MemorySmsBackend
from gongzhi.core.tasks import send_sms

ROOT = Path(__file__).resolve().parents[3]
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _empty_outbox():
    MemorySmsBackend.outbox.clear()
    task_backends._settings = None  # type: ignore[attr-defined]
    yield
    MemorySmsBackend.outbox.clear()


@pytest.mark.django_db
def test_password_reset_sms_is_sent_after_commit(city, django_capture_on_commit_callbacks):
    bureau = actor_for(city.users["bureau"])
    target = city.users["owner_1"]
    target.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        password_reset_by_admin(actor=bureau, user_id=city.users["street_a"].pk)
    # street_a has no mobile: nothing queued
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True):
        # owners are managed by the platform administrator
        password_reset_by_admin(actor=actor_for(city.users["admin"]), user_id=target.pk)
    assert len(MemorySmsBackend.outbox) == 1
    mobile, text = MemorySmsBackend.outbox[0]
    assert mobile == "13800000001"
    assert "13800000001" not in text  # the SMS never carries the password or number


@pytest.mark.django_db(transaction=True)
def test_database_backend_queues_and_the_worker_runs(settings):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DB_TASKS):
        from django_tasks import task_backends as backends

        backends._settings = None  # type: ignore[attr-defined]
        result = send_sms.using(backend="default").enqueue("13800000009", "测试")
        assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
        assert MemorySmsBackend.outbox == []
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
        assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert MemorySmsBackend.outbox == [("13800000009", "测试")]


def test_rq_backend_is_configuration_only():
    """Same task, TASK_BACKEND=rq: enqueued to the real Redis and run by an RQ worker."""
    script = (
        "import django; django.setup();"
        "from gongzhi.core.tasks import send_sms;"
        "import django_rq;"
        "from django_tasks_rq import Job;"
        "r = send_sms.enqueue('13800000010', 'rq-ok');"
        "w = django_rq.get_worker('default', job_class=Job); w.work(burst=True);"
        "r.refresh(); print('STATUS', r.status)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        GONGZHI_ENV="dev",
        TASK_BACKEND="rq",
        DJANGO_SETTINGS_MODULE="gongzhi.settings",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        SMS_BACKEND="gongzhi.core.sms.ConsoleSmsBackend",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "[SMS to 13800000010] rq-ok" in result.stdout
    assert "STATUS SUCCESSFUL" in result.stdout
