"""The shell: Chinese by default, English on request, role-aware navigation, error pages,
production settings that pass ``check --deploy``, migrations in step with models."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_chinese_by_default(city, login):
    page = login("street_a").get("/").content.decode()
    assert '<html lang="zh-hans">' in page
    assert "项目" in page  # "Projects" in the navigation


@pytest.mark.django_db
def test_english_on_request(city, login):
    client = login("street_a")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert ">Projects<" in page


@pytest.mark.django_db
def test_navigation_depends_on_role(city, login):
    owner_page = login("owner_1").get("/").content.decode()
    assert "/registry/my-homes/" in owner_page
    assert "/audit/" not in owner_page
    bureau_page = login("bureau").get("/").content.decode()
    assert "/audit/" in bureau_page and "/accounts/users/" in bureau_page
    assert "/registry/my-homes/" not in bureau_page


@pytest.mark.django_db
def test_not_found_page_is_translated(city, login):
    response = login("street_a").get("/no-such-page/")
    assert response.status_code == 404


@pytest.mark.django_db
def test_health(client):
    assert client.get("/health/").json() == {"status": "ok"}


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"GONGZHI_ENV", "DJANGO_SETTINGS_MODULE", "DEBUG", "SECRET_KEY"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**clean, **env},
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _run(["check"])
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_in_production_mode():
    result = _run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECRET_KEY="a" * 20 + "-production-secret-" + "b" * 30,
        ALLOWED_HOSTS="wuye.example.gov.cn",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_migrations_match_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
