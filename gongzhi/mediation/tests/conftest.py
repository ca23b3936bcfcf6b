"""Fixtures of the mediation tests: media in a temp dir, a fixed "today", a four-level
tree under the shaanxi-xixian profile (seed 004 §1), and case helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.models import Role, User
from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import user_create
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.services import jurisdiction_create
from gongzhi.mediation import services
from gongzhi.mediation.models import MediationCase
from gongzhi.registry.models import Project
from gongzhi.testing import PASSWORD, City

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


@dataclass
class Xixian:
    new_area: Jurisdiction
    new_city: Jurisdiction
    street: Jurisdiction
    community: Jurisdiction
    project: Project
    users: dict[str, User]


@pytest.fixture
def xixian(city: City) -> Xixian:
    """新区 → 新城 → 镇街 → 社区 (seed 004 §1), a project served by company 1."""
    new_area = jurisdiction_create(
        actor=None, name="西咸新区", level="new_area", profile_id="shaanxi-xixian"
    )
    new_city = jurisdiction_create(actor=None, name="沣东新城", level="new_city", parent=new_area)
    street = jurisdiction_create(actor=None, name="王寺街道", level="street", parent=new_city)
    community = jurisdiction_create(actor=None, name="西凤社区", level="community", parent=street)
    project = Project.objects.create(
        name="沣东花园",
        community=community,
        node_path=community.path,
        category=Project.Category.NEW,
        company=city.company_1,
    )
    users = {
        name: user_create(actor=None, username=name, password=PASSWORD, role=role, node=node)
        for name, role, node in (
            ("xx_community", Role.COMMUNITY_OFFICER, community),
            ("xx_street", Role.STREET_OFFICER, street),
            ("xx_new_city", Role.BUREAU, new_city),
            ("xx_new_area", Role.BUREAU, new_area),
        )
    }
    return Xixian(new_area, new_city, street, community, project, users)
