"""Fixtures of the mediation tests: media in a temp dir, a fixed "today", a four-level
tree under the shaanxi-xixian profile (seed 004 §1), and case helpers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.models import Role
from gongzhi.accounts.selectors import actor_for
from gongzhi.contracts.tests.contracts_fixtures import Xixian, build_xixian
from gongzhi.mediation import services
from gongzhi.mediation.models import MediationCase
from gongzhi.testing import City

TODAY = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def frozen(stop_clock: Any) -> None:
    stop_clock(TODAY)


def pdf(name: str = "agreement.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n%agreement\n", content_type="application/pdf")


def open_case(city: City, user: str = "community_a", **overrides: Any) -> MediationCase:
    data: dict[str, Any] = {
        "project_id": city.project_a.pk,
        "subject": "楼顶漏水维修纠纷",
        "description": "业主反映楼顶漏水，物业服务企业称应使用专项维修资金。",
        "parties": [{"kind": "owner", "owner_id": city.owner_1.pk}, {"kind": "company"}],
        **overrides,
    }
    return services.case_create(actor=actor_for(city.users[user]), **data)


def session(city: City, case: MediationCase, user: str) -> None:
    services.session_add(
        actor=actor_for(city.users[user]),
        case_id=case.pk,
        held_on=TODAY,
        place="社区调解室",
        mediators="张调解员",
        minutes="双方陈述意见。",
    )


@pytest.fixture
def xixian(city: City) -> Xixian:
    """新区 → 新城 → 镇街 → 社区 (seed 004 §1), a project served by company 1, and an
    official at each level."""
    return build_xixian(
        city,
        users=(
            ("xx_community", Role.COMMUNITY_OFFICER, "community"),
            ("xx_street", Role.STREET_OFFICER, "street"),
            ("xx_new_city", Role.BUREAU, "new_city"),
            ("xx_new_area", Role.BUREAU, "new_area"),
        ),
    )
