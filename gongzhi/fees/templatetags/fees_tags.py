"""Template filters of the fee pages: fen as yuan, stored explanations translated."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext

from gongzhi.rules.money import format_fen

register = template.Library()


@register.filter
def fen(value: Any) -> str:
    """Integer fen as ``¥1,234.56`` (empty for None)."""
    return "" if value is None else format_fen(int(value))


@register.filter
def explain(data: Any) -> str:
    """A stored rules-core explanation ({message, params}) in the page's language."""
    if not isinstance(data, dict) or not data.get("message"):
        return ""
    params = data.get("params") or {}
    text = gettext(data["message"])
    return text % params if params else text
