"""Fixtures of the repairs tests: actors of the test city, workers, a PNG and helpers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.selectors import actor_for
from gongzhi.core.scoping import Actor
from gongzhi.registry.models import CompanyStaff
from gongzhi.repairs import services
from gongzhi.repairs.models import RepairRequest
from gongzhi.testing import City

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def png(name: str = "photo.png", data: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


@pytest.fixture
def actor(city: City) -> Callable[[str], Actor]:
    return lambda username: actor_for(city.users[username])


@pytest.fixture
def worker(city: City) -> CompanyStaff:
    return CompanyStaff.objects.create(
        company=city.company_1, name="刘师傅", role=CompanyStaff.Role.OTHER, phone="13907390001"
    )


@pytest.fixture
def other_worker(city: City) -> CompanyStaff:
    return CompanyStaff.objects.create(
        company=city.company_2, name="赵师傅", role=CompanyStaff.Role.OTHER
    )


@pytest.fixture
def request_repair(city: City, actor: Callable[[str], Actor]) -> Callable[..., RepairRequest]:
    """``request_repair()``: owner_1 asks for a repair in their home 1-1-101."""

    def _make(**kwargs: Any) -> RepairRequest:
        values: dict[str, Any] = {
            "place": "home",
            "part_id": city.part_a1.pk,
            "category": "plumbing",
            "description": "厨房下水道堵塞",
        }
        values.update(kwargs)
        who = values.pop("as_user", "owner_1")
        return services.repair_submit(actor=actor(who), **values)

    return _make
