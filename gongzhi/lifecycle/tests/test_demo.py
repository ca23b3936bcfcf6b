"""The demo city has projects in each lifecycle state its size allows, built through the
services (a small city has only a few filed contracts: see gongzhi/demo/domains/lifecycle.py)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from gongzhi.credit.models import CreditRecord
from gongzhi.lifecycle.models import Exit, Handover, Selection

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    """The demo builds as of its own day: no frozen clock here (overrides conftest)."""
    return None


@pytest.mark.parametrize("profile", ["hunan-shaoyang"])
def test_demo_city_has_each_lifecycle_state(profile):
    call_command(
        "demo_city",
        households=400,
        password="demo-pass-2026",
        no_progress=True,
        profile=profile,
        stdout=StringIO(),
    )
    handovers = set(Handover.objects.values_list("status", flat=True))
    assert {"preparing", "rectifying", "filed"} <= handovers
    exits = set(Exit.objects.values_list("status", flat=True))
    assert {"handing_over", "closed", "voting"} <= exits
    from gongzhi.registry.models import Project

    selectable = Project.objects.filter(company__isnull=True) | Project.objects.filter(
        formation__in=("committee", "management_committee")
    )
    assert Selection.objects.filter(status="open").exists() == selectable.exists()
    late = Exit.objects.filter(notice_timely=False)
    if late.exists():
        assert CreditRecord.objects.filter(kind_code="exit_notice_late").exists()
