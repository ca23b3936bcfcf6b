"""Helpers of the fee pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import Http404

from gongzhi.accounts.models import Role
from gongzhi.core.errors import NotFoundError
from gongzhi.core.scoping import Actor

PAGE_SIZE = 25
T = TypeVar("T")


def get_or_404(getter: Callable[..., T], **kwargs: Any) -> T:
    try:
        return getter(**kwargs)
    except NotFoundError:
        raise Http404 from None


def is_staff(actor: Actor) -> bool:
    return actor.has_role(Role.COMPANY_STAFF)
