"""Convention tests (STYLE.md): workflow state fields change only through
``gongzhi.core.workflow.transition``; every policy profile validates."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]
STATE_FIELDS = ("filing_status", "formation", "status")
ALLOWED = {PACKAGE / "core" / "workflow.py"}


def _sources() -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*.py")
        if "migrations" not in p.parts and "tests" not in p.parts and p not in ALLOWED
    ]


def test_no_state_field_is_assigned_outside_the_workflow_helper():
    offenders = []
    for path in _sources():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r"\.(" + "|".join(STATE_FIELDS) + r")\s*=(?!=)", code):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


def test_state_fields_are_not_bulk_updated_outside_the_workflow_helper():
    pattern = re.compile(r"\.update\([^)]*\b(" + "|".join(STATE_FIELDS) + r")\s*=")
    offenders = [
        f"{path.relative_to(PACKAGE)}"
        for path in _sources()
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_every_profile_validates_and_every_key_is_documented():
    from gongzhi.rules.profiles import SCHEMA, get_profile, list_profiles

    docs = (PACKAGE.parent / "docs" / "profiles.md").read_text(encoding="utf-8")
    for summary in list_profiles():
        profile = get_profile(summary.id)
        assert profile.levels
    missing = [key for key in SCHEMA if f"`{key}`" not in docs]
    assert missing == []
