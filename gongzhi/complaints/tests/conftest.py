"""Fixtures of the complaints tests: actors of the test city, a PNG and a submit helper."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongzhi.accounts.selectors import actor_for
from gongzhi.complaints.models import Complaint
from gongzhi.complaints.services import complaint_submit
from gongzhi.core.scoping import Actor
from gongzhi.testing import City

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def png(name: str = "photo.png", data: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


@pytest.fixture
def actor(city: City) -> Callable[[str], Actor]:
    return lambda username: actor_for(city.users[username])


@pytest.fixture
def submit(city: City, actor: Callable[[str], Actor]) -> Callable[..., Complaint]:
    """``submit("service_quality")``: owner_1 complains about project A."""

    def _submit(category: str = "service_quality", **kwargs: Any) -> Complaint:
        values: dict[str, Any] = {
            "channel": "owner",
            "category": category,
            "description": "电梯坏了三天无人维修",
            "project": city.project_a,
            "place": "1栋1单元",
        }
        values.update(kwargs)
        who = values.pop("as_user", "owner_1")
        return complaint_submit(actor=actor(who), **values)

    return _submit
