"""Template filters: masking of personal data, money in fen, querystring helpers."""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

from gongzhi.rules.identity import mask_id_number, mask_phone

register = template.Library()


@register.filter
def masked_id(value: str | None) -> str:
    return mask_id_number(value or "")


@register.filter
def masked_phone(value: str | None) -> str:
    return mask_phone(value or "")


@register.simple_tag(takes_context=True)
def query_with(context: dict[str, Any], **changes: Any) -> str:
    """The current query string with some parameters replaced (for pagination links)."""
    request = context["request"]
    params: QueryDict = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + params.urlencode() if params else "?"


@register.filter
def changes(entry: Any) -> list[tuple[str, Any, Any]]:
    """An audit entry's changed fields as (field, before, after) rows."""
    before = entry.before or {}
    after = entry.after or {}
    keys = list(after) + [k for k in before if k not in after]
    return [(k, before.get(k), after.get(k)) for k in keys]
