"""Fixtures of the assessment tests: a fixed "today", media in a temp dir, helpers that
fill a whole form and walk an assessment through its workflow."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.selectors import actor_for
from gongzhi.assessments import selectors, services
from gongzhi.assessments.models import ProjectAssessment
from gongzhi.registry.models import OwnersCommittee, Project
from gongzhi.rules.assessments import FormItem
from gongzhi.testing import City

TODAY = dt.date(2026, 11, 23)  # national assesses yearly: period 1 of 2026 has begun


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def frozen(monkeypatch: Any) -> None:
    monkeypatch.setattr(selectors, "today", lambda: TODAY)


def form_of(project: Project) -> tuple[FormItem, ...]:
    return selectors.project_form(project)


def full_points(project: Project, **overrides: str) -> dict[str, str]:
    points = {item.code: str(item.max_points) for item in form_of(project)}
    points.update(overrides)
    return points


def create(city: City, project: Project | None = None, **overrides: Any) -> ProjectAssessment:
    project = project or city.project_a
    user = "community_a" if project.node_path.startswith(city.street_a.path) else "street_b"
    data: dict[str, Any] = {
        "project_id": project.pk,
        "year": 2026,
        "quarter": 1,
        "points": full_points(project),
        "assessors": "李专干",
        "experts": "王工, 陈工",
        **overrides,
    }
    return services.assessment_create(actor=actor_for(city.users[user]), **data)


def published(city: City, **overrides: Any) -> ProjectAssessment:
    assessment = create(city, **overrides)
    for user, action in (("community_a", "submit"), ("street_a", "forward"), ("bureau", "publish")):
        services.assessment_act(
            actor=actor_for(city.users[user]), assessment_id=assessment.pk, action=action
        )
    assessment.refresh_from_db()
    return assessment


def pdf(name: str = "photo.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%evidence\n", content_type="application/pdf")


@pytest.fixture
def committee(city: City) -> OwnersCommittee:
    return OwnersCommittee.objects.create(
        project=city.project_a,
        kind=OwnersCommittee.Kind.OWNERS_COMMITTEE,
        term_start=dt.date(2024, 1, 1),
        term_end=dt.date(2028, 12, 31),
    )
