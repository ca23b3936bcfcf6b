"""Fixtures of the contract tests: a frozen clock, a private media folder, a four-level
Xixian city (seed 004 §1: 新区 → 新城 → 镇街 → 社区) and helpers that walk a contract through
the filing workflow with the real services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.models import Role, User
from gongzhi.accounts.selectors import actor_for
from gongzhi.accounts.services import user_create
from gongzhi.contracts import services
from gongzhi.contracts.models import ContractAttachment, ServiceContract
from gongzhi.jurisdictions.models import Jurisdiction
from gongzhi.jurisdictions.services import jurisdiction_create
from gongzhi.registry.models import Project
from gongzhi.testing import PASSWORD, City

TODAY = dt.date(2026, 11, 23)  # a Monday
PDF = b"%PDF-1.4\n%test contract\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def frozen(stop_clock: Any) -> Any:
    """Fix "today" of the contract rules (signing date check, deadlines, overdue list)."""
    return stop_clock(TODAY)


def pdf(name: str = "contract.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def contract_data(project: Project, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "project_id": project.pk,
        "kind": ServiceContract.Kind.REGULAR,
        "signed_on": dt.date(2026, 11, 2),
        "term_start": dt.date(2027, 1, 1),
        "term_end": dt.date(2029, 12, 31),
        "service_grade": "2",
        "fee_per_m2_month": Decimal("1.80"),
        "fee_mode": ServiceContract.FeeMode.LUMP_SUM,
    }
    data.update(overrides)
    return data


def api_data(project: Project, **overrides: Any) -> dict[str, Any]:
    return {
        k: (str(v) if isinstance(v, dt.date | Decimal) else v)
        for k, v in contract_data(project, **overrides).items()
    }


def draft(
    user: User, project: Project, *, attach: bool = True, **overrides: Any
) -> ServiceContract:
    actor = actor_for(user)
    contract = services.contract_create(actor=actor, **contract_data(project, **overrides))
    if attach:
        services.attachment_add(
            actor=actor,
            contract_id=contract.pk,
            kind=ContractAttachment.Kind.CONTRACT_TEXT,
            upload=pdf(),
        )
    return contract


def advance(contract: ServiceContract, *steps: tuple[User, str]) -> ServiceContract:
    for user, action in steps:
        contract = services.contract_act(
            actor=actor_for(user), contract_id=contract.pk, action=action, note="note"
        )
    return contract


def filed(city: City, project: Project | None = None, **overrides: Any) -> ServiceContract:
    c = draft(city.users["company_1"], project or city.project_a, **overrides)
    return advance(
        c,
        (city.users["company_1"], "submit"),
        (city.users["street_a"], "review"),
        (city.users["bureau"], "file"),
    )


@dataclass
class Xixian:
    new_area: Jurisdiction
    new_city: Jurisdiction
    street: Jurisdiction
    community: Jurisdiction
    project: Project
    users: dict[str, User]


# who signs in to the Xixian tree: (username, role, the level of the node they serve)
XIXIAN_USERS: tuple[tuple[str, str, str], ...] = (
    ("xx_bureau", Role.BUREAU, "new_city"),
    ("xx_street", Role.STREET_OFFICER, "street"),
)


def build_xixian(city: City, users: Iterable[tuple[str, str, str]] = XIXIAN_USERS) -> Xixian:
    """A four-level tree under the shaanxi-xixian profile, served by city.company_1, with
    ``users`` (username, role, level) at its nodes."""
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
    nodes = {"new_area": new_area, "new_city": new_city, "street": street, "community": community}
    accounts = {
        name: user_create(
            actor=None, username=name, password=PASSWORD, role=role, node=nodes[level]
        )
        for name, role, level in users
    }
    return Xixian(new_area, new_city, street, community, project, accounts)


@pytest.fixture
def xixian(city: City) -> Xixian:
    return build_xixian(city)
